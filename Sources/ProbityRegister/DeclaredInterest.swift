import ProbitySupport

/// One interest on a register: one row, or one continuation row, of the
/// published declarations.
public struct DeclaredInterest: Sendable, Equatable {
    /// The kind of interest, `unspecified` if the type was blank or unreadable.
    public var type: InterestType
    /// The type as written on the register, trimmed.
    public var typeText: String
    /// The free-text "Nature of interest", which is often the only place the
    /// related organisation is named.
    public var nature: String
    /// The first day the interest held; `nil` when not given.
    public var validFrom: Day?
    /// The last day the interest held; `nil` while it continues.
    public var validTo: Day?
    /// The line of the register the interest was read from (0 for JSON
    /// registers, which have no useful line numbers).
    public var line: Int

    public init(type: InterestType, typeText: String, nature: String,
                validFrom: Day? = nil, validTo: Day? = nil, line: Int = 0) {
        self.type = type
        self.typeText = typeText
        self.nature = nature
        self.validFrom = validFrom
        self.validTo = validTo
        self.line = line
    }

    /// Whether the interest counts on `day`.
    ///
    /// An interest counts from its start (or always, with no start given)
    /// until `graceEnd(validTo)`: the rules may say an ended interest still
    /// counts for a while (`look back 6 months`), and `graceEnd` turns the
    /// end date into the last day it counts. With no end it still holds.
    public func isInForce(on day: Day, graceEnd: (Day) -> Day) -> Bool {
        if let from = validFrom, day < from { return false }
        if let to = validTo, graceEnd(to) < day { return false }
        return true
    }
}
