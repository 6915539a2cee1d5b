/// What each command takes and does, in one table: `probity help CMD`, `CMD --help` and `-h`
/// print it, and `probity completion` makes its scripts from it.
struct CommandHelp {
    struct Option {
        var name: String
        /// The value's placeholder (`FILE`), or nil for a flag.
        var value: String?
        var about: String
        /// The values it takes, for completion (`text`, `json`).
        var choices: [String] = []
    }

    var name: String
    var summary: String
    var usage: [String]
    var options: [Option]
    var inputs: String
    var exit: String
    var example: String

    static let rules = Option(name: "rules", value: "PATH", about: "the rules file or folder (default: the rules shipped with probity)")
    static let format = Option(name: "format", value: "text|json", about: "text for people (default), or JSON (docs/report-format.md)", choices: ["text", "json"])
    static let register = Option(name: "register", value: "FILE", about: "the register of interests (CSV, TSV or JSON; docs/registers.md); `-` reads standard input")
    static let strict = Option(name: "strict", value: nil, about: "an organisation matching no declared name, alias or register text (P1150) blocks the decision (exit 1)")
    static let output = Option(name: "output", value: "FILE", about: "write standard output to FILE instead")
    static let color = Option(name: "color", value: "auto|always|never", about: "colour the severities (auto: only on a terminal, never with NO_COLOR set)", choices: ["auto", "always", "never"])
    static let decisionExit = "0 the decision may proceed as proposed, 1 it may not, 2 the input is wrong"

    /// Every command, in the order `probity help` lists them.
    static let all: [CommandHelp] = [
        CommandHelp(
            name: "check", summary: "what a decision needs (approvals, procedures, notices), who must recuse, whether it may proceed",
            usage: ["probity check [--rules PATH] [--format text|json] [--register FILE [--meeting MEETING.json] [--strict]] DECISION.json|-",
                    "probity check [--rules PATH] [--register FILE] [--threads N] --batch FILE.jsonl|-"],
            options: [rules, format, register,
                      Option(name: "meeting", value: "MEETING.json", about: "screen only its attendees and re-check its quorum (a decision may carry its own `meeting`)"),
                      strict,
                      Option(name: "batch", value: "FILE.jsonl", about: "one decision per line in, one compact JSON report per line out; `-` reads standard input"),
                      Option(name: "threads", value: "N", about: "with --batch: how many threads (default: one per core)"),
                      output, color],
            inputs: "a decision as a JSON object of the scheme's fields, with `id` and `date` (YYYY-MM-DD; docs/dates.md)",
            exit: decisionExit + "; with --batch the worst of the lines",
            example: "probity check --register Examples/registers/lcp-board-2023-11-23.tsv Examples/decisions/bromley-community-services-stw-2023-11.json"),
        CommandHelp(
            name: "screen", summary: "everyone on the register with an interest relevant to a decision (who may not sit on a panel)",
            usage: ["probity screen [--rules PATH] [--format text|json] [--strict] --register FILE --decision DECISION.json|-"],
            options: [rules, format, register, Option(name: "decision", value: "DECISION.json", about: "the decision to screen for; `-` reads standard input"), strict, output, color],
            inputs: "a decision and a register of interests",
            exit: "0 nothing blocks, 1 a finding blocks (an unscreenable attendee; with --strict an unmatched organisation), 2 the input is wrong",
            example: "probity screen --register Examples/registers/lcp-board-2023-11-23.tsv --decision Examples/decisions/bromley-community-services-stw-2023-11.json"),
        CommandHelp(
            name: "meeting", summary: "a whole agenda: per item, what it needs, who must recuse, quorum and who may vote",
            usage: ["probity meeting [--rules PATH] [--format text|json] [--strict] --register FILE AGENDA.json|-"],
            options: [rules, format, register, strict, output, color],
            inputs: "an agenda: `body`, `date`, `attendees` and `items`, each with an `id`, a `title` and perhaps a `decision`",
            exit: "0 every item may proceed, 1 an item may not, 2 the input is wrong",
            example: "probity meeting --register Examples/registers/lcp-board-2023-11-23.tsv Examples/agendas/lcp-board-2023-11-23.json"),
        CommandHelp(
            name: "report", summary: "board papers for a meeting: the declarations table and a conflicts statement per item",
            usage: ["probity report [--rules PATH] [--format md|html] --register FILE AGENDA.json|-"],
            options: [rules, Option(name: "format", value: "md|html", about: "Markdown (default) or HTML", choices: ["md", "html"]), register, output],
            inputs: "an agenda, as for `meeting`, and a register of interests",
            exit: "0 the papers were written, 2 the input is wrong",
            example: "probity report --register Examples/registers/lcp-board-2023-11-23.tsv --format html Examples/agendas/lcp-board-2023-11-23.json"),
        CommandHelp(
            name: "graph", summary: "the delegation tree, or one decision kind's ladder of authority",
            usage: ["probity graph [--rules PATH] [--format svg|dot|mermaid] tree",
                    "probity graph [--rules PATH] [--format svg|dot|mermaid] --on YYYY-MM-DD [--where FIELD=VALUE]… [--field MONEY-FIELD] ladder KIND"],
            options: [rules, Option(name: "format", value: "svg|dot|mermaid", about: "SVG (default), Graphviz DOT or Mermaid", choices: ["svg", "dot", "mermaid"]),
                      Option(name: "on", value: "YYYY-MM-DD", about: "with `ladder`: the day whose rules are drawn"),
                      Option(name: "where", value: "FIELD=VALUE", about: "with `ladder`: assume a field's value (repeatable)"),
                      Option(name: "field", value: "MONEY-FIELD", about: "with `ladder`: the money field along which to draw (default `value`)"), output],
            inputs: "the rules",
            exit: "0 drawn, 2 the input is wrong",
            example: "probity graph --on 2024-01-10 ladder contract-award --format mermaid"),
        CommandHelp(
            name: "vote", summary: "counts a recorded vote: carried, lost, or the chair's casting vote",
            usage: ["probity vote [--rules PATH] [--format text|json] [--meeting MEETING.json] --votes VOTES.json|-"],
            options: [rules, format, Option(name: "meeting", value: "MEETING.json", about: "the meeting the vote was taken at (not needed for a decision by email)"),
                      Option(name: "votes", value: "VOTES.json", about: "the votes recorded; `-` reads standard input"), output, color],
            inputs: "a votes file (`for`, `against`, `abstain`, or `by_email`) and the meeting",
            exit: "0 the vote stands, 1 it does not, 2 the input is wrong",
            example: "probity vote --meeting Examples/meetings/bexley-board-2021-09-30.json --votes Examples/votes/bexley-board-2021-09-30.json"),
        CommandHelp(
            name: "explain", summary: "why each rule did or did not fire for a decision, and whom the screening considered",
            usage: ["probity explain [--rules PATH] [--format text|json] [--register FILE [--meeting MEETING.json]] DECISION.json|-"],
            options: [rules, format, register, Option(name: "meeting", value: "MEETING.json", about: "screen only its attendees"), output, color],
            inputs: "a decision, as for `check`",
            exit: decisionExit,
            example: "probity explain Examples/decisions/s75-new-agreement-below-1m.json"),
        CommandHelp(
            name: "test", summary: "runs the `test` blocks beside the rules",
            usage: ["probity test [--coverage] [--verbose] [PATH]"],
            options: [Option(name: "coverage", value: nil, about: "list the rules no test made fire and the branches no test saw both ways"),
                      Option(name: "verbose", value: nil, about: "list every test, not only the failures"), output, color],
            inputs: "a rules file or folder (default: the rules shipped with probity)",
            exit: "0 every test passed, 1 a test failed, 2 the rules do not check",
            example: "probity test --coverage Rules"),
        CommandHelp(
            name: "lint", summary: "checks the rules and analyses them as a whole: gaps, overlaps, dead rules, placeholders",
            usage: ["probity lint [--format text|json] [--fail-on warning|error] [--max-nodes N] [--max-time SECONDS] [PATH]"],
            options: [format, Option(name: "fail-on", value: "warning|error", about: "exit 1 on any finding of this severity or worse that no rule accepts (default: error)", choices: ["warning", "error"]),
                      Option(name: "max-nodes", value: "N", about: "bound the decision-diagram analysis by nodes (P0910 names the rules not analysed)"),
                      Option(name: "max-time", value: "SECONDS", about: "bound the analysis by time"),
                      output, color],
            inputs: "a rules file or folder (default: the rules shipped with probity)",
            exit: "0 nothing at the --fail-on level, 1 something is, 2 the rules do not check",
            example: "probity lint --fail-on warning Rules"),
        CommandHelp(
            name: "fmt", summary: "lays rule files out in the canonical form",
            usage: ["probity fmt [--check | --diff] PATH…", "probity fmt -"],
            options: [Option(name: "check", value: nil, about: "list the files that would change, change nothing (exit 1 if any)"),
                      Option(name: "diff", value: nil, about: "print what would change as a unified diff, change nothing (exit 1 if any)"), output, color],
            inputs: "rule files or folders; `-` formats standard input to standard output",
            exit: "0 formatted (or nothing to change), 1 with --check or --diff: a file would change, 2 a file has syntax errors",
            example: "probity fmt --diff Rules"),
        CommandHelp(
            name: "diff", summary: "which past decisions a change to the rules would change",
            usage: ["probity diff [--format text|json] OLD NEW --decisions HISTORY.jsonl|-"],
            options: [format, Option(name: "decisions", value: "HISTORY.jsonl", about: "past decisions, one per line; `-` reads standard input"), output, color],
            inputs: "the old and the new rules (files or folders)",
            exit: "0 no decision changes, 1 some do, 2 the input is wrong",
            example: "probity diff Rules-2023 Rules --decisions history.jsonl"),
        CommandHelp(
            name: "bench", summary: "runs the performance workloads (docs/performance.md)",
            usage: ["probity bench [--decisions N] [--threads T] [--seed S] [--format json] [--write DIR]",
                    "probity bench --workload end-to-end [--runs R] [--decisions N] [--threads T]"],
            options: [Option(name: "decisions", value: "N", about: "how many decisions to generate"), Option(name: "threads", value: "T", about: "threads for the batch"),
                      Option(name: "seed", value: "S", about: "the workload's seed"), format, Option(name: "write", value: "DIR", about: "write the workload as files instead"),
                      Option(name: "rules-scale", value: "N", about: "multiply the generated rules"), Option(name: "register-scale", value: "N", about: "multiply the generated register"),
                      Option(name: "committee", value: "N", about: "committee size"), Option(name: "workload", value: "NAME", about: "one workload only"),
                      Option(name: "examples", value: "N", about: "repetitions of the examples"),
                      Option(name: "runs", value: "R", about: "runs of each timing (lint, end-to-end)"),
                      Option(name: "hand-written", value: "DIR", about: "run only the hand-written comparison program on files `--write` wrote"), output],
            inputs: "none: the workload is generated from the seed",
            exit: "0 every generated answer agreed with the reference, 1 one did not, 2 bad arguments",
            example: "probity bench --decisions 100000 --threads 2"),
        CommandHelp(
            name: "serve", summary: "the web page and the JSON API on one port (loopback unless told otherwise)",
            usage: ["probity serve [--rules PATH] [--register FILE] [--host 127.0.0.1] [--port 8181] [--decision-log FILE]"],
            // Not the shared `register` option: the server re-reads its register on every change, so
            // it must be a file, never standard input.
            options: [rules, Option(name: "register", value: "FILE", about: "the register of interests (CSV, TSV or JSON; docs/registers.md), reloaded when it changes"),
                      Option(name: "host", value: "ADDRESS", about: "the address to listen on (default 127.0.0.1)"),
                      Option(name: "port", value: "PORT", about: "the port (default 8181; 0 picks a free one)"),
                      Option(name: "decision-log", value: "FILE", about: "append every decision checked to FILE")],
            inputs: "HTTP requests (the API is in the page it serves); the rules and register are reloaded when their files change or on SIGHUP",
            exit: "0 after SIGINT or SIGTERM (requests in flight finish), 2 the input is wrong",
            example: "probity serve --register Examples/registers/lcp-board-2023-11-23.tsv --port 8181"),
        CommandHelp(
            name: "audit", summary: "a year of decisions, votes and the register together: split contracts, decisions outside delegation, conflicted votes, register health",
            usage: ["probity audit [--rules PATH] [--format text|json|markdown|html] [--register FILE] [--votes FILE]… [--as-of DATE] [--threads N] --history FILE.jsonl"],
            options: [rules, Option(name: "format", value: "text|json|markdown|html",
                                    about: "text for people (default), JSON (docs/report-format.md), or Markdown or HTML laid out like the board papers (docs/papers.md)",
                                    choices: ["text", "json", "markdown", "html"]),
                      Option(name: "history", value: "FILE.jsonl", about: "the decisions taken, one per line as `check --batch` reads them"),
                      register, Option(name: "votes", value: "FILE", about: "a recorded vote (repeatable)"),
                      Option(name: "as-of", value: "DATE", about: "the day the register's health is judged on (default: the latest date read)"),
                      Option(name: "threads", value: "N", about: "how many threads"), output, color],
            inputs: "the history of decisions, the recorded votes and the register (docs/report-format.md, probity.audit/1)",
            exit: "0 nothing at warning or error level, 1 findings, 2 the input is wrong",
            example: "probity audit --register Examples/registers/lcp-board-2023-11-23.tsv --history history.jsonl"),
        CommandHelp(
            name: "completion", summary: "prints a shell completion script",
            usage: ["probity completion bash|zsh|fish"],
            options: [],
            inputs: "the shell's name",
            exit: "0, or 2 for a shell it does not know",
            example: "probity completion bash > /etc/bash_completion.d/probity"),
        CommandHelp(
            name: "version", summary: "prints the version and the build",
            usage: ["probity version", "probity --version"],
            options: [],
            inputs: "none",
            exit: "0",
            example: "probity --version"),
        CommandHelp(
            name: "help", summary: "prints the usage of probity or of one command",
            usage: ["probity help [COMMAND]", "probity COMMAND --help", "probity COMMAND -h"],
            options: [],
            inputs: "a command's name",
            exit: "0, or 2 for a command it does not know",
            example: "probity help check"),
    ]

    static func named(_ name: String) -> CommandHelp? {
        all.first { $0.name == name }
    }

    static var names: [String] { all.map(\.name) }

    /// The page `probity help CMD` prints.
    var text: String {
        var out = "probity \(name): \(summary)\n\nusage:\n"
        for line in usage { out += "  \(line)\n" }
        if !options.isEmpty {
            out += "\noptions:\n"
            let labels = options.map { "--\($0.name)\($0.value.map { " \($0)" } ?? "")" }
            let width = labels.map(\.count).max() ?? 0
            for (label, option) in zip(labels, options) {
                out += "  \(label)\(String(repeating: " ", count: width - label.count))  \(option.about)\n"
            }
            out += "  -h, --help\(String(repeating: " ", count: max(0, width - 10)))  print this help\n"
        }
        out += "\ninput: \(inputs)\nexit status: \(exit)\nexample:\n  \(example)\n"
        return out
    }

    /// The page `probity help` prints.
    static var overview: String {
        let width = names.map(\.count).max() ?? 0
        var out = "usage: probity <command> [options]\n\ncommands:\n"
        for command in all {
            out += "  \(command.name)\(String(repeating: " ", count: width - command.name.count))  \(command.summary)\n"
        }
        out += """

        `probity help COMMAND` (or `probity COMMAND --help`) prints a command's options, inputs, exit status and an example.
        Without --rules, the rules shipped with probity are used. Wherever a file is read, `-` reads standard input.
        exit status: 0 the decision may proceed (or all checks passed), 1 it may not (or a check failed), 2 the input is wrong

        """
        return out
    }
}
