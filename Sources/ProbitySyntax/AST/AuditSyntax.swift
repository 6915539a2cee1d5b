/// The `audit` block: how `probity audit` reads a history of decisions and a register.
///
/// ```
/// audit
///   split window 12 months
///   split sum value
///   split by counterparty, requirement
///   review declarations every 12 months
/// ```
public struct AuditSyntax: Sendable {
    /// How far apart the first and last decisions of a split series may be.
    public var splitWindow: Duration?
    /// The money field a split series adds up (`value` when not given).
    public var splitSum: Name?
    /// The fields that make decisions one series (`counterparty` when not given).
    public var splitBy: [Name]
    /// How old a person's latest declaration may be before the register is out of date.
    public var declarationReview: Duration?
    public var source: StringLiteral?
    public var range: SourceRange

    public init(splitWindow: Duration? = nil, splitSum: Name? = nil, splitBy: [Name] = [],
                declarationReview: Duration? = nil, source: StringLiteral? = nil, range: SourceRange) {
        self.splitWindow = splitWindow
        self.splitSum = splitSum
        self.splitBy = splitBy
        self.declarationReview = declarationReview
        self.source = source
        self.range = range
    }
}
