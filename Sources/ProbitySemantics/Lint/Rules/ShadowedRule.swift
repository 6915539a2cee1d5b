import ProbitySyntax

/// P0904: a rule that adds nothing. Whenever it applies another rule applies too, and that
/// rule already requires everything this one does (every matching rule fires and requirements
/// are collected without repetition, so removing the rule changes no outcome).
public struct ShadowedRule: LintRule {
    public let code: DiagnosticCode = .shadowedRule
    public let summary = "a rule that adds nothing: another rule covering it requires everything it does"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        var findings: [LintFinding] = []
        let diagram = space.diagram
        let required = program.rules.map(Requirements.init)
        // Only rules whose bounds meet can cover one another: for each rule, the candidates in
        // rule order, as every pair was once tried.
        var candidates = [[Int]](repeating: [], count: program.rules.count)
        for (x, y) in space.rulePairsWithMeetingBounds(Array(program.rules.indices)) {
            candidates[x].append(y)
            candidates[y].append(x)
        }
        for a in program.rules.indices {
            guard let node = space.regions[a].node, let bounds = space.regions[a].bounds else { continue }
            let rule = program.rules[a]
            // A rule that requires nothing is the checker's P0403, not a shadow.
            guard !(rule.approvals.isEmpty && rule.recommendations.isEmpty && rule.procedures.isEmpty && rule.notices.isEmpty) else { continue }
            for b in candidates[a].sorted() {
                guard let other = space.regions[b].node, let otherBounds = space.regions[b].bounds,
                      bounds.isSubset(of: otherBounds), required[a].isSubset(of: required[b]) else { continue }
                let cover = program.rules[b]
                do {
                    guard try diagram.isSubset(node, of: other) else { continue }
                    // Two identical rules: report only the later one.
                    if b > a, required[b].isSubset(of: required[a]), node == other { continue }
                } catch {
                    space.ledger.stopped(code, rules: [a, b])
                    continue
                }
                findings.append(LintFinding(
                    .warning(code, "rule `\(rule.id)` adds nothing: whenever it applies, rule `\(cover.id)` applies too and already requires \(DecisionSpace.requirements(of: rule, in: program))",
                             at: rule.range,
                             notes: [DiagnosticNote("rule `\(cover.id)` requires \(DecisionSpace.requirements(of: cover, in: program))", at: cover.range)]),
                    rules: [a]))
                break
            }
        }
        return findings
    }

    /// What a rule requires, as sets, built once per rule.
    struct Requirements {
        var approvals, recommendations, procedures: Set<Int>
        var notices: Set<NoticeRequirement>

        init(_ rule: Rule) {
            approvals = Set(rule.approvals)
            recommendations = Set(rule.recommendations)
            procedures = Set(rule.procedures)
            notices = Set(rule.notices)
        }

        /// Whether `cover` requires everything this requires.
        func isSubset(of cover: Requirements) -> Bool {
            approvals.isSubset(of: cover.approvals) && recommendations.isSubset(of: cover.recommendations)
                && procedures.isSubset(of: cover.procedures) && notices.isSubset(of: cover.notices)
        }
    }
}
