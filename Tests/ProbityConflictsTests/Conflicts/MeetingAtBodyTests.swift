import ProbityEngine
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// A meeting of a body is worked out once (``ConflictScreener/meetingAtBody(_:body:)``): its
/// seats with nobody recused, kept by what they depend on, and each item's recusals put on the
/// seats afterwards. Every item must get what working the meeting out for it afresh, with its
/// recusals, gives.
final class MeetingAtBodyTests: XCTestCase {
    private static let rules = ConflictsFixtures.rules(voting: "one vote per organisation\n  group pcn shares 2 votes\n  majority of those voting\n  chair has casting vote")
        .replacingOccurrences(of: "members panel\n", with: "members panel\n  chair succession role chair, convenor, vice-convenor\n  chair not role place-lead\n")
        .replacingOccurrences(of: "member \"Carol Acme\" for acme voting", with: "member \"Carol Acme\" for acme role convenor voting")
        .replacingOccurrences(of: "member \"Dan Alliance\" for alliance voting", with: "member \"Dan Alliance\" for alliance role place-lead voting")
        .replacingOccurrences(of: "member \"Ann Chair\" for council chair voting", with: "member \"Ann Chair\" for council role chair chair voting")
        .replacingOccurrences(of: "  deputies count\n", with: "  deputies count when agreed by the chair\n")
        + "\npapers panel at least 5 days before the meeting\n"

    /// Members (some with interests), a deputy in the rules, people on the register only, and
    /// nobody at all; with titles and capitals, which the roster and the register each resolve.
    private static let names = ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Eve North", "Fay South", "Gus East",
                                "Hal Observer", "Ivy Deputy", "Zoe Standin", "Nobody Known", "Cllr Carol Acme", "DAN ALLIANCE",
                                "Dr Eve North", "Pat Public"]

    private static let register = ConflictsFixtures.register("""
        Carol Acme,Acme Health Ltd,Director,Financial Interest,Director of Acme Health Ltd,01/01/2020,
        Dan Alliance,Hill Practice,Partner,Indirect Interest,Partner at Hill Practice,01/01/2020,
        Eve North,North PCN,Clinical director,Non-Financial Professional Interest,Clinical director of Borough GP Alliance,01/01/2020,
        Ann Chair,Borough Council,Leader,Financial Interest,Shares in Acme Healthcare,01/01/2020,
        Bob Council,Borough Council,Member,Non-Financial Personal Interest,Trustee,01/01/2020,
        Fay South,South PCN,Clinical director,,,,
        Gus East,East PCN,Clinical director,,,,
        Hal Observer,Borough Council,Officer,,,,
        Ivy Deputy,Borough Council,Member,Indirect Interest,Spouse works for Acme Health Ltd,01/01/2020,
        Zoe Standin,Borough Council,Member,,,,
        Pat Public,,Member of the public,,,,

        """)

    /// What the screening made of a meeting before this change, word for word: the roster's
    /// seats worked out for the item with each attendee's recusal, then quorum, votes and chair.
    private func oldOutcome(_ screener: ConflictScreener, decision: Decision, meeting: Meeting, recusals: [String: RecusalLevel])
        -> (quorum: String, before: String, voters: [String], chair: String?, standsAside: String?, nonMembers: [String]) {
        let body = meeting.body!
        let roster = screener.roster(of: body, committee: screener.program.committees[body]!, at: meeting)
        let attendees = screener.resolveAttendees(meeting)
        let levelOf = { (attendee: AttendeeMatch) -> RecusalLevel? in
            guard let person = attendee.person else { return nil }
            return recusals[screener.register.people[person].name]
        }
        let present = roster.seatsPresent(attendees.map { ($0.written, levelOf($0)) })
        let unrecused = present.seats.map { BodyRoster.PresentSeat(seat: $0.seat, occupant: $0.occupant, level: nil) }
        let voters = roster.voters(present.seats).map { "\($0.person) \($0.weight.value) \($0.organisation ?? "-")" }
        var chair: String?
        var standsAside: String?
        if let line = roster.chairInLine(present.seats, holders: meeting.roleHolders) {
            if case .member(let member, _) = line.holder { chair = roster.members[member].name }
            if let conflicted = line.passedOver.first(where: { $0.why != "not present" }) {
                standsAside = "\(conflicted.name) (role `\(conflicted.role)`) \(conflicted.why), so does not chair it: under the chair succession of `\(roster.bodyID)`, \(ConflictScreener.describe(line.holder, roster: roster))"
            }
        }
        return (Self.describe(roster.quorumResult(present.seats)), Self.describe(roster.quorumResult(unrecused)), voters, chair, standsAside,
                present.nonMembers)
    }

    private static func describe(_ quorum: ConflictsReport.QuorumResult?) -> String {
        guard let quorum else { return "none" }
        return "\(quorum.body) \(quorum.met) \(quorum.present) \(quorum.counted) \(quorum.failedClauses) \(quorum.whenNotMet ?? "-")"
    }

    /// Seeded: 100 meetings (attendees, deputies, holders, dates drawn at random), each met again
    /// and again by items awarding to random organisations, so that some items recuse members
    /// and some recuse nobody. The screener that keeps its meetings answers each item as the
    /// old path does, and its findings are a new screener's, which has kept nothing.
    func testKeptMeetingsAnswerAsMeetingsWorkedOutForEachItem() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let program = ConflictsFixtures.program(Self.rules)
        let keeping = ConflictScreener(program: program, register: Self.register)
        let body = program.bodyIndex["panel"]!
        let pick = { (random: inout SplitMix64, from: [String]) in from[random.below(from.count)] }
        // Each part of a meeting drawn apart, so that a meeting can be an earlier one with one
        // part drawn again: a key that left that part out would answer it with the earlier one's.
        func attendees(_ random: inout SplitMix64, with deputies: [Meeting.Deputy] = []) -> AttendeeNames {
            // The chair at a third of the meetings, so that the line of succession (and the
            // record's holders) decides who chairs the rest.
            var written = (0..<random.inRange(0...12)).map { _ in pick(&random, Self.names) }.filter { $0 != "Ann Chair" }
            if random.below(3) == 0 { written.insert("Ann Chair", at: random.below(written.count + 1)) }
            // Most deputies attend, and their principals mostly not.
            for deputy in deputies where random.below(4) != 0 {
                written.removeAll { $0 == deputy.deputisingFor && random.below(4) != 0 }
                written.append(deputy.name)
            }
            guard random.below(2) == 0 else { return AttendeeNames(written) }
            // Read against the register as a batch line's meeting is: names kept by their entry.
            var read = AttendeeNames(readingAgainst: keeping.people)
            for name in written {
                var bytes = name
                XCTAssertTrue(bytes.withUTF8 { read.append(utf8: $0, isASCII: true, on: keeping.people) })
            }
            return read
        }
        func deputies(_ random: inout SplitMix64) -> [Meeting.Deputy] {
            (0..<random.inRange(0...2)).map { _ in
                // Mostly someone who is no member standing in for one who is; sometimes any two names.
                random.below(4) == 0
                    ? Meeting.Deputy(name: pick(&random, Self.names), deputisingFor: pick(&random, Self.names), agreedByChair: random.below(2) == 0)
                    : Meeting.Deputy(name: pick(&random, ["Zoe Standin", "Pat Public", "Nobody Known"]),
                                     deputisingFor: pick(&random, Array(Self.names[1..<8])), agreedByChair: random.below(4) != 0)
            }
        }
        func holders(_ random: inout SplitMix64) -> [(role: String, person: String)] {
            (0..<random.inRange(0...2)).map { _ in
                (pick(&random, ["vice-convenor", "convenor", "place-lead", "treasurer"]), pick(&random, Self.names))
            }
        }
        var meetings: [Meeting] = []
        for _ in 0..<100 {
            var meeting: Meeting
            if !meetings.isEmpty && random.below(3) != 0 {
                meeting = meetings[random.below(meetings.count)]
                switch random.below(6) {
                case 0: meeting.attendeeNames = attendees(&random, with: meeting.deputies)
                case 1: meeting.date = Int32(19_700 + random.below(10))
                case 2: meeting.papersSent = random.below(2) == 0 ? nil : Int32(19_690 + random.below(10))
                case 3:
                    // The same deputies standing in for others, agreed as before: only whom they
                    // deputise for tells the two meetings apart.
                    meeting.deputies = meeting.deputies.isEmpty ? deputies(&random) : meeting.deputies.map { deputy in
                        var deputy = deputy
                        deputy.deputisingFor = pick(&random, Array(Self.names[1..<8]))
                        return deputy
                    }
                case 4: meeting.roleHolders = holders(&random)
                default:
                    if !meeting.deputies.isEmpty { meeting.deputies[0].agreedByChair.toggle() }
                }
            } else {
                let standingIn = deputies(&random)
                meeting = Meeting(body: body, date: Int32(19_700 + random.below(10)), attendeeNames: attendees(&random, with: standingIn),
                                  deputies: standingIn)
                if random.below(3) == 0 { meeting.papersSent = Int32(19_690 + random.below(10)) }
                meeting.roleHolders = holders(&random)
            }
            meetings.append(meeting)
        }
        let counterparties = ["Acme Health Ltd", "Borough GP Alliance", "Hill Practice", "Borough Council", "North PCN", "Unknown Supplier Ltd"]
        var checked = 0, recused = 0
        for _ in 0..<1_500 {
            let meeting = meetings[random.below(meetings.count)]
            let counterparty = pick(&random, counterparties)
            let decision = ConflictsFixtures.award(to: counterparty, program: program)
            func screened(by screener: ConflictScreener) -> Report {
                var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
                screener.apply(to: &report, decision: decision, meeting: meeting)
                return report
            }
            let kept = screened(by: keeping)
            let afresh = screened(by: ConflictScreener(program: program, register: Self.register))
            let conflicts = kept.conflicts!
            let levels = Dictionary(conflicts.recusals.map { ($0.person, $0.level) }, uniquingKeysWith: { a, _ in a })
            let old = oldOutcome(keeping, decision: decision, meeting: meeting, recusals: levels)
            let context = "seed \(seed): \(meeting.attendees) \(meeting.deputies) \(meeting.roleHolders) \(counterparty)"
            XCTAssertEqual(Self.describe(conflicts.quorum), old.quorum, context)
            XCTAssertEqual(conflicts.voters?.map { "\($0.person) \($0.weight) \($0.organisation ?? "-")" } ?? [], old.voters, context)
            XCTAssertEqual(conflicts.chair, old.chair, context)
            XCTAssertEqual(kept.findings.first { $0.code == "P1222" }?.message, old.standsAside, context)
            XCTAssertEqual(kept.findings.filter { $0.code == "P1108" }.count, old.nonMembers.count, context)
            XCTAssertEqual(kept.findings.map { "\($0.code) \($0.message)" }, afresh.findings.map { "\($0.code) \($0.message)" }, context)
            let inquorateBefore = kept.findings.contains { $0.code == "P1104" }
            if let quorum = conflicts.quorum, !quorum.met { XCTAssertEqual(inquorateBefore, !old.before.contains(" true "), context) }
            checked += 1
            if !levels.isEmpty && meeting.attendees.contains(where: { levels[$0] != nil }) { recused += 1 }
        }
        XCTAssertEqual(checked, 1_500)
        XCTAssertGreaterThan(recused, 50, "seed \(seed): items with a member recused")
        XCTAssertLessThanOrEqual(keeping.meetings.count, meetings.count, "seed \(seed): one working-out per meeting")
    }
}
