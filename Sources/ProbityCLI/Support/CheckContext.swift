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
            return register
        }
    }

    /// Loads a meeting file, writing what is wrong with it to standard error.
    static func loadMeeting(_ path: String, program: Program) -> Meeting? {
        guard let bytes = RuleSet.readFile(path) else {
            Output.error("error[P1114]: cannot read meeting file `\(path)`\n")
            return nil
        }
        switch MeetingDecoder(program: program).decode(json: bytes) {
        case .success(let meeting): return meeting
        case .failure(let error):
            Output.error("\(path): \(error.description)\n")
            return nil
        }
    }

    /// Decodes and checks one decision.
    func check(json bytes: [UInt8]) -> Result<Report, DecisionErrors> {
        decoder.decode(json: bytes).map(check)
    }

    func check(_ decision: Decision) -> Report {
        let matches = plan.match(decision)
        var report = builder.build(decision, matches)
        screener?.apply(to: &report, decision: decision, meeting: meeting)
        return report
    }
}
