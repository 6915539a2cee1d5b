import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// `deputies count when agreed by the chair` (SEL ICP terms of reference, 11.4): a deputy
/// counts towards quorum and votes only when the meeting records the chair's agreement.
final class DeputyAgreementTests: XCTestCase {
    private let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting")
        .replacingOccurrences(of: "  deputies count\n", with: "  deputies count when agreed by the chair\n")

    /// Ann, Bob's deputy and Carol: with the deputy 4 of 7 would be a quorum (50% needs 4).
    private func meeting(_ program: Program, agreed: Bool, declaredDeputy: Bool) -> Meeting {
        let deputy = declaredDeputy ? "Ivy Deputy" : "Zoe Standin"
        return Meeting(body: program.bodyIndex["panel"], attendees: ["Ann Chair", "Carol Acme", "Dan Alliance", deputy],
                       deputies: [Meeting.Deputy(name: deputy, deputisingFor: "Bob Council", agreedByChair: agreed)])
    }

    private func quorum(agreed: Bool, declaredDeputy: Bool) -> (met: Bool?, findings: [String]) {
        let program = ConflictsFixtures.program(rules)
        let screener = ConflictScreener(program: program)
        let decision = ConflictsFixtures.award(to: "Borough Council", program: program)
        var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
        screener.apply(to: &report, decision: decision, meeting: meeting(program, agreed: agreed, declaredDeputy: declaredDeputy))
        return (report.conflicts?.quorum?.met, report.findings.map(\.code.description))
    }

    func testADeputyTheChairAgreedCounts() {
        XCTAssertEqual(quorum(agreed: true, declaredDeputy: true).met, true)
        XCTAssertEqual(quorum(agreed: true, declaredDeputy: false).met, true, "a deputy named only in the meeting record takes the seat")
    }

    func testADeputyWithoutTheChairsAgreementDoesNotCount() {
        let declared = quorum(agreed: false, declaredDeputy: true)
        XCTAssertEqual(declared.met, false)
        XCTAssertTrue(declared.findings.contains("P1132"), "\(declared.findings)")
        XCTAssertEqual(quorum(agreed: false, declaredDeputy: false).met, false)
    }

    /// Who attends is the same for every item: an agenda's screening says P1132 once, for the
    /// meeting, and leaves it out of each item (the single check still carries it).
    func testAnUnagreedDeputyIsAFindingAboutTheMeeting() {
        let program = ConflictsFixtures.program(rules)
        let screener = ConflictScreener(program: program)
        let meeting = meeting(program, agreed: false, declaredDeputy: true)
        XCTAssertEqual(screener.meetingFindings(meeting).filter { $0.code == "P1132" }.count, 1)
        let decision = ConflictsFixtures.award(to: "Borough Council", program: program)
        var item = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
        screener.apply(to: &item, decision: decision, meeting: meeting, includingMeetingFindings: false)
        XCTAssertFalse(item.findings.contains { $0.code == "P1132" }, "\(item.findings.map(\.code))")
        XCTAssertEqual(item.conflicts?.quorum?.met, false, "the deputy still does not count")
        let agreed = self.meeting(program, agreed: true, declaredDeputy: true)
        XCTAssertFalse(screener.meetingFindings(agreed).contains { $0.code == "P1132" })
    }

    func testAnUnagreedDeputysVoteIsLeftOut() {
        let program = ConflictsFixtures.program(rules)
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Zoe Standin"], votesAgainst: ["Carol Acme"])
        guard case .success(let agreed) = VoteTally.count(votes, at: meeting(program, agreed: true, declaredDeputy: false), program: program),
              case .success(let unagreed) = VoteTally.count(votes, at: meeting(program, agreed: false, declaredDeputy: false), program: program)
        else { return XCTFail("should count") }
        XCTAssertEqual(agreed.votesFor, VoteWeight(2))
        XCTAssertEqual(unagreed.votesFor, VoteWeight(1))
        XCTAssertEqual(unagreed.findings.map(\.code), ["P1132", "P1121"])
    }

    func testTheMeetingFileSaysWhichDeputiesTheChairAgreed() {
        let program = ConflictsFixtures.program(rules)
        let json = #"{"body": "panel", "attendees": ["Zoe Standin"], "deputies": [{"name": "Zoe Standin", "for": "Bob Council", "agreed_by_chair": true}]}"#
        guard case .success(let meeting) = MeetingDecoder(program: program).decode(json: Array(json.utf8)) else { return XCTFail("should read") }
        XCTAssertEqual(meeting.deputies, [Meeting.Deputy(name: "Zoe Standin", deputisingFor: "Bob Council", agreedByChair: true)])
        let bad = #"{"body": "panel", "deputies": [{"name": "Zoe Standin"}]}"#
        guard case .failure(let errors) = MeetingDecoder(program: program).decode(json: Array(bad.utf8)) else { return XCTFail("should fail") }
        XCTAssertEqual(errors.all.map(\.field), ["deputies[0]"])
    }
}
