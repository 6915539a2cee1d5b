import Probity

/// `probity check`: what a proposed decision needs, who must recuse, whether it may proceed.
enum CheckCommand {
    /// The most worker threads a batch may ask for (each has its own output buffers).
    static let maximumThreads = 256

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: ["rules", "format", "register", "meeting", "batch", "threads"])
        try arguments.rejectUnknown(["rules", "format", "register", "meeting", "batch", "threads"])
        let format = try ReportFormat(arguments.value("format"))
        if let batch = arguments.value("batch") {
            guard arguments.positionals.isEmpty else { throw UsageError("`--batch` reads decisions from its file; expected no other decision file") }
            guard let context = try CheckContext.load(arguments) else { return .badInput }
            let threads = try arguments.value("threads").map { text throws(UsageError) in
                guard let n = Int(text), n >= 1, n <= maximumThreads else {
                    throw UsageError("`--threads` needs a whole number from 1 to \(maximumThreads)")
                }
                return n
            }
            return BatchCheck(context: context, threads: threads).run(path: batch)
        }
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError(arguments.positionals.isEmpty
                ? "`check` needs a decision file (or `--batch FILE`)"
                : "`check` takes one decision file, found \(arguments.positionals.count)")
        }
        guard let context = try CheckContext.load(arguments), let decision = context.readDecision(path) else { return .badInput }
        let report = context.check(decision)
        switch format {
        case .text: Output.write(report.text)
        case .json:
            var out = JSONStreamWriter(pretty: true)
            report.write(to: &out)
            Output.write(out.text + "\n")
        }
        return report.canProceed ? .success : .failure
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
