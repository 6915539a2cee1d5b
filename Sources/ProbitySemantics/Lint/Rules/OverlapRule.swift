import ProbitySupport
import ProbitySyntax

/// P0902: two rules that give approval to different bodies for the same decisions.
///
/// Every matching rule fires, so both approvals would be required; that is often meant (a
/// national reservation and a local delegation) and then one of the rules says
/// `overlaps OTHER because "…"`. Rules requiring the same approvers never overlap in this sense.
/// Only pairs whose bounding boxes meet (``DecisionSpace/rulePairsWithMeetingBounds(_:)``) are
/// compared by diagram.
public struct OverlapRule: LintRule {
    public let code: DiagnosticCode = .overlap
    public let summary = "two rules give approval to different bodies for the same decisions"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        let approving = program.rules.indices.filter {
            !program.rules[$0].approvals.isEmpty && space.regions[$0].bounds != nil
        }
        let approvers = program.rules.map { Set($0.approvals) }
        var findings: [LintFinding] = []
        // In the order of the later rule, then the earlier: the order findings were always made in.
        let pairs = space.rulePairsWithMeetingBounds(approving).sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        for (i, j) in pairs {
            let a = program.rules[i], b = program.rules[j]
            guard approvers[i] != approvers[j], !a.intendedOverlaps.contains(j), !b.intendedOverlaps.contains(i) else { continue }
            let shared: DiagramNode
            do {
                shared = try space.diagram.and(space.regions[i].node!, space.regions[j].node!)
            } catch {
                space.ledger.stopped(code, rules: [i, j])
                continue
            }
            guard shared != DecisionDiagram.empty else { continue }
            let (boxes, complete) = space.regions(of: shared)
            let sorted = space.sortedForDisplay(boxes)
            guard let first = sorted.first else { continue }
            let where_ = space.describeRegion(first, within: space.universe, program: program)
            let others = sorted.count - 1
            let more = !complete ? " (and more than \(others) other cases)"
                : others > 0 ? " (and \(others) other case\(others == 1 ? "" : "s"))" : ""
            var notes = [
                DiagnosticNote("rule `\(a.id)` requires \(DecisionSpace.requirements(of: a, in: program))", at: a.range),
                DiagnosticNote("rule `\(b.id)` requires \(DecisionSpace.requirements(of: b, in: program))"),
            ]
            let opaque = space.regions[i].opaque + space.regions[j].opaque
            if !opaque.isEmpty {
                notes.append(DiagnosticNote("assuming \(DecisionSpace.list(Array(Set(opaque)).sorted(), "and")) can hold together with the other conditions"))
            }
            let witness = space.witness(in: first, program: program, id: "lint-overlap")
            notes.append(DiagnosticNote(witness.map { "for example \(JSONWriter.compact($0))" } ?? space.whyNoWitness(for: first)))
            notes.append(DiagnosticNote("if both approvals are meant, say so: `overlaps \(a.id) because \"…\"`"))
            var finding = LintFinding(.warning(code, "rules `\(a.id)` and `\(b.id)` both apply to \(where_)\(more), but give approval to different bodies",
                                               at: b.range, notes: notes),
                                      rules: [j, i])
            finding.regions = sorted
            finding.witness = witness
            // Without an example the overlap may rest on conditions that cannot hold together: not proved, so a note.
            if witness == nil { finding.diagnostic.severity = .note }
            findings.append(finding)
        }
        return findings
    }
}
