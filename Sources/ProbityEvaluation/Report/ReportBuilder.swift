import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Turns the rules that fired for a decision into a ``Report``: requirements collected,
/// de-duplicated and ordered, the outcome decided, near misses explained.
public struct ReportBuilder: Sendable {
    public let plan: Plan
    let explainer: ConditionExplainer
    /// How many near misses a `no-authority` report lists.
    public static let nearMissCount = 3

    public init(plan: Plan) {
        self.plan = plan
        self.explainer = ConditionExplainer(program: plan.program)
    }

    var program: Program { plan.program }

    public func reference(_ rule: Int) -> Report.RuleReference {
        let r = program.rules[rule]
        return Report.RuleReference(id: r.id, title: r.title, location: program.sources.citation(of: r.range), citation: r.source)
    }

    /// Builds the approvals part of a report (conflicts are added by the screener).
    public func build(_ decision: Decision, _ matches: RuleMatches) -> Report {
        var report = Report(decision: decision.id, date: decision.date, outcome: .authorised, scheme: program.scheme)
        let fired = matches.fired.map(Int.init)
        report.rulesFired = fired.map(reference)
        collectRequirements(fired, decision, into: &report)
        report.undecided = matches.undecided.map(Int.init).map { rule in
            let missing = (program.rules[rule].condition?.fieldsRead ?? []).filter { !decision.isPresent[$0] }
            return Report.Undecided(rule: reference(rule), missingFields: missing.map { program.fields[$0].name }.sorted())
        }
        decideOutcome(decision, into: &report)
        return report
    }

    private func collectRequirements(_ fired: [Int], _ decision: Decision, into report: inout Report) {
        // Keyed by (action, body): the first rule in rule order is cited, all are listed.
        var approvals: [String: Report.Approval] = [:]
        var procedures: [Int: Report.ProcedureRequirement] = [:]
        var notices: [Int: Report.Notice] = [:]
        for rule in fired {
            let r = program.rules[rule]
            for (bodies, action) in [(r.recommendations, Report.Action.recommend), (r.approvals, .approve)] {
                for body in bodies {
                    let key = "\(action.rawValue) \(body)"
                    if approvals[key] == nil {
                        approvals[key] = Report.Approval(by: program.bodies[body].id, byTitle: program.bodies[body].title,
                                                         action: action, rule: reference(rule), rules: [])
                    }
                    approvals[key]!.rules.append(r.id)
                }
            }
            for procedure in r.procedures where procedures[procedure] == nil {
                procedures[procedure] = Report.ProcedureRequirement(id: program.procedures[procedure].id,
                                                                    title: program.procedures[procedure].title, rule: reference(rule))
            }
            for notice in r.notices {
                let candidate = makeNotice(notice, rule: rule, decision: decision)
                // Two rules asking for the same notice: the longer period is the safe one.
                if let existing = notices[notice.to], (existing.deemedApprovedOn ?? .min) >= (candidate.deemedApprovedOn ?? .min) { continue }
                notices[notice.to] = candidate
            }
        }
        let depth: (String) -> Int = { id in program.bodyIndex[id].map { program.bodies[$0].depth } ?? 0 }
        report.approvals = approvals.values.sorted { a, b in
            // Recommendations before approvals; lower bodies (deeper in the tree) before higher ones.
            if a.action != b.action { return a.action == .recommend }
            if depth(a.by) != depth(b.by) { return depth(a.by) > depth(b.by) }
            return a.by < b.by
        }
        report.procedures = procedures.values.sorted { $0.id < $1.id }
        report.notices = notices.values.sorted { $0.to < $1.to }
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

    private func decideOutcome(_ decision: Decision, into report: inout Report) {
        let approvers = report.approvals.filter { $0.action == .approve }.compactMap { program.bodyIndex[$0.by] }
        if let deciderField = program.fieldIndex["decided_by"], program.fields[deciderField].type == .body,
           decision.isPresent[deciderField] {
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
    public func nearMisses(_ decision: Decision) -> [Report.NearMiss] {
        var scored: [(rule: Int, met: Int, reason: String)] = []
        for (index, rule) in program.rules.enumerated() where !rule.approvals.isEmpty {
            if !rule.isEffective(on: decision.date) {
                scored.append((index, -1, "not in effect on \(Day(number: decision.date).iso) (\(periodText(rule)))"))
                continue
            }
            guard let condition = rule.condition else { continue }
            let parts = condition.conjuncts.map { explainer.explain($0, decision) }
            let met = parts.filter { $0.truth == .yes }.count
            guard let failed = parts.first(where: { $0.truth != .yes }) else { continue }
            scored.append((index, met, failed.reason))
        }
        return scored.sorted { $0.met != $1.met ? $0.met > $1.met : $0.rule < $1.rule }
            .prefix(ReportBuilder.nearMissCount)
            .map { Report.NearMiss(rule: reference($0.rule), reason: $0.reason) }
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
