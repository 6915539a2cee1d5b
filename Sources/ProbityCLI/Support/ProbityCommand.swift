/// Dispatches `probity SUBCOMMAND …` to its command.
enum ProbityCommand {
    static let usage = """
    usage: probity <command> [options]

    commands:
      check [--rules PATH] [--format text|json] [--register FILE [--meeting MEETING.json]] DECISION.json
      check [--rules PATH] --batch FILE.jsonl|-     one decision per line in, one JSON report per line out
      screen [--rules PATH] [--format text|json] --register FILE --decision DECISION.json
      meeting [--rules PATH] --register FILE [--format text|json] AGENDA.json
      report [--rules PATH] --register FILE [--format md|html] AGENDA.json   board papers: declarations, per-item conflicts
      report [--rules PATH] --register FILE [--format md|html] --meeting MEETING.json DECISION.json   the same for one decision
      graph [--rules PATH] tree [--on DATE] [--format svg|dot|mermaid]   the delegation tree
      graph [--rules PATH] ladder KIND --on DATE [--where FIELD=VALUE]… [--field MONEY] [--format svg|dot|mermaid]   who decides, by value
      vote [--rules PATH] [--format text|json] --meeting MEETING.json --votes VOTES.json
      test [--coverage] [PATH]                      run the test blocks beside the rules
      lint [--format text|json] [--max-nodes N] [--max-time SECONDS] [PATH]   check the rules and analyse them as a whole
      explain [--rules PATH] [--format text|json] [--register FILE [--meeting MEETING.json]] DECISION.json
      fmt [--check] PATH…                           format rule files in the canonical layout
      diff OLD NEW --decisions HISTORY.jsonl [--format text|json]   which past decisions a rule change would change
      bench [--decisions N] [--threads T] [--format json] [--write DIR] [--workload all|generated|shipped|lint]
      serve [--rules PATH] [--register FILE] [--host 127.0.0.1] [--port 8181] [--decision-log FILE]   the web page and JSON API

    Without --rules, the rules shipped with probity are used.
    exit status: 0 the decision may proceed (or all checks passed), 1 it may not (or a check failed), 2 the input is wrong

    """

    static func run(_ words: [String]) -> ExitCode {
        guard let name = words.first else {
            Output.error(usage)
            return .badInput
        }
        let rest = Array(words.dropFirst())
        do throws(UsageError) {
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
            case "serve": return try ServeCommand.run(rest)
            case "help", "--help", "-h":
                Output.write(usage)
                return .success
            default:
                throw UsageError("unknown command `\(name)`; expected one of check, screen, meeting, report, graph, vote, test, lint, explain, fmt, diff, bench, serve")
            }
        } catch {
            Output.error("error: \(error.message)\n\nrun `probity help` for usage\n")
            return .badInput
        }
    }
}
