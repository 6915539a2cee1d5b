import Probity

/// What `--rules`, `--register` and `--meeting` give a command: the ``Engine`` (built once per
/// run) and the meeting decisions are checked at. Reading the files and saying what is wrong
/// with them is the CLI's part; everything else is the engine's.
struct CheckContext: Sendable {
    let engine: Engine
    /// With `--meeting`: only its attendees are screened, and quorum is re-checked (with no
    /// `--register`, quorum only).
    let meeting: Meeting?

    /// Builds the context for `arguments` (`--register`, `--meeting`). Nil when the register or
    /// the meeting cannot be read; the reason has been written to standard error.
    static func make(scheme: Scheme, arguments: Arguments) throws(UsageError) -> CheckContext? {
        var engine = Engine(scheme: scheme)
        if let path = arguments.value("register") {
            guard let register = loadRegister(path) else { return nil }
            engine = engine.with(register: register)
        }
        var meeting: Meeting?
        if let path = arguments.value("meeting") {
            guard let loaded = loadMeeting(path, engine: engine) else { return nil }
            meeting = loaded
        }
        return CheckContext(engine: engine, meeting: meeting)
    }

    /// Loads the rules (`--rules`, or the bundled ones) and builds the context for `arguments`.
    /// Nil when anything cannot be read; the reason has been written to standard error.
    static func load(_ arguments: Arguments) throws(UsageError) -> CheckContext? {
        guard let scheme = RuleSet.load(arguments.value("rules")) else { return nil }
        return try make(scheme: scheme, arguments: arguments)
    }

    /// Reads and decodes one decision file. Nil (after writing every error, prefixed with the
    /// file's path, to standard error) when it cannot be read or does not fit the scheme.
    func readDecision(_ path: String) -> Decision? {
        guard let bytes = RuleSet.readFile(path, code: "P0706", what: "decision") else { return nil }
        switch engine.decision(json: bytes) {
        case .failure(let errors):
            Output.error(errors.all.map { $0.diagnostic(in: path) })
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
            Output.error("P1115", error.message)
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
    static func loadMeeting(_ path: String, engine: Engine) -> Meeting? {
        guard let bytes = RuleSet.readFile(path, code: "P1114", what: "meeting") else { return nil }
        switch engine.meeting(json: bytes) {
        case .success(let meeting): return meeting
        case .failure(let error):
            Output.error([error.diagnostic(in: path)])
            return nil
        }
    }

    /// Decodes and checks one decision, at `--meeting` unless it carries its own.
    func check(json bytes: [UInt8]) -> Result<Report, DecisionErrors> {
        engine.check(json: bytes, meeting: meeting)
    }

    /// Checks one decision at `--meeting`.
    func check(_ decision: Decision) -> Report {
        engine.check(decision, meeting: meeting)
    }
}
