import ProbitySyntax

/// P0910: the analysis stopped before it was finished, because a budget (`--max-nodes`,
/// `--max-time`) ran out. The other lint rules report nothing that rests on the rules they
/// could not analyse; this finding says so, and names them.
///
/// Runs last: it reads what the other lint rules recorded in the space's ledger.
public struct IncompleteAnalysisRule: LintRule {
    public let code: DiagnosticCode = .analysisIncomplete
    public let summary = "the analysis was not finished within its budget"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        let rules = space.ledger.unanalysed.sorted()
        guard !rules.isEmpty else { return [] }
        let ruleNames = rules.prefix(5).map { "`\(program.rules[$0].id)`" } + (rules.count > 5 ? ["\(rules.count - 5) more"] : [])
        var notes = [DiagnosticNote("not analysed: \(DecisionSpace.list(ruleNames, "and"))")]
        let checks = space.ledger.stoppedChecks.sorted()
        let names: [DiagnosticCode: String] = [.gap: "gaps (\(DiagnosticCode.gap))", .overlap: "overlaps (\(DiagnosticCode.overlap))", .shadowedRule: "shadowed rules (\(DiagnosticCode.shadowedRule))"]
        if !checks.isEmpty { notes.append(DiagnosticNote("stopped early: \(DecisionSpace.list(checks.map { names[$0] ?? $0.description }, "and"))")) }
        notes.append(DiagnosticNote("no gap, overlap, dead or shadowed rule that depends on them is reported; raise `--max-nodes` or `--max-time` to analyse them"))
        return [LintFinding(.warning(code, "analysis incomplete: \(rules.count) rule\(rules.count == 1 ? "" : "s") not analysed within the budget of \(Self.grouped(space.diagram.nodeLimit)) diagram nodes and \(space.diagram.timeLimitDescription)", at: nil,
                                     notes: notes),
                            rules: [])]
    }

    /// 2000000 as "2,000,000".
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }
}
