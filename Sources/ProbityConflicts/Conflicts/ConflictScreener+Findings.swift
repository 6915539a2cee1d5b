import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension ConflictScreener {
    /// Screens `decision` and adds the result to `report`: its `conflicts` part, and findings
    /// for what stops the decision being taken as proposed.
    ///
    /// Blocking: an attendee who is not on the register (P1101) or who matches several people
    /// (P1102), since neither can be screened; a meeting left inquorate once members with a
    /// conflict have left (P1103), or inquorate before any recusal (P1104). Not blocking: people
    /// whose interests are on another register (P1105), rules with no `conflicts` block (P1106),
    /// a meeting body with no members or quorum rule (P1107), attendees who are no member (P1108).
    /// An organisation that matched no declared name, alias or register text (P1150) blocks
    /// only a strict screener.
    ///
    /// With `includingMeetingFindings` (the default) the findings about the meeting itself
    /// (``meetingFindings(_:)``) are added too; a screening of a whole agenda leaves them out of
    /// each item and says them once.
    ///
    /// A meeting whose attendees were read against this screener's register (``people``), as a
    /// batch line's own meeting is, is not looked up again (``Meeting/attendeeNames``).
    public func apply(to report: inout Report, decision: Decision, meeting: Meeting?, includingMeetingFindings: Bool = true) {
        let screening = screening(decision, meeting: meeting)
        // Stored into the report once, at the end, after the last read: stored first, it was
        // copied (every one of its tables retained) to be read.
        let conflicts = screening.report
        var findings: [Report.Finding] = []
        func add(_ code: DiagnosticCode, _ severity: Severity, blocking: Bool, _ message: String) {
            findings.append(Report.Finding(severity: severity, code: code, message: message, isBlocking: blocking))
        }

        if !hasPolicy {
            add(.noConflictsPolicy, .warning, blocking: false, "the rules have no `conflicts` block, so no interest can be relevant; nobody was screened")
        }
        for (index, name) in conflicts.unresolvedAttendees.enumerated() {
            let suggestions = index < conflicts.attendeeSuggestions.count ? conflicts.attendeeSuggestions[index] : []
            add(.attendeeNotOnRegister, .error, blocking: true,
                "attendee \"\(name)\" is not on the register \(register.fileName) and cannot be screened"
                    + NameSuggestions.didYouMean(suggestions.map { "\"\($0)\"" }))
        }
        for entry in conflicts.ambiguousAttendees {
            add(.ambiguousAttendee, .error, blocking: true,
                "attendee \"\(entry.written)\" matches several people on the register (\(entry.candidates.joined(separator: "; "))); write the name in full")
        }
        for entry in conflicts.unmatchedOrganisations {
            add(.unmatchedOrganisation, .warning, blocking: isStrict,
                "organisation \"\(entry.written)\" (\(entry.role)) matches no declared organisation, alias or register entry, so it was screened by its exact text only"
                    + NameSuggestions.didYouMean(entry.suggestions.map(\.text)))
        }
        for entry in conflicts.notScreenable {
            add(.declaredElsewhere, .warning, blocking: false, "\(entry.person) cannot be screened here: \"\(entry.pointer)\"")
        }
        if let meeting, let body = meeting.body {
            let bodyID = program.bodies[body].id
            if includingMeetingFindings { findings += screening.meetingAtBody?.findings ?? meetingFindings(meeting) }
            if let finding = screening.chairStandsAside { findings.append(finding) }
            findings += screening.meetingAtBody?.nonMemberFindings ?? []
            if let quorum = conflicts.quorum, !quorum.met {
                let action = quorum.whenNotMet.map { "; the rules say: \($0)" } ?? ""
                let clauses = quorum.failedClauses.joined(separator: "; ")
                if screening.quorumBeforeRecusals?.met ?? false {
                    let leaving = conflicts.recusals.filter { $0.level == .exclude }.map(\.person)
                    add(.inquorateAfterRecusals, .error, blocking: true,
                        "`\(bodyID)` is inquorate for this item once \(leaving.joined(separator: ", ")) leave\(leaving.count == 1 ? "s" : "") the room (\(clauses))\(action)")
                } else {
                    add(.inquorate, .error, blocking: true, "`\(bodyID)` is inquorate even before recusals (\(clauses))\(action)")
                }
            }
        }
        report.findings += findings
        report.conflicts = conflicts
    }

    /// Findings about the meeting as a whole rather than any one decision on its agenda: they
    /// are the same for every item, so a screening of an agenda says them once.
    ///
    /// A body whose quorum cannot be checked (P1107); papers circulated later than the body's
    /// rule allows (P1133, a warning: the terms of reference are broken, but the chair may still
    /// take the items), or a meeting file that does not say when they went out (P1134); a deputy
    /// the chair did not agree to, who does not count (P1132).
    ///
    /// Worked out once for each meeting and kept (``meetingAtBody(_:body:)``).
    public func meetingFindings(_ meeting: Meeting) -> [Report.Finding] {
        guard let body = meeting.body else { return [] }
        return meetingAtBody(meeting, body: body).findings
    }

    /// ``meetingFindings(_:)`` for a meeting of `body` whose seats are worked out (`seating`, nil
    /// when the body has no `members` block), with the deputies left out for want of the chair's agreement.
    func meetingFindings(_ meeting: Meeting, body: Int, seating: Seating?, unagreedDeputies: [String]) -> [Report.Finding] {
        var findings: [Report.Finding] = []
        func add(_ code: DiagnosticCode, _ severity: Severity, _ blocking: Bool, _ message: String) {
            findings.append(Report.Finding(severity: severity, code: code, message: message, isBlocking: blocking))
        }
        let bodyID = program.bodies[body].id
        if rosters[body] == nil {
            add(.quorumNotCheckable, .note, false, "`\(bodyID)` has no `members` block, so quorum and votes cannot be checked")
        } else if program.committees[body]?.quorum == nil {
            add(.quorumNotCheckable, .note, false, "`\(bodyID)` has no `quorum` rule, so quorum cannot be checked")
        }
        if let committee = program.committees[body], let seating {
            let roster = seating.roster
            // A deputy the chair did not agree does not count, whichever item is taken.
            for name in unagreedDeputies {
                add(.deputyNotCounted, .note, false,
                    "deputy \"\(name)\" does not count towards quorum or vote: `\(bodyID)` counts deputies only when the chair agreed their attendance, and the meeting record does not say so (`agreed_by_chair`)")
            }
            // A role in `holders` that nothing reads (a typo, or a role of another body) is said, not dropped.
            let known = Set(committee.chairSuccession + committee.chairExcludedRoles + committee.members.compactMap(\.role))
            var said: Set<String> = []
            for holder in meeting.roleHolders where !known.contains(holder.role) && said.insert(holder.role).inserted {
                add(.holderRoleUnread, .warning, false, "`holders` names role `\(holder.role)`, which no member of `\(bodyID)` has and neither its chair succession nor `chair not role` names; it is not used")
            }
            if !committee.chairSuccession.isEmpty, let line = seating.unrecused.chairLine {
                addChairFindings(line, roster: roster, holders: meeting.roleHolders, add)
            }
        }
        if let papers = program.committees[body]?.papers, let date = meeting.date {
            addPapersFinding(papers, meetingDate: date, sent: meeting.papersSent, bodyID: bodyID, add)
        }
        return findings
    }

    /// Who chairs the meeting under the body's `chair succession`, when it is not the first in
    /// line (P1221), or when the next in line holds a role the papers name nobody for; a chair
    /// whose role may not chair the body (P1225); names given as holders that are no member (P1226).
    private func addChairFindings(_ line: BodyRoster.ChairInLine, roster: BodyRoster, holders: [(role: String, person: String)],
                                  _ add: (DiagnosticCode, Severity, Bool, String) -> Void) {
        for name in line.unknownHolders {
            add(.holderNotMember, .warning, false, "\"\(name)\", named in `holders`, is no member of `\(roster.bodyID)`; they are not counted as holding the role")
        }
        let unnamed: Bool
        if case .unnamed = line.holder { unnamed = true } else { unnamed = false }
        if !line.passedOver.isEmpty || unnamed {
            let absent = line.passedOver.map { "\($0.name) (role `\($0.role)`) is \($0.why)" }
            let opening = absent.isEmpty ? "nobody holds the first role in the chair succession" : absent.joined(separator: "; ")
            add(.chairPassesDownTheLine, .note, false, "\(opening): under the chair succession of `\(roster.bodyID)`, \(Self.describe(line.holder, roster: roster))")
        }
        if case .member(let member, _) = line.holder,
           let role = roster.roles(of: member, holders).sorted().first(where: roster.chairExcludedRoles.contains) {
            add(.chairInLineMayNotChair, .warning, false, "\(roster.members[member].name), in the chair under the succession, holds role `\(role)`, which may not chair `\(roster.bodyID)`; another member must chair")
        }
    }

    /// Who chairs, in words, for P1221 and P1222.
    static func describe(_ holder: BodyRoster.ChairInLine.Holder, roster: BodyRoster) -> String {
        switch holder {
        case .member(let member, let role): "\(roster.members[member].name) (role `\(role)`) chairs"
        case .unnamed(let role): "the holder of role `\(role)` chairs; the papers name nobody for that role, and the meeting file can say who (`holders`)"
        case .nobody: "nobody in the line is present and free to chair, so the members present must choose a chair"
        }
    }

    /// The latest day papers may go out is the meeting's date less the notice, in working days
    /// skipping the rules' bank holidays when the notice is in working days.
    private func addPapersFinding(_ papers: PapersRule, meetingDate: Int32, sent: Int32?, bodyID: String,
                                  _ add: (DiagnosticCode, Severity, Bool, String) -> Void) {
        let back = Duration(amount: -papers.notice.amount, unit: papers.notice.unit)
        let latest = Day(number: meetingDate).adding(back, calendar: program.calendar)
        let rule = "at least \(papers.notice) before the meeting on \(Day(number: meetingDate).iso), so by \(latest.iso)"
        let source = papers.source.map { " (\($0))" } ?? ""
        guard let sent else {
            add(.papersDateUnknown, .note, false, "the meeting file does not say when the papers went out (`papers_sent`); `\(bodyID)` needs them \(rule)\(source)")
            return
        }
        guard sent > latest.number else { return }
        var message = "the papers went out on \(Day(number: sent).iso), late: `\(bodyID)` needs them \(rule)\(source)"
        if papers.notice.unit == .workingDays, let calendar = program.calendar, !calendar.covers(latest.number, meetingDate) {
            message += "; the calendar does not know the bank holidays then, so only weekends were skipped"
        }
        add(.papersLate, .warning, false, message)
    }
}
