import ProbitySyntax

/// P0904: a rule that adds nothing. Whenever it applies another rule applies too, and that
/// rule already requires everything this one does (every matching rule fires and requirements
/// are collected without repetition, so removing the rule changes no outcome).
public struct ShadowedRule: LintRule {
    public let code = "P0904"
    public let summary = "a rule that adds nothing: another rule covering it requires everything it does"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        var findings: [LintFinding] = []
        for a in program.rules.indices {
            guard let boxes = space.regions[a].boxes, !boxes.isEmpty else { continue }
            let rule = program.rules[a]
            // A rule that requires nothing is the checker's P0403, not a shadow.
            guard !(rule.approvals.isEmpty && rule.recommendations.isEmpty && rule.procedures.isEmpty && rule.notices.isEmpty) else { continue }
            for b in program.rules.indices where b != a {
                guard let other = space.regions[b].boxes, !other.isEmpty else { continue }
                let cover = program.rules[b]
                guard covers(cover, rule), Boxes.isSubset(boxes, of: other) else { continue }
                // Two identical rules: report only the later one.
                if b > a, covers(rule, cover), Boxes.isSubset(other, of: boxes) { continue }
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

    /// Whether `cover` requires everything `rule` requires.
    func covers(_ cover: Rule, _ rule: Rule) -> Bool {
        Set(rule.approvals).isSubset(of: cover.approvals) && Set(rule.recommendations).isSubset(of: cover.recommendations)
            && Set(rule.procedures).isSubset(of: cover.procedures) && Set(rule.notices).isSubset(of: cover.notices)
    }
}
