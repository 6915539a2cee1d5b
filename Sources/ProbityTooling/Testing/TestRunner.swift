import Probity
import ProbityConflicts
import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Runs the `test` blocks that live beside the rules: each builds a decision (and optionally a
/// register and a meeting), evaluates it exactly as `probity check` would (through the same
/// ``Engine``), and compares the report with the test's expectations.
struct TestRunner {
    let engine: Engine
    /// Engines screening against each register the tests name, by real path: several tests
    /// usually share one, and the compiled rules are shared by all.
    private var engines: [String: Result<Engine, RegisterLoadError>] = [:]

    init(engine: Engine) {
        self.engine = engine
    }

    var program: Program { engine.program }

    mutating func run(_ test: TestCase, coverage: inout TestCoverage) -> TestResult {
        let syntax = test.syntax
        let location = program.sources.citation(of: syntax.range)
        var result = TestResult(title: syntax.title.value, location: location, failures: [])
        let line = program.sources[test.file].lineAndColumn(of: Int(syntax.range.start)).line
        let decision: Decision
        switch engine.decision(syntax.decisionJSON(defaultID: "test-line-\(line)")) {
        case .failure(let errors):
            result.failures = errors.all.map { "the test's decision is invalid: \($0.message)" }
            return result
        case .success(let decoded):
            decision = decoded
        }
        coverage.record(decision, plan: engine.plan)
        let report: Report
        switch screeningEngine(syntax, test.file) {
        case .failure(let failure):
            result.failures.append(failure.message)
            return result
        case .success(let screening):
            let meeting = meeting(syntax, decision, screening.register)
            report = screening.check(decision, meeting: meeting)
            let tally = syntax.votes.map { count($0, syntax, at: meeting, engine: screening) }
            result.failures = syntax.expectations.compactMap { check($0, against: report, tally: tally) }
        }
        return result
    }

    /// The test's `votes`, counted as `probity vote` counts a votes file at the test's meeting.
    private func count(_ votes: TestVotesSyntax, _ syntax: TestSyntax, at meeting: Meeting?, engine: Engine) -> Result<VoteTally, InputError> {
        var recorded = RecordedVotes(body: meeting?.body, date: meeting?.date, chair: syntax.voteChair?.value)
        recorded.byEmail = votes.repliesBy != nil
        recorded.repliesBy = votes.repliesBy
        recorded.withdrew = syntax.withdrew.map(\.value)
        for side in ["for", "against", "abstain"] {
            let ballots = votes.ballots.filter { $0.side.text == side }
            let names = recorded.byEmail ? recorded.onTime(ballots.map { ($0.person.value, $0.replied ?? .max) }) : ballots.map(\.person.value)
            switch side {
            case "for": recorded.votesFor = names
            case "against": recorded.votesAgainst = names
            default: recorded.abstentions = names
            }
        }
        return engine.vote(recorded, at: recorded.byEmail ? meeting.map { Meeting(body: $0.body, date: $0.date, attendees: recorded.voters) } : meeting)
    }

    /// Why a test's register could not be used.
    private struct RegisterFailure: Error {
        var message: String
    }

    /// The engine screening against the test's register (read relative to the test's file,
    /// from where the rules were read); the plain engine when the test names none.
    private mutating func screeningEngine(_ syntax: TestSyntax, _ file: FileID) -> Result<Engine, RegisterFailure> {
        guard let registerPath = syntax.register else { return .success(engine) }
        let files = engine.scheme.files
        let path = FilePath.join(FilePath.folder(of: program.sources[file].realPath), registerPath.value)
        if engines[path] == nil {
            engines[path] = RegisterLoader.load(path: path, files: files).map { engine.with(register: $0) }
        }
        return engines[path]!.mapError { RegisterFailure(message: "cannot load the register \"\(registerPath.value)\": \($0.message)") }
    }

    /// The test's meeting: its body, on the decision's date, with the attendees it names (or
    /// everyone on the register). A meeting without a register still has its quorum checked.
    private func meeting(_ syntax: TestSyntax, _ decision: Decision, _ register: Register?) -> Meeting? {
        guard let body = syntax.meetingBody else { return nil }
        let attendees: [String]
        switch syntax.attendees {
        case .names(let names): attendees = names.map(\.value)
        case .fromRegister: attendees = register?.people.map(\.name) ?? []
        case nil: attendees = []
        }
        var meeting = Meeting(body: program.bodyIndex[body.text], date: decision.date, attendees: attendees,
                              deputies: syntax.deputies.map { Meeting.Deputy(name: $0.name.value, deputisingFor: $0.deputisingFor.value, agreedByChair: $0.agreedByChair) })
        meeting.papersSent = syntax.papersSent
        meeting.roleHolders = syntax.roleHolders.map { ($0.role.text, $0.person.value) }
        return meeting
    }

    /// Nil when the expectation holds; otherwise what was expected and what happened. `tally`
    /// is the test's counted vote, nil when it records none.
    func check(_ expectation: ExpectationSyntax, against report: Report, tally: Result<VoteTally, InputError>?) -> String? {
        let approvals = report.approvals.filter { $0.action == .approve }.map(\.by)
        let recommendations = report.approvals.filter { $0.action == .recommend }.map(\.by)
        switch expectation {
        case .outcome(let outcome, _):
            guard report.outcome.rawValue != outcome.text else { return nil }
            var message = "expected outcome `\(outcome.text)`, got `\(report.outcome.rawValue)`"
            if let miss = report.nearMisses.first { message += " (nearest rule \(miss.rule.id): \(miss.reason))" }
            if !approvals.isEmpty { message += " with approval by \(listed(approvals))" }
            return message
        case .approval(let body, let negated, _):
            return presence(approvals.contains(body.text), negated, "approval by `\(body.text)`", actual: "approvals", approvals)
        case .recommendation(let body, let negated, _):
            return presence(recommendations.contains(body.text), negated, "recommendation by `\(body.text)`", actual: "recommendations", recommendations)
        case .procedure(let procedure, let negated, _):
            let procedures = report.procedures.map(\.id)
            return presence(procedures.contains(procedure.text), negated, "procedure `\(procedure.text)`", actual: "procedures", procedures)
        case .notice(let body, let after, let negated, _):
            let notice = report.notices.first { $0.to == body.text }
            if let failure = presence(notice != nil, negated, "notice to `\(body.text)`", actual: "notices", report.notices.map(\.to)) {
                return failure
            }
            if !negated, let after, let notice, notice.deemedApprovedAfter != after {
                return "expected notice to `\(body.text)` deemed approved after \(after), got \(notice.deemedApprovedAfter.map(\.description) ?? "no deemed-approval period")"
            }
            return nil
        case .recusal(let person, let level, _):
            let recusal = findRecusal(person.value, in: report)
            guard let recusal else {
                return "expected \"\(person.value)\" to recuse (\(level.rawValue)), but \(report.conflicts == nil ? "no register was screened" : "they are not among the recusals: \(listed(report.conflicts!.recusals.map { "\($0.person) (\($0.level.rawValue))" }))")"
            }
            guard recusal.level == level else {
                return "expected \"\(person.value)\" to recuse at level `\(level.rawValue)`, got `\(recusal.level.rawValue)` (\(recusal.reasons.map(\.declaration).joined(separator: "; ")))"
            }
            return nil
        case .approvalOrder(let bodies, _):
            let approvers = report.approvals.filter { $0.action == .approve }.map(\.by)
            let positions = bodies.map { approvers.firstIndex(of: $0.text) }
            guard positions.allSatisfy({ $0 != nil }), positions == positions.sorted(by: { $0! < $1! }) else {
                return "expected approvals in order \(bodies.map { "`\($0.text)`" }.joined(separator: ", ")), got \(listed(approvers))"
            }
            return nil
        case .stepOrder(let expected, _):
            let actual = report.orderedSteps.map { report.describe($0) }
            let positions = expected.map { actual.firstIndex(of: $0.text) }
            guard positions.allSatisfy({ $0 != nil }), positions == positions.sorted(by: { $0! < $1! }) else {
                return "expected steps in order \(expected.map { "`\($0.text)`" }.joined(separator: ", ")), got \(listed(actual))"
            }
            return nil
        case .noRecusal(let person, _):
            guard let recusal = findRecusal(person.value, in: report) else { return nil }
            return "expected no recusal for \"\(person.value)\", got `\(recusal.level.rawValue)` (\(recusal.reasons.map(\.declaration).joined(separator: "; ")))"
        case .quorum(let met, _):
            guard let quorum = report.conflicts?.quorum else {
                return "expected the quorum to be \(met ? "met" : "not met"), but no quorum was checked (does the test give a `meeting` of a body with a quorum rule?)"
            }
            guard quorum.met != met else { return nil }
            return "expected the quorum to be \(met ? "met" : "not met"), but it was \(quorum.met ? "met" : "not met")\(quorum.failedClauses.isEmpty ? "" : ": " + quorum.failedClauses.joined(separator: "; "))"
        case .finding(let code, let negated, _):
            let codes = (report.findings.map(\.code) + ((try? tally?.get())?.findings.map(\.code) ?? [])).map(\.description)
            return presence(codes.contains(code.text), negated, "finding \(code.text)", actual: "findings", codes)
        case .chair(let person, _):
            let chair = report.conflicts?.chair
            if PersonName.normalise(chair ?? "") == PersonName.normalise(person?.value ?? "") { return nil }
            return "expected \(person.map { "\"\($0.value)\" in the chair" } ?? "no chair the record can name"), got \(chair.map { "\"\($0)\"" } ?? "none")"
        case .voteCarried, .voteResult, .voteQuorate, .voteCounts, .castingVote:
            return checkVote(expectation, tally)
        }
    }

    /// A vote expectation against the test's counted vote.
    private func checkVote(_ expectation: ExpectationSyntax, _ tally: Result<VoteTally, InputError>?) -> String? {
        let counted: VoteTally
        switch tally {
        case nil: return "the test records no `votes` to count"
        case .failure(let error)?: return "the test's votes cannot be counted: \(error.message)"
        case .success(let value)?: counted = value
        }
        let tally = counted
        let summary = "\(tally.headline): for \(tally.votesFor), against \(tally.votesAgainst), abstaining \(tally.abstentions)"
            + (tally.findings.isEmpty ? "" : " (\(tally.findings.map(\.code.description).joined(separator: ", ")))")
        switch expectation {
        case .voteCarried(let carried, _):
            return tally.canProceed == carried ? nil : "expected the vote \(carried ? "carried" : "not carried"), got \(summary)"
        case .voteResult(let result, _):
            return tally.result.rawValue == result.text ? nil : "expected vote result `\(result.text)`, got `\(tally.result.rawValue)` (\(summary))"
        case .voteQuorate(let quorate, _):
            guard let quorum = tally.quorum else { return "expected the vote \(quorate ? "quorate" : "inquorate"), but the body has no quorum rule" }
            if quorum.met == quorate { return nil }
            return "expected the vote \(quorate ? "quorate" : "inquorate"), got \(quorum.met ? "quorate" : "inquorate")\(quorum.failedClauses.isEmpty ? "" : ": " + quorum.failedClauses.joined(separator: "; "))"
        case .voteCounts(let counts, _):
            var wrong: [String] = []
            for (side, weight) in counts {
                let actual: VoteWeight?
                switch side.text {
                case "for": actual = tally.votesFor
                case "against": actual = tally.votesAgainst
                case "abstain": actual = tally.abstentions
                default: actual = tally.presentVotes
                }
                let shown = actual?.description ?? "none"
                if shown != weight { wrong.append("\(side.text) \(weight) (got \(shown))") }
            }
            return wrong.isEmpty ? nil : "expected votes \(wrong.joined(separator: ", ")): \(summary)"
        case .castingVote(let person, _):
            let actual = tally.castingVoteBy
            if PersonName.normalise(actual ?? "") == PersonName.normalise(person?.value ?? "") { return nil }
            return "expected \(person.map { "a casting vote by \"\($0.value)\"" } ?? "no casting vote"), got \(actual.map { "one by \"\($0)\"" } ?? "none") (\(summary))"
        default:
            return nil
        }
    }

    private func findRecusal(_ person: String, in report: Report) -> ConflictsReport.Recusal? {
        let key = PersonName.normalise(person)
        return report.conflicts?.recusals.first { PersonName.normalise($0.person) == key }
    }

    private func presence(_ found: Bool, _ negated: Bool, _ what: String, actual label: String, _ values: [String]) -> String? {
        if found == !negated { return nil }
        return negated ? "expected no \(what), but there is one" : "expected \(what); the \(label) are \(listed(values))"
    }

    private func listed(_ values: [String]) -> String {
        values.isEmpty ? "none" : values.map { "`\($0)`" }.joined(separator: ", ")
    }
}
