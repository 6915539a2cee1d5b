import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Turns a ``Verdict`` into a ``Report``: indices become ids, titles and citations; a decision
/// that may not proceed gets findings that say why, and near misses when nothing authorises it.
///
/// A class: it holds many tables, and the closures that build a report capture it; as a
/// reference it is shared by one count, not copied table by table on every report (which,
/// with two threads writing reports, was a fifth of their work).
package final class ReportBuilder: Sendable {
    public let plan: Plan
    /// The plan's program, held here so the hot path reads its arrays in place.
    let program: Program
    /// Words why a near miss did not fire, from a trace of the plan's evaluation.
    let wording: ConditionWording
    /// How many near misses a `no-authority` report lists.
    public static let nearMissCount = 3

    /// Per rule: how reports cite it, worked out once (a citation needs the rule's line).
    let references: [Report.RuleReference]
    /// The rules that require an approval, in rule order: the candidates for near misses.
    let approvingRules: [Int]
    /// Per rule: whether it requires an approval.
    let isApproving: [Bool]
    /// Per rule, per conjunct (in the plan's order): what scoring a near miss reads of it, worked
    /// out once (reading the `Condition` itself copied it, payload and all, for every rule scored).
    let conjunctTests: [[ConjunctTest]]
    /// Per rule, per conjunct: the pieces its near-miss reason is worded from when it is a test of
    /// one field (nil otherwise: then the rule's evaluation is traced and worded in full).
    let conjunctWording: [[FieldTestWording?]]
    /// Per rule: whether its near-miss rank can only fall the further its band of the rule
    /// index lies from the decision's value: its one test with a gap to measure is its one
    /// bound on the index's range field. The walk over the bands skips such rules once they
    /// are too far to rank (see ``nearMisses(_:fromIndex:wordedFromTrace:)``).
    let isBandRanked: [Bool]
    /// Per rule: the placeholder constants its condition uses (mostly none).
    let placeholdersByRule: [[Int]]
    let usesPlaceholders: Bool
    /// Per body and per procedure: its id and title, with their JSON forms.
    let bodyNames: [Report.Named]
    let procedureNames: [Report.Named]
    let schemeTexts: Report.SchemeTexts
    /// The scheme, as each report carries it.
    let scheme: SchemeInfo
    /// Organisation fields some rule tests (see ``addUnknownOrganisationFindings(_:into:)``).
    let testedOrganisationFields: [Int]
    /// Declared organisations, for "did you mean" on a name no rule file declares.
    let directory: OrganisationDirectory

    /// A builder for `plan`. `directory` is the program's organisation directory when the
    /// caller has already built one (the ``Engine`` builds it once for its decoder, builder and
    /// screener: it is a tenth of a single `probity check`'s start-up).
    public init(plan: Plan, directory: OrganisationDirectory? = nil) {
        // The program taken out once: reading `plan.program` in the closures below copied it
        // (retaining each of its tables) for every rule and conjunct.
        let program = plan.program
        self.plan = plan
        self.program = program
        self.approvingRules = program.rules.indices.filter { !program.rules[$0].approvals.isEmpty }
        // The rules read field by field: `program.rules.map` copied each rule whole, retaining
        // every field (docs/performance.md, item 38).
        self.isApproving = program.rules.indices.map { !program.rules[$0].approvals.isEmpty }
        self.wording = ConditionWording(plan: plan)
        self.conjunctTests = program.rules.indices.map { rule in
            (program.rules[rule].condition?.conjuncts ?? []).map { ConjunctTest($0, program: program) }
        }
        self.conjunctWording = program.rules.indices.map { rule in
            plan.conjunctNodes(ofRule: rule).map { node in
                guard case .written(let condition) = plan.shape(of: node) else { return nil }
                return FieldTestWording(condition, program: program)
            }
        }
        self.isBandRanked = program.rules.indices.map { [conjunctTests] rule in
            ReportBuilder.isBandRanked(program.rules[rule].condition, conjunctTests[rule], plan: plan)
        }
        self.placeholdersByRule = program.placeholdersUsedByRule()
        self.usesPlaceholders = placeholdersByRule.contains { !$0.isEmpty }
        self.testedOrganisationFields = ReportBuilder.testedOrganisationFields(program)
        self.directory = directory ?? OrganisationDirectory(program.organisations)
        self.references = program.rules.indices.map { r in
            Report.RuleReference(id: program.rules[r].id, title: program.rules[r].title,
                                 location: program.sources.citation(of: program.rules[r].range), citation: program.rules[r].source)
        }
        self.bodyNames = program.bodies.map { Report.Named(id: $0.id, title: $0.title) }
        self.procedureNames = program.procedures.map { Report.Named(id: $0.id, title: $0.title) }
        self.schemeTexts = Report.SchemeTexts(program.scheme)
        self.scheme = program.scheme
    }

    /// A builder that builds the same reports as this one, for another thread: it shares the
    /// large tables, and has its own copies of what every report holds or reads
    /// (the rules' ids, titles and citations, the bodies' and procedures' names, the scheme's
    /// texts, and the tables they are kept in). Reports hold those texts by reference, so each
    /// report made and dropped writes their reference counts: two threads building reports
    /// from one builder pass those counts' cache lines between their cores on every line
    /// (docs/performance.md, item 21). It reads `plan`, the same plan as this one's (its
    /// ``Plan/replica()``, for the same reason).
    package func replica(plan: Plan) -> ReportBuilder {
        ReportBuilder(replicating: self, plan: plan)
    }

    private init(replicating other: ReportBuilder, plan: Plan) {
        self.plan = plan
        program = other.program
        // Near misses are worded by tracing the plan: this builder's own.
        wording = ConditionWording(plan: plan)
        approvingRules = other.approvingRules.withOwnStorage
        isApproving = other.isApproving.withOwnStorage
        // Each rule's tests in a buffer of its own too: every scored rule reads its list.
        conjunctTests = other.conjunctTests.map { $0.withOwnStorage }
        conjunctWording = other.conjunctWording.map { rule in rule.map { $0?.withOwnStorage } }
        isBandRanked = other.isBandRanked.withOwnStorage
        placeholdersByRule = other.placeholdersByRule.withOwnStorage
        usesPlaceholders = other.usesPlaceholders
        testedOrganisationFields = other.testedOrganisationFields.withOwnStorage
        directory = other.directory
        references = other.references.map { Report.RuleReference(texts: $0.texts.withOwnStorage) }
        bodyNames = other.bodyNames.map { $0.withOwnStorage }
        procedureNames = other.procedureNames.map { $0.withOwnStorage }
        var scheme = other.scheme
        scheme.name = scheme.name.withOwnStorage
        scheme.version = scheme.version.withOwnStorage
        scheme.digest = scheme.digest.withOwnStorage
        self.scheme = scheme
        schemeTexts = Report.SchemeTexts(scheme)
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
        var report = Report(decision: decision.id, date: decision.date, outcome: verdict.outcome, scheme: scheme)
        report.schemeTexts = schemeTexts
        let fired = verdict.matches.fired.map(Int.init)
        report.rulesFired = fired.map(reference)
        // The plan's lists (a replica's plan has its own copies: ``Plan/replica()``).
        let requirements = plan.requirements
        report.approvals = verdict.approvals.map { approval in
            // Every fired rule that requires it, not only the first, which is the one cited.
            let table = approval.action == .approve ? requirements.approvals : requirements.recommendations
            var ruleIDs: [EncodedJSONString] = []
            for rule in fired where table.contains(rule, approval.body) { ruleIDs.append(references[rule].texts.id) }
            return Report.Approval(approver: bodyNames[Int(approval.body)], action: approval.action,
                                   rule: reference(Int(approval.rule)), ruleIDs: ruleIDs)
        }
        report.procedures = verdict.procedures.map { entry in
            Report.ProcedureRequirement(procedure: procedureNames[Int(entry.procedure)], rule: reference(Int(entry.rule)))
        }
        report.notices = verdict.notices.map { entry in
            let period = program.rules[Int(entry.rule)].notices.first { $0.to == Int(entry.to) }?.deemedApprovedAfter
            // Calendar days to the deemed-approval date: the period itself when it is in days.
            let days = entry.deemedApprovedOn.map { Int($0 - decision.date) }
            return Report.Notice(recipient: bodyNames[Int(entry.to)], deemedApprovedAfter: period, deemedApprovedAfterDays: days,
                                 deemedApprovedOn: entry.deemedApprovedOn, rule: reference(Int(entry.rule)))
        }
        report.steps = verdict.steps.map { step in
            switch step.kind {
            case .approval: .approval(Int(step.index))
            case .procedure: .procedure(Int(step.index))
            case .notice: .notice(Int(step.index))
            }
        }
        report.stepsOrderedBy = verdict.stepsOrderedBy.map { reference(Int($0)) }
        report.undecided = verdict.matches.undecided.map(Int.init).map { rule in
            let missing = (program.rules[rule].condition?.fieldsRead ?? []).filter { !decision.isPresent[$0] }
            return Report.Undecided(rule: reference(rule), missingFields: missing.map { program.fields[$0].name }.sorted())
        }
        report.decidedBy = verdict.decider.map { bodyNames[Int($0)].id.text }
        addOutcomeFindings(decision, verdict, into: &report)
        addExistenceFindings(decision, verdict, into: &report)
        addCalendarFindings(decision, report: &report)
        if usesPlaceholders { addPlaceholderFindings(fired, into: &report) }
        if !testedOrganisationFields.isEmpty { addUnknownOrganisationFindings(decision, into: &report) }
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
                report.findings.append(Report.Finding(severity: .note, code: .workingDaysWithoutHolidays,
                    message: "the notice to `\(notice.to)` counts \(period) to \(Day(number: on).iso), outside the days the calendar \"\(calendar.name)\" knows (\(known)): bank holidays there are not skipped",
                    isBlocking: false))
            } else {
                report.findings.append(Report.Finding(severity: .note, code: .workingDaysWithoutHolidays,
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
        // The bodies named: the approvers, then the decider. A handful, so each is looked for
        // among those before it, and no list is made on a line where nothing is missing.
        let approvals = verdict.approvals, decider = verdict.decider.map(Int.init)
        let namedCount = approvals.count + (decider == nil ? 0 : 1)
        func named(_ position: Int) -> Int { position < approvals.count ? Int(approvals[position].body) : decider ?? 0 }
        for position in 0..<namedCount {
            let index = named(position)
            guard !(0..<position).contains(where: { named($0) == index }) else { continue }
            guard !program.bodies[index].exists(on: day) else { continue }
            report.findings.append(Report.Finding(severity: .error, code: .bodyDidNotExist,
                message: "\(existence(of: index)); it cannot take or authorise a decision dated \(Day(number: day).iso)", isBlocking: true))
        }
        guard verdict.outcome == .noAuthority else { return }
        var seen = (0..<namedCount).map(named)
        for nearMiss in report.nearMisses {
            let rule = nearMiss.ruleIndex
            // By position: iterating the program's list retained it, on every worker's line.
            for position in program.rules[rule].approvals.indices {
                let index = program.rules[rule].approvals[position]
                guard !seen.contains(index) else { continue }
                seen.append(index)
                guard !program.bodies[index].exists(on: day) else { continue }
                report.findings.append(Report.Finding(severity: .note, code: .nearBodyDidNotExist,
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

    /// Says which placeholder figures the answer rests on (P1020): those tested by a rule that
    /// fired, or with no authority by a near miss. Lint's `accept P0907` is for the rule
    /// author; a reader of a decision report must still see it.
    private func addPlaceholderFindings(_ fired: [Int], into report: inout Report) {
        var rules = fired
        if report.outcome == .noAuthority {
            // By index, as the near misses carry it: finding them by id read every rule's id.
            rules += report.nearMisses.map(\.ruleIndex).filter { !fired.contains($0) }
        }
        var byConstant: [(constant: Int, rules: [Int])] = []
        for rule in rules.sorted() {
            for constant in placeholdersByRule[rule] {
                if let at = byConstant.firstIndex(where: { $0.constant == constant }) {
                    byConstant[at].rules.append(rule)
                } else {
                    byConstant.append((constant, [rule]))
                }
            }
        }
        for (constant, users) in byConstant.sorted(by: { program.constants[$0.constant].name < program.constants[$1.constant].name }) {
            let declared = program.constants[constant]
            let use = Report.PlaceholderUse(name: declared.name, value: declared.value.sourceText,
                                            rules: users.map { program.rules[$0].id }, replaceWith: declared.placeholder ?? "")
            report.placeholders.append(use)
            let ruleList = use.rules.map { "`\($0)`" }.joined(separator: ", ")
            report.findings.append(Report.Finding(
                severity: .warning, code: .restsOnPlaceholder,
                message: "this answer rests on the placeholder `\(use.name)` = \(use.value) (rule\(use.rules.count == 1 ? "" : "s") \(ruleList)), not a figure from the papers; replace it with \(use.replaceWith)",
                isBlocking: false))
        }
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
                severity: .error, code: .wrongDecider,
                message: "`\(body.id)` may not take this decision: \(why); expected one of \(approvers) or a body above them",
                isBlocking: true))
        case .noAuthority:
            report.nearMisses = nearMisses(decision)
            report.findings.append(Report.Finding(severity: .error, code: .noAuthority,
                                                  message: "no rule authorises this decision; nobody may approve it as proposed",
                                                  isBlocking: true))
        }
    }

    /// The approving rules that came nearest to firing, for the decision's own kind first.
    ///
    /// Ranked by: fewest failed tests of an enumeration (a rule for another kind, route or
    /// budget is far, however many other tests it passes); then the smallest gap between the
    /// decision's value and a failed bound (the band just below or above the value, not the
    /// lowest band); then most conditions met; then rule order. Only the few reported are
    /// explained in words.
    ///
    /// The candidates come from the rule index: the rules of the decision's own kind (and those
    /// for every kind), read from the bands around the decision's value outwards until no
    /// further band can hold one of the best (``NearRuleScorer``). Any other rule fails its test
    /// of the kind, so it ranks below each of these that fails no enumeration test; when the
    /// best three fail none, they are the answer and no other kind's rule is scored, so a
    /// `no-authority` decision costs what the few bands next to its value cost, however many
    /// kinds and bands the scheme has. Otherwise (or with `fromIndex` false, as tests do to hold
    /// the two to the same answer) every approving rule is scored.
    ///
    /// A reason that is a test of one field is worded from pieces made once per rule
    /// (``FieldTestWording``) with the truth the scoring found; any other is worded from a trace of
    /// the rule. `wordedFromTrace` words every one from a trace, as tests do to hold the two to
    /// the same words.
    public func nearMisses(_ decision: Decision, fromIndex: Bool = true, wordedFromTrace: Bool = false) -> [Report.NearMiss] {
        // The conditions are taken out once a line: asking `plan` for a conjunct's truth copied
        // the whole plan (640 bytes) for every rule scored.
        var scorer = NearRuleScorer(builder: self, decision: decision, conditions: plan.conditions)
        let indexed = fromIndex && plan.forEachNearRuleOfOwnKey(decision, isBandRanked: isBandRanked, &scorer)
        let conditions = scorer.conditions
        var best = scorer.best
        if !indexed || best.ranked.count < ReportBuilder.nearMissCount || best.ranked.contains(where: { $0.otherKind != 0 }) {
            best = NearestScores()
            for index in approvingRules {
                if let score = score(index, decision, conditions) { best.offer(score) }
            }
        }
        // The near misses mostly test the same field (the value, against the bands around it):
        // it is described once.
        var described: [(field: Int, text: String)] = []
        return best.ranked.map { entry in
            let reason: String
            if entry.failed < 0 {
                reason = "not in effect on \(Day(number: decision.date).iso) (\(periodText(program.rules[entry.rule])))"
            } else if !wordedFromTrace, let test = conjunctWording[entry.rule][entry.failed] {
                // A test of one field is a leaf: the truth its conjunct came to is the test's.
                reason = test.words(entry.truth, isGiven: decision.isPresent[test.field]) {
                    if let known = described.first(where: { $0.field == test.field }) { return known.text }
                    let text = wording.describeField(test.field, decision)
                    described.append((test.field, text))
                    return text
                }
            } else {
                reason = wording.reason(ofConjunct: entry.failed, rule: entry.rule, decision)
            }
            return Report.NearMiss(rule: reference(entry.rule), reason: reason, ruleIndex: entry.rule)
        }
    }

    /// Scores the rules the rule index's walk over the bands visits, keeping the best
    /// ``nearMissCount``; it stops the walk once the last of them (of the decision's own kind)
    /// is nearer than any rule in a band further out can be.
    struct NearRuleScorer: NearRuleVisitor {
        let builder: ReportBuilder
        let decision: Decision
        let conditions: ConditionProgram
        var best = NearestScores()

        func isDone(beyond distance: UInt64) -> Bool {
            // A band-ranked rule there fails its bound by `distance - 1` or more, so it ranks
            // after a rule that fails no test of the kind and is nearer than that.
            guard best.ranked.count == nearMissCount, let last = best.ranked.last, distance > 0 else { return false }
            return last.otherKind == 0 && last.gap < distance - 1
        }

        mutating func visit(_ rule: Int) {
            // A rule not in effect on the day ranks after every rule that is; if it would be one
            // of the best, that is because fewer than three in effect came near, and then every
            // approving rule is scored anyway (see ``nearMisses(_:fromIndex:wordedFromTrace:)``).
            // So it is not scored here (a kind's earlier and later versions are most of its rules).
            guard builder.isApproving[rule], builder.plan.facts[rule].isInEffect(on: decision.date) else { return }
            if let score = builder.score(rule, decision, conditions) { best.offer(score) }
        }
    }

    /// See ``isBandRanked``: the rule's only conjunct with a gap to measure (``GapTest``) is its
    /// only bound on the rule index's range field, so failing it by the band's distance is its gap.
    static func isBandRanked(_ condition: Condition?, _ tests: [ConjunctTest], plan: Plan) -> Bool {
        guard let range = plan.rangeField, let conjuncts = condition?.conjuncts, conjuncts.count == tests.count else { return false }
        var measured = 0, rangeBounds = 0
        for (conjunct, test) in zip(conjuncts, tests) {
            let boundsRange = plan.boundsRangeField(conjunct)
            if boundsRange { rangeBounds += 1 }
            guard test.gap.field != nil else { continue }
            measured += 1
            guard test.gap.field == range, boundsRange else { return false }
        }
        return measured == 1 && rangeBounds == 1
    }

    /// How near an approving rule came to firing (see ``nearMisses(_:)``).
    struct NearMissScore {
        var rule: Int
        /// Failed tests of an enumeration; `Int.max` for a rule not in effect on the day.
        var otherKind: Int
        var gap: UInt64
        var met: Int
        /// The first conjunct that does not hold, or -1 for a rule not in effect.
        var failed: Int
        /// The truth the evaluator found for conjunct ``failed`` (`.no` or `.unknown`).
        var truth: Truth
    }

    /// Scores approving rule `index` for `decision`; nil if it fires.
    func score(_ index: Int, _ decision: Decision, _ conditions: ConditionProgram) -> NearMissScore? {
        let facts = plan.facts[index]
        if !facts.isInEffect(on: decision.date) {
            return NearMissScore(rule: index, otherKind: Int.max, gap: UInt64.max, met: -1, failed: -1, truth: .unknown)
        }
        guard facts.root >= 0 else { return nil }
        var met = 0, otherKind = 0
        var gap = UInt64.max
        var failed: Int?
        var failedTruth = Truth.unknown
        // The plan's lists are read in place: taking one out retained it, a count that every
        // worker of a batch writes (docs/performance.md, item 28).
        let positions = plan.conjunctRoots.positions(index)
        for position in positions {
            let conjunct = position - positions.lowerBound
            let truth = conditions.evaluate(plan.conjunctRoots.item(at: position), decision)
            if truth == .yes {
                met += 1
                continue
            }
            if failed == nil { (failed, failedTruth) = (conjunct, truth) }
            let test = conjunctTests[index][conjunct]
            if test.testsEnumeration { otherKind += 1 }
            if let distance = test.gap.distance(decision) { gap = min(gap, distance) }
        }
        guard let failed else { return nil }
        return NearMissScore(rule: index, otherKind: otherKind, gap: gap, met: met, failed: failed, truth: failedTruth)
    }

    /// Whether `a` ranks before `b`: fewest failed enumeration tests, smallest gap, most met, rule
    /// order. A total order (no two scores are for the same rule).
    private static func ranksBefore(_ a: NearMissScore, _ b: NearMissScore) -> Bool {
        if a.otherKind != b.otherKind { return a.otherKind < b.otherKind }
        if a.gap != b.gap { return a.gap < b.gap }
        if a.met != b.met { return a.met > b.met }
        return a.rule < b.rule
    }

    /// The best ``nearMissCount`` scores offered, best first: what sorting them all and taking
    /// the first few gives (the order is total), kept by insertion as they are scored, so a line
    /// keeps no list of every score.
    struct NearestScores {
        private(set) var ranked: [NearMissScore] = []

        mutating func offer(_ score: NearMissScore) {
            if ranked.count == nearMissCount, let last = ranked.last, !ranksBefore(score, last) { return }
            if ranked.isEmpty { ranked.reserveCapacity(nearMissCount + 1) }
            var at = ranked.count
            while at > 0, ranksBefore(score, ranked[at - 1]) { at -= 1 }
            ranked.insert(score, at: at)
            if ranked.count > nearMissCount { ranked.removeLast() }
        }
    }

    /// What scoring reads of one conjunct.
    struct ConjunctTest {
        /// Whether it tests an enumeration field's value (`kind = contract-award`, `budget in
        /// {…}`): failing it means the rule is for another kind of decision.
        var testsEnumeration: Bool
        var gap: GapTest

        init(_ condition: Condition, program: borrowing Program) {
            switch condition {
            case .compare(let field, _, _, _), .oneOf(let field, _, _, _):
                if case .enumeration = program.fields[field].type { testsEnumeration = true } else { testsEnumeration = false }
            default:
                testsEnumeration = false
            }
            gap = GapTest(condition)
        }
    }

    /// The bound a failed test measures a gap to (`value <= £250k`, `value in (£250k .. £1m]`).
    enum GapTest {
        case none
        case bound(field: Int, Int64)
        case interval(field: Int, lower: Int64?, upper: Int64?)

        init(_ condition: Condition) {
            switch condition {
            case .compare(let field, let op, .integer(let bound), _) where [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op):
                self = .bound(field: field, bound)
            case .interval(let field, let lower, let upper, false, _):
                self = .interval(field: field, lower: lower?.value, upper: upper?.value)
            default:
                self = .none
            }
        }

        /// The field whose bound it measures, or nil for a test with none.
        var field: Int? {
            switch self {
            case .none: nil
            case .bound(let field, _), .interval(let field, _, _): field
            }
        }

        /// How far the decision's value is from meeting the bound, in the field's units; nil
        /// for a test with no bound to measure or a value not given.
        func distance(_ decision: Decision) -> UInt64? {
            switch self {
            case .none:
                return nil
            case .bound(let field, let bound):
                return decision.isPresent[field] ? ReportBuilder.span(decision.scalars[field], bound) : nil
            case .interval(let field, let lower, let upper):
                guard decision.isPresent[field] else { return nil }
                let value = decision.scalars[field]
                if let lower, value <= lower { return ReportBuilder.span(value, lower) }
                if let upper, value >= upper { return ReportBuilder.span(value, upper) }
                return nil
            }
        }
    }

    /// How far the decision's value is from meeting a failed bound (`value <= £250k`, `value in
    /// (£250k .. £1m]`), in the field's units; nil for a test with no bound to measure.
    static func gap(_ condition: Condition, _ decision: Decision) -> UInt64? {
        GapTest(condition).distance(decision)
    }

    /// |a − b|, which always fits in 64 unsigned bits; wrapping arithmetic cannot trap here.
    static func span(_ a: Int64, _ b: Int64) -> UInt64 {
        a >= b ? UInt64(bitPattern: a &- b) : UInt64(bitPattern: b &- a)
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
