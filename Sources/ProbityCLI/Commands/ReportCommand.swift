import Probity
import ProbityPapers
import ProbitySupport

/// `probity report --register FILE [--format md|html] AGENDA.json`: the board papers for a
/// meeting — the declarations-of-interest table for the attendees, a "Potential conflicts of
/// interest" statement per agenda item, and the rules they rest on — in Markdown or HTML.
/// With `--meeting MEETING.json DECISION.json`, the same for one decision: a meeting whose only
/// item it is.
enum ReportCommand {
    static let options: Set<String> = ["rules", "format", "register", "meeting"]

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
        let read: [UInt8]?
        if let meeting = arguments.value("meeting") {
            read = singleItemAgenda(decision: path, meeting: meeting, context: context)
        } else {
            read = RuleSet.readFile(path, code: .unreadableMeeting, what: "agenda")
        }
        guard let bytes = read else { return .badInput }
        guard let agenda = context.decodeAgenda(bytes, path: path) else { return .badInput }

        let screening = engine.meeting(agenda)
        var worst = ExitCode.success
        for checked in screening.items {
            switch checked.result {
            case nil: break
            case .failure(let errors)?:
                Output.error(errors.all.map { $0.diagnostic(in: path, part: "item \(checked.item.id)") })
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

    /// An agenda of one item: the meeting (already read and checked into `context`) with the
    /// decision as its only item. Nil, after saying why, when the decision cannot be read.
    private static func singleItemAgenda(decision path: String, meeting meetingPath: String, context: CheckContext) -> [UInt8]? {
        guard let meetingBytes = RuleSet.readFile(meetingPath),
              case .success(let meeting) = JSONParser.parse(meetingBytes), var members = meeting.objectValue else {
            return nil
        }
        guard let decision = context.readDecision(path), let bytes = RuleSet.readFile(path), case .success(let json) = JSONParser.parse(bytes) else {
            return nil
        }
        // The item has no title of its own: the statement gives the decision's.
        members.removeAll { $0.key == "items" }
        members.append(("items", .array([.object([("id", .string(decision.id)), ("title", .string("")), ("decision", json)])])))
        return Array(JSONWriter.pretty(.object(members)).utf8)
    }
}
