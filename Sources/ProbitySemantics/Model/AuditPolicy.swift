import ProbitySyntax

/// What the `audit` block says, checked: how `probity audit` looks for split contracts and
/// how old a declaration may get.
public struct AuditPolicy: Sendable {
    /// How far apart the first and last decisions of a split series may be; nil: no split search.
    public var splitWindow: Duration?
    /// The money field a series adds up (an index into the program's fields).
    public var splitSum: Int?
    /// The fields that make decisions one series; a decision that leaves one out forms its
    /// series with the others that leave it out.
    public var splitBy: [Int]
    /// How old a person's latest declaration may be; nil: not checked.
    public var declarationReview: Duration?
    public var source: String?
    /// Nil when the program has no `audit` block and these are the defaults.
    public var range: SourceRange?

    public init(splitWindow: Duration?, splitSum: Int?, splitBy: [Int], declarationReview: Duration?,
                source: String?, range: SourceRange?) {
        self.splitWindow = splitWindow
        self.splitSum = splitSum
        self.splitBy = splitBy
        self.declarationReview = declarationReview
        self.source = source
        self.range = range
    }
}
