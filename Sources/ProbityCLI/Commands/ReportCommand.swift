import ProbityEvaluation
import ProbityPapers
import ProbitySemantics
import ProbitySupport

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
        guard let program = RuleSet.load(arguments.value("rules")) else { return .badInput }
        guard let context = try CheckContext.make(program: program, arguments: arguments), let screener = context.screener else {
            return .badInput
        }
        guard let bytes = RuleSet.readFile(path) else {
            Output.error("error[P1114]: cannot read agenda file `\(path)`\n")
            return .badInput
        }
        let agenda: Agenda
        switch Agenda.decode(json: bytes, program: program) {
        case .failure(let error):
            Output.error("\(path): \(error.description)\n")
            return .badInput
        case .success(let decoded):
            agenda = decoded
        }

        var worst = ExitCode.success
        var items: [MeetingPaper.ScreenedItem] = []
        for item in agenda.items {
            guard let decisionJSON = item.decision else {
                items.append(MeetingPaper.ScreenedItem(item: item, report: nil))
                continue
            }
            switch context.decoder.decode(decisionJSON) {
            case .failure(let errors):
                Output.error(errors.all.map { "\(path): item \(item.id): \($0.description)\n" }.joined())
                worst = worst.worst(.badInput)
                items.append(MeetingPaper.ScreenedItem(item: item, report: nil))
            case .success(let decision):
                var report = context.builder.build(decision)
                screener.apply(to: &report, decision: decision, meeting: agenda.meeting)
                worst = worst.worst(report.canProceed ? .success : .failure)
                items.append(MeetingPaper.ScreenedItem(item: item, report: report))
            }
        }
        let paper = MeetingPaper.build(agenda: agenda, items: items, screener: screener)
        switch format {
        case .markdown: Output.write(paper.markdown)
        case .html: Output.write(paper.html)
        }
        return worst
    }
}
