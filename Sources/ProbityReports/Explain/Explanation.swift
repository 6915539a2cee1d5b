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

/// Explains decisions against a compiled plan.
package struct Explainer: Sendable {
    public let plan: Plan
    let builder: ReportBuilder
    let conditions: ConditionExplainer

    public init(plan: Plan) {
        self.plan = plan
        self.builder = ReportBuilder(plan: plan)
        self.conditions = ConditionExplainer(program: plan.program)
    }

    var program: Program { plan.program }

    /// Explains a decision. `report` is the report to show (e.g. with conflicts screened); by
    /// default it is built here from the rules alone.
    public func explain(_ decision: Decision, report: Report? = nil) -> Explanation {
        let report = report ?? builder.build(decision, plan.decide(decision))
        let verdicts = program.rules.indices.map { verdict(for: $0, decision) }
        return Explanation(decision: decision.id, date: decision.date, rules: verdicts, report: report, conflicts: nil)
    }

    /// Whether a rule fired, as the compiled plan evaluates its conjuncts (the evaluator every
    /// report uses), worded by the explainer: the reason is the wording of the first conjunct
    /// the plan found false (or unknown), so status and reason cannot disagree.
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
        let conjuncts = condition.conjuncts
        let truths = conjuncts.indices.map { plan.truth(ofConjunct: $0, rule: index, decision) }
        if let failed = truths.firstIndex(of: .no) {
            verdict.status = .notFired
            verdict.reason = conditions.explain(conjuncts[failed], decision).reason
        } else if let unknown = truths.firstIndex(of: .unknown) {
            verdict.status = .undecided
            verdict.reason = conditions.explain(conjuncts[unknown], decision).reason
            verdict.missingFields = condition.fieldsRead.filter { !decision.isPresent[$0] }.map { program.fields[$0].name }.sorted()
        } else {
            let reasons = conjuncts.map { conditions.explain($0, decision).reason }
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
