import Probity
import ProbityPapers

/// `probity report --register FILE [--format md|html] AGENDA.json`: the board papers for a
/// meeting — the declarations-of-interest table for the attendees, a "Potential conflicts of
/// interest" statement per agenda item, and the rules they rest on — in Markdown or HTML.
enum ReportCommand {
    static let options: Set<String> = ["rules", "format", "register"]

    enum Format {
        case markdown, html

        init(_ text: String?) throws(UsageError) {
            switch text {
            case nil, "md", "markdown": self = .markdown
            case "html": self = .html
            case let other?: throw UsageError("unknown format `\(other)`; expected `md` or `html`")
            }
        }
    }

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try Format(arguments.value("format"))
        guard arguments.value("register") != nil else { throw UsageError("`report` needs `--register FILE`") }
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError("`report` takes one agenda file")
        }
        guard let context = try CheckContext.load(arguments) else { return .badInput }
        let engine = context.engine
        guard let bytes = RuleSet.readFile(path) else {
            Output.error("error[P1114]: cannot read agenda file `\(path)`\n")
            return .badInput
        }
        let agenda: Agenda
        switch engine.agenda(json: bytes) {
        case .failure(let error):
            Output.error("\(path): \(error.description)\n")
            return .badInput
        case .success(let decoded):
            agenda = decoded
        }

        let screening = engine.meeting(agenda)
        var worst = ExitCode.success
        for checked in screening.items {
            switch checked.result {
            case nil: break
            case .failure(let errors)?:
                Output.error(errors.all.map { "\(path): item \(checked.item.id): \($0.description)\n" }.joined())
                worst = worst.worst(.badInput)
            case .success(let report)?:
                worst = worst.worst(report.canProceed ? .success : .failure)
            }
        }
        let paper = MeetingPaper.build(screening, engine: engine)
        switch format {
        case .markdown: Output.write(paper.markdown)
        case .html: Output.write(paper.html)
        }
        return worst
    }
}
