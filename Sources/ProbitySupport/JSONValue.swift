/// A JSON document, held exactly as it was written.
///
/// Two choices set this apart from Foundation's `JSONSerialization`:
/// - numbers keep their raw lexeme (`999999.99`, `1e6`), so money and
///   identifiers are never rounded through a `Double` — callers convert
///   with exact parsers such as `Money.parse`;
/// - objects keep their members in document order, so output can be
///   reproduced byte for byte and diagnostics can follow the source.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number, as its lexeme exactly as written (`-0.50`, `1e6`).
    /// When building values by hand, the text must be a valid JSON number;
    /// `JSONValue.integer(_:)` is a safe way to make one.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object's members in order. Keys are unique in anything that
    /// `JSONParser` produces.
    case object([(key: String, value: JSONValue)])
}

// MARK: - Equality

// Tuples cannot conform to protocols, so the synthesised `Equatable`
// is unavailable for `object` and equality is spelled out here.
extension JSONValue: Equatable {
    /// Structural equality. Member order matters, and numbers are compared
    /// by lexeme, so `1.0` and `1` are different values.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case let (.bool(a), .bool(b)):
            return a == b
        case let (.number(a), .number(b)):
            return a == b
        case let (.string(a), .string(b)):
            return a == b
        case let (.array(a), .array(b)):
            return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default:
            return false
        }
    }
}

// MARK: - Convenience

extension JSONValue {
    /// A number holding an integer, written in plain decimal digits.
    public static func integer<T: BinaryInteger>(_ value: T) -> JSONValue {
        .number(String(value))
    }

    /// The value of the first member named `key`, if this is an object
    /// that has one; `nil` otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The text, if this is a string.
    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The truth value, if this is a Boolean.
    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// The raw lexeme, if this is a number.
    public var numberText: String? {
        if case let .number(text) = self { return text }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(elements) = self { return elements }
        return nil
    }

    /// The members in order, if this is an object.
    public var objectValue: [(key: String, value: JSONValue)]? {
        if case let .object(members) = self { return members }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name for the kind of value, for diagnostics such as
    /// "expected a string, found an array".
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
