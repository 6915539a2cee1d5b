import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// A decision kind's delegation ladder: along a money field, which rule asks whom to recommend,
/// approve or be given notice, where no rule gives authority, and which limits are placeholders — as of a date
/// and with any other fields the reader fixes. Rendered by ``Ladder/svg`` (and as text by
/// ``Ladder/mermaid`` and ``Ladder/dot``).
public struct Ladder: Sendable {
    /// One case of one rule: a range of the money field and who must act there.
    public struct Band: Sendable {
        public var ruleID: String
        public var title: String
        public var range: ValueRange
        /// Bodies whose approval the rule requires: (id, title).
        public var approvals: [(id: String, title: String)]
        public var recommendations: [(id: String, title: String)]
        /// Bodies the rule gives notice to, with the silence after which it is deemed approved.
        public var notices: [(id: String, title: String, deemedApprovedAfter: String?)]
        /// Conditions of the rule not decided by the fixed fields, as the rule file writes them.
        public var open: [String]
        /// Placeholder constants the rule's condition uses.
        public var placeholders: [String]
        public var citation: String?
        public var location: String
    }

    /// A limit drawn across the ladder.
    public struct Threshold: Sendable, Equatable {
        public var pence: Int64
        /// The placeholder constants whose value it is, if any.
        public var placeholders: [String]
    }

    public var kind: String
    public var day: Day
    public var moneyField: String
    /// The fixed fields as `field = value`, in the order given.
    public var assumptions: [String]
    public var bands: [Band]
    /// Ranges where no rule requires any approval, whatever the open conditions.
    public var gaps: [ValueRange]
    /// Ranges where approval depends on open conditions: covered only by bands that have some.
    public var conditionalGaps: [ValueRange]
    public var thresholds: [Threshold]
    /// Rules about the kind that the ladder could not draw (too many cases), by id.
    public var undrawn: [String]

    /// Why a ladder cannot be drawn as asked.
    public struct Problem: Error, Sendable, Equatable {
        public var code: DiagnosticCode
        public var message: String
    }

    /// Builds the ladder for decisions of `kind` on `day`, with `assuming` fields fixed
    /// (`["budget": "icb-delegated"]`, in order) along the money field `field` (default `value`).
    public static func build(program: Program, kind: String, on day: Day, assuming: [(field: String, value: String)],
                             field: String = "value") -> Result<Ladder, Problem> {
        guard let kindField = program.fieldIndex["kind"], case .enumeration(let kinds) = program.fields[kindField].type else {
            return .failure(Problem(code: .graphFieldUnknown, message: "the rules have no enumerated `kind` field to draw a ladder for"))
        }
        guard let kindValue = kinds.firstIndex(of: kind) else {
            return .failure(Problem(code: .ladderKindUnknown, message: "unknown decision kind `\(kind)`; expected one of \(kinds.joined(separator: ", "))"))
        }
        guard let moneyField = program.fieldIndex[field], program.fields[moneyField].type == .money else {
            return .failure(Problem(code: .graphFieldUnknown, message: "field `\(field)` is not a money field of the rules"))
        }
        var fixed: [Int: Int64] = [kindField: Int64(kindValue), Field.dateIndex: Int64(day.number)]
        for assumption in assuming {
            switch fixedValue(program, assumption.field, assumption.value) {
            case .failure(let problem): return .failure(problem)
            case .success(let (index, value)):
                if index == moneyField || index == kindField {
                    return .failure(Problem(code: .graphWhereValue, message: "`--where \(assumption.field)=…` cannot fix the ladder's own field; draw the ladder of another kind instead"))
                }
                fixed[index] = value
            }
        }
        let partial = PartialCondition(program: program, moneyField: moneyField, fixed: fixed)
        let placeholders = Placeholders(program: program)
        var bands: [Band] = []
        var undrawn: [String] = []
        for (index, rule) in program.rules.enumerated() where rule.isEffective(on: day.number) {
            guard !rule.approvals.isEmpty || !rule.recommendations.isEmpty || !rule.notices.isEmpty else { continue }
            guard let cases = partial.cases(rule.condition) else {
                undrawn.append(rule.id)
                continue
            }
            for drawn in cases {
                // A money placeholder marks the band only where it is the band's own limit.
                let limits = [drawn.range.lower?.value, drawn.range.upper?.value].compactMap { $0 }
                let resting = placeholders.byRule[index].filter { entry in
                    guard let constant = program.constants.first(where: { $0.name == entry.name }) else { return false }
                    if case .money(let pence) = constant.value { return limits.contains(pence) }
                    return true
                }
                bands.append(Band(
                    ruleID: rule.id, title: rule.title, range: drawn.range,
                    approvals: rule.approvals.map { (program.bodies[$0].id, program.bodies[$0].title) },
                    recommendations: rule.recommendations.map { (program.bodies[$0].id, program.bodies[$0].title) },
                    notices: rule.notices.map { (program.bodies[$0.to].id, program.bodies[$0.to].title, $0.deemedApprovedAfter.map(\.description)) },
                    open: drawn.open, placeholders: resting.map(\.name),
                    citation: rule.source, location: program.sources.citation(of: rule.range)))
            }
        }
        let approving = bands.filter { !$0.approvals.isEmpty }
        let gaps = ValueRange.uncovered(by: approving.map(\.range))
        let unconditional = ValueRange.uncovered(by: approving.filter { $0.open.isEmpty }.map(\.range))
        let conditional = unconditional.flatMap { part in
            // What unconditional bands leave open, less what no band covers at all.
            gaps.reduce([part]) { pieces, gap in pieces.flatMap { piece in gap.complement.map { piece.intersection($0) }.filter { !$0.isEmpty } } }
        }
        return .success(Ladder(
            kind: kind, day: day, moneyField: field, assumptions: assuming.map { "\($0.field) = \($0.value)" },
            bands: bands, gaps: gaps, conditionalGaps: conditional,
            thresholds: thresholds(bands, program: program), undrawn: undrawn))
    }

    private static func fixedValue(_ program: Program, _ name: String, _ text: String) -> Result<(Int, Int64), Problem> {
        guard let index = program.fieldIndex[name] else {
            return .failure(Problem(code: .graphFieldUnknown, message: "unknown field `\(name)` in `--where`; expected a field of the rules"))
        }
        let type = program.fields[index].type
        let bad = Problem(code: .graphWhereValue, message: "`\(text)` is not a value of field `\(name)` (\(type))")
        switch type {
        case .enumeration(let values):
            guard let ordinal = values.firstIndex(of: text) else { return .failure(bad) }
            return .success((index, Int64(ordinal)))
        case .body:
            guard let body = program.bodyIndex[text] else { return .failure(bad) }
            return .success((index, Int64(body)))
        case .organisation:
            guard let organisation = program.organisationIndex[text] ?? program.organisations.firstIndex(where: { $0.name == text }) else {
                return .failure(bad)
            }
            return .success((index, Int64(organisation)))
        case .date:
            guard let day = Day.parseISO(text) else { return .failure(bad) }
            return .success((index, Int64(day.number)))
        case .money:
            guard let money = Money.parse(text) else { return .failure(bad) }
            return .success((index, money.pence))
        case .number:
            guard let number = Int64(text) else { return .failure(bad) }
            return .success((index, number))
        case .text, .set:
            return .failure(Problem(code: .graphWhereValue, message: "field `\(name)` (\(type)) cannot be fixed with `--where`; only enumerations, bodies, organisations, dates, money and numbers"))
        }
    }

    /// Every finite limit the bands use, with the placeholders whose value it is.
    private static func thresholds(_ bands: [Band], program: Program) -> [Threshold] {
        var byValue: [Int64: Set<String>] = [:]
        for band in bands {
            for bound in [band.range.lower, band.range.upper].compactMap({ $0 }) {
                var names = byValue[bound.value] ?? []
                for name in band.placeholders {
                    if let constant = program.constants.first(where: { $0.name == name }), case .money(let pence) = constant.value, pence == bound.value {
                        names.insert(name)
                    }
                }
                byValue[bound.value] = names
            }
        }
        return byValue.keys.sorted().map { Threshold(pence: $0, placeholders: byValue[$0]!.sorted()) }
    }
}
