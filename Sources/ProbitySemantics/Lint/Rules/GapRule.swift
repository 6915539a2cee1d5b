import ProbitySyntax

/// P0901: decisions nobody may approve.
///
/// For each value of the enumeration most approving rules split on (normally `kind`), the
/// decisions of that kind no approving rule covers: the kind's box minus the union of the
/// approving rules' boxes, over the fields those rules test. Decisions that leave out a field the
/// rules test are not counted as gaps (the report asks for the field instead), unless a rule
/// tests the field with `is present`. A kind no rule approves at all gets one finding.
public struct GapRule: LintRule {
    public let code = "P0901"
    public let summary = "decisions of a kind for which no rule gives an approval"
    /// Gaps shown per kind; the last finding says how many more there are.
    public var limit = 10

    public init() {}

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
        // Rules too complex to analyse are taken to cover everything: no gap is claimed near them.
        let relevant = approving.filter { regions[$0].boxes.map { Boxes.intersects($0, [kind]) } ?? true }
        if relevant.isEmpty {
            guard let label else { return [] }
            let anyRule = program.rules.indices.filter { regions[$0].boxes.map { Boxes.intersects($0, [kind]) } ?? false }
            let range = space.layout.enumerationValues[label.field]?[label.value]
                ?? space.dimensions[label.split].field.flatMap { program.fields[$0].range }
            return [LintFinding(.warning(code, "no rule approves any `\(label.field) = \(label.value)` decision",
                                         at: range, notes: anyRule.prefix(3).map { DiagnosticNote("rule `\(program.rules[$0].id)` applies to such decisions but requires \(DecisionSpace.requirements(of: program.rules[$0], in: program))", at: program.rules[$0].range) }),
                                rules: anyRule)]
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
        if relevant.contains(where: { regions[$0].boxes == nil }) { return [] }
        let covered = relevant.flatMap { regions[$0].boxes ?? [] }
        var gaps = Boxes.subtract([target], covered)
        guard !gaps.isEmpty else { return [] }
        let order = space.displayOrder
        func key(_ box: Box) -> [Int64] {
            order.map { d in box.sets[d].intervals.first?.lowerBound ?? .max }
        }
        gaps.sort { key($0).lexicographicallyPrecedes(key($1)) }
        var findings: [LintFinding] = []
        for (index, gap) in gaps.prefix(limit).enumerated() {
            var words = space.describe(gap, within: target, skip: label.map { [$0.split] } ?? [], program: program)
            if let label { words.insert(label.value, at: 0) }
            if words.isEmpty { words = ["every decision"] }
            // The rules next to the gap: those that meet it when it is widened by one in every amount.
            var widened = gap
            for d in widened.sets.indices where space.dimensions[d].isOrdered {
                widened.sets[d] = widened.sets[d].widened(within: space.dimensions[d].domain)
            }
            let near = relevant.filter { Boxes.intersects(regions[$0].boxes ?? [], [widened]) }
            let blamed = near.isEmpty ? [relevant[0]] : near
            var notes = blamed.prefix(3).map { rule in
                DiagnosticNote("next to rule `\(program.rules[rule].id)`, which requires \(DecisionSpace.requirements(of: program.rules[rule], in: program))",
                               at: rule == blamed[0] ? nil : program.rules[rule].range)
            }
            if index == limit - 1, gaps.count > limit, let label {
                notes.append(DiagnosticNote("and \(gaps.count - limit) more gap\(gaps.count - limit == 1 ? "" : "s") for `\(label.field) = \(label.value)`"))
            }
            findings.append(LintFinding(.warning(code, "\(DecisionSpace.joinPhrases(words)): nobody may approve",
                                                 at: program.rules[blamed[0]].range, notes: notes),
                                        rules: blamed))
        }
        return findings
    }
}
