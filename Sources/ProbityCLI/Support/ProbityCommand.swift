import ProbitySupport

/// Dispatches `probity SUBCOMMAND …` to its command.
enum ProbityCommand {
    /// The commands' overview (`probity help`); each command's page is in ``CommandHelp``.
    static var usage: String { CommandHelp.overview }

    static func run(_ arguments: [String]) -> ExitCode {
        // Under `--format json` every failure also ends as a `probity.error/1` record on standard output.
        ErrorRecord.collecting = ErrorRecord.asksForJSON(arguments)
        let status = dispatch(arguments)
        ErrorRecord.close(status)
        return status
    }

    static func dispatch(_ arguments: [String]) -> ExitCode {
        var words = arguments
        var command: String?
        do throws(UsageError) {
            // `--output` and `--color` mean the same for every command: taken here.
            try GlobalOptions.take(from: &words)
            guard let name = words.first else {
                Output.error(usage)
                return .badInput
            }
            let rest = Array(words.dropFirst())
            switch name {
            case "--version", "-V", "version":
                guard rest.isEmpty else { throw UsageError("`version` takes no arguments") }
                Output.write(Version.text)
                return .success
            case "help", "--help", "-h":
                guard let topic = rest.first else {
                    Output.write(usage)
                    return .success
                }
                guard rest.count == 1, let help = CommandHelp.named(topic) else {
                    throw UsageError(unknownCommand(topic))
                }
                Output.write(help.text)
                return .success
            default:
                break
            }
            if let help = CommandHelp.named(name) {
                command = name
                if asksForHelp(rest) {
                    Output.write(help.text)
                    return .success
                }
            }
            // Every command but `serve` builds its tables once and exits: large blocks stay in
            // the heap to be used again (``AllocatorSettings``). A server gives memory back.
            if name != "serve" { AllocatorSettings.forProcessThatExits() }
            switch name {
            case "check": return try CheckCommand.run(rest)
            case "test": return try TestCommand.run(rest)
            case "screen": return try ScreenCommand.run(rest)
            case "meeting": return try MeetingCommand.run(rest)
            case "vote": return try VoteCommand.run(rest)
            case "report": return try ReportCommand.run(rest)
            case "graph": return try GraphCommand.run(rest)
            case "fmt": return try FmtCommand.run(rest)
            case "lint": return try LintCommand.run(rest)
            case "explain": return try ExplainCommand.run(rest)
            case "diff": return try DiffCommand.run(rest)
            case "bench": return try BenchCommand.run(rest)
            case "completion": return try CompletionCommand.run(rest)
            case "serve": return try ServeCommand.run(rest)
            case "audit": return try AuditCommand.run(rest)
            default:
                throw UsageError(unknownCommand(name))
            }
        } catch {
            let page = command.map { "probity help \($0)" } ?? "probity help"
            Output.collect(ErrorRecord.entry(error, help: page))
            Output.error("error: \(error.message)\n\nrun `\(page)` for usage\n")
            return .badInput
        }
    }

    /// Whether the words before any `--` ask for help.
    static func asksForHelp(_ words: [String]) -> Bool {
        words.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
    }

    static func unknownCommand(_ name: String) -> String {
        let hint = closestMatch(to: name, among: CommandHelp.names).map { "did you mean `\($0)`? " } ?? ""
        let option = name.hasPrefix("-") ? "unknown option `\(name)`" : "unknown command `\(name)`"
        return "\(option); \(hint)expected one of \(CommandHelp.names.joined(separator: ", ")), or --version"
    }
}
