import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Turns the rules that fired for a decision into a ``Report``: requirements collected,
/// de-duplicated and ordered, the outcome decided, near misses explained.
public struct ReportBuilder: Sendable {
    public let plan: Plan
    /// The plan's program, held here so the hot path reads its arrays in place.
    let program: Program
    let explainer: ConditionExplainer
    /// How many near misses a `no-authority` report lists.
    public static let nearMissCount = 3

    /// Per rule: how reports cite it, worked out once (a citation needs the rule's line).
    let references: [Report.RuleReference]
    /// The `decided_by` field, when the scheme declares it as a body.
    let deciderField: Int?
    /// Per body: its depth in the delegation tree.
    let bodyDepths: [Int]
    /// The rules that require an approval, in rule order: the candidates for near misses.
    let approvingRules: [Int]

    public init(plan: Plan) {
        self.plan = plan
        self.program = plan.program
        self.bodyDepths = plan.program.bodies.map(\.depth)
        self.approvingRules = plan.program.rules.indices.filter { !plan.program.rules[$0].approvals.isEmpty }
        self.explainer = ConditionExplainer(program: plan.program)
        let program = plan.program
        self.deciderField = program.fieldIndex["decided_by"].flatMap { program.fields[$0].type == .body ? $0 : nil }
        self.references = program.rules.map { r in
            Report.RuleReference(id: r.id, title: r.title, location: program.sources.citation(of: r.range), citation: r.source)
        }
    }


    public func reference(_ rule: Int) -> Report.RuleReference {
        references[rule]
    }

    /// Builds the approvals part of a report (conflicts are added by the screener).
    public func build(_ decision: Decision, _ matches: RuleMatches) -> Report {
        var report = Report(decision: decision.id, date: decision.date, outcome: .authorised, scheme: program.scheme)
        let fired = matches.fired.map(Int.init)
        report.rulesFired = fired.map(reference)
        let approvers = collectRequirements(fired, decision, into: &report)
        report.undecided = matches.undecided.map(Int.init).map { rule in
            let missing = (program.rules[rule].condition?.fieldsRead ?? []).filter { !decision.isPresent[$0] }
            return Report.Undecided(rule: reference(rule), missingFields: missing.map { program.fields[$0].name }.sorted())
        }
        decideOutcome(decision, approvers: approvers, into: &report)
        return report
    }

    /// Collects the requirements of the fired rules; returns the bodies whose approval is required.
    private func collectRequirements(_ fired: [Int], _ decision: Decision, into report: inout Report) -> [Int] {
        // Keyed by (action, body): the first rule in rule order is cited, all are listed. A
        // decision fires a handful of rules, so small arrays searched in place beat hashing.
        var approvals: [(body: Int, approval: Report.Approval)] = []
        var procedures: [(procedure: Int, requirement: Report.ProcedureRequirement)] = []
        var notices: [(to: Int, notice: Report.Notice)] = []
        for rule in fired {
            let r = program.rules[rule]
            for (bodies, action) in [(r.recommendations, Report.Action.recommend), (r.approvals, .approve)] {
                for body in bodies {
                    if let at = approvals.firstIndex(where: { $0.body == body && $0.approval.action == action }) {
                        approvals[at].approval.rules.append(r.id)
                    } else {
                        approvals.append((body, Report.Approval(by: program.bodies[body].id, byTitle: program.bodies[body].title,
                                                                action: action, rule: reference(rule), rules: [r.id])))
                    }
                }
            }
            for procedure in r.procedures where !procedures.contains(where: { $0.procedure == procedure }) {
                procedures.append((procedure, Report.ProcedureRequirement(id: program.procedures[procedure].id,
                                                                          title: program.procedures[procedure].title, rule: reference(rule))))
            }
            for notice in r.notices {
                let candidate = makeNotice(notice, rule: rule, decision: decision)
                // Two rules asking for the same notice: the longer period is the safe one.
                if let at = notices.firstIndex(where: { $0.to == notice.to }) {
                    if (notices[at].notice.deemedApprovedOn ?? .min) >= (candidate.deemedApprovedOn ?? .min) { continue }
                    notices[at].notice = candidate
                } else {
                    notices.append((notice.to, candidate))
                }
            }
        }
        // Recommendations before approvals; lower bodies (deeper in the tree) before higher ones.
        let depths = bodyDepths
        let ordered = approvals.map { (recommend: $0.approval.action == .recommend, depth: depths[$0.body], entry: $0) }
            .sorted { a, b in
                if a.recommend != b.recommend { return a.recommend }
                if a.depth != b.depth { return a.depth > b.depth }
                return a.entry.approval.by < b.entry.approval.by
            }
        report.approvals = ordered.map(\.entry.approval)
        report.procedures = procedures.map(\.requirement).sorted { $0.id < $1.id }
        report.notices = notices.map(\.notice).sorted { $0.to < $1.to }
        return ordered.compactMap { $0.entry.approval.action == .approve ? $0.entry.body : nil }
    }

    private func makeNotice(_ notice: NoticeRequirement, rule: Int, decision: Decision) -> Report.Notice {
        let body = program.bodies[notice.to]
        var entry = Report.Notice(to: body.id, toTitle: body.title, deemedApprovedAfter: notice.deemedApprovedAfter,
                                  deemedApprovedAfterDays: nil, deemedApprovedOn: nil, rule: reference(rule))
        if let period = notice.deemedApprovedAfter {
            let start = Day(number: decision.date)
            let end: Day
            switch period.unit {
            case .days: end = start.adding(days: period.amount)
            case .workingDays: end = start.adding(workingDays: period.amount)
            case .months: end = start.adding(months: period.amount)
            case .years: end = start.adding(years: period.amount)
            }
            entry.deemedApprovedOn = end.number
            entry.deemedApprovedAfterDays = period.unit == .days ? period.amount : Int(end.number - start.number)
        }
        return entry
    }

    private func decideOutcome(_ decision: Decision, approvers: [Int], into report: inout Report) {
        if let deciderField, decision.isPresent[deciderField] {
            let decider = Int(decision.scalars[deciderField])
            report.decidedBy = program.bodies[decider].id
            let mayDecide = !program.bodies[decider].isAdvisory && approvers.contains { program.isAtOrAbove(decider, $0) }
            if approvers.isEmpty {
                report.outcome = .noAuthority
            } else if !mayDecide {
                report.outcome = .wrongDecider
                let body = program.bodies[decider]
                let why = body.advises.map { "it only advises `\(program.bodies[$0].id)` and may not decide" }
                    ?? "it is neither a required approver nor above one in the delegation tree"
                report.findings.append(Report.Finding(
                    severity: .error, code: "P1001",
                    message: "`\(body.id)` may not take this decision: \(why); expected one of \(approvers.map { "`\(program.bodies[$0].id)`" }.joined(separator: ", ")) or a body above them",
                    isBlocking: true))
            }
        } else if approvers.isEmpty {
            report.outcome = .noAuthority
        }
        if report.outcome == .noAuthority {
            report.nearMisses = nearMisses(decision)
            report.findings.append(Report.Finding(severity: .error, code: "P1002",
                                                  message: "no rule authorises this decision; nobody may approve it as proposed",
                                                  isBlocking: true))
        }
    }

    /// The approving rules that came nearest to firing: most conditions met, then rule order.
    ///
    /// Every approving rule is scored through the plan (how many of its conjuncts hold, and the
    /// first that does not); only the few reported are explained in words.
    public func nearMisses(_ decision: Decision) -> [Report.NearMiss] {
        // failed: the first conjunct that does not hold, or -1 for a rule not in effect.
        var scored: [(rule: Int, met: Int, failed: Int)] = []
        for index in approvingRules {
            if decision.date < plan.effectiveFrom[index] || decision.date > plan.effectiveUntil[index] {
                scored.append((index, -1, -1))
                continue
            }
            guard plan.roots[index] >= 0 else { continue }
            var met = 0
            var failed: Int?
            for conjunct in plan.conjunctRoots[index].indices {
                if plan.truth(ofConjunct: conjunct, rule: index, decision) == .yes {
                    met += 1
                } else if failed == nil {
                    failed = conjunct
                }
            }
            guard let failed else { continue }
            scored.append((index, met, failed))
        }
        return scored.sorted { $0.met != $1.met ? $0.met > $1.met : $0.rule < $1.rule }
            .prefix(ReportBuilder.nearMissCount)
            .map { entry in
                let rule = program.rules[entry.rule]
                let reason = entry.failed < 0
                    ? "not in effect on \(Day(number: decision.date).iso) (\(periodText(rule)))"
                    : explainer.explain(rule.condition!.conjuncts[entry.failed], decision).reason
                return Report.NearMiss(rule: reference(entry.rule), reason: reason)
            }
    }

    func periodText(_ rule: Rule) -> String {
        switch (rule.effectiveFrom, rule.effectiveUntil) {
        case let (from?, until?): "effective from \(Day(number: from).iso) until \(Day(number: until).iso)"
        case let (from?, nil): "effective from \(Day(number: from).iso)"
        case let (nil, until?): "effective until \(Day(number: until).iso)"
        case (nil, nil): "always effective"
        }
    }
}
