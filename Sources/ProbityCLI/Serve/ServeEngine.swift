import Foundation
import ProbityEvaluation
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// The engine as the server uses it: one loaded scheme (and register), answering each endpoint
/// the way the matching CLI command does, through the same evaluation calls.
///
/// This is the only place the server reaches into the evaluation modules, so that moving to the
/// `Probity` module's `Engine` is one edit here.
struct ServeEngine: Sendable {
    let program: Program
    /// Checks decisions as `probity check [--register FILE]` does.
    let context: CheckContext
    /// With no register: screens nobody but re-checks quorum for a decision that brings its meeting.
    let quorumContext: CheckContext
    let explainer: Explainer
    /// The register's file name, when one was given.
    let registerName: String?
    /// Rows of the register that could not be read, as `file:line: message`.
    let registerWarnings: [String]

    /// What went wrong loading the rules or the register, rendered as the CLI renders it.
    struct LoadFailure: Error {
        var diagnostics: String
    }

    /// Loads and checks the rules at `rulesPath` (shown as `displayPath`) and the register.
    static func load(rulesPath: String, displayPath: String?, registerPath: String?) -> Result<ServeEngine, LoadFailure> {
        let (checked, diagnostics, sources) = Checker.check(path: rulesPath, displayPath: displayPath)
        let errors = diagnostics.filter { $0.severity == .error }
        guard let program = checked, errors.isEmpty else {
            let text = DiagnosticRenderer(sources: sources).render(errors)
            return .failure(LoadFailure(diagnostics: text + "error: the rules have \(errors.count) error\(errors.count == 1 ? "" : "s"); the scheme was not loaded\n"))
        }
        let plan = Plan(program: program)
        var screener: ConflictScreener?
        var warnings: [String] = []
        var registerName: String?
        if let registerPath {
            switch RegisterLoader.load(path: registerPath) {
            case .failure(let error):
                return .failure(LoadFailure(diagnostics: "error[P1115]: \(error.message)\n"))
            case .success(let register):
                for issue in register.issues where issue.isError {
                    let place = issue.line > 0 ? "\(register.fileName):\(issue.line)" : register.fileName
                    warnings.append("\(place): warning: \(issue.message) (row skipped; the import went on)")
                }
                screener = ConflictScreener(program: program, register: register)
                registerName = register.fileName
            }
        }
        let decoder = DecisionDecoder(program: program)
        let builder = ReportBuilder(plan: plan)
        return .success(ServeEngine(
            program: program,
            context: CheckContext(plan: plan, decoder: decoder, builder: builder, screener: screener, meeting: nil),
            quorumContext: CheckContext(plan: plan, decoder: decoder, builder: builder, screener: screener ?? ConflictScreener(program: program), meeting: nil),
            explainer: Explainer(plan: plan), registerName: registerName, registerWarnings: warnings))
    }

    var scheme: SchemeInfo { program.scheme }
    var hasRegister: Bool { registerName != nil }

    // MARK: Endpoints

    /// `POST /v1/check`: a decision, optionally with its `meeting`.
    func check(_ body: [UInt8]) -> Result<Report, APIError> {
        if !hasRegister && Self.mentionsMeeting(body) {
            return quorumContext.check(json: body).mapError(APIError.input)
        }
        return context.check(json: body).mapError(APIError.input)
    }

    /// `POST /v1/screen`: `probity screen`'s `probity.screening/1` for a decision, with the report it came from.
    func screen(_ body: [UInt8]) -> Result<(report: Report, json: [UInt8]), APIError> {
        guard hasRegister else { return .failure(Self.needsRegister("screen")) }
        return check(body).map { report in
            (report, Array(ScreenCommand.json(report, registerName: registerName ?? "").utf8))
        }
    }

    /// `POST /v1/explain`: `probity explain`'s `probity.explanation/1` for a decision, optionally with its `meeting`.
    func explain(_ body: [UInt8]) -> Result<[UInt8], APIError> {
        let decision: Decision, meeting: Meeting?
        switch decisionWithMeeting(body) {
        case .failure(let error): return .failure(error)
        case .success(let pair): (decision, meeting) = pair
        }
        let active = hasRegister || meeting == nil ? context : quorumContext
        let report = active.check(decision, meeting: meeting)
        var explanation = explainer.explain(decision, report: report)
        if let screener = active.screener {
            explanation.conflicts = screener.explain(decision, meeting: meeting)
        }
        return .success(Array((JSONWriter.compact(explanation.json) + "\n").utf8))
    }

    /// `POST /v1/meeting`: an agenda, as `probity meeting`'s `probity.meeting/1`.
    func meeting(_ body: [UInt8]) -> Result<[UInt8], APIError> {
        guard hasRegister, let screener = context.screener else { return .failure(Self.needsRegister("meeting")) }
        let agenda: Agenda
        switch Agenda.decode(json: body, program: program) {
        case .failure(let error): return .failure(.input(error))
        case .success(let decoded): agenda = decoded
        }
        var items: [(item: Agenda.Item, report: Report?)] = []
        var errors: [InputError] = []
        for (index, item) in agenda.items.enumerated() {
            guard let decisionJSON = item.decision else {
                items.append((item, nil))
                continue
            }
            switch context.decoder.decode(decisionJSON) {
            case .failure(let failure):
                errors += failure.all.map { InputError(code: $0.code, field: "items[\(index)].decision" + ($0.field.map { ".\($0)" } ?? ""), message: "item \(item.id): \($0.message)") }
            case .success(let decision):
                var report = context.builder.build(decision)
                screener.apply(to: &report, decision: decision, meeting: agenda.meeting)
                items.append((item, report))
            }
        }
        guard errors.isEmpty else { return .failure(APIError(.badRequest, errors)) }
        return .success(Array((JSONWriter.compact(MeetingCommand.json(agenda, items, program: program)) + "\n").utf8))
    }

    /// `POST /v1/vote`: `{"votes": VOTES, "meeting": MEETING}` (the meeting may be left out for
    /// a decision by email), as `probity vote`'s `probity.vote/1`.
    func vote(_ body: [UInt8]) -> Result<[UInt8], APIError> {
        guard case .success(let value) = JSONParser.parse(body, maximumDepth: 64), case .object(let members) = value else {
            return .failure(APIError(.badRequest, code: "P1704", "expected a JSON object with `votes` (and `meeting`, unless the votes were by email)"))
        }
        for member in members where member.key != "votes" && member.key != "meeting" {
            return .failure(APIError(.badRequest, code: "P1704", field: member.key, "unknown member `\(member.key)`; expected `votes` and `meeting`"))
        }
        guard let votesValue = members.first(where: { $0.key == "votes" })?.value else {
            return .failure(APIError(.badRequest, code: "P1704", field: "votes", "missing `votes`: the recorded votes, as in a votes file"))
        }
        let votes: RecordedVotes
        switch RecordedVotes.decode(json: Array(JSONWriter.compact(votesValue).utf8), program: program) {
        case .failure(let error): return .failure(.input(InputError(code: error.code, field: error.field.map { "votes.\($0)" } ?? "votes", message: error.message)))
        case .success(let decoded): votes = decoded
        }
        let meeting: Meeting
        if let meetingValue = members.first(where: { $0.key == "meeting" })?.value {
            switch MeetingDecoder(program: program).decode(meetingValue) {
            case .failure(let error): return .failure(.input(InputError(code: error.code, field: error.field.map { "meeting.\($0)" } ?? "meeting", message: error.message)))
            case .success(let decoded): meeting = decoded
            }
        } else if votes.byEmail {
            meeting = Meeting(body: votes.body, date: votes.date, attendees: votes.voters)
        } else {
            return .failure(APIError(.badRequest, code: "P1704", field: "meeting", "missing `meeting`: a vote at a meeting needs its attendees (or `\"by_email\": true` in the votes)"))
        }
        switch VoteTally.count(votes, at: meeting, program: program) {
        case .failure(let error): return .failure(.input(error))
        case .success(let tally): return .success(Array((JSONWriter.compact(VoteCommand.json(tally)) + "\n").utf8))
        }
    }

    // MARK: Helpers

    /// A decision and the meeting it may carry as its `meeting` member.
    private func decisionWithMeeting(_ body: [UInt8]) -> Result<(Decision, Meeting?), APIError> {
        guard program.fieldIndex["meeting"] == nil, case .success(let value) = JSONParser.parse(body, maximumDepth: 64),
              case .object(var members) = value, let at = members.firstIndex(where: { $0.key == "meeting" }) else {
            return context.decoder.decode(json: body).map { ($0, nil) }.mapError(APIError.input)
        }
        let raw = members.remove(at: at).value
        switch MeetingDecoder(program: program).decode(raw) {
        case .failure(let error):
            return .failure(.input(InputError(code: error.code, field: error.field.map { "meeting.\($0)" } ?? "meeting", message: "in `meeting`: \(error.message)")))
        case .success(let meeting):
            return context.decoder.decode(.object(members)).map { ($0, meeting) }.mapError(APIError.input)
        }
    }

    /// Whether a body may carry a `meeting` member (a cheap byte search; the decoder decides).
    private static func mentionsMeeting(_ body: [UInt8]) -> Bool {
        let needle = Array("\"meeting\"".utf8)
        guard body.count >= needle.count else { return false }
        for start in 0...(body.count - needle.count) where body[start] == needle[0] {
            if Array(body[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    private static func needsRegister(_ endpoint: String) -> APIError {
        APIError(.conflict, code: "P1703", "`\(endpoint)` screens against a register, and the server was started without `--register FILE`")
    }
}
