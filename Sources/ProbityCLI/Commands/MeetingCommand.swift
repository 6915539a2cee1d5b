import Probity

/// `probity meeting --register FILE AGENDA.json`: screens a whole agenda. Per item: what the
/// decision needs, who must recuse, whether the meeting is still quorate, who may vote and
/// with what weight.
enum MeetingCommand {
    static let options: Set<String> = ["rules", "format", "register"]

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try ReportFormat(arguments.value("format"))
        guard arguments.value("register") != nil else { throw UsageError("`meeting` needs `--register FILE`") }
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError("`meeting` takes one agenda file")
        }
        guard let context = try CheckContext.load(arguments) else { return .badInput }
        let engine = context.engine, program = engine.scheme.program
        guard let bytes = RuleSet.readFile(path, code: "P1114", what: "agenda") else { return .badInput }
        let agenda: Agenda
        switch engine.agenda(json: bytes) {
        case .failure(let error):
            Output.error([error.diagnostic(in: path)])
            return .badInput
        case .success(let decoded):
            agenda = decoded
        }

        var worst = ExitCode.success
        var items: [(item: Agenda.Item, report: Report?)] = []
        for checked in engine.meeting(agenda).items {
            switch checked.result {
            case nil:
                items.append((checked.item, nil))
            case .failure(let errors)?:
                Output.error(errors.all.map { $0.diagnostic(in: path, part: "item \(checked.item.id)") })
                worst = worst.worst(.badInput)
                items.append((checked.item, nil))
            case .success(let report)?:
                worst = worst.worst(report.canProceed ? .success : .failure)
                items.append((checked.item, report))
            }
        }
        switch format {
        case .text: Output.write(text(agenda, items, program: program, register: engine.register?.fileName ?? ""))
        case .json: Output.write(JSONWriter.pretty(json(agenda, items, program: program)) + "\n")
        }
        return worst
    }

    private static func text(_ agenda: Agenda, _ items: [(item: Agenda.Item, report: Report?)], program: Program, register: String) -> String {
        let body = agenda.meeting.body.map { program.bodies[$0] }
        var out = "meeting of \(body.map { "\($0.id) (\($0.title))" } ?? "?")"
        if let date = agenda.meeting.date { out += " on \(Day(number: date).iso)" }
        out += "\n\(agenda.meeting.attendees.count) attendees, screened against \(register)\n"
        // Findings about the attendees are the same for every item: say them once.
        let attendeeCodes: Set<String> = ["P1101", "P1102", "P1105", "P1108"]
        if let first = items.compactMap(\.report).first {
            for finding in first.findings where attendeeCodes.contains(finding.code) {
                out += "\(finding.line)\(finding.isBlocking ? " (blocks every item)" : "")\n"
            }
        }
        for (item, report) in items {
            out += "\nitem \(item.id)\(item.title.isEmpty ? "" : " \"\(item.title)\"")"
            guard let report else {
                out += item.decision == nil ? ": no decision\n" : ": the decision could not be read (see the errors)\n"
                continue
            }
            out += ": \(report.outcome.rawValue), \(report.canProceed ? "may proceed" : "may NOT proceed")\n"
            let approvals = report.approvals.map { "\($0.action == .recommend ? "recommendation" : "approval") by \($0.by)" }
            out += "  needs: \(approvals.isEmpty ? "no approval" : approvals.joined(separator: "; "))\n"
            if let conflicts = report.conflicts {
                for line in conflicts.text(withAttendeeIssues: false).split(separator: "\n", omittingEmptySubsequences: true) {
                    out += "  \(line)\n"
                }
            }
            for finding in report.findings where !attendeeCodes.contains(finding.code) {
                out += "  \(finding.line)\n"
            }
        }
        return out
    }

    static func json(_ agenda: Agenda, _ items: [(item: Agenda.Item, report: Report?)], program: Program) -> JSONValue {
        .object([
            ("format", .string("probity.meeting/1")),
            ("body", agenda.meeting.body.map { .string(program.bodies[$0].id) } ?? .null),
            ("date", agenda.meeting.date.map { .string(Day(number: $0).iso) } ?? .null),
            ("attendees", .array(agenda.meeting.attendees.map(JSONValue.string))),
            ("items", .array(items.map { item, report in
                .object([
                    ("id", .string(item.id)),
                    ("title", .string(item.title)),
                    ("report", report?.json ?? .null),
                ])
            })),
        ])
    }
}
