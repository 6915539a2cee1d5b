import Probity
import ProbityConflicts
import ProbityEngine
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension MeetingPaperBuilder {
    /// The cover-sheet statement for one agenda item.
    func statement(_ screened: MeetingPaper.ScreenedItem) -> MeetingPaper.ItemStatement {
        let item = screened.item
        var statement = MeetingPaper.ItemStatement(id: item.id, title: item.title, decision: nil, outcome: nil, conflicts: [],
                                                   recusals: [], notCounted: [], unscreened: nil, quorum: nil, voting: nil, requirements: [], findings: [])
        guard let report = screened.report else {
            statement.conflicts = item.decision == nil
                ? [.text("None identified by the rules: the item takes no decision. Members declare any interest in the discussion as usual.")]
                : [.strong("Not screened"), .text(": the item's decision could not be read (see the errors printed with this paper).")]
            return statement
        }
        statement.decision = decisionSentence(item, report)
        statement.outcome = outcomeSentence(report)
        if let conflicts = report.conflicts {
            statement.conflicts = conflictsOpening(conflicts)
            statement.recusals = conflicts.recusals.map(recusal)
            statement.notCounted = conflicts.notCounted.map(notCountedSentence)
            statement.unscreened = unscreenedSentence(conflicts)
            statement.quorum = quorumSentence(conflicts)
            statement.voting = votingSentence(conflicts)
        } else {
            statement.conflicts = [.strong("Not screened"), .text(": no register of interests was given.")]
        }
        statement.requirements = requirements(report)
        statement.requirementsOrder = requirementsOrder(report)
        statement.findings = report.findings.filter { !Self.meetingFindingCodes.contains($0.code) }.map(Self.findingSentence)
        return statement
    }

    private func bodyName(_ id: String) -> Sentence {
        guard let index = program.bodyIndex[id] else { return [.code(id)] }
        return [.text(program.bodies[index].title + " ("), .code(id), .text(")")]
    }

    private func decisionSentence(_ item: Agenda.Item, _ report: Report) -> Sentence {
        var sentence: Sentence = [.text("Decision "), .code(report.decision)]
        if case .string(let title)? = item.decision?["title"] { sentence.append(.text(": \(title)")) }
        if !(sentence.plainText.hasSuffix(".")) { sentence.append(.text(".")) }
        if let decider = report.decidedBy {
            sentence.append(.text(" Proposed decider: "))
            sentence += bodyName(decider)
            sentence.append(.text("."))
        }
        return sentence
    }

    private func outcomeSentence(_ report: Report) -> Sentence {
        if report.canProceed {
            return [.text("The rules give authority: it "), .strong("may proceed"), .text(" with the approvals, procedures and notices below.")]
        }
        var sentence: Sentence = [.text("It "), .strong("may NOT proceed as proposed"), .text(": ")]
        var reasons: [String] = []
        switch report.outcome {
        case .authorised: break
        case .noAuthority: reasons.append("no rule gives authority for it")
        case .wrongDecider: reasons.append("the proposed decider has no authority for it")
        }
        // Attendees who could not be screened block every item: say so once, and point to the
        // declarations table where each is named, rather than list them under every item.
        let unscreened = report.findings.filter { $0.isBlocking && ($0.code == .attendeeNotOnRegister || $0.code == .ambiguousAttendee) }
        if !unscreened.isEmpty {
            let count = unscreened.count
            reasons.append("\(count == 1 ? "an attendee" : "\(count) attendees") could not be screened against the register (\(Set(unscreened.map(\.code)).sorted().map(\.description).joined(separator: ", ")); see the declarations table)")
        }
        for finding in report.findings where finding.isBlocking && finding.code != .attendeeNotOnRegister && finding.code != .ambiguousAttendee {
            reasons.append(finding.message + " (\(finding.code))")
        }
        sentence += .message(reasons.joined(separator: "; ") + ".")
        return sentence
    }

    private func conflictsOpening(_ conflicts: ConflictsReport) -> Sentence {
        var sentence: Sentence = []
        if conflicts.organisationsScreened.isEmpty {
            sentence.append(.text("The decision names no organisation whose interests the rules make relevant, so the rules find no conflict for anyone present."))
        } else {
            sentence.append(.text("Screened against " + Self.list(conflicts.organisationsScreened) + ". "))
            let count = conflicts.recusals.count
            if count == 0 {
                sentence.append(.text("Nobody present has declared a relevant interest."))
            } else {
                sentence.append(.text("\(Self.spelled(count)) \(count == 1 ? "person" : "people") present \(count == 1 ? "has" : "have") a relevant interest ("))
                cite("conflicts")
                sentence.append(.rule("conflicts"))
                sentence.append(.text("). The chair should ask \(count == 1 ? "them" : "each") to declare it at the start of the item, and then:"))
            }
        }
        return sentence
    }

    /// Employment the rules read as no interest: said, with the reading, so nobody wonders why
    /// the person is not asked to leave.
    private func notCountedSentence(_ entry: ConflictsReport.NotCounted) -> Sentence {
        cite("conflicts")
        let note = notes.number("not-counted:\(entry.reason)", .reading, [
            .text("Not every employment counts: the conflicts rules ("), .rule("conflicts"), .text(") say that "), .text(entry.reason),
            .text(". Check that the reading fits the item."),
        ])
        return [.person(entry.person), .text(" " + entry.declaration + ": not a conflict for this item under the conflicts rules ("), .rule("conflicts"),
                .text(")."), .note(note)]
    }

    /// Attendees whose interests are on another register matter to every item that screens anyone.
    private func unscreenedSentence(_ conflicts: ConflictsReport) -> Sentence? {
        guard !conflicts.organisationsScreened.isEmpty, !conflicts.notScreenable.isEmpty else { return nil }
        var sentence: Sentence = [.text("Not screened, as their interests are declared on another register: ")]
        for (index, entry) in conflicts.notScreenable.enumerated() {
            if index > 0 { sentence.append(.text(index == conflicts.notScreenable.count - 1 ? " and " : ", ")) }
            sentence += [.person(entry.person), .note(pointerNote(person: entry.person, pointer: entry.pointer))]
        }
        sentence.append(.text(". The chair should ask \(conflicts.notScreenable.count == 1 ? "them" : "each") for a declaration on this item."))
        return sentence
    }

    private func recusal(_ recusal: ConflictsReport.Recusal) -> MeetingPaper.Recusal {
        let action = switch recusal.level {
        case .declare: "declare the interest; may take part and vote"
        case .noVote: "declare the interest; may stay for the discussion but not vote"
        case .exclude: "declare the interest and leave the room for this item"
        }
        return MeetingPaper.Recusal(person: recusal.person, action: action, level: recusal.level.rawValue,
                                    reasons: recusal.reasons.map(reasonSentence))
    }

    /// One interest as a chain: what was declared, how it reaches the decision, what the rules
    /// make of that kind of interest.
    private func reasonSentence(_ reason: ConflictsReport.Reason) -> Sentence {
        var sentence: Sentence = []
        if reason.kind == .employment {
            sentence.append(.text("Employment: " + reason.declaration))
        } else {
            // The declaration reads "Type: nature"; the nature is quoted as the register has it.
            let parts = reason.declaration.split(separator: ":", maxSplits: 1)
            let label = Self.kindLabel(reason.kind)
            if parts.count == 2 {
                sentence += [.text(label.prefix(1).uppercased() + label.dropFirst() + ", declared as "), .quote(parts[1].trimmingSpaces())]
            } else {
                sentence += [.text(label.prefix(1).uppercased() + label.dropFirst() + ", declared as "), .quote(reason.declaration)]
            }
        }
        // An interest with no line to cite (a JSON register's nested shape) is placed by its dates alone.
        var when = reason.line > 0 ? "register line \(reason.line)" : ""
        func add(_ piece: String, after separator: String) { when += when.isEmpty ? piece : separator + piece }
        if let from = reason.validFrom { add("from \(DateText.register(Day(number: from)))", after: ", ") }
        if let to = reason.validTo { add("to \(DateText.register(Day(number: to)))", after: " ") }
        let placed = when.isEmpty ? "" : " (\(when))"
        sentence.append(.text(placed + "; " + Self.chain(organisation: reason.organisation, link: reason.link) + "."))
        // Both are choices of the rules rather than words of the register, so the paper says
        // when an interest rests on one, as the report does.
        if let alias = reason.shapedAlias {
            let note = notes.number("shaped-alias", .reading, [
                .text("The rules read an office named with a place (such as a councillor's seat) as an interest in that place's council, by a shape of aliases in the rules. Check that the office is in the organisation before relying on it."),
            ])
            sentence += [.text(" The register names it as "), .quote(alias), .text(", read as \(reason.organisation)."), .note(note)]
        }
        if let lookBack = reason.lookBack {
            let note = notes.number("look-back", .reading, [
                .text("An interest that has ended still counts for a while under the conflicts rules' look-back, a local choice of these rules: national guidance asks only that ended interests stay on the register for six months."),
            ])
            sentence += [.text(" It has ended, and counts only through the look-back: \(lookBack)."), .note(note)]
        }
        if !Self.isDirect(reason.link) {
            let note = notes.number("chain", .reading, [
                .text("An interest reaches a decision through the relations between organisations recorded in the rules (membership, contracts, ownership), read from the papers and the register's own words. Check a chain against the current contracts before relying on it."),
            ])
            sentence.append(.note(note))
        }
        cite("conflicts")
        sentence += [.text(" Under the conflicts rules ("), .rule("conflicts"), .text("), \(Self.kindLabel(reason.kind)) means: "),
                     .strong(Self.levelPhrase(reason.level)), .text(".")]
        return sentence
    }

    private func quorumSentence(_ conflicts: ConflictsReport) -> Sentence? {
        guard let quorum = conflicts.quorum, let body = meetingBody else { return nil }
        let rule = citeCommitteePart(body, part: "quorum")
        let leaving = conflicts.recusals.filter { $0.level >= .noVote }.count
        var sentence: Sentence = [.text("Quorum (")] + ruleReference(rule) + [.text("): ")]
        if quorum.met {
            sentence.append(.strong("quorate"))
            sentence.append(.text(", \(quorum.counted) of the \(quorum.present) members present count" +
                                  (leaving > 0 ? " once those with a conflict stand aside." : ".")))
            sentence.append(.text(" Should it fall below quorum, "))
        } else {
            sentence.append(.strong("NOT quorate"))
            sentence.append(.text(" for this item: " + quorum.failedClauses.joined(separator: "; ") + ". "))
        }
        sentence += fallback(quorum.whenNotMet, startsSentence: !quorum.met)
        return sentence
    }

    private func fallback(_ whenNotMet: String?, startsSentence: Bool) -> Sentence {
        let the = startsSentence ? "The" : "the"
        guard let whenNotMet else {
            return [.text("\(the) rules do not say what to do; the item cannot be decided at this meeting.")]
        }
        if whenNotMet.hasPrefix("refer to ") {
            return [.text("\(the) rules say to refer the item to ")] + bodyName(String(whenNotMet.dropFirst(9))) + [.text(".")]
        }
        if whenNotMet == "defer" { return [.text("\(the) rules say to defer the item to a quorate meeting.")] }
        return [.text("\(the) rules say: \(whenNotMet).")]
    }

    /// Who may vote, said as a change from the attendance table rather than the list again.
    private func votingSentence(_ conflicts: ConflictsReport) -> Sentence? {
        guard let voters = conflicts.voters, let baseline = engine.baseline(agenda.meeting).voters else { return nil }
        let now = Dictionary(voters.map { (printedName($0.person), $0.weight) }, uniquingKeysWith: { a, _ in a })
        var notVoting: [String] = []
        var changed: [(name: String, weight: Double, organisation: String?)] = []
        for voter in baseline {
            let name = printedName(voter.person)
            guard let weight = now[name] else {
                notVoting.append(name)
                continue
            }
            if abs(weight - voter.weight) > 1e-9 { changed.append((name, weight, voter.organisation)) }
        }
        if notVoting.isEmpty && changed.isEmpty {
            return [.text("Voting: as in the attendance table.")]
        }
        var sentence: Sentence = [.text("Voting: as in the attendance table, except that ")]
        var parts: [Sentence] = []
        if !notVoting.isEmpty {
            parts.append(Self.people(notVoting) + [.text(notVoting.count == 1 ? " does not vote" : " do not vote")])
        }
        for (organisation, group) in Dictionary(grouping: changed, by: { $0.organisation ?? "" }).sorted(by: { $0.key < $1.key }) {
            let names = group.map(\.name)
            let weights = Set(group.map { VoteText.describe($0.weight) })
            var part = Self.people(names)
            if weights.count == 1, let weight = weights.first {
                let plural = (group.first?.weight ?? 0) > 1
                part.append(.text(" now carr\(names.count == 1 ? "ies" : "y") \(weight) vote\(plural ? "s" : "")\(names.count == 1 ? "" : " each")"))
            } else {
                part.append(.text(" now carry " + group.map { VoteText.describe($0.weight) }.joined(separator: ", ") + " votes"))
            }
            if !organisation.isEmpty { part.append(.text(" for " + Self.organisationLabel(organisation))) }
            parts.append(part)
        }
        for (index, part) in parts.enumerated() {
            if index > 0 { sentence.append(.text(index == parts.count - 1 ? "; and " : "; ")) }
            sentence += part
        }
        sentence.append(.text("."))
        return sentence
    }

    /// The item's approvals, procedures and notices, in the order the rules give them when they
    /// give one (`steps in order`: the paper's order across kinds), else section by section.
    private func requirements(_ report: Report) -> [MeetingPaper.Requirement] {
        let sections = requirementsBySection(report)
        guard !report.steps.isEmpty else { return sections }
        let (approvals, procedures) = (report.approvals.count, report.procedures.count)
        return report.steps.map { step in
            switch step {
            case .approval(let index): sections[index]
            case .procedure(let index): sections[approvals + index]
            case .notice(let index): sections[approvals + procedures + index]
            }
        }
    }

    /// "in the order the rules give (rule S75-BOROUGH-DIRECTOR) [note N]", the note saying the
    /// order is the rules' reading of the paper they cite; nil when the rules give no order.
    private func requirementsOrder(_ report: Report) -> Sentence? {
        guard !report.steps.isEmpty, !report.stepsOrderedBy.isEmpty else { return nil }
        var sentence: Sentence = [.text(report.stepsOrderedBy.count == 1 ? "in the order the rules give (rule " : "in the order the rules give (rules ")]
        for (index, rule) in report.stepsOrderedBy.enumerated() {
            if index > 0 { sentence.append(.text(", ")) }
            sentence += ruleReference(rule.id)
        }
        sentence.append(.text(")"))
        let ids = report.stepsOrderedBy.map(\.id).joined(separator: ",")
        var note: Sentence = [.text("The order of these steps is the rules' reading of the paper they cite ("), .code("steps in order"), .text(" in ")]
        for (index, rule) in report.stepsOrderedBy.enumerated() {
            if index > 0 { note.append(.text(", ")) }
            note.append(.rule(rule.id))
            if let citation = rule.citation { note += [.text(": "), .quote(citation)] }
        }
        note.append(.text("). Check it against the item's own paper."))
        sentence.append(.note(notes.number("steps:\(ids)", .reading, note)))
        return sentence
    }

    private func requirementsBySection(_ report: Report) -> [MeetingPaper.Requirement] {
        var out: [MeetingPaper.Requirement] = []
        for approval in report.approvals {
            var sentence: Sentence = [.text(approval.action == .recommend ? "Recommendation by " : "Approval by ")]
            sentence += bodyName(approval.by)
            sentence.append(.text(" — "))
            sentence += ruleList(approval.rules.isEmpty ? [approval.rule.id] : approval.rules)
            out.append(MeetingPaper.Requirement(sentence: sentence))
        }
        for procedure in report.procedures {
            var sentence: Sentence = [.text("Procedure: \(procedure.title) ("), .code(procedure.id), .text(") — rule ")]
            sentence += ruleReference(procedure.rule.id)
            out.append(MeetingPaper.Requirement(sentence: sentence))
        }
        for notice in report.notices {
            var sentence: Sentence = [.text("Notice to ")]
            sentence += bodyName(notice.to)
            if let period = notice.deemedApprovedAfter {
                sentence.append(.text("; deemed approved after \(period) without objection"))
                if let on = notice.deemedApprovedOn { sentence.append(.text(", on \(DateText.long(Day(number: on)))")) }
            }
            sentence.append(.text(" — rule "))
            sentence += ruleReference(notice.rule.id)
            out.append(MeetingPaper.Requirement(sentence: sentence))
        }
        if out.isEmpty {
            out.append(MeetingPaper.Requirement(sentence: [.text("No approval, procedure or notice is required by the rules.")]))
        }
        return out
    }

    private func ruleList(_ ids: [String]) -> Sentence {
        var sentence: Sentence = [.text(ids.count == 1 ? "rule " : "rules ")]
        for (index, id) in ids.enumerated() {
            if index > 0 { sentence.append(.text(", ")) }
            sentence += ruleReference(id)
        }
        return sentence
    }

    // MARK: - Words

    static func kindLabel(_ kind: InterestKind) -> String {
        switch kind {
        case .financial: "a financial interest"
        case .indirect: "an indirect interest"
        case .nonFinancialProfessional: "a non-financial professional interest"
        case .nonFinancialPersonal: "a non-financial personal interest"
        case .employment: "employment"
        case .unspecified: "an interest of unstated type"
        }
    }

    static func levelPhrase(_ level: RecusalLevel) -> String {
        switch level {
        case .declare: "declare"
        case .noVote: "declare and not vote"
        case .exclude: "declare and leave the room"
        }
    }

    /// Whether a link names the organisation at stake itself ("the counterparty") rather than
    /// a chain of relations to it.
    static func isDirect(_ link: String) -> Bool {
        link.hasPrefix("the ") || link.hasPrefix("one of the ")
    }

    /// "Bromley Healthcare CIC is the counterparty"; "The Chislehurst Partnership holds a
    /// contract from …" (the engine writes a chain as a relative clause, "which holds …").
    static func chain(organisation: String, link: String) -> String {
        if link.isEmpty { return "\(organisation) is at stake" }
        if isDirect(link) { return "\(organisation) is \(link)" }
        return "\(organisation) " + (link.hasPrefix("which ") ? String(link.dropFirst(6)) : link)
    }

    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: ""
        case 1: names[0]
        default: names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }

    static func people(_ names: [String]) -> Sentence {
        var sentence: Sentence = []
        for (index, name) in names.enumerated() {
            if index > 0 { sentence.append(.text(index == names.count - 1 ? " and " : ", ")) }
            sentence.append(.person(name))
        }
        return sentence
    }

    static func spelled(_ count: Int) -> String {
        let words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
        return count < words.count ? words[count] : "\(count)"
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
