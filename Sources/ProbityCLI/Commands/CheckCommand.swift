import Probity

/// `probity check`: what a proposed decision needs, who must recuse, whether it may proceed.
enum CheckCommand {
    /// The most worker threads a batch may ask for (each has its own output buffers).
    static let maximumThreads = 256

    /// `--threads`, when given: a whole number from 1 to ``maximumThreads``.
    static func threads(_ arguments: Arguments) throws(UsageError) -> Int? {
        try arguments.value("threads").map { text throws(UsageError) in
            guard let n = Int(text), n >= 1, n <= maximumThreads else {
                throw UsageError("`--threads` needs a whole number from 1 to \(maximumThreads)")
            }
            return n
        }
    }

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: ["rules", "format", "register", "meeting", "batch", "threads"])
        try arguments.rejectUnknown(["rules", "format", "register", "meeting", "batch", "threads", "strict"])
        let format = try ReportFormat(arguments.value("format"))
        if let batch = arguments.value("batch") {
            guard arguments.positionals.isEmpty else { throw UsageError("`--batch` reads decisions from its file; expected no other decision file") }
            // While the register is still being read on its own thread, this one has nothing
            // else to do: it opens the batch file and reads its first blocks meanwhile, which it
            // would otherwise do once the engine is ready, with the workers waiting
            // (docs/performance.md, item 23). A `--threads` that will be refused below reads nothing ahead.
            var openedAhead: BatchCheck.Opened?
            guard let context = try CheckContext.load(arguments, whileTheRegisterIsRead: {
                let threads: Int?
                do { threads = try Self.threads(arguments) } catch { return }
                openedAhead = BatchCheck.openAhead(batch, workers: BatchCheck.workers(threads: threads))
            }) else { return .badInput }
            // As for a single check: freeing the engine and its register object by object after
            // the last line (39 M instructions with the benchmark workload's 20,088-row register) would only
            // delay the exit, which gives the memory back anyway.
            _ = Unmanaged.passRetained(context.engine)
            let threads = try Self.threads(arguments)
            return BatchCheck(context: context, threads: threads).run(path: batch, openedAhead: openedAhead)
        }
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError(arguments.positionals.isEmpty
                ? "`check` needs a decision file (or `--batch FILE`)"
                : "`check` takes one decision file, found \(arguments.positionals.count)")
        }
        guard let context = try CheckContext.load(arguments) else { return .badInput }
        // The process exits as soon as this returns: freeing the engine and its scheme object by
        // object would be 3% of a single check's CPU, for memory the exit gives back anyway.
        _ = Unmanaged.passRetained(context.engine)
        let errors: [InputError]
        switch RuleSet.readInput(path) {
        case .success(let bytes):
            // As in a batch, a decision may carry its own `meeting` (with `--register`).
            switch context.check(json: bytes) {
            case .success(let report):
                write(report, format)
                return report.canProceed ? .success : .failure
            case .failure(let found):
                errors = found.all
            }
        case .failure(let error):
            let name = path == "-" ? "from standard input" : "`\(path)`"
            errors = [InputError(code: .unreadableDecisions, field: nil, message: "cannot read decision file \(name): \(error.reason)")]
            Output.error(.unreadableDecisions, errors[0].message)
        }
        if errors.first?.code != .unreadableDecisions { Output.error(errors.map { $0.diagnostic(in: path) }) }
        if format == .json {
            var out = JSONStreamWriter(pretty: true)
            ErrorRecord.write(errors, file: path, to: &out)
            Output.write(out.text + "\n")
        }
        return .badInput
    }

    static func write(_ report: Report, _ format: ReportFormat) {
        switch format {
        case .text: Output.write(report.text)
        case .json:
            var out = JSONStreamWriter(pretty: true)
            report.write(to: &out)
            Output.write(out.text + "\n")
        }
    }
}

/// `--format text|json`.
enum ReportFormat {
    case text, json

    init(_ text: String?) throws(UsageError) {
        switch text {
        case nil, "text": self = .text
        case "json": self = .json
        case let other?: throw UsageError("unknown format `\(other)`; expected `text` or `json`")
        }
    }
}
