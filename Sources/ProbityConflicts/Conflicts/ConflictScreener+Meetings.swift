import ProbityRegister
import ProbityReports
import ProbitySupport

/// A meeting of a body worked out once: who takes which seat, the findings about the meeting as
/// a whole, and quorum, votes and chair with nobody recused. None of it depends on the item, and
/// a batch's lines carry the same meeting line after line: working it out for each line, twice
/// (once for the screening, once for the meeting's findings), made a line at a body's meeting
/// cost 2.4 ordinary ones, 3.3 with a deputy.
extension ConflictScreener {
    /// What a meeting's seats, findings and unrecused outcome depend on, exactly: the body, the
    /// attendees, deputies and role holders by their bytes, and the dates the papers rule reads.
    /// The register, rules and rosters are the screener's own.
    struct MeetingKey: Hashable, Sendable {
        var body: Int
        var date: Int32?
        var papersSent: Int32?
        var attendees: AttendeeNames.ExactKey
        /// Per deputy: name and principal, by their bytes.
        var deputies: [ExactText]
        var agreedByChair: [Bool]
        /// Per holder: role and person, by their bytes.
        var holders: [ExactText]

        init(_ meeting: Meeting, body: Int, people: PeopleIndex) {
            self.body = body
            date = meeting.date
            papersSent = meeting.papersSent
            attendees = meeting.attendeeNames.exactKey(for: people)
            deputies = meeting.deputies.flatMap { [ExactText($0.name), ExactText($0.deputisingFor)] }
            agreedByChair = meeting.deputies.map(\.agreedByChair)
            holders = meeting.roleHolders.flatMap { [ExactText($0.role), ExactText($0.person)] }
        }
    }

    /// A meeting of a body, before any item's recusals. A class: kept in the memo and handed to
    /// every line at that meeting, it is passed by one reference, not copied with its tables
    /// (as a struct, a line with no meeting at all paid for copying the empty space it took).
    final class MeetingAtBody: Sendable {
        /// ``meetingFindings(_:)``.
        let findings: [Report.Finding]
        /// Nil when the body has no `members` block.
        let seating: Seating?
        /// An item's note for each attendee who is no member (P1108), in the order they
        /// attended. The same for every item at the meeting, so worded once: worded for each
        /// line, a board's few officers cost a line about 3,000 instructions apiece.
        let nonMemberFindings: [Report.Finding]

        init(findings: [Report.Finding], seating: Seating?, bodyID: String) {
            self.findings = findings
            self.seating = seating
            nonMemberFindings = (seating?.nonMembers ?? []).map { name in
                Report.Finding(severity: .note, code: .attendeeNotMember,
                               message: "attendee \"\(name)\" is not a member of `\(bodyID)`; they do not count towards quorum or vote",
                               isBlocking: false)
            }
        }
    }

    /// Who sits where at a meeting of a body with members.
    struct Seating: Sendable {
        var roster: BodyRoster
        /// The seats filled, with no recusal on them; each says which attendee took it.
        var seats: [BodyRoster.PresentSeat]
        var nonMembers: [String]
        /// Quorum, votes and chair with nobody recused: an item's own when none of those seated
        /// is recused from it.
        var unrecused: SeatsOutcome
    }

    /// Quorum, voters and the chair's line of succession for seats with their recusals.
    struct SeatsOutcome: Sendable {
        var quorum: ConflictsReport.QuorumResult?
        var voters: [ConflictsReport.Voter]
        var chairLine: BodyRoster.ChairInLine?

        init(_ seats: [BodyRoster.PresentSeat], roster: BodyRoster, holders: [(role: String, person: String)]) {
            quorum = roster.quorumResult(seats)
            voters = roster.voters(seats).map { voter in
                ConflictsReport.Voter(person: voter.person, weight: voter.weight.value, organisation: voter.organisation)
            }
            chairLine = roster.chairInLine(seats, holders: holders)
        }
    }

    /// `meeting` (which names `body`) worked out, or kept from a meeting seen before with the
    /// same key; at most ``meetings``' capacity are kept.
    func meetingAtBody(_ meeting: Meeting, body: Int) -> MeetingAtBody {
        meetings.value(for: MeetingKey(meeting, body: body, people: people)) { workOutMeeting(meeting, body: body) }
    }

    /// ``meetingAtBody(_:body:)`` afresh.
    func workOutMeeting(_ meeting: Meeting, body: Int) -> MeetingAtBody {
        guard let committee = program.committees[body] else {
            return MeetingAtBody(findings: meetingFindings(meeting, body: body, seating: nil, unagreedDeputies: []), seating: nil,
                                 bodyID: program.bodies[body].id)
        }
        let roster = roster(of: body, committee: committee, at: meeting)
        let present = roster.seatsPresent(meeting.attendees.map { ($0, nil) })
        let seating = Seating(roster: roster, seats: present.seats, nonMembers: present.nonMembers,
                              unrecused: SeatsOutcome(present.seats, roster: roster, holders: meeting.roleHolders))
        return MeetingAtBody(findings: meetingFindings(meeting, body: body, seating: seating, unagreedDeputies: present.unagreedDeputies),
                             seating: seating, bodyID: program.bodies[body].id)
    }
}
