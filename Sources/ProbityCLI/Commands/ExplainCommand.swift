import Probity

/// `probity explain`: for every rule, whether it fired and why (or the first condition that
/// failed, with the values compared; or that it was not in effect; or the field it lacked),
/// then, with `--register`, every person and interest the conflicts screening considered, and
/// the outcome as `probity check` gives it. Exit status as `check`.
enum ExplainCommand {
    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let options: Set<String> = ["rules", "format", "register", "meeting"]
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try ReportFormat(arguments.value("format"))
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError(arguments.positionals.isEmpty
                ? "`explain` needs a decision file"
                : "`explain` takes one decision file, found \(arguments.positionals.count)")
        }
        guard let context = try CheckContext.load(arguments), let decision = context.readDecision(path) else { return .badInput }
        let explanation = context.engine.explain(decision, meeting: context.meeting)
        switch format {
        case .text: Output.write(explanation.text)
        case .json: Output.write(JSONWriter.pretty(explanation.json) + "\n")
        }
        return explanation.report.canProceed ? .success : .failure
    }
}
