import Probity

/// `probity screen --register FILE --decision DECISION.json`: every person on the register with
/// an interest relevant to the decision — for a procurement panel, who may not sit on it.
enum ScreenCommand {
    static let options: Set<String> = ["rules", "format", "register", "decision"]

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try ReportFormat(arguments.value("format"))
        guard arguments.value("register") != nil else { throw UsageError("`screen` needs `--register FILE`") }
        guard let path = arguments.value("decision") ?? arguments.positionals.first else {
            throw UsageError("`screen` needs `--decision DECISION.json`")
        }
        guard arguments.positionals.count <= (arguments.value("decision") == nil ? 1 : 0) else {
            throw UsageError("`screen` takes one decision, given with `--decision`")
        }
        guard let context = try CheckContext.load(arguments), let decision = context.readDecision(path) else { return .badInput }
        let screening = context.engine.screen(decision, meeting: context.meeting)
        let conflicts = screening.conflicts, findings = screening.findings, registerName = screening.register
        switch format {
        case .text:
            var out = "screening of decision \(screening.decision) (\(Day(number: screening.date).iso)) against \(registerName)\n"
            out += conflicts.text
            for finding in findings { out += "\(finding.line)\n" }
            Output.write(out)
        case .json:
            Output.write(json(screening, pretty: true))
        }
        return screening.isBlocked ? .failure : .success
    }

    /// The screening as `probity.screening/1` (also `POST /v1/screen`'s answer), ending in a newline.
    static func json(_ screening: Screening, pretty: Bool = false) -> String {
        var out = JSONStreamWriter(pretty: pretty)
        out.object { out in
            out.member("format", "probity.screening/1")
            out.member("decision", screening.decision)
            out.member("date", Day(number: screening.date).iso)
            out.member("register", screening.register)
            screening.conflicts.writeJSONMembers(to: &out)
            out.member("findings", array: screening.findings) { out, finding in finding.writeJSON(to: &out) }
        }
        return out.text + "\n"
    }
}
