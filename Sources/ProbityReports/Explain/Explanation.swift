import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Why a decision came out as it did: every rule of the scheme with whether it fired and why
/// (or why not), the report `probity check` gives, and, with a register, every person and
/// interest the conflicts screening considered.
public struct Explanation: Sendable {
    /// What happened to one rule.
    public enum Status: String, Sendable {
        /// In effect and its condition held: its requirements are in the report.
        case fired
        /// In effect, but a condition was false.
        case notFired = "not-fired"
        /// In effect, but its condition could not be decided for want of a field.
        case undecided
        /// Outside its effective period on the decision's date.
        case notInEffect = "not-in-effect"
    }

    public struct RuleVerdict: Sendable {
        public var rule: Report.RuleReference
        public var status: Status
        /// For `fired`, every condition that held; otherwise the first condition that was false
        /// (with the values compared), the condition left unknown, or the rule's period.
        public var reason: String
        /// For `undecided`: the fields the decision would have to give.
        public var missingFields: [String]
        /// What the rule requires when it fires ("approval by lcp-board").
        public var requires: [String]
    }

    public var decision: String
    public var date: Int32
    /// One verdict per rule, in rule order.
    public var rules: [RuleVerdict]
    /// The report, as `probity check` gives it.
    public var report: Report
    /// With a register: each person considered and why each interest did or did not count.
    public var conflicts: ConflictsExplanation?

    public func rules(_ status: Status) -> [RuleVerdict] { rules.filter { $0.status == status } }
}

/// Explains decisions against a compiled plan: each rule's condition is evaluated once, by the
/// plan's evaluator with a recording tracer, and its status and reason are read from that one
/// trace, so they cannot disagree with each other or with the report.
package struct Explainer: Sendable {
    public let plan: Plan
    let builder: ReportBuilder
    let wording: ConditionWording

    public init(plan: Plan) {
        self.plan = plan
        self.builder = ReportBuilder(plan: plan)
        self.wording = ConditionWording(plan: plan)
    }

    var program: Program { plan.program }

    /// Explains a decision. `report` is the report to show (e.g. with conflicts screened); by
    /// default it is built here from the rules alone.
    public func explain(_ decision: Decision, report: Report? = nil) -> Explanation {
        let report = report ?? builder.build(decision, plan.decide(decision))
        let verdicts = program.rules.indices.map { verdict(for: $0, decision) }
        return Explanation(decision: decision.id, date: decision.date, rules: verdicts, report: report, conflicts: nil)
    }

    /// Whether a rule fired, and why: the truth of its condition as the plan's evaluator traced
    /// it; the reason is the wording of the first conjunct it found false (or unknown), or of
    /// every conjunct when the rule fired.
    private func verdict(for index: Int, _ decision: Decision) -> Explanation.RuleVerdict {
        let rule = program.rules[index]
        var verdict = Explanation.RuleVerdict(rule: builder.reference(index), status: .fired, reason: "",
                                              missingFields: [], requires: requirements(of: rule))
        guard rule.isEffective(on: decision.date) else {
            verdict.status = .notInEffect
            verdict.reason = "not in effect on \(Day(number: decision.date).iso): \(builder.periodText(rule))"
            return verdict
        }
        guard let condition = rule.condition else {
            verdict.reason = "it has no condition: it applies to every decision in its period"
            return verdict
        }
        let (truth, trace) = plan.trace(rule: index, decision)
        let conjuncts = plan.conjunctNodes(ofRule: index)
        let first = { (wanted: Truth) in conjuncts.first { trace.truth(of: $0) == wanted } }
        switch truth {
        case .no:
            verdict.status = .notFired
            verdict.reason = first(.no).map { wording.reason($0, in: trace) } ?? ""
        case .unknown:
            verdict.status = .undecided
            verdict.reason = first(.unknown).map { wording.reason($0, in: trace) } ?? ""
            verdict.missingFields = condition.fieldsRead.filter { !decision.isPresent[$0] }.map { program.fields[$0].name }.sorted()
        case .yes:
            let reasons = conjuncts.map { wording.reason($0, in: trace) }
            verdict.reason = reasons.count <= 1 ? reasons.joined()
                : reasons.dropLast().joined(separator: ", ") + " and " + reasons[reasons.count - 1]
        }
        return verdict
    }

    private func requirements(of rule: Rule) -> [String] {
        var out: [String] = []
        if !rule.recommendations.isEmpty { out.append("recommendation by " + rule.recommendations.map { program.bodies[$0].id }.joined(separator: ", ")) }
        if !rule.approvals.isEmpty { out.append("approval by " + rule.approvals.map { program.bodies[$0].id }.joined(separator: ", ")) }
        if !rule.procedures.isEmpty { out.append("procedure " + rule.procedures.map { program.procedures[$0].id }.joined(separator: ", ")) }
        for notice in rule.notices {
            var text = "notice to \(program.bodies[notice.to].id)"
            if let period = notice.deemedApprovedAfter { text += ", deemed approved after \(period) without objection" }
            out.append(text)
        }
        return out
    }
}
