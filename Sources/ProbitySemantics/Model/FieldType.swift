import ProbitySyntax

/// The type of a decision field after checking.
public indirect enum FieldType: Hashable, Sendable, CustomStringConvertible {
    case money, date, number, text, organisation, body
    /// An enumeration: its values, in declaration order (a value's index is its ordinal).
    case enumeration([String])
    case set(FieldType)

    /// Whether `<`, `<=`, `>`, `>=` and intervals apply.
    public var isOrdered: Bool {
        switch self {
        case .money, .date, .number: true
        default: false
        }
    }

    public var elementType: FieldType? {
        if case .set(let element) = self { return element }
        return nil
    }

    public var description: String {
        switch self {
        case .money: "money"
        case .date: "date"
        case .number: "number"
        case .text: "text"
        case .organisation: "organisation"
        case .body: "body"
        case .enumeration(let values):
            values.count <= 4 ? "one of \(values.joined(separator: ", "))" : "one of \(values.prefix(3).joined(separator: ", ")), …"
        case .set(let element): "set of \(element)"
        }
    }
}

/// A declared decision field. Fields are numbered: the number is the field's slot in a
/// compiled decision. `id` is always field 0 and `date` field 1.
public struct Field: Sendable {
    public var name: String
    public var type: FieldType
    public var isRequired: Bool
    /// Nil for the built-in `id` and `date`.
    public var range: SourceRange?

    public static let idIndex = 0
    public static let dateIndex = 1
}
