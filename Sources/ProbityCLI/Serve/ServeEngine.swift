import Probity
import ProbityPapers
import ProbitySemantics
import ProbitySupport

/// The engine as the server uses it: one loaded ``Scheme`` and register behind an ``Engine``,
/// answering each endpoint the way the matching CLI command does, through the same calls. The
/// server's only way into evaluation.
struct ServeEngine: Sendable {
    let engine: Engine
    /// Rows of the register not kept and values not read, as the one renderer words them
    /// (`file:line: error[P1920]: …`).
    let registerWarnings: [String]

    /// What went wrong loading the rules or the register, rendered as the CLI renders it.
    struct LoadFailure: Error {
        var diagnostics: String
    }

    /// Loads and checks the rules at `rulesPath` (shown as `displayPath`) and the register.
    static func load(rulesPath: String, displayPath: String?, registerPath: String?) -> Result<ServeEngine, LoadFailure> {
        let scheme: Scheme
        switch Scheme.load(at: rulesPath, shownAs: displayPath) {
        case .failure(let error):
            let count = error.errors.count
            return .failure(LoadFailure(diagnostics: error.rendered() + "error: the rules have \(count) error\(count == 1 ? "" : "s"); the scheme was not loaded\n"))
        case .success(let loaded): scheme = loaded
        }
        guard let registerPath else { return .success(ServeEngine(engine: Engine(scheme: scheme), registerWarnings: [])) }
        switch RegisterLoader.load(path: registerPath) {
        case .failure(let error):
            return .failure(LoadFailure(diagnostics: DiagnosticRenderer(sources: SourceMap()).render([error.diagnostic])))
        case .success(let register):
            // Rendered as the CLI renders them, one line each (the renderer's newline dropped).
            let renderer = DiagnosticRenderer(sources: SourceMap())
            let warnings = register.findings(shownAs: registerPath).map { String(renderer.render($0).dropLast()) }
            return .success(ServeEngine(engine: Engine(scheme: scheme, register: register), registerWarnings: warnings))
        }
    }

    var program: Program { engine.scheme.program }
    var scheme: SchemeInfo { program.scheme }
    var registerName: String? { engine.register?.fileName }

    // MARK: Endpoints

    /// `POST /v1/check`: a decision, optionally with its `meeting`.
    func check(_ body: [UInt8]) -> Result<Report, APIError> {
        // With a register the engine reads a `meeting` member itself; without one the server
        // still re-checks the quorum of a meeting the decision brings.
        if engine.register != nil || !Self.mentionsMeeting(body) {
            return engine.check(json: body).mapError(APIError.input)
        }
        return decisionWithMeeting(body).map { engine.check($0.0, meeting: $0.1) }
    }

    /// `POST /v1/screen`: `probity screen`'s `probity.screening/1`, and the report it came from.
    func screen(_ body: [UInt8]) -> Result<(report: Report, json: [UInt8]), APIError> {
        guard engine.register != nil else { return .failure(Self.needsRegister("screen")) }
        return decisionWithMeeting(body).map { decision, meeting in
            (engine.check(decision, meeting: meeting), Array(ScreenCommand.json(engine.screen(decision, meeting: meeting)).utf8))
        }
    }

    /// `POST /v1/explain`: `probity explain`'s `probity.explanation/1`, optionally at a `meeting`.
    func explain(_ body: [UInt8]) -> Result<[UInt8], APIError> {
        decisionWithMeeting(body).map { decision, meeting in
            Array((JSONWriter.compact(engine.explain(decision, meeting: meeting).json) + "\n").utf8)
        }
    }

    /// `POST /v1/meeting`: an agenda, as `probity meeting`'s `probity.meeting/1`; the reports of
    /// the decisions on it come back too, for the decision log.
    func meeting(_ body: [UInt8]) -> Result<(reports: [Report], json: [UInt8]), APIError> {
        guard engine.register != nil else { return .failure(Self.needsRegister("meeting")) }
        let agenda: Agenda
        switch engine.agenda(json: body) {
        case .failure(let error): return .failure(.input(error))
        case .success(let decoded): agenda = decoded
        }
        var items: [(item: Agenda.Item, report: Report?)] = []
        var errors: [InputError] = []
        let screening = engine.meeting(agenda)
        for (index, checked) in screening.items.enumerated() {
            switch checked.result {
            case nil: items.append((checked.item, nil))
            case .success(let report)?: items.append((checked.item, report))
            case .failure(let failure)?:
                errors += failure.all.map {
                    InputError(code: $0.code, field: "items[\(index)].decision" + ($0.field.map { ".\($0)" } ?? ""),
                               message: "item \(checked.item.id): \($0.message)")
                }
            }
        }
        guard errors.isEmpty else { return .failure(APIError(.badRequest, errors)) }
        let json = JSONWriter.compact(MeetingCommand.json(agenda, screening.findings, items.map { ($0.item, $0.report, []) }, program: program)) + "\n"
        return .success((items.compactMap(\.report), Array(json.utf8)))
    }

    /// `POST /v1/meeting/paper`: an agenda's board papers (`probity report`), in Markdown or HTML.
    func paper(_ body: [UInt8], html: Bool) -> Result<[UInt8], APIError> {
        guard engine.register != nil else { return .failure(Self.needsRegister("meeting/paper")) }
        let agenda: Agenda
        switch engine.agenda(json: body) {
        case .failure(let error): return .failure(.input(error))
        case .success(let decoded): agenda = decoded
        }
        let screening = engine.meeting(agenda)
        var errors: [InputError] = []
        for (index, checked) in screening.items.enumerated() {
            if case .failure(let failure)? = checked.result {
                errors += failure.all.map {
                    InputError(code: $0.code, field: "items[\(index)].decision" + ($0.field.map { ".\($0)" } ?? ""),
                               message: "item \(checked.item.id): \($0.message)")
                }
            }
        }
        guard errors.isEmpty else { return .failure(APIError(.badRequest, errors)) }
        let paper = MeetingPaper.build(screening, engine: engine)
        return .success(Array((html ? paper.html : paper.markdown).utf8))
    }

    /// `GET /v1/scheme/tree.svg`: the delegation tree, as `probity graph tree` draws it.
    func treeSVG() -> String {
        DelegationTree(program: program).svg(title: "Delegation tree: \(program.scheme.name)")
    }

    /// `GET /v1/scheme/ladder.svg?kind=KIND&on=YYYY-MM-DD[&where=FIELD=VALUE…][&field=MONEY]`:
    /// who decides a kind of decision at each amount, as `probity graph ladder` draws it.
    func ladderSVG(_ query: QueryString) -> Result<String, APIError> {
        guard let kind = query.value("kind"), !kind.isEmpty else {
            return .failure(APIError(.badRequest, code: "P1709", field: "kind", "a ladder needs `kind`, a value of the `kind` field"))
        }
        guard let on = query.value("on"), let day = Day.parseISO(on) else {
            return .failure(APIError(.badRequest, code: "P1709", field: "on", "a ladder needs `on`, a date written YYYY-MM-DD: the rules in force change with the date"))
        }
        var assuming: [(field: String, value: String)] = []
        for pair in query.values("where") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                return .failure(APIError(.badRequest, code: "P1709", field: "where", "`where` takes FIELD=VALUE"))
            }
            assuming.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
        }
        switch Ladder.build(program: program, kind: kind, on: day, assuming: assuming, field: query.value("field") ?? "value") {
        case .failure(let problem): return .failure(APIError(.badRequest, code: problem.code, field: nil, problem.message))
        case .success(let ladder): return .success(ladder.svg(title: "Who decides a \(kind), by \(ladder.moneyField)"))
        }
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
        switch engine.votes(json: Array(JSONWriter.compact(votesValue).utf8)) {
        case .failure(let error): return .failure(.input(Self.within("votes", error)))
        case .success(let decoded): votes = decoded
        }
        var meeting: Meeting?
        if let meetingValue = members.first(where: { $0.key == "meeting" })?.value {
            switch engine.meeting(json: Array(JSONWriter.compact(meetingValue).utf8)) {
            case .failure(let error): return .failure(.input(Self.within("meeting", error)))
            case .success(let decoded): meeting = decoded
            }
        } else if !votes.byEmail {
            return .failure(APIError(.badRequest, code: "P1704", field: "meeting", "missing `meeting`: a vote at a meeting needs its attendees (or `\"by_email\": true` in the votes)"))
        }
        switch engine.vote(votes, at: meeting) {
        case .failure(let error): return .failure(.input(error))
        case .success(let tally): return .success(Array((JSONWriter.compact(VoteCommand.json(tally)) + "\n").utf8))
        }
    }

    // MARK: Helpers

    /// A decision and the meeting it may carry as its `meeting` member.
    private func decisionWithMeeting(_ body: [UInt8]) -> Result<(Decision, Meeting?), APIError> {
        guard program.fieldIndex["meeting"] == nil, case .success(let value) = JSONParser.parse(body, maximumDepth: 64),
              case .object(var members) = value, let at = members.firstIndex(where: { $0.key == "meeting" }) else {
            return engine.decision(json: body).map { ($0, nil) }.mapError(APIError.input)
        }
        let raw = members.remove(at: at).value
        switch engine.meeting(json: Array(JSONWriter.compact(raw).utf8)) {
        case .failure(let error):
            return .failure(.input(InputError(code: error.code, field: error.field.map { "meeting.\($0)" } ?? "meeting", message: "in `meeting`: \(error.message)")))
        case .success(let meeting):
            return engine.decision(.object(members)).map { ($0, meeting) }.mapError(APIError.input)
        }
    }

    private static func within(_ member: String, _ error: InputError) -> InputError {
        InputError(code: error.code, field: error.field.map { "\(member).\($0)" } ?? member, message: error.message)
    }

    /// Whether a body may carry a `meeting` member (a cheap byte search; the decoder decides).
    private static func mentionsMeeting(_ body: [UInt8]) -> Bool {
        let needle = Array("\"meeting\"".utf8)
        guard body.count >= needle.count else { return false }
        for start in 0...(body.count - needle.count) where body[start] == needle[0] {
            if body[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    private static func needsRegister(_ endpoint: String) -> APIError {
        APIError(.conflict, code: "P1703", "`\(endpoint)` screens against a register, and the server was started without `--register FILE`")
    }
}
