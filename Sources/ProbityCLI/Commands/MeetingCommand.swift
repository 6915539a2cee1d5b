import Probity

/// `probity meeting --register FILE AGENDA.json`: screens a whole agenda. Per item: what the
/// decision needs, who must recuse, whether the meeting is still quorate, who may vote and
/// with what weight.
enum MeetingCommand {
    static let options: Set<String> = ["rules", "format", "register"]

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options.union(["strict"]))
        let format = try ReportFormat(arguments.value("format"))
        guard arguments.value("register") != nil else { throw UsageError("`meeting` needs `--register FILE`") }
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError("`meeting` takes one agenda file")
        }
        guard let context = try CheckContext.load(arguments) else { return .badInput }
        let engine = context.engine, program = engine.scheme.program
        guard let bytes = RuleSet.readFile(path, code: .unreadableMeeting, what: "agenda") else { return .badInput }
        guard let agenda = context.decodeAgenda(bytes, path: path) else { return .badInput }

        var worst = ExitCode.success
        var items: [Entry] = []
        let screening = engine.meeting(agenda)
        for checked in screening.items {
            switch checked.result {
            case nil:
                items.append((checked.item, nil, []))
            case .failure(let errors)?:
                Output.error(errors.all.map { $0.diagnostic(in: path, part: "item \(checked.item.id)") })
                worst = worst.worst(.badInput)
                items.append((checked.item, nil, errors.all))
            case .success(let report)?:
                worst = worst.worst(report.canProceed ? .success : .failure)
                items.append((checked.item, report, []))
            }
        }
        switch format {
        case .text: Output.write(text(agenda, screening.findings, items, program: program, register: engine.register?.fileName ?? ""))
        case .json: Output.write(JSONWriter.pretty(json(agenda, screening.findings, items, program: program)) + "\n")
        }
        return worst
    }

    /// An agenda item, its report, or why its decision could not be read.
    typealias Entry = (item: Agenda.Item, report: Report?, errors: [InputError])

    private static func text(_ agenda: Agenda, _ meetingFindings: [Report.Finding], _ items: [Entry], program: Program, register: String) -> String {
        let body = agenda.meeting.body.map { program.bodies[$0] }
        var out = "meeting of \(body.map { "\($0.id) (\($0.title))" } ?? "?")"
        if let date = agenda.meeting.date { out += " on \(Day(number: date).iso)" }
        out += "\n\(agenda.meeting.attendees.count) attendees, screened against \(register)\n"
        // Findings about the attendees are the same for every item: say them once.
        let attendeeCodes: Set<DiagnosticCode> = [.attendeeNotOnRegister, .ambiguousAttendee, .declaredElsewhere, .attendeeNotMember]
        if let first = items.compactMap(\.report).first {
            for finding in first.findings where attendeeCodes.contains(finding.code) {
                out += "\(finding.line)\(finding.isBlocking ? " (blocks every item)" : "")\n"
            }
        }
        // So are the findings about the meeting itself (papers sent late).
        for finding in meetingFindings { out += "\(finding.line)\n" }
        for (item, report, errors) in items {
            out += "\nitem \(item.id)\(item.title.isEmpty ? "" : " \"\(item.title)\"")"
            guard let report else {
                if item.decision == nil {
                    out += ": no decision\n"
                } else {
                    // The secretary's papers come from standard output: the reason goes with the item.
                    out += ": the decision could not be read, so it may NOT proceed\n"
                    for error in errors { out += "  \(error.description)\n" }
                }
                continue
            }
            out += ": \(report.outcome.rawValue)\(report.placeholders.isEmpty ? "" : " on placeholder limits"), \(report.canProceed ? "may proceed" : "may NOT proceed")\n"
            if !report.canProceed {
                out += "  because: \(blockingReasons(report).joined(separator: "; "))\n"
            }
            let approvals = report.approvals.map { "\($0.action == .recommend ? "recommendation" : "approval") by \($0.by)" }
            out += "  needs: \(approvals.isEmpty ? "no approval" : approvals.joined(separator: "; "))\n"
            if !report.procedures.isEmpty {
                out += "  procedures: \(report.procedures.map(\.id).joined(separator: "; "))\n"
            }
            if !report.notices.isEmpty {
                out += "  notices: " + report.notices.map { notice in
                    "to \(notice.to)" + (notice.deemedApprovedOn.map { ", deemed approved on \(Day(number: $0).iso) without objection" } ?? "")
                }.joined(separator: "; ") + "\n"
            }
            if !report.steps.isEmpty {
                out += "  in order (rule \(report.stepsOrderedBy.map(\.id).joined(separator: ", "))): "
                    + report.steps.map(report.describe).joined(separator: "; ") + "\n"
            }
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

    /// Why an item may not proceed, in a few words each: the attendees who could not be
    /// screened by name (their findings are stated once, above the items), then the code of each
    /// other blocking finding, whose message follows in the item.
    static func blockingReasons(_ report: Report) -> [String] {
        var reasons: [String] = []
        if report.outcome != .authorised { reasons.append("\(report.outcome.rawValue) (see below)") }
        for name in report.conflicts?.unresolvedAttendees ?? [] { reasons.append("attendee \"\(name)\" is not on the register (\(DiagnosticCode.attendeeNotOnRegister))") }
        for entry in report.conflicts?.ambiguousAttendees ?? [] { reasons.append("attendee \"\(entry.written)\" matches several people (\(DiagnosticCode.ambiguousAttendee))") }
        for finding in report.findings where finding.isBlocking && ![.attendeeNotOnRegister, .ambiguousAttendee, .wrongDecider, .noAuthority].contains(finding.code) {
            let reason = "\(finding.code) (see below)"
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return reasons
    }

    /// `probity.meeting/1`: the meeting, its `findings` (about the meeting itself, said once),
    /// and each item with its report.
    static func json(_ agenda: Agenda, _ meetingFindings: [Report.Finding], _ items: [Entry], program: Program) -> JSONValue {
        .object([
            ("format", .string("probity.meeting/1")),
            ("body", agenda.meeting.body.map { .string(program.bodies[$0].id) } ?? .null),
            ("date", agenda.meeting.date.map { .string(Day(number: $0).iso) } ?? .null),
            ("attendees", .array(agenda.meeting.attendees.map(JSONValue.string))),
            ("findings", .array(meetingFindings.map(\.json))),
            ("items", .array(items.map { item, report, errors in
                var members: [(key: String, value: JSONValue)] = [
                    ("id", .string(item.id)),
                    ("title", .string(item.title)),
                    ("report", report?.json ?? .null),
                ]
                if !errors.isEmpty {
                    members.append(("errors", .array(errors.map(\.json))))
                }
                return .object(members)
            })),
        ])
    }
}
