extension Parser {
    /// `audit` followed by `split window`, `split sum`, `split by`, `review declarations every`
    /// and `source` clauses, each at most once (a repeated clause replaces the earlier one and
    /// the checker says so).
    mutating func parseAudit(_ start: Token) -> AuditSyntax {
        var audit = AuditSyntax(range: range(from: start))
        parseClauses(of: "the `audit` block",
                     expected: "`split window`, `split sum`, `split by`, `review declarations every` or `source`") { p in
            if p.isKeyword("split") {
                p.advance()
                if p.isKeyword("window") {
                    p.advance()
                    audit.splitWindow = p.parseDuration()
                } else if p.isKeyword("sum") {
                    p.advance()
                    audit.splitSum = p.expectName("the money field a split series adds up")
                } else if p.isKeyword("by") {
                    p.advance()
                    audit.splitBy = p.nameList("a decision field that makes decisions one series")
                } else {
                    p.expectKeyword("window", "after `split` (or `sum`, `by`)")
                    p.skipRestOfLine()
                }
            } else if p.isKeyword("review") {
                p.advance()
                p.expectKeyword("declarations", "after `review`")
                p.expectKeyword("every", "after `review declarations`")
                audit.declarationReview = p.parseDuration()
            } else if p.isKeyword("source") {
                audit.source = p.parseSource()
            } else {
                return false
            }
            return true
        }
        audit.range = range(from: start)
        return audit
    }
}
