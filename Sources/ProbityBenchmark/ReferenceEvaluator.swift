/// What a decision of the generated workload must come to, worked out the obvious way.
///
/// Independent of the engine on purpose: it reads the generator's arrays with plain loops and
/// shares no code with the plan, the rule index, the condition program or the screener. It
/// knows the policy the generator wrote (bands `(lower, upper]`, procedures `value >= minimum
/// and date < cut-off`, financial → exclude, indirect → no-vote, any other relevant interest →
/// declare, an ended interest counting for ``Workload/lookBackDays`` more days), not the rules.
public struct ReferenceEvaluator: Sendable {
    /// The answer to one decision, in a form both sides can be brought to.
    public struct Answer: Equatable, Sendable, CustomStringConvertible {
        /// Body ids whose approval is required, sorted.
        public var approvers: [String]
        /// Procedure ids required, sorted.
        public var procedures: [String]
        /// Committee members with a relevant interest, as "name=level", sorted.
        public var recusals: [String]

        public init(approvers: [String], procedures: [String], recusals: [String]) {
            self.approvers = approvers
            self.procedures = procedures
            self.recusals = recusals
        }

        public var description: String {
            "approvers \(approvers), procedures \(procedures), recusals \(recusals)"
        }
    }

    public let workload: Workload

    public init(workload: Workload) {
        self.workload = workload
    }

    /// The answer for decision `index`; without `conflicts`, recusals are left empty.
    public func answer(_ index: Int, conflicts: Bool) -> Answer {
        let decision = workload.decisions[index]
        var approvers: [String] = []
        for band in workload.bands[decision.kind] where band.lower < decision.value && decision.value <= band.upper {
            for body in band.approvers where !approvers.contains(workload.bodies[body]) {
                approvers.append(workload.bodies[body])
            }
        }
        var procedures: [String] = []
        let procedure = workload.procedures[decision.kind]
        if decision.value >= procedure.minimum && decision.date < procedure.cutOff {
            procedures.append("tender-" + workload.kinds[decision.kind])
        }
        var recusals: [String] = []
        if conflicts {
            for member in decision.committee {
                var level = 0
                for interest in workload.people[member].interests where interest.organisation == decision.supplier {
                    if decision.date < interest.validFrom { continue }
                    if let to = interest.validTo, decision.date > to + Workload.lookBackDays { continue }
                    switch interest.kind {
                    case .financial: level = max(level, 3)
                    case .indirect: level = max(level, 2)
                    case .nonFinancialProfessional, .nonFinancialPersonal: level = max(level, 1)
                    }
                }
                if level > 0 {
                    recusals.append(workload.people[member].name + "=" + ["", "declare", "no-vote", "exclude"][level])
                }
            }
        }
        return Answer(approvers: approvers.sorted(), procedures: procedures.sorted(), recusals: recusals.sorted())
    }
}
