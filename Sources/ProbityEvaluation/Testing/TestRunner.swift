import Foundation
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Runs the `test` blocks that live beside the rules: each builds a decision (and optionally a
/// register and a meeting), evaluates it exactly as `probity check` would, and compares the
/// report with the test's expectations.
public struct TestRunner {
    public let plan: Plan
    let decoder: DecisionDecoder
    let builder: ReportBuilder
    /// Registers already loaded, by absolute path: several tests usually share one.
    private var registers: [String: Result<Register, RegisterLoadError>] = [:]

    public init(plan: Plan) {
        self.plan = plan
        self.decoder = DecisionDecoder(program: plan.program)
        self.builder = ReportBuilder(plan: plan)
    }

    var program: Program { plan.program }

    /// Runs every test of the program, in source order.
    public mutating func runAll(coverage: inout TestCoverage) -> [TestResult] {
        program.tests.map { run($0, coverage: &coverage) }
    }

    public mutating func run(_ test: TestCase, coverage: inout TestCoverage) -> TestResult {
        let syntax = test.syntax
        let location = program.sources.citation(of: syntax.range)
        var result = TestResult(title: syntax.title.value, location: location, failures: [])
        let line = program.sources[test.file].lineAndColumn(of: Int(syntax.range.start)).line
        let decision: Decision
        switch decoder.decode(syntax.decisionJSON(defaultID: "test-line-\(line)")) {
        case .failure(let errors):
            result.failures = errors.all.map { "the test's decision is invalid: \($0.message)" }
            return result
        case .success(let decoded):
            decision = decoded
        }
        var report = builder.build(decision)
        coverage.record(decision, plan: plan)
        if let failure = applyConflicts(syntax, test.file, decision, &report) {
            result.failures.append(failure)
            return result
        }
        result.failures = syntax.expectations.compactMap { check($0, against: report) }
        return result
    }

    /// Loads the test's register (relative to its file) and screens the decision against it.
    /// A meeting without a register still has its quorum checked: nobody is screened.
    private mutating func applyConflicts(_ syntax: TestSyntax, _ file: FileID, _ decision: Decision, _ report: inout Report) -> String? {
        var register = Register(people: [], issues: [], fileName: "")
        if let registerPath = syntax.register {
            let directory = (absolutePath(of: file) as NSString).deletingLastPathComponent
            let path = URL(fileURLWithPath: registerPath.value, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
            if registers[path] == nil { registers[path] = RegisterLoader.load(path: path) }
            switch registers[path]! {
            case .success(let loaded): register = loaded
            case .failure(let error): return "cannot load the register \"\(registerPath.value)\": \(error.message)"
            }
        } else if syntax.meetingBody == nil {
            return nil
        }
        var meeting: Meeting?
        if let body = syntax.meetingBody {
            let attendees: [String]
            switch syntax.attendees {
            case .names(let names): attendees = names.map(\.value)
            case .fromRegister, nil: attendees = register.people.map(\.name)
            }
            meeting = Meeting(body: program.bodyIndex[body.text], date: decision.date, attendees: attendees)
        }
        // No register: nobody can be screened, so only the quorum is checked.
        let screener = syntax.register == nil ? ConflictScreener(program: program) : ConflictScreener(program: program, register: register)
        screener.apply(to: &report, decision: decision, meeting: meeting)
        return nil
    }

    /// Where a source file is on disk: its display path resolved against the rules' root.
    private func absolutePath(of file: FileID) -> String {
        let shown = program.sources[file].path
        if shown.hasPrefix("/") { return shown }
        // Display paths are `<display root>/<path below the root>`; rebuild from the root.
        let components = shown.split(separator: "/").map(String.init)
        for drop in 0..<components.count {
            let candidate = (program.rootDirectory as NSString).appendingPathComponent(components[drop...].joined(separator: "/"))
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return (program.rootDirectory as NSString).appendingPathComponent(shown)
    }

    /// Nil when the expectation holds; otherwise what was expected and what happened.
    func check(_ expectation: ExpectationSyntax, against report: Report) -> String? {
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
        case .noRecusal(let person, _):
            guard let recusal = findRecusal(person.value, in: report) else { return nil }
            return "expected no recusal for \"\(person.value)\", got `\(recusal.level.rawValue)` (\(recusal.reasons.map(\.declaration).joined(separator: "; ")))"
        case .quorum(let met, _):
            guard let quorum = report.conflicts?.quorum else {
                return "expected the quorum to be \(met ? "met" : "not met"), but no quorum was checked (does the test give a `meeting` of a body with a quorum rule?)"
            }
            guard quorum.met != met else { return nil }
            return "expected the quorum to be \(met ? "met" : "not met"), but it was \(quorum.met ? "met" : "not met")\(quorum.failedClauses.isEmpty ? "" : ": " + quorum.failedClauses.joined(separator: "; "))"
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
