/// A name as written in a rule file, with where it was written.
public struct Name: Hashable, Sendable {
    public var symbol: Symbol
    public var text: String
    public var range: SourceRange

    public init(symbol: Symbol, text: String, range: SourceRange) {
        self.symbol = symbol
        self.text = text
        self.range = range
    }
}

/// A string literal with its range.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    public var range: SourceRange

    public init(value: String, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A length of time, as written: `5 days`, `8 working days`, `6 months`.
public struct Duration: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable {
        case days, workingDays = "working days", months, years
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String {
        let unitText = amount == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue
        return "\(amount) \(unitText)"
    }
}

/// `effective from A until B`; either end may be open. Both ends are inclusive.
public struct EffectivePeriod: Hashable, Sendable {
    public var from: Int32?
    public var until: Int32?
    public var range: SourceRange

    public init(from: Int32?, until: Int32?, range: SourceRange) {
        self.from = from
        self.until = until
        self.range = range
    }
}
