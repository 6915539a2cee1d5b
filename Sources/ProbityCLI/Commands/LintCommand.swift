import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// `probity lint [--format text|json] [--max-nodes N] [--max-time SECONDS] [PATH]`: everything the checker reports, then the
/// analysis of the rules as a whole (gaps, overlaps, unreachable and shadowed rules, unused
/// bodies, notices without a period, placeholders). Findings a rule accepts with
/// `accept P09xx because "…"` are not shown in text (they are counted) and are marked in JSON.
///
/// `--max-nodes` and `--max-time` bound the decision-diagram analysis; when either runs out,
/// lint says which rules it did not analyse (P0910) and reports nothing resting on them.
///
/// Exit status: 2 if the rules do not check, 1 if an error-level finding remains (with
/// `--fail-on warning`, a warning too), 0 otherwise.
enum LintCommand {
    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let valued: Set<String> = ["format", "max-nodes", "max-time", "fail-on"]
        let arguments = try Arguments(words, valued: valued)
        try arguments.rejectUnknown(valued)
        let format = try ReportFormat(arguments.value("format"))
        let budget = try budget(arguments)
        // The least severity that fails the run: CI can fail on a gap (a warning) as well.
        let failOn: Severity
        switch arguments.value("fail-on") {
        case nil, "error": failOn = .error
        case "warning": failOn = .warning
        case let other?: throw UsageError("unknown `--fail-on` level `\(other)`; expected `warning` or `error`")
        }
        guard arguments.positionals.count <= 1 else { throw UsageError("`lint` takes one rules file or folder") }
        let loaded: LoadedRules
        if let path = arguments.positionals.first {
            loaded = RuleLoader.load(path: path)
        } else if let bundled = RuleSet.bundledPath {
            loaded = RuleLoader.load(path: bundled, displayPath: "Rules")
        } else {
            Output.error("error: no rules given and none are bundled; pass PATH\n")
            return .badInput
        }
        let report = Linter.run(loaded, linter: Linter(budget: budget))
        switch format {
        case .text: Output.write(text(report))
        case .json: Output.write(JSONWriter.pretty(json(report)) + "\n")
        }
        if !report.checks { return .badInput }
        let failing = failOn == .warning ? report.count(.error) + report.count(.warning) : report.count(.error)
        return failing > 0 ? .failure : .success
    }

    /// The analysis budget from `--max-nodes N` (diagram nodes) and `--max-time SECONDS`.
    static func budget(_ arguments: Arguments) throws(UsageError) -> LintBudget {
        var budget = LintBudget.standard
        if let text = arguments.value("max-nodes") {
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n >= 1 else {
                throw UsageError("`--max-nodes` needs a whole number of at least 1")
            }
            budget.maxNodes = n
        }
        if let text = arguments.value("max-time") {
            guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else {
                throw UsageError("`--max-time` needs a number of seconds above 0, e.g. `30` or `0.5`")
            }
            budget.maxTime = .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        return budget
    }

    static func text(_ report: LintReport) -> String {
        var out = DiagnosticRenderer(sources: report.sources).render(report.reported.map(\.diagnostic))
        let errors = report.count(.error), warnings = report.count(.warning), notes = report.count(.note)
        var summary = "lint: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if notes > 0 { summary += ", \(notes) note\(notes == 1 ? "" : "s")" }
        summary += ", \(report.accepted.count) accepted"
        if !report.checks { summary += "; the rules do not check, so they were not analysed" }
        if !out.isEmpty { out += "\n" }
        return out + summary + "\n"
    }

    /// `probity.lint/2`: the findings in an object that names its format, with the counts the
    /// text summary gives. (`probity.lint/1` was the bare array of findings, without a `format`.)
    static func json(_ report: LintReport) -> JSONValue {
        let renderer = DiagnosticRenderer(sources: report.sources)
        return .object([
            ("format", .string("probity.lint/2")),
            ("checks", .bool(report.checks)),
            ("counts", .object([
                ("error", .integer(report.count(.error))),
                ("warning", .integer(report.count(.warning))),
                ("note", .integer(report.count(.note))),
                ("accepted", .integer(report.accepted.count)),
            ])),
            ("findings", .array(report.findings.map { finding in
                var members = renderer.jsonMembers(finding.diagnostic)
                if let witness = finding.witness { members.append(("witness", witness)) }
                members.append(("accepted", .bool(finding.isAccepted)))
                if let reason = finding.acceptedBecause { members.append(("reason", .string(reason))) }
                return .object(members)
            })),
        ])
    }
}
