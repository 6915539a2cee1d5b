import ProbitySupport

/// A value for one field of a decision built in Swift (``Engine/decision(id:date:_:)``).
///
/// A string literal stands for whatever the field takes as text: an enumeration value, a body's
/// id, an organisation's name, or money and dates as a decision file writes them (`"£1.2m"`,
/// `"2025-06-01"`); an array literal for a set. The engine checks each value against the
/// field's declared type, as it checks a decision file.
public enum DecisionValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    /// Text, read as the field's type reads it.
    case text(String)
    /// A sum of money, in pence.
    case money(Money)
    /// A date, as a day number.
    case day(Day)
    /// A whole number.
    case number(Int64)
    /// A set of texts, for a field that takes a set.
    case list([String])

    /// `"…"` stands for ``text(_:)``.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `42` stands for ``number(_:)``.
    public init(integerLiteral value: Int64) { self = .number(value) }
    /// `["…", "…"]` stands for ``list(_:)``.
    public init(arrayLiteral elements: String...) { self = .list(elements) }

    /// The value as a decision file would give it, for the one decoder every decision goes
    /// through.
    var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .money(let money): .string(money.plainDecimal)
        case .day(let day): .string(day.iso)
        case .number(let number): .number(String(number))
        case .list(let items): .array(items.map(JSONValue.string))
        }
    }
}
