import ProbitySyntax

/// P0902: two rules that give approval to different bodies for the same decisions.
///
/// Every matching rule fires, so both approvals would be required; that is often meant (a
/// national reservation and a local delegation) and then one of the rules says
/// `overlaps OTHER because "…"`. Rules requiring the same approvers never overlap in this sense.
public struct OverlapRule: LintRule {
    public let code = "P0902"
    public let summary = "two rules give approval to different bodies for the same decisions"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        let approving = program.rules.indices.filter {
            !program.rules[$0].approvals.isEmpty && !(space.regions[$0].boxes?.isEmpty ?? true)
        }
        var findings: [LintFinding] = []
        for (position, j) in approving.enumerated() {
            for i in approving[..<position] {
                let a = program.rules[i], b = program.rules[j]
                guard Set(a.approvals) != Set(b.approvals),
                      !a.intendedOverlaps.contains(j), !b.intendedOverlaps.contains(i) else { continue }
                let shared = Boxes.simplify(Boxes.intersect(space.regions[i].boxes!, space.regions[j].boxes!))
                guard let first = shared.first else { continue }
                let words = space.describe(first, within: space.universe, program: program)
                let where_ = words.isEmpty ? "every decision" : DecisionSpace.joinPhrases(words)
                let more = shared.count > 1 ? " (and \(shared.count - 1) other case\(shared.count == 2 ? "" : "s"))" : ""
                var notes = [
                    DiagnosticNote("rule `\(a.id)` requires \(DecisionSpace.requirements(of: a, in: program))", at: a.range),
                    DiagnosticNote("rule `\(b.id)` requires \(DecisionSpace.requirements(of: b, in: program))"),
                ]
                let opaque = space.regions[i].opaque + space.regions[j].opaque
                if !opaque.isEmpty {
                    notes.append(DiagnosticNote("assuming \(DecisionSpace.list(Array(Set(opaque)).sorted(), "and")) can hold together with the other conditions"))
                }
                notes.append(DiagnosticNote("if both approvals are meant, say so: `overlaps \(a.id) because \"…\"`"))
                findings.append(LintFinding(.warning(code, "rules `\(a.id)` and `\(b.id)` both apply to \(where_)\(more), but give approval to different bodies",
                                                     at: b.range, notes: notes),
                                            rules: [j, i]))
            }
        }
        return findings
    }
}
