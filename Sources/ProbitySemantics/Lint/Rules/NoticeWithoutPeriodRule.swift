import ProbitySyntax

/// P0906: a notice with no deemed-approval period: the rule says who must be told but not after
/// how long silence counts as consent, so the decision cannot proceed on the notice alone.
public struct NoticeWithoutPeriodRule: LintRule {
    public let code: DiagnosticCode = .noticeWithoutPeriod
    public let summary = "a notice with no deemed-approval period"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (index, rule) in program.rules.enumerated() {
            let missing = rule.notices.filter { $0.deemedApprovedAfter == nil }
            guard !missing.isEmpty else { continue }
            let clauses = space.layout.rules[index]?.notices.filter { !$0.deemed } ?? []
            let expected = "expected `deemed approved after N days without objection`"
            if clauses.isEmpty {
                let names = missing.map { "`\(program.bodies[$0.to].id)`" }
                findings.append(LintFinding(.warning(code, "rule `\(rule.id)` requires notice to \(DecisionSpace.list(names, "and")) with no deemed-approval period; \(expected)",
                                                     at: rule.range), rules: [index]))
            }
            for clause in clauses {
                let names = clause.names.map { "`\($0)`" }
                findings.append(LintFinding(.warning(code, "notice to \(DecisionSpace.list(names, "and")) has no deemed-approval period; \(expected)",
                                                     at: clause.range,
                                                     notes: [DiagnosticNote("in rule `\(rule.id)`", at: rule.range)]),
                                            rules: [index]))
            }
        }
        return findings
    }
}
