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

    /// The longest period a rule may name in each unit (100 years), with the unit's words:
    /// periods are added to decision dates, and the bound keeps that arithmetic in range.
    public static func maximum(_ unit: Unit) -> (amount: Int, words: String) {
        switch unit {
        case .days: (36_525, "days")
        case .workingDays: (26_100, "working days")
        case .months: (1_200, "months")
        case .years: (100, "years")
        }
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
