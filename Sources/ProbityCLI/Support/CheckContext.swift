import ProbityEvaluation
import ProbitySemantics
import ProbitySupport

/// Everything needed to check decisions, built once per run: the compiled plan, the decoder,
/// and (with `--register`) the conflicts screener and the meeting it screens for.
struct CheckContext: Sendable {
    let plan: Plan
    let decoder: DecisionDecoder
    let builder: ReportBuilder
    /// With `--register`: screens every decision against the register.
    let screener: ConflictScreener?
    /// With `--meeting`: only its attendees are screened, and quorum is re-checked (with no
    /// `--register`, quorum only).
    let meeting: Meeting?

    /// Builds the context for `arguments` (`--register`, `--meeting`). Nil when the register or
    /// the meeting cannot be read; the reason has been written to standard error.
    static func make(program: Program, arguments: Arguments) throws(UsageError) -> CheckContext? {
        let plan = Plan(program: program)
        var screener: ConflictScreener?
        var meeting: Meeting?
        if let path = arguments.value("register") {
            guard let register = loadRegister(path) else { return nil }
            screener = ConflictScreener(program: program, register: register)
        }
        if let path = arguments.value("meeting") {
            guard let loaded = loadMeeting(path, program: program) else { return nil }
            meeting = loaded
            // Without a register nobody can be screened, but the meeting's quorum is still checked.
            if screener == nil { screener = ConflictScreener(program: program) }
        }
        return CheckContext(plan: plan, decoder: DecisionDecoder(program: program), builder: ReportBuilder(plan: plan),
                            screener: screener, meeting: meeting)
    }

    /// Loads the rules (`--rules`, or the bundled ones) and builds the context for `arguments`.
    /// Nil when anything cannot be read; the reason has been written to standard error.
    static func load(_ arguments: Arguments) throws(UsageError) -> CheckContext? {
        guard let program = RuleSet.load(arguments.value("rules")) else { return nil }
        return try make(program: program, arguments: arguments)
    }

    /// Reads and decodes one decision file. Nil (after writing every error, prefixed with the
    /// file's path, to standard error) when it cannot be read or does not fit the scheme.
    func readDecision(_ path: String) -> Decision? {
        guard let bytes = RuleSet.readFile(path, code: "P0706", what: "decision") else { return nil }
        switch decoder.decode(json: bytes) {
        case .failure(let errors):
            Output.error(errors.all.map { "\(path): \($0.description)\n" }.joined())
            return nil
        case .success(let decision):
            return decision
        }
    }

    /// Loads a register, writing the rows it could not read to standard error as `file:line`.
    /// Nil (after saying why) when the file has no usable shape.
    static func loadRegister(_ path: String) -> Register? {
        switch RegisterLoader.load(path: path) {
        case .failure(let error):
            Output.error("error[P1115]: \(error.message)\n")
            return nil
        case .success(let register):
            for issue in register.issues where issue.isError {
                let place = issue.line > 0 ? "\(path):\(issue.line)" : path
                Output.error("\(place): warning: \(issue.message) (row skipped; the import went on)\n")
            }
            // Every row read is kept or reported above; when some were reported, the account
            // says how many of the register's rows the answer rests on.
            if register.rows.reported > 0 {
                Output.error("\(path): warning: register \(register.rows)\n")
            }
            return register
        }
    }

    /// Loads a meeting file, writing what is wrong with it to standard error.
    static func loadMeeting(_ path: String, program: Program) -> Meeting? {
        guard let bytes = RuleSet.readFile(path, code: "P1114", what: "meeting") else { return nil }
        switch MeetingDecoder(program: program).decode(json: bytes) {
        case .success(let meeting): return meeting
        case .failure(let error):
            Output.error("\(path): \(error.description)\n")
            return nil
        }
    }

    /// Decodes and checks one decision.
    ///
    /// With `--register`, a decision may carry its own meeting as a `meeting` member
    /// (`{"attendees": [...], "body": ...}`, as in a meeting file), unless the scheme declares a
    /// field of that name: in a batch, each decision can then go to its own committee. It takes
    /// the place of `--meeting` for that decision.
    func check(json bytes: [UInt8]) -> Result<Report, DecisionErrors> {
        let meetingKey = screener != nil && plan.program.fieldIndex["meeting"] == nil
        // Most lines are plain: read them straight from the bytes; the rest, and every error,
        // go the full way below.
        if let flat = decoder.decodeFlat(bytes, meetingKey: meetingKey) {
            return .success(check(flat.decision, meeting: flat.attendees.map { Meeting(attendees: $0) }))
        }
        guard screener != nil, plan.program.fieldIndex["meeting"] == nil else { return decoder.decode(json: bytes).map { check($0) } }
        let value: JSONValue
        switch JSONParser.parse(bytes) {
        case .success(let parsed): value = parsed
        case .failure: return decoder.decode(json: bytes).map { check($0) }   // the decoder words the error
        }
        guard case .object(var members) = value, let at = members.firstIndex(where: { $0.key == "meeting" }) else {
            return decoder.decode(value).map { check($0) }
        }
        let raw = members.remove(at: at).value
        let ownMeeting: Meeting
        switch MeetingDecoder(program: plan.program).decode(raw) {
        case .success(let decoded): ownMeeting = decoded
        case .failure(let error):
            return .failure(DecisionErrors([DecisionError(code: error.code, field: error.field.map { "meeting.\($0)" } ?? "meeting", message: "in `meeting`: \(error.message)")]))
        }
        return decoder.decode(.object(members)).map { check($0, meeting: ownMeeting) }
    }

    func check(_ decision: Decision, meeting: Meeting? = nil) -> Report {
        var report = builder.build(decision)
        screener?.apply(to: &report, decision: decision, meeting: meeting ?? self.meeting)
        return report
    }
}
