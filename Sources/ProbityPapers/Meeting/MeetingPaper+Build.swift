import Probity
import ProbityConflicts
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension MeetingPaper {
    /// An agenda item with the engine's report for its decision (nil when it takes none, or
    /// when its decision could not be read).
    public struct ScreenedItem: Sendable {
        public var item: Agenda.Item
        public var report: Report?

        public init(item: Agenda.Item, report: Report?) {
            self.item = item
            self.report = report
        }
    }

    /// Builds the papers for an agenda the engine has checked (``Engine/meeting(_:)``).
    public static func build(_ screening: AgendaScreening, engine: Engine) -> MeetingPaper {
        let items = screening.items.map { checked in
            ScreenedItem(item: checked.item, report: try? checked.result?.get())
        }
        var paper = MeetingPaperBuilder(agenda: screening.agenda, engine: engine).build(items)
        paper.meetingFindings = screening.findings.map(MeetingPaperBuilder.findingSentence)
        return paper
    }
}

/// Builds a ``MeetingPaper``; holds the notes and the rules cited while the paper is written
/// (a class: every part of the paper adds to them).
final class MeetingPaperBuilder {
    let agenda: Agenda
    let engine: Engine
    let program: Program
    let registerFile: String
    let placeholders: Placeholders
    var notes = NoteBook()
    /// Rule ids cited, in first-cited order; the appendix sorts them in rule order.
    var cited: [String] = []
    var citedSet: Set<String> = []

    /// Findings said once for the meeting (attendees) or in the quorum sentence.
    static let meetingFindingCodes: Set<String> = ["P1101", "P1102", "P1103", "P1104", "P1105", "P1108"]

    init(agenda: Agenda, engine: Engine) {
        self.agenda = agenda
        self.engine = engine
        self.program = engine.scheme.program
        self.registerFile = engine.register?.fileName ?? "(none)"
        self.placeholders = Placeholders(program: engine.scheme.program)
    }

    /// A finding as the papers print it: its code, severity and message.
    static func findingSentence(_ finding: Report.Finding) -> Sentence {
        [.code(finding.code), .text(" \(finding.severity.rawValue): ")] + .message(finding.message)
    }

    /// The register's people; empty without a register.
    var people: [RegisterPerson] { engine.register?.people ?? [] }
    var registerIssues: [Diagnostic] { engine.register?.issues ?? [] }

    var meetingBody: Int? { agenda.meeting.body }

    func build(_ items: [MeetingPaper.ScreenedItem]) -> MeetingPaper {
        let meeting = agenda.meeting
        let body = meeting.body.map { program.bodies[$0] }
        let roll = uniqueRoll()
        let declarations = roll.map(declaration)
        let (attendance, summary) = attendanceTable(roll)
        let statements = items.map(statement)
        let rules = appendix()
        return MeetingPaper(
            bodyTitle: body?.title ?? "Meeting", bodyID: body?.id, date: meeting.date.map(Day.init(number:)),
            registerFile: registerFile,
            schemeName: program.scheme.name, schemeVersion: program.scheme.version, schemeDigest: program.scheme.digest,
            declarations: declarations, registerProblems: registerProblems(), attendance: attendance, attendanceSummary: summary,
            items: statements, rules: rules, notes: notes.notes)
    }

    // MARK: - Attendees

    /// The roll with each register person once (two spellings of one person are one row).
    private func uniqueRoll() -> [ConflictScreener.RollEntry] {
        var seen: Set<Int> = []
        return engine.roll(agenda.meeting).filter { entry in
            guard let person = entry.person else { return true }
            return seen.insert(person).inserted
        }
    }

    /// The name a paper prints for an attendee or member: the register's when it knows them.
    func printedName(_ written: String) -> String {
        engine.registerName(written) ?? written
    }

    private func declaration(_ entry: ConflictScreener.RollEntry) -> MeetingPaper.DeclarationEntry {
        guard let index = entry.person else {
            let reason: Sentence
            if entry.candidates.isEmpty {
                let note = notes.number("unresolved:\(entry.written)", .notScreened, [
                    .quote(entry.written), .text(" is on the attendance list but not on the register \(registerFile): nobody of that name could be screened, and every decision is held until the name is corrected or the person declares (P1101)."),
                ])
                reason = [.strong("Not on the register"), .note(note)]
            } else {
                let names = entry.candidates.map { people[$0].name }
                let note = notes.number("ambiguous:\(entry.written)", .notScreened, [
                    .quote(entry.written), .text(" could be any of " + names.joined(separator: "; ") + " on the register; write the name in full (P1102)."),
                ])
                reason = [.strong("Matches several people on the register"), .note(note)]
            }
            return MeetingPaper.DeclarationEntry(name: entry.written, onRegister: false, role: "", organisation: "", interests: [], instead: reason, nameNotes: [])
        }
        let person = people[index]
        var instead: Sentence?
        if let pointer = person.pointers.first {
            instead = [.quote(pointer), .note(pointerNote(person: person.name, pointer: pointer))]
        } else if person.interests.isEmpty {
            instead = [.text("No interests declared")]
        }
        let meetingDay = agenda.meeting.date.map(Day.init(number:))
        let rows = person.interests.map { interest in
            MeetingPaper.InterestRow(nature: interest.nature, type: interest.typeText, from: interest.validFrom, to: interest.validTo,
                                     hasEnded: meetingDay.map { day in interest.validTo.map { $0 < day } ?? false } ?? false)
        }
        // One spelling per person, the register's; a different spelling on the attendance list is a reading.
        var nameNotes: [Int] = []
        if entry.written != person.name {
            nameNotes.append(notes.number("spelling:\(entry.written)", .reading, [
                .text("The attendance list writes "), .quote(entry.written), .text("; read as the register's "), .person(person.name), .text("."),
            ]))
        }
        // What the importer worked round in this person's rows (a name listed twice, dates in
        // the wrong order, a date it could not read and took as open) is a reading of the
        // register too: those rows were kept.
        for issue in registerIssues where !issue.isError && person.lines.contains(issue.line) {
            nameNotes.append(notes.number("register:\(issue.line)", .reading,
                                          [.text("Register line \(issue.line): ")] + .message(issue.message) + [.text(".")]))
        }
        return MeetingPaper.DeclarationEntry(name: person.name, onRegister: true, role: person.position, organisation: person.employer,
                                             interests: rows, instead: instead, nameNotes: nameNotes)
    }

    /// Rows of the register that were not kept: whoever they belonged to was screened without them.
    private func registerProblems() -> [Sentence] {
        registerIssues.filter(\.isError).map { issue in
            [.strong(issue.line > 0 ? "Register line \(issue.line) was not read" : "The register was not read whole"),
             .text(": ")] + .message(issue.message) + [.text(". Any interest on it was not screened.")]
        }
    }

    /// The note for a person whose interests are declared on another register.
    func pointerNote(person: String, pointer: String) -> Int {
        notes.number("pointer:\(person)", .notScreened, [
            .person(person), .text("'s interests are declared on another register ("), .quote(pointer),
            .text("), so they were not screened here: ask for a declaration at each item (P1105)."),
        ])
    }

    private func attendanceTable(_ roll: [ConflictScreener.RollEntry]) -> ([MeetingPaper.AttendanceEntry], [Sentence]) {
        let baseline = engine.baseline(agenda.meeting)
        let voters = baseline.voters ?? []
        let nonMembers = Set(baseline.nonMembers)
        var entries: [MeetingPaper.AttendanceEntry] = []
        for entry in roll {
            let name = entry.person.map { people[$0].name } ?? entry.written
            let voter = voters.first { printedName($0.person) == name || $0.person == entry.written }
            let attendingAs: String
            if baseline.voters == nil {
                attendingAs = "attendee"
            } else if nonMembers.contains(entry.written) {
                attendingAs = "in attendance, not a member"
            } else if let voter {
                attendingAs = "member" + (voter.organisation.map { " (\(Self.organisationLabel($0)))" } ?? "")
            } else {
                attendingAs = "member, not voting"
            }
            entries.append(MeetingPaper.AttendanceEntry(name: name, attendingAs: attendingAs, votes: voter.map { VoteText.describe($0.weight) }))
        }
        var summary: [Sentence] = []
        if let quorum = baseline.quorum, let body = meetingBody {
            let rule = citeCommitteePart(body, part: "quorum")
            var sentence: Sentence = [.text("Quorum before any item (")] + ruleReference(rule) + [.text("): ")]
            sentence.append(.strong(quorum.met ? "quorate" : "NOT quorate"))
            sentence.append(.text(", \(quorum.counted) of the \(quorum.present) members present count."))
            if !quorum.met { sentence.append(.text(" Failed: " + quorum.failedClauses.joined(separator: "; ") + ".")) }
            summary.append(sentence)
        }
        if baseline.voters != nil, let body = meetingBody, let voting = program.committees[body]?.voting {
            let rule = citeCommitteePart(body, part: "voting")
            var sentence: Sentence = [.text("Voting (")] + ruleReference(rule) + [.text("): ")]
            let majority = switch voting.majority {
            case .membersPresent: "a motion needs more than half the votes of the members present and entitled to vote"
            case .thoseVoting: "a motion needs more votes for than against; abstentions do not count"
            case .allMembers: "a motion needs more than half the votes of all the members, present or not"
            }
            sentence.append(.text(majority))
            if !voting.majorityIsStated {
                sentence.append(.note(notes.number("majority:\(program.bodies[body].id)", .reading, [
                    .text("The rules for "), .code(program.bodies[body].id), .text(" do not say what a majority is of; a majority of the members present is our reading."),
                ])))
            }
            if voting.chairHasCastingVote { sentence.append(.text(", the chair having a second, casting vote on a tie")) }
            sentence.append(.text(". Votes are shown before any recusal; each item says who may not vote and how shared votes change."))
            summary.append(sentence)
        }
        if !nonMembers.isEmpty {
            summary.append([.text("\(MeetingPaperBuilder.spelled(nonMembers.count)) attendee\(nonMembers.count == 1 ? " is not a member: they" : "s are not members: they") may declare and speak but do not count towards quorum or vote.")])
        }
        return (entries, summary)
    }

    static func organisationLabel(_ organisation: String) -> String {
        organisation.hasPrefix("group ") ? "the \(organisation.dropFirst(6)) group's shared votes" : organisation
    }

    // MARK: - Rules cited

    func cite(_ id: String) {
        if citedSet.insert(id).inserted { cited.append(id) }
    }

    /// The appendix id of a body's `quorum` or `voting` block, cited.
    func citeCommitteePart(_ body: Int, part: String) -> String {
        let id = "\(program.bodies[body].id) \(part)"
        cite(id)
        return id
    }

    /// The note numbers of the placeholders `ruleID`'s condition rests on.
    func placeholderNotes(_ ruleID: String) -> [Int] {
        guard let index = program.ruleIndex[ruleID] else { return [] }
        return placeholders.byRule[index].map { entry in
            notes.number("placeholder:\(entry.name)", .placeholder, [
                .text("Placeholder "), .code(entry.name), .text(": \(entry.explanation). Rules resting on it are marked; replace it with the real figure (Rules/README.md lists every placeholder)."),
            ])
        }
    }

    /// The source a cited id gives: a rule's, or the `conflicts`, `quorum` or `voting` block's.
    func citation(_ id: String) -> String? {
        if let index = program.ruleIndex[id] { return program.rules[index].source }
        if id == "conflicts" { return program.conflicts?.source }
        guard let space = id.lastIndex(of: " "), let body = program.bodyIndex[String(id[..<space])],
              let committee = program.committees[body] else { return nil }
        switch id[id.index(after: space)...] {
        case "quorum": return committee.quorum?.source
        case "voting": return committee.voting?.source
        default: return nil
        }
    }

    /// A note when the rules themselves call what they say an assumption (`source "assumption: …"`).
    func assumptionNotes(_ id: String) -> [Int] {
        guard let source = citation(id), source.lowercased().hasPrefix("assumption") else { return [] }
        return [notes.number("assumption:\(id)", .reading, [
            .text("The rules mark "), .code(id), .text(" as an assumption, not a figure from the papers: "), .quote(source), .text("."),
        ])]
    }

    /// Every note a cited id rests on: its placeholders and any assumption.
    func ruleNotes(_ id: String) -> [Int] {
        placeholderNotes(id) + assumptionNotes(id)
    }

    /// A pointer to a rule with the notes it rests on.
    func ruleReference(_ ruleID: String) -> Sentence {
        cite(ruleID)
        return [.rule(ruleID)] + ruleNotes(ruleID).map(Inline.note)
    }

    private func appendix() -> [MeetingPaper.RuleEntry] {
        var entries: [(order: Int, entry: MeetingPaper.RuleEntry)] = []
        for id in cited {
            if let index = program.ruleIndex[id] {
                let rule = program.rules[index]
                entries.append((index, MeetingPaper.RuleEntry(
                    id: id, title: rule.title, location: program.sources.citation(of: rule.range), citation: rule.source,
                    notes: ruleNotes(id))))
            } else if id == "conflicts", let policy = program.conflicts {
                entries.append((-3, MeetingPaper.RuleEntry(
                    id: id, title: "Conflicts of interest: which interests count and what each kind means",
                    location: program.sources.citation(of: policy.range), citation: policy.source, notes: ruleNotes(id))))
            } else if let space = id.lastIndex(of: " "), let body = program.bodyIndex[String(id[..<space])],
                      let committee = program.committees[body] {
                let part = id[id.index(after: space)...]
                let title = program.bodies[body].title
                if part == "quorum", let quorum = committee.quorum {
                    let clauses = quorum.clauses.map(\.description).joined(separator: "; ")
                    entries.append((-2, MeetingPaper.RuleEntry(
                        id: id, title: "Quorum of the \(title): \(clauses)", location: program.sources.citation(of: quorum.range),
                        citation: quorum.source, notes: ruleNotes(id))))
                } else if part == "voting", let voting = committee.voting {
                    entries.append((-1, MeetingPaper.RuleEntry(
                        id: id, title: "Voting at the \(title)", location: program.sources.citation(of: voting.range),
                        citation: voting.source, notes: ruleNotes(id))))
                }
            }
        }
        return entries.sorted { ($0.order, $0.entry.id) < ($1.order, $1.entry.id) }.map(\.entry)
    }
}
