/// Clauses a declaration may have only once (a rule's `effective` and `source`, a body's
/// `committee of`, …). The declaration keeps one value for each, so a second clause would
/// otherwise replace the first without a word: it is an error (P1502) instead, pointing at the
/// second, noting the first, with a fix-it that removes the second.
struct OnceClauses {
    /// Each clause seen so far, by its keyword, and where it was.
    private var first: [String: SourceRange] = [:]

    /// Records the clause `keyword` at `range`; the earlier one's range if it was seen before.
    mutating func record(_ keyword: String, at range: SourceRange) -> SourceRange? {
        if let earlier = first[keyword] { return earlier }
        first[keyword] = range
        return nil
    }
}

extension Parser {
    /// Notes that the clause `keyword`, which began at `start` and has just been parsed, may
    /// appear once in `declaration` (`the rule `R1``); reports P1502 when it is the second.
    mutating func once(_ keyword: String, from start: Token, in clauses: inout OnceClauses, of declaration: @autoclosure () -> String) {
        let clause = range(from: start)
        guard let earlier = clauses.record(keyword, at: clause) else { return }
        diagnostics.append(.error(
            .clauseGivenTwice, "\(declaration()) has a second `\(keyword)` clause; it may have only one, and the second would replace the first",
            at: clause, notes: [DiagnosticNote("the first `\(keyword)` is here", at: earlier)],
            fixIt: FixIt(message: "remove the second `\(keyword)`, or the first if this one is right", range: clause, replacement: "")))
    }
}
