import Foundation
import ProbitySupport
import ProbitySyntax

/// Checks a loaded program completely before it sees a decision: every name declared once and
/// resolved, every condition typed, the delegation tree sound, effective periods nested.
///
/// The checker collects every problem it finds; it returns a ``Program`` only when there are no
/// errors (warnings are returned alongside).
public struct Checker {
    var loaded: LoadedRules
    var diagnostics: [Diagnostic] = []

    // Tables under construction.
    var fields: [Field] = [
        Field(name: "id", type: .text, isRequired: true, range: nil),
        Field(name: "date", type: .date, isRequired: true, range: nil),
    ]
    var fieldIndex: [String: Int] = ["id": 0, "date": 1]
    var bodies: [Body] = []
    var bodyIndex: [String: Int] = [:]
    var procedures: [Procedure] = []
    var procedureIndex: [String: Int] = [:]
    var rules: [Rule] = []
    var ruleIndex: [String: Int] = [:]
    var constants: [Constant] = []
    var constantIndex: [String: Int] = [:]
    var organisations: [Organisation] = []
    var organisationIndex: [String: Int] = [:]
    /// Organisation names and aliases, case-folded, for string literals such as `"Bromley Healthcare"`.
    var organisationNames: [String: Int] = [:]
    var committees: [Int: Committee] = [:]
    var calendar: HolidayCalendar?
    var calendarRange: SourceRange?
    var conflicts: ConflictPolicy?
    var audit: AuditPolicy?
    var tests: [TestCase] = []
    /// Every top-level name, for duplicate detection across kinds.
    var declared: [String: (kind: String, range: SourceRange)] = [:]
    /// Each file's scheme period, which bounds its rules.
    var schemePeriods: [FileID: EffectivePeriod] = [:]
    var scheme: SchemeSyntax?
    var pendingOverlaps: [(rule: Int, name: Name)] = []
    /// Per field with a long enumeration: its values and each one's ordinal (see ``enumerationOrdinal(of:in:field:)``).
    var enumerationOrdinals: [Int: (values: [String], ordinals: [String: Int])] = [:]

    init(loaded: LoadedRules) {
        self.loaded = loaded
    }

    /// The most rules one program may hold (the shipped library has a few hundred; 50,000 load
    /// in seconds).
    public static let maximumRules = 200_000

    /// Checks `loaded`. The result's program is nil if any error was found.
    public static func check(_ loaded: LoadedRules) -> (program: Program?, diagnostics: [Diagnostic]) {
        let rules = loaded.files.reduce(0) { count, file in
            count + file.declarations.reduce(0) { if case .rule = $1 { $0 + 1 } else { $0 } }
        }
        if rules > maximumRules {
            let error = Diagnostic.error(.tooManyRules, "the rules hold \(rules) rules; expected at most \(maximumRules)", at: nil)
            return (nil, loaded.diagnostics + [error])
        }
        // The rules' digest (SHA-256 of every file) needs nothing the check makes: with large
        // rules it is worked out on a second core meanwhile (30 M instructions for a 411 kB
        // file, a third of the check). Small rules (the shipped ones) start no thread.
        let check = { @Sendable () -> (program: Program?, diagnostics: [Diagnostic]) in
            var checker = Checker(loaded: loaded)
            checker.run()
            let all = (loaded.diagnostics + checker.diagnostics).sortedBySource()
            guard !all.hasErrors else { return (nil, all) }
            return (checker.makeProgram(), all)
        }
        guard digestsInParallel(loaded) else {
            var (program, diagnostics) = check()
            program?.scheme.digest = loaded.digest
            return (program, diagnostics)
        }
        var ((program, diagnostics), digest) = bothAtOnce(check, { loaded.digest })
        program?.scheme.digest = digest
        return (program, diagnostics)
    }

    /// Rules smaller than this are hashed on the calling thread: starting a thread would cost
    /// more than the check it overlaps (the shipped rules are 172 kB, the benchmark workload's 130 kB).
    static let parallelDigestMinimumBytes = 256 << 10

    /// Whether the digest is worked out beside the check: large rules, and a second core.
    static func digestsInParallel(_ loaded: LoadedRules) -> Bool {
        loaded.byteCount >= parallelDigestMinimumBytes && ProcessInfo.processInfo.activeProcessorCount >= 2
    }

    /// Loads and checks in one step.
    public static func check(path: String, displayPath: String? = nil) -> (program: Program?, diagnostics: [Diagnostic], sources: SourceMap) {
        let loaded = RuleLoader.load(path: path, displayPath: displayPath)
        let (program, diagnostics) = check(loaded)
        return (program, diagnostics, loaded.sources)
    }

    mutating func run() {
        let declarations = loaded.files.flatMap { file in file.declarations.map { (file.file, $0) } }
        // The tables of names sized once: with the benchmark workload's 2,000 organisations,
        // growing them one insertion at a time rehashed every name a dozen times over.
        declared.reserveCapacity(declarations.count)
        var organisationCount = 0, organisationNameCount = 0
        for (_, declaration) in declarations {
            guard case .organisation(let organisation) = declaration else { continue }
            organisationCount += 1
            organisationNameCount += 1 + organisation.aliases.count
        }
        organisations.reserveCapacity(organisationCount)
        organisationIndex.reserveCapacity(organisationCount)
        organisationNames.reserveCapacity(organisationNameCount)
        // Pass 1: names that others refer to.
        for (file, declaration) in declarations {
            switch declaration {
            case .scheme(let s): declareScheme(s, in: file)
            case .fields(let f): f.fields.forEach { declareField($0) }
            case .constant(let c): declareConstant(c)
            case .body(let b): declareBody(b)
            case .procedure(let p): declareProcedure(p)
            case .organisation(let o): declareOrganisation(o)
            case .rule(let r): _ = declare(r.name, kind: "rule")
            default: break
            }
        }
        resolveDelegationTree(declarations.compactMap { if case .body(let b) = $0.1 { b } else { nil } })
        resolveOrganisationRelations(declarations.compactMap { if case .organisation(let o) = $0.1 { o } else { nil } })
        expandAliasShapes(declarations.compactMap { if case .aliasShapes(let a) = $0.1 { a } else { nil } })
        // Pass 2: everything that uses those names.
        for (file, declaration) in declarations {
            switch declaration {
            case .rule(let r): checkRule(r, in: file)
            case .conflicts(let c): checkConflicts(c)
            case .members(let m): checkMembers(m)
            case .quorum(let q): checkQuorum(q)
            case .voting(let v): checkVoting(v)
            case .calendar(let c): checkCalendar(c)
            case .papers(let p): checkPapers(p)
            case .audit(let a): checkAudit(a)
            case .test(let t): checkTest(t, in: file)
            default: break
            }
        }
        resolveOverlaps()
        checkStepOrders()
        checkQuorumRoles()
        checkBodyExistence()
    }

    /// A rule that may fire on a day when a body it names did not exist is a finding (P0611):
    /// the decision could not be that body's. Each rule's period must lie inside the existence
    /// of every body it requires, and a body must not outlive the body it is a committee of.
    mutating func checkBodyExistence() {
        func describe(_ body: Body) -> String {
            switch (body.existsFrom, body.existsUntil) {
            case let (from?, until?): "exists from \(Day(number: from).iso) until \(Day(number: until).iso)"
            case let (from?, nil): "was established on \(Day(number: from).iso)"
            case let (nil, until?): "exists until \(Day(number: until).iso)"
            case (nil, nil): "always exists"
            }
        }
        // By index, field by field: `for rule in rules` copied each rule whole (docs/performance.md,
        // item 38); the rule is taken whole only for a warning.
        for ruleIndex in rules.indices {
            var named = rules[ruleIndex].approvals + rules[ruleIndex].recommendations + rules[ruleIndex].notices.map(\.to)
            named = named.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            let (effectiveFrom, effectiveUntil) = (rules[ruleIndex].effectiveFrom, rules[ruleIndex].effectiveUntil)
            for index in named {
                let body = bodies[index]
                let startsEarly = body.existsFrom.map { from in effectiveFrom.map { $0 < from } ?? true } ?? false
                let endsLate = body.existsUntil.map { until in effectiveUntil.map { $0 > until } ?? true } ?? false
                guard startsEarly || endsLate else { continue }
                let rule = rules[ruleIndex]
                warning(.ruleOutlivesBody, "rule `\(rule.id)` names `\(body.id)`, which \(describe(body)), but the rule is \(Checker.periodText(rule)); expected the rule's period inside the body's",
                        at: rule.range, notes: [DiagnosticNote("`\(body.id)` is declared here", at: body.range)])
            }
        }
    }

    static func periodText(_ rule: Rule) -> String {
        switch (rule.effectiveFrom, rule.effectiveUntil) {
        case let (from?, until?): "effective from \(Day(number: from).iso) until \(Day(number: until).iso)"
        case let (from?, nil): "effective from \(Day(number: from).iso)"
        case let (nil, until?): "effective until \(Day(number: until).iso)"
        case (nil, nil): "always effective"
        }
    }

    /// The checked program; its scheme's digest is left for ``check(_:)`` to fill in.
    func makeProgram() -> Program {
        let info = SchemeInfo(
            name: scheme?.name.value ?? "unnamed scheme",
            version: scheme?.version?.value ?? "",
            effectiveFrom: scheme?.effective?.from,
            effectiveUntil: scheme?.effective?.until,
            digest: "")
        var program = Program(
            sources: loaded.sources, rootDirectory: loaded.rootDirectory, scheme: info, fields: fields, bodies: bodies,
            procedures: procedures, rules: rules, constants: constants, organisations: organisations,
            conflicts: conflicts, committees: committees, tests: tests, fieldIndex: fieldIndex, bodyIndex: bodyIndex,
            procedureIndex: procedureIndex, ruleIndex: ruleIndex, organisationIndex: organisationIndex, calendar: calendar)
        program.audit = audit
        return program
    }

    // MARK: - Declarations

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange?, notes: [DiagnosticNote] = [], fixIt: FixIt? = nil) {
        diagnostics.append(.error(code, message, at: range, notes: notes, fixIt: fixIt))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange?, notes: [DiagnosticNote] = []) {
        diagnostics.append(.warning(code, message, at: range, notes: notes))
    }

    /// Records a top-level name; false (with an error) if it was already declared.
    mutating func declare(_ name: Name, kind: String) -> Bool {
        if let previous = declared[name.text] {
            let what = previous.kind == kind ? "duplicate \(kind) `\(name.text)`" : "`\(name.text)` is already declared as a \(previous.kind)"
            error(kind == "rule" && previous.kind == "rule" ? .duplicateRuleID : .duplicateName,
                  "\(what); expected each name to be declared once",
                  at: name.range, notes: [DiagnosticNote("first declared here", at: previous.range)])
            return false
        }
        declared[name.text] = (kind, name.range)
        return true
    }

    mutating func declareScheme(_ syntax: SchemeSyntax, in file: FileID) {
        if scheme == nil { scheme = syntax }
        if let period = syntax.effective {
            checkPeriodOrder(period)
            schemePeriods[file] = period
        }
    }

    mutating func checkPeriodOrder(_ period: EffectivePeriod) {
        if let from = period.from, let until = period.until, until < from {
            error(.periodEndsBeforeStart, "effective period ends (\(Day(number: until).iso)) before it starts (\(Day(number: from).iso))", at: period.range)
        }
    }

    mutating func declareField(_ syntax: FieldSyntax) {
        if syntax.name.text == "id" || syntax.name.text == "date" {
            error(.duplicateName, "`\(syntax.name.text)` is built in and cannot be redeclared", at: syntax.name.range)
            return
        }
        guard declare(syntax.name, kind: "field") else { return }
        guard let type = fieldType(syntax.type, for: syntax.name) else { return }
        fieldIndex[syntax.name.text] = fields.count
        fields.append(Field(name: syntax.name.text, type: type, isRequired: syntax.isRequired, range: syntax.name.range))
    }

    mutating func fieldType(_ syntax: TypeSyntax, for name: Name) -> FieldType? {
        switch syntax {
        case .money: return .money
        case .date: return .date
        case .number: return .number
        case .text: return .text
        case .organisation: return .organisation
        case .body: return .body
        case .invalid: return nil
        case .oneOf(let values):
            var seen: [String: SourceRange] = [:]
            for value in values {
                if let first = seen[value.text] {
                    error(.duplicateName, "duplicate value `\(value.text)` in the enumeration of `\(name.text)`", at: value.range,
                          notes: [DiagnosticNote("first listed here", at: first)])
                }
                seen[value.text] = value.range
            }
            return .enumeration(values.map(\.text).reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
        case .setOf(let element):
            return fieldType(element, for: name).map(FieldType.set)
        }
    }

    mutating func declareConstant(_ syntax: ConstantSyntax) {
        guard declare(syntax.name, kind: "constant"), let value = syntax.value else { return }
        constantIndex[syntax.name.text] = constants.count
        constants.append(Constant(name: syntax.name.text, value: value, placeholder: syntax.placeholder?.value, range: syntax.name.range))
    }

    mutating func declareBody(_ syntax: BodySyntax) {
        guard declare(syntax.name, kind: syntax.kind.rawValue) else { return }
        bodyIndex[syntax.name.text] = bodies.count
        var body = Body(id: syntax.name.text, title: syntax.title.value, kind: syntax.kind, parent: nil, advises: nil,
                        depth: 0, source: syntax.source?.value, range: syntax.name.range)
        for accept in syntax.accepts { body.acceptedFindings[accept.code.text] = accept.reason.value }
        if let exists = syntax.exists {
            body.existsFrom = exists.from
            body.existsUntil = exists.until
            if let from = exists.from, let until = exists.until, until < from {
                error(.periodEndsBeforeStart, "`\(syntax.name.text)` exists until \(Day(number: until).iso), before it exists from \(Day(number: from).iso)", at: exists.range)
            }
        }
        bodies.append(body)
    }

    mutating func declareProcedure(_ syntax: ProcedureSyntax) {
        guard declare(syntax.name, kind: "procedure") else { return }
        procedureIndex[syntax.name.text] = procedures.count
        procedures.append(Procedure(id: syntax.name.text, title: syntax.title.value, source: syntax.source?.value, range: syntax.name.range))
    }

    // MARK: - Delegation tree

    mutating func resolveDelegationTree(_ syntaxes: [BodySyntax]) {
        for syntax in syntaxes {
            guard let index = bodyIndex[syntax.name.text], bodies[index].range == syntax.name.range else { continue }
            if let parent = syntax.parent {
                bodies[index].parent = resolveBody(parent)
            }
            if let advised = syntax.advises {
                bodies[index].advises = resolveBody(advised)
                if bodies[index].parent == nil { bodies[index].parent = bodies[index].advises }
            }
            bodies[index].alsoAdvises = syntax.alsoAdvises.compactMap { resolveBody($0) }
        }
        // Depths, and cycles (`a committee of b`, `b committee of a`).
        for index in bodies.indices {
            var seen: Set<Int> = [index]
            var current = bodies[index].parent
            var depth = 0
            while let body = current {
                if seen.contains(body) {
                    error(.delegationCycle, "delegation cycle: `\(bodies[index].id)` is below itself; expected a tree", at: bodies[index].range)
                    bodies[index].parent = nil
                    break
                }
                seen.insert(body)
                depth += 1
                current = bodies[body].parent
            }
            bodies[index].depth = depth
        }
    }

    // MARK: - Rules

    mutating func checkRule(_ syntax: RuleSyntax, in file: FileID) {
        var rule = Rule(id: syntax.name.text, title: syntax.title.value, source: syntax.source?.value, range: syntax.name.range,
                        effectiveFrom: nil, effectiveUntil: nil, condition: nil, approvals: [], recommendations: [],
                        procedures: [], notices: [], intendedOverlaps: [], acceptedFindings: [:])
        // Period: the rule's own, inside its scheme's.
        let schemePeriod = schemePeriods[file]
        rule.effectiveFrom = schemePeriod?.from
        rule.effectiveUntil = schemePeriod?.until
        if let period = syntax.effective {
            checkPeriodOrder(period)
            if let scheme = schemePeriod {
                // An open end inherits the scheme's; only an explicit date beyond it is an error.
                let startsBefore = scheme.from.map { from in period.from.map { $0 < from } ?? false } ?? false
                let endsAfter = scheme.until.map { until in period.until.map { $0 > until } ?? false } ?? false
                if startsBefore || endsAfter {
                    error(.ruleOutsideSchemePeriod, "rule `\(rule.id)` is effective outside its scheme's period (\(describePeriod(scheme))); expected a period inside it",
                          at: period.range, notes: [DiagnosticNote("the scheme's period is set here", at: scheme.range)])
                }
            }
            if let from = period.from { rule.effectiveFrom = max(from, rule.effectiveFrom ?? from) }
            if let until = period.until { rule.effectiveUntil = min(until, rule.effectiveUntil ?? until) }
        }
        let conditions = syntax.conditions.compactMap { checkCondition($0) }
        if conditions.count == syntax.conditions.count, !conditions.isEmpty {
            rule.condition = conditions.count == 1 ? conditions[0] : .all(conditions.flatMap(\.conjuncts))
        }
        for requirement in syntax.requirements {
            switch requirement {
            case .approval(let names, _):
                for name in names {
                    guard let body = resolveBody(name) else { continue }
                    if let advised = bodies[body].advises {
                        error(.approvalByAdvisoryBody, "`\(name.text)` only advises `\(bodies[advised].id)` and cannot approve; expected `require recommendation by \(name.text)` or an approving body",
                              at: name.range, notes: [DiagnosticNote("declared as advisory here", at: bodies[body].range)])
                    }
                    rule.approvals.append(body)
                }
            case .recommendation(let names, _):
                rule.recommendations += names.compactMap { resolveBody($0) }
            case .procedure(let names, _):
                rule.procedures += names.compactMap { resolve($0, in: procedureIndex, kind: "procedure") }
            case .notice(let names, let deemed, _):
                rule.notices += names.compactMap { resolveBody($0) }.map { NoticeRequirement(to: $0, deemedApprovedAfter: deemed) }
            }
        }
        rule.approvalOrder = syntax.approvalOrder.compactMap { resolveBody($0) }
        rule.stepOrder = resolveSteps(syntax.stepOrder)
        if syntax.requirements.isEmpty {
            warning(.ruleRequiresNothing, "rule `\(rule.id)` requires nothing; expected at least one `require` clause", at: syntax.name.range)
        }
        for accept in syntax.accepts { rule.acceptedFindings[accept.code.text] = accept.reason.value }
        guard declared[rule.id]?.range == syntax.name.range else { return }  // a duplicate, already reported
        ruleIndex[rule.id] = rules.count
        pendingOverlaps += syntax.overlaps.flatMap(\.rules).map { (rules.count, $0) }
        rules.append(rule)
    }

    /// `overlaps` may name a rule declared later, so they are resolved once every rule is known.
    mutating func resolveOverlaps() {
        for (rule, name) in pendingOverlaps {
            if let other = resolve(name, in: ruleIndex, kind: "rule") { rules[rule].intendedOverlaps.append(other) }
        }
    }

    func describePeriod(_ period: EffectivePeriod) -> String {
        switch (period.from, period.until) {
        case let (from?, until?): "from \(Day(number: from).iso) until \(Day(number: until).iso)"
        case let (from?, nil): "from \(Day(number: from).iso)"
        case let (nil, until?): "until \(Day(number: until).iso)"
        case (nil, nil): "always"
        }
    }

    // MARK: - Tests

    /// The results a recorded vote can have (``VoteTally/Outcome`` in the evaluator).
    static let voteResults = ["carried", "lost", "tied-carried-by-casting-vote", "tied-lost-by-casting-vote", "tied-lost", "lost-no-quorum-in-favour"]

    mutating func checkTest(_ syntax: TestSyntax, in file: FileID) {
        if let body = syntax.meetingBody { _ = resolveBody(body) }
        for expectation in syntax.expectations {
            switch expectation {
            case .approval(let body, _, _), .recommendation(let body, _, _), .notice(let body, _, _, _):
                _ = resolveBody(body)
            case .procedure(let procedure, _, _):
                _ = resolve(procedure, in: procedureIndex, kind: "procedure")
            case .outcome(let outcome, _):
                let outcomes = ["authorised", "no-authority", "wrong-decider"]
                if !outcomes.contains(outcome.text) {
                    error(.undeclaredName, "unknown outcome `\(outcome.text)`; expected `authorised`, `no-authority` or `wrong-decider`", at: outcome.range,
                          fixIt: suggestion(for: outcome, among: outcomes))
                }
            case .approvalOrder(let bodies, _):
                for body in bodies { _ = resolveBody(body) }
            case .stepOrder(let steps, _):
                _ = resolveSteps(steps)
            case .voteResult(let result, _):
                // VoteTally.Outcome's raw values; a test in TestRunnerTests keeps the two lists equal.
                if !Checker.voteResults.contains(result.text) {
                    error(.undeclaredName, "unknown vote result `\(result.text)`; expected one of \(Checker.voteResults.map { "`\($0)`" }.joined(separator: ", "))",
                          at: result.range, fixIt: suggestion(for: result, among: Checker.voteResults))
                }
            case .finding(let code, _, _):
                if DiagnosticCode(code.text) == nil {
                    error(.undeclaredName, "`\(code.text)` is no diagnostic code; expected `P` and four digits, as in `P1133`", at: code.range)
                }
            case .recusal, .noRecusal, .quorum, .voteCarried, .voteQuorate, .voteCounts, .castingVote, .chair:
                break
            }
        }
        if syntax.votes != nil, syntax.meetingBody == nil, let votes = syntax.votes {
            error(.undeclaredName, "a test's `votes` need a `meeting BODY` to be counted under", at: votes.range)
        }
        tests.append(TestCase(syntax: syntax, file: file))
    }
}
