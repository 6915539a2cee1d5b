import ProbitySupport
import ProbitySyntax

/// P0901: decisions nobody may approve.
///
/// For each value of the enumeration most approving rules split on (normally `kind`), the
/// decisions of that kind no approving rule covers: the kind's decisions minus the union of the
/// approving rules' diagrams, over the fields those rules test, read back as the fewest boxes
/// the diagram gives (one finding each). Decisions that leave out a field the rules test are not
/// counted as gaps (the report asks for the field instead), unless a rule tests the field with
/// `is present`. A kind no rule approves at all gets one finding. While an approving rule is not
/// analysed (the budget ran out) no gap is reported: nothing unproved is.
public struct GapRule: LintRule {
    public let code: DiagnosticCode = .gap
    public let summary = "decisions of a kind for which no rule gives an approval"
    /// Gaps shown per kind; the last finding says how many more there are.
    public var limit: Int

    public init(limit: Int = 10) {
        self.limit = limit
    }

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        let approving = program.rules.indices.filter { !program.rules[$0].approvals.isEmpty }
        guard !approving.isEmpty else { return [] }
        guard let split = splitDimension(program, space, approving) else {
            return gaps(in: space.universe, label: nil, program, space, approving)
        }
        let dimension = space.dimensions[split]
        guard case .categorical(let values) = dimension.kind, let field = dimension.field else { return [] }
        var findings: [LintFinding] = []
        for (ordinal, value) in values.enumerated() {
            let kind = space.box(split, IntervalSet(Int64(ordinal)...Int64(ordinal)))
            let label = (split: split, field: program.fields[field].name, value: value)
            findings += gaps(in: kind, label: label, program, space, approving)
        }
        return findings
    }

    /// The enumeration most approving rules test; `kind` on a tie.
    func splitDimension(_ program: Program, _ space: DecisionSpace, _ approving: [Int]) -> Int? {
        var best: (count: Int, isKind: Bool, d: Int)?
        for d in space.dimensions.indices {
            guard let f = space.dimensions[d].field, case .enumeration = program.fields[f].type else { continue }
            let count = approving.filter { space.regions[$0].dimensions.contains(d) }.count
            guard count > 0 else { continue }
            let isKind = program.fields[f].name == "kind"
            if best == nil || (count, isKind ? 1 : 0, -d) > (best!.count, best!.isKind ? 1 : 0, -best!.d) {
                best = (count, isKind, d)
            }
        }
        return best?.d
    }

    func gaps(in kind: Box, label: (split: Int, field: String, value: String)?, _ program: Program, _ space: DecisionSpace,
              _ approving: [Int]) -> [LintFinding] {
        let regions = space.regions
        let diagram = space.diagram
        do {
            try diagram.checkBudget()
            let kindNode = try space.diagramNode(of: kind)
            // A rule not analysed might cover any part of the kind: claim no gap in it.
            let unanalysed = approving.filter { !regions[$0].isAnalysed }
            if !unanalysed.isEmpty { return [] }
            var relevant: [Int] = []
            for rule in approving where regions[rule].bounds?.intersects(kind) ?? false {
                if try diagram.intersects(regions[rule].node!, kindNode) { relevant.append(rule) }
            }
            if relevant.isEmpty {
                guard let label else { return [] }
                var anyRule: [Int] = []
                for rule in program.rules.indices where regions[rule].bounds?.intersects(kind) ?? false {
                    if try diagram.intersects(regions[rule].node!, kindNode) { anyRule.append(rule) }
                }
                let range = space.layout.enumerationValues[label.field]?[label.value]
                    ?? space.dimensions[label.split].field.flatMap { program.fields[$0].range }
                var finding = LintFinding(.warning(code, "no rule approves any `\(label.field) = \(label.value)` decision",
                                                   at: range, notes: anyRule.prefix(3).map { DiagnosticNote("rule `\(program.rules[$0].id)` applies to such decisions but requires \(DecisionSpace.requirements(of: program.rules[$0], in: program))", at: program.rules[$0].range) }),
                                          rules: anyRule)
                finding.regions = [kind]
                finding.witness = space.witness(in: kind, program: program, id: "lint-gap")
                return [finding]
            }
            // The space to cover: the kind, with every field the relevant rules test given.
            var tested = relevant.reduce(into: Set<Int>()) { $0.formUnion(regions[$1].dimensions) }
            let dateDomain = space.dimensions[space.dateDimension].present
            if relevant.contains(where: { space.period(of: program.rules[$0]) != dateDomain }) { tested.insert(space.dateDimension) }
            if let label { tested.remove(label.split) }
            var target = kind
            for d in tested {
                let presenceMatters = relevant.contains { regions[$0].presenceTested.contains(d) }
                target.sets[d] = target.sets[d].intersection(IntervalSet(space.dimensions[d].domain, missing: presenceMatters))
            }
            let covered = try diagram.union(relevant.map { regions[$0].node! })
            let gapNode = try diagram.subtracting(space.diagramNode(of: target), covered)
            guard gapNode != DecisionDiagram.empty else { return [] }
            let (boxes, complete) = space.regions(of: gapNode)
            return try describe(space.sortedForDisplay(boxes), complete: complete, target: target, label: label, relevant: relevant, program, space)
        } catch {
            space.ledger.stopped(code, rules: approving.filter { !regions[$0].isAnalysed || (regions[$0].bounds?.intersects(kind) ?? false) })
            return []
        }
    }

    func describe(_ gaps: [Box], complete: Bool, target: Box, label: (split: Int, field: String, value: String)?, relevant: [Int],
                  _ program: Program, _ space: DecisionSpace) throws(BudgetExceeded) -> [LintFinding] {
        let regions = space.regions
        var findings: [LintFinding] = []
        for gap in gaps.prefix(limit) {
            let words = space.describeRegion(gap, within: target, skip: label.map { [$0.split] } ?? [], lead: label?.value, program: program)
            // The rules next to the gap: those that meet it when it is widened by a cell in every amount.
            let widened = try space.diagramNode(of: space.widenedByACell(gap))
            var near: [Int] = []
            for rule in relevant where try space.diagram.intersects(regions[rule].node!, widened) { near.append(rule) }
            let blamed = near.isEmpty ? [relevant[0]] : near
            let notes = blamed.prefix(3).map { rule in
                DiagnosticNote("next to rule `\(program.rules[rule].id)`, which requires \(DecisionSpace.requirements(of: program.rules[rule], in: program))",
                               at: rule == blamed[0] ? nil : program.rules[rule].range)
            }
            var finding = LintFinding(.warning(code, "\(words): nobody may approve",
                                               at: program.rules[blamed[0]].range, notes: notes),
                                      rules: blamed)
            finding.regions = [gap]
            finding.witness = space.witness(in: gap, program: program, id: "lint-gap")
            finding.diagnostic.notes.append(DiagnosticNote(finding.witness.map { "for example \(JSONWriter.compact($0))" } ?? space.whyNoWitness(for: gap)))
            // Without an example the gap may rest on conditions that cannot hold together: not proved, so a note.
            if finding.witness == nil { finding.diagnostic.severity = .note }
            findings.append(finding)
        }
        let hidden = gaps.count - findings.count
        if hidden > 0 || !complete, let last = findings.indices.max(by: { Linter.sourceKey(findings[$0]) < Linter.sourceKey(findings[$1]) }) {
            // Everything not shown still belongs to some finding's regions, so that the findings
            // together say exactly what is uncovered.
            findings[last].regions += gaps.dropFirst(limit)
            let count = complete ? "\(hidden)" : "more than \(hidden)"
            let of = label.map { " for `\($0.field) = \($0.value)`" } ?? ""
            findings[last].diagnostic.notes.append(DiagnosticNote("and \(count) more gap\(hidden == 1 && complete ? "" : "s")\(of)"))
        }
        return findings
    }
}
