import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Turns a ``Verdict`` into a ``Report``: indices become ids, titles and citations; a decision
/// that may not proceed gets findings that say why, and near misses when nothing authorises it.
///
/// A class: it holds many tables, and the closures that build a report capture it; as a
/// reference it is shared by one count, not copied table by table on every report (which,
/// with two threads writing reports, was a fifth of their work).
public final class ReportBuilder: Sendable {
    public let plan: Plan
    /// The plan's program, held here so the hot path reads its arrays in place.
    let program: Program
    let explainer: ConditionExplainer
    /// How many near misses a `no-authority` report lists.
    public static let nearMissCount = 3

    /// Per rule: how reports cite it, worked out once (a citation needs the rule's line).
    let references: [Report.RuleReference]
    /// The rules that require an approval, in rule order: the candidates for near misses.
    let approvingRules: [Int]

    public init(plan: Plan) {
        self.plan = plan
        self.program = plan.program
        self.approvingRules = plan.program.rules.indices.filter { !plan.program.rules[$0].approvals.isEmpty }
        self.explainer = ConditionExplainer(program: plan.program)
        let program = plan.program
        self.references = program.rules.map { r in
            Report.RuleReference(id: r.id, title: r.title, location: program.sources.citation(of: r.range), citation: r.source)
        }
    }


    public func reference(_ rule: Int) -> Report.RuleReference {
        references[rule]
    }

    /// Decides `decision` and builds its report (conflicts are added by the screener).
    public func build(_ decision: Decision) -> Report {
        build(decision, plan.decide(decision))
    }

    /// Turns a verdict into the report a person or a tool reads: every index becomes the id,
    /// title and source citation it stands for.
    public func build(_ decision: Decision, _ verdict: Verdict) -> Report {
        var report = Report(decision: decision.id, date: decision.date, outcome: verdict.outcome, scheme: program.scheme)
        let fired = verdict.matches.fired.map(Int.init)
        report.rulesFired = fired.map(reference)
        report.approvals = verdict.approvals.map { approval in
            let body = Int(approval.body)
            // Every fired rule that requires it, not only the first, which is the one cited.
            let table = approval.action == .approve ? plan.requirements.approvals : plan.requirements.recommendations
            let rules = fired.filter { table[$0].contains(approval.body) }
            return Report.Approval(by: program.bodies[body].id, byTitle: program.bodies[body].title, action: approval.action,
                                   rule: reference(Int(approval.rule)), rules: rules.map { references[$0].id })
        }
        report.procedures = verdict.procedures.map { entry in
            let procedure = program.procedures[Int(entry.procedure)]
            return Report.ProcedureRequirement(id: procedure.id, title: procedure.title, rule: reference(Int(entry.rule)))
        }
        report.notices = verdict.notices.map { entry in
            let body = program.bodies[Int(entry.to)]
            let period = program.rules[Int(entry.rule)].notices.first { $0.to == Int(entry.to) }?.deemedApprovedAfter
            // Calendar days to the deemed-approval date: the period itself when it is in days.
            let days = entry.deemedApprovedOn.map { Int($0 - decision.date) }
            return Report.Notice(to: body.id, toTitle: body.title, deemedApprovedAfter: period, deemedApprovedAfterDays: days,
                                 deemedApprovedOn: entry.deemedApprovedOn, rule: reference(Int(entry.rule)))
        }
        report.undecided = verdict.matches.undecided.map(Int.init).map { rule in
            let missing = (program.rules[rule].condition?.fieldsRead ?? []).filter { !decision.isPresent[$0] }
            return Report.Undecided(rule: reference(rule), missingFields: missing.map { program.fields[$0].name }.sorted())
        }
        report.decidedBy = verdict.decider.map { program.bodies[Int($0)].id }
        addOutcomeFindings(decision, verdict, into: &report)
        addExistenceFindings(decision, verdict, into: &report)
        addCalendarFindings(decision, report: &report)
        return report
    }

    /// Working days counted where the rules' calendar does not know the bank holidays (or with
    /// no calendar at all) skip weekends only: the report says so (P1012), so a deemed-approval
    /// date is never silently a bank holiday short.
    private func addCalendarFindings(_ decision: Decision, report: inout Report) {
        for notice in report.notices {
            guard let period = notice.deemedApprovedAfter, period.unit == .workingDays, let on = notice.deemedApprovedOn else { continue }
            if let calendar = program.calendar {
                guard !calendar.covers(decision.date, on) else { continue }
                let known = [calendar.coversFrom.map { "from \(Day(number: $0).iso)" }, calendar.coversUntil.map { "until \(Day(number: $0).iso)" }]
                    .compactMap { $0 }.joined(separator: " ")
                report.findings.append(Report.Finding(severity: .note, code: "P1012",
                    message: "the notice to `\(notice.to)` counts \(period) to \(Day(number: on).iso), outside the days the calendar \"\(calendar.name)\" knows (\(known)): bank holidays there are not skipped",
                    isBlocking: false))
            } else {
                report.findings.append(Report.Finding(severity: .note, code: "P1012",
                    message: "the notice to `\(notice.to)` counts \(period) skipping weekends only: the rules give no `calendar` of bank holidays",
                    isBlocking: false))
            }
        }
    }

    /// A body that did not exist on the decision's date can neither take the decision nor
    /// approve or recommend it (P1010, blocking); when nothing authorises the decision, the
    /// bodies of the nearest rules that did not yet (or no longer) exist are named (P1011).
    private func addExistenceFindings(_ decision: Decision, _ verdict: Verdict, into report: inout Report) {
        let day = decision.date
        var named: [Int] = verdict.approvals.map { Int($0.body) }
        if let decider = verdict.decider { named.append(Int(decider)) }
        var seen: Set<Int> = []
        for index in named where seen.insert(index).inserted && !program.bodies[index].exists(on: day) {
            report.findings.append(Report.Finding(severity: .error, code: "P1010",
                message: "\(existence(of: index)); it cannot take or authorise a decision dated \(Day(number: day).iso)", isBlocking: true))
        }
        guard verdict.outcome == .noAuthority else { return }
        for nearMiss in report.nearMisses {
            guard let rule = program.ruleIndex[nearMiss.rule.id] else { continue }
            for index in program.rules[rule].approvals where seen.insert(index).inserted && !program.bodies[index].exists(on: day) {
                report.findings.append(Report.Finding(severity: .note, code: "P1011",
                    message: "\(existence(of: index)), so it could not approve a decision dated \(Day(number: day).iso)", isBlocking: false))
            }
        }
    }

    /// "the NHS South East London ICB Board (`icb-board`) was established on 2022-07-01".
    func existence(of index: Int) -> String {
        let body = program.bodies[index]
        let name = "the \(body.title) (`\(body.id)`)"
        if let from = body.existsFrom, let until = body.existsUntil {
            return "\(name) existed from \(Day(number: from).iso) until \(Day(number: until).iso)"
        }
        if let from = body.existsFrom { return "\(name) was established on \(Day(number: from).iso)" }
        if let until = body.existsUntil { return "\(name) existed until \(Day(number: until).iso)" }
        return "\(name) exists"
    }

    /// Says why a decision may not proceed: the wrong decider (and who may decide), or no
    /// authority (and the rules that came nearest).
    private func addOutcomeFindings(_ decision: Decision, _ verdict: Verdict, into report: inout Report) {
        switch verdict.outcome {
        case .authorised:
            break
        case .wrongDecider:
            guard let decider = verdict.decider.map(Int.init) else { break }
            let body = program.bodies[decider]
            let why = body.advises.map { _ in "it only advises \(body.advised.map { "`\(program.bodies[$0].id)`" }.joined(separator: " and ")) and may not decide" }
                ?? "it is neither a required approver nor above one in the delegation tree"
            let approvers = verdict.approvers.map { "`\(program.bodies[Int($0)].id)`" }.joined(separator: ", ")
            report.findings.append(Report.Finding(
                severity: .error, code: "P1001",
                message: "`\(body.id)` may not take this decision: \(why); expected one of \(approvers) or a body above them",
                isBlocking: true))
        case .noAuthority:
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
