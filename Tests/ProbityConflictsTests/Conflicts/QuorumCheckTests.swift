import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// Quorum re-checked after recusals, and who may vote with what weight.
final class QuorumCheckTests: XCTestCase {
    /// Everyone on the panel, on the register; Carol works for Acme, Dan for the alliance.
    private let rows = """
    Ann Chair,Borough Council,Chair,,,,
    Bob Council,Borough Council,Director,,,,
    Carol Acme,Acme Health Ltd,Director,,,,
    Dan Alliance,Borough GP Alliance,Clinical Director,,,,
    Eve North,North PCN,Clinical Director,,,,
    Fay South,South PCN,Clinical Director,,,,
    Gus East,East PCN,Clinical Director,Indirect Interest,Wife is a nurse at Acme Healthcare,2020-01-01,
    Hal Observer,Borough Council,Observer,,,,
    Ivy Deputy,Borough Council,Deputy Director,,,,

    """

    private func run(_ attendees: [String], rules: String = ConflictsFixtures.rules(), counterparty: String = "Acme Health Ltd")
        -> (report: Report, program: Program) {
        let program = ConflictsFixtures.program(rules)
        let screener = ConflictScreener(program: program, register: ConflictsFixtures.register(rows))
        let decision = ConflictsFixtures.award(to: counterparty, program: program)
        var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
        screener.apply(to: &report, decision: decision, meeting: Meeting(body: program.bodyIndex["panel"], attendees: attendees))
        return (report, program)
    }

    func testAMeetingPushedBelowQuorumByRecusals() {
        // 7 voting seats, 50% needs 4. Five present; Carol and Dan must leave: 3 counted.
        let (report, _) = run(["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Eve North"])
        let quorum = report.conflicts?.quorum
        XCTAssertEqual(quorum?.met, false)
        XCTAssertEqual(quorum?.failedClauses, ["at least 50% of voting members: 3 of 7 counted, needs 4"])
        XCTAssertEqual(quorum?.whenNotMet, "refer to board")
        XCTAssertEqual(quorum?.present, 5)
        XCTAssertEqual(quorum?.counted, 3)
        let blocking = report.findings.filter(\.isBlocking)
        XCTAssertEqual(blocking.map(\.code), ["P1103"])
        XCTAssertTrue(blocking[0].message.contains("Carol Acme, Dan Alliance leave the room"), blocking[0].message)
        XCTAssertTrue(blocking[0].message.contains("refer to board"))
        XCTAssertFalse(report.canProceed)
    }

    func testTheSameMeetingStaysQuorateWhenConflictedMembersCount() {
        let (report, _) = run(["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Eve North"],
                              rules: ConflictsFixtures.rules(conflictedCount: true))
        XCTAssertEqual(report.conflicts?.quorum?.met, true)
        XCTAssertEqual(report.conflicts?.quorum?.counted, 5)
        XCTAssertTrue(report.canProceed)
    }

    func testAMemberWhoMayNotVoteDoesNotCountTowardsQuorum() {
        // Four voting seats present of seven; Gus may not vote (an indirect interest in Acme), so 3 count.
        let (report, _) = run(["Ann Chair", "Bob Council", "Eve North", "Gus East"])
        XCTAssertEqual(report.conflicts?.recusals.map(\.level), [.noVote])
        XCTAssertEqual(report.conflicts?.quorum?.met, false)
        XCTAssertEqual(report.conflicts?.quorum?.counted, 3)
        let counting = run(["Ann Chair", "Bob Council", "Eve North", "Gus East"], rules: ConflictsFixtures.rules(conflictedCount: true))
        XCTAssertEqual(counting.report.conflicts?.quorum?.met, true)
    }

    func testWithoutARegisterOnlyTheQuorumIsChecked() {
        let program = ConflictsFixtures.program(ConflictsFixtures.rules())
        let decision = ConflictsFixtures.award(to: "Acme Health Ltd", program: program)
        var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
        ConflictScreener(program: program).apply(to: &report, decision: decision,
                                                  meeting: Meeting(body: program.bodyIndex["panel"], attendees: ["Ann Chair", "Carol Acme", "Eve North"]))
        // Carol works for the counterparty, but with no register nobody is screened.
        XCTAssertEqual(report.conflicts?.registerScreened, false)
        XCTAssertEqual(report.conflicts?.recusals.count, 0)
        XCTAssertEqual(report.conflicts?.unresolvedAttendees, [])
        XCTAssertEqual(report.conflicts?.quorum?.met, false)
        XCTAssertEqual(report.conflicts?.quorum?.present, 3)
    }

    func testAMeetingInquorateBeforeAnyRecusal() {
        let (report, _) = run(["Ann Chair", "Eve North"], counterparty: "Borough Council")
        XCTAssertEqual(report.findings.filter(\.isBlocking).map(\.code), ["P1104"])
    }

    func testADeputyFillsTheirPrincipalsSeatWhenDeputiesCount() {
        let attendees = ["Ann Chair", "Ivy Deputy", "Eve North", "Fay South"]
        let counting = run(attendees, counterparty: "North PCN")
        XCTAssertEqual(counting.report.conflicts?.quorum?.counted, 3, "Eve North must leave; Ivy sits for Bob")
        XCTAssertEqual(counting.report.conflicts?.quorum?.met, false)
        let notCounting = run(attendees, rules: ConflictsFixtures.rules(deputiesCount: false), counterparty: "North PCN")
        XCTAssertEqual(notCounting.report.conflicts?.quorum?.counted, 2)
        XCTAssertEqual(notCounting.report.findings.filter { $0.code == "P1108" }.count, 0, "a deputy is a member, not a stranger")
    }

    func testVotesPerOrganisationAndSharedByTheGroup() {
        // The council's one vote is split between its two voting members present; the three PCNs
        // share 2 votes, but Gus (indirect interest) may not vote, so Eve and Fay get 1 each.
        let (report, _) = run(["Ann Chair", "Bob Council", "Hal Observer", "Eve North", "Fay South", "Gus East", "Carol Acme"])
        let voters = report.conflicts?.voters ?? []
        XCTAssertEqual(voters.map(\.person), ["Ann Chair", "Bob Council", "Eve North", "Fay South"])
        XCTAssertEqual(voters.map(\.weight), [0.5, 0.5, 1, 1])
        XCTAssertEqual(voters.map(\.organisation), ["Borough Council", "Borough Council", "group pcn", "group pcn"])
        XCTAssertEqual(report.conflicts?.level(of: "Gus East"), .noVote)
    }

    func testThreePCNRepresentativesShareTwoVotes() {
        let (report, _) = run(["Eve North", "Fay South", "Gus East", "Ann Chair"], counterparty: "Borough Council")
        let weights = (report.conflicts?.voters ?? []).filter { $0.organisation == "group pcn" }.map(\.weight)
        XCTAssertEqual(weights.count, 3)
        for weight in weights { XCTAssertEqual(weight, 2.0 / 3.0, accuracy: 1e-9) }
    }

    func testAnAttendeeWhoIsNoMemberIsNoted() {
        let (report, _) = run(["Ann Chair", "Bob Council", "Eve North", "Fay South", "Carol Acme"], counterparty: "Borough Council")
        XCTAssertTrue(report.findings.contains { $0.code == "P1108" } == false)
        let stranger = run(["Ann Chair", "Bob Council", "Eve North", "Fay South", "Zed Visitor"], counterparty: "Borough Council")
        XCTAssertTrue(stranger.report.findings.contains { $0.code == "P1101" && $0.isBlocking }, "not on the register")
        XCTAssertTrue(stranger.report.findings.contains { $0.code == "P1108" && !$0.isBlocking }, "not a member")
    }
}
