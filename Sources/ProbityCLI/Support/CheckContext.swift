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
    /// `readAhead`: the register, already being read (see ``load(_:)``).
    /// `whileTheRegisterIsRead`: work for this thread while it would otherwise wait for the
    /// register's thread (run only then, once the rules are loaded and their engine built).
    static func make(scheme: Scheme, arguments: Arguments, readAhead: RegisterReadAhead? = nil,
                     whileTheRegisterIsRead: () -> Void = {}) throws(UsageError) -> CheckContext? {
        try arguments.rejectStandardInputTwice(["register", "meeting", "batch", "decision", "votes"])
        let strict = arguments.has("strict")
        let engine: Engine
        if let path = arguments.value("register") {
            // While the register file is still being read on its own thread, the compiled rules,
            // the decision decoder and the report builder (which need only the rules) are built
            // here; the register's screener is added when it arrives. A register already read
            // (a small one, read before the rules) and one without a read-ahead go into the
            // engine from the start, on as many threads as it can use, without first building
            // a screener for no register. Either way the engine is the same (ParallelBuildTests).
            // The rules-only engine also makes the register scan's patterns meanwhile
            // (docs/performance.md, item 13). A register read ahead comes prepared, or being
            // prepared, on its own thread (its people index: item 27); the engine takes that
            // rather than making its own. Until then the rules-only engine's jobs are done here,
            // and by that thread once it has read the register (`engineJobs`), not by a thread
            // started for them, which would take the register's core while it is still reading.
            let rulesOnly = readAhead.flatMap { $0.hasFinished ? nil : Engine.expectingRegister(scheme, sharing: $0.engineJobs) }
            if let readAhead, !readAhead.hasFinished { whileTheRegisterIsRead() }
            guard let loaded = loadRegister(path, readAhead: readAhead) else { return nil }
            engine = rulesOnly?.with(prepared: loaded, strict: strict) ?? Engine(scheme: scheme, prepared: loaded, strict: strict)
        } else {
            engine = Engine(scheme: scheme, strict: strict)
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
    /// `whileTheRegisterIsRead`: as for ``make(scheme:arguments:readAhead:whileTheRegisterIsRead:)``.
    static func load(_ arguments: Arguments, whileTheRegisterIsRead: () -> Void = {}) throws(UsageError) -> CheckContext? {
        // A register file is read while the rules load: the two take about as long on the
        // benchmark's workload, and neither needs the other.
        let readAhead = arguments.value("register").flatMap { $0 == "-" ? nil : RegisterReadAhead(path: $0) }
        guard let scheme = RuleSet.load(arguments.value("rules")) else { return nil }
        return try make(scheme: scheme, arguments: arguments, readAhead: readAhead, whileTheRegisterIsRead: whileTheRegisterIsRead)
    }

    /// Reads and decodes one decision file. Nil (after writing every error, prefixed with the
    /// file's path, to standard error) when it cannot be read or does not fit the scheme.
    ///
    /// With `json`, the errors are also written to standard output as `probity.error/1`, so a
    /// tool reading `--format json` always gets JSON.
    func readDecision(_ path: String, json: Bool = false) -> Decision? {
        let errors: [InputError]
        switch RuleSet.readInput(path) {
        case .success(let bytes):
            switch engine.decision(json: bytes) {
            case .success(let decision):
                return decision
            case .failure(let found):
                errors = found.all
                Output.error(errors.map { $0.diagnostic(in: path) })
            }
        case .failure(let error):
            let name = path == "-" ? "from standard input" : "`\(path)`"
            errors = [InputError(code: .unreadableDecisions, field: nil, message: "cannot read decision file \(name): \(error.reason)")]
            Output.error(.unreadableDecisions, errors[0].message)
        }
        if json {
            var out = JSONStreamWriter(pretty: true)
            ErrorRecord.write(errors, file: path, to: &out)
            Output.write(out.text + "\n")
        }
        return nil
    }

    /// Decodes an agenda read from `path`. Nil after writing what is wrong with it, located in
    /// `path`, to standard error.
    func decodeAgenda(_ bytes: [UInt8], path: String) -> Agenda? {
        switch engine.agenda(json: bytes) {
        case .failure(let errors):
            Output.error(errors.diagnostics(in: path))
            return nil
        case .success(let agenda):
            return agenda
        }
    }

    /// Loads a register, writing the rows it did not keep and the values it did not read to
    /// standard error, each located as `file:line`.
    /// Nil (after saying why) when the file has no usable shape.
    /// `readAhead`: the same file, already being read on another thread.
    /// A register read ahead comes prepared, or being prepared, on its own thread; one read here
    /// is not prepared yet (the engine given it makes its index).
    static func loadRegister(_ path: String, readAhead: RegisterReadAhead? = nil) -> PreparedRegister? {
        let loaded: Result<PreparedRegister, RegisterLoadError>
        if let readAhead {
            loaded = readAhead.wait()
        } else if path == "-" {
            // `--register -`: the register on standard input.
            loaded = (RuleSet.readFile(path).map { RegisterLoader.read($0, fileName: "<stdin>") }
                ?? .failure(.unreadableFile(path: path, reason: "standard input cannot be read"))).map(PreparedRegister.init)
        } else {
            loaded = RegisterLoader.load(path: path).map(PreparedRegister.init)
        }
        switch loaded {
        case .failure(let error):
            Output.error([error.diagnostic])
            return nil
        case .success(let prepared):
            // Rows not kept (errors) and values not read (warnings), located in the register as
            // the user named it; each message says what became of the row or value.
            Output.error(prepared.register.findings(shownAs: path))
            return prepared
        }
    }

    /// Loads a meeting file, writing what is wrong with it to standard error.
    static func loadMeeting(_ path: String, engine: Engine) -> Meeting? {
        guard let bytes = RuleSet.readFile(path, code: .unreadableMeeting, what: "meeting") else { return nil }
        switch engine.meeting(json: bytes) {
        case .success(let meeting): return meeting
        case .failure(let errors):
            Output.error(errors.diagnostics(in: path))
            return nil
        }
    }

    /// The same context for another thread, with an engine of its own that answers as this one
    /// (``Engine/replica()``): a batch's workers each check with one.
    func replica() -> CheckContext {
        CheckContext(engine: engine.replica(), meeting: meeting)
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
