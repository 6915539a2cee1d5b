import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

/// `ConflictScreener.explain`: every person the screening considered and why each interest
/// counted or did not, agreeing with the screening's own report.
final class ConflictsExplanationTests: XCTestCase {
    func testConflictsExplanationSaysWhyEachInterestDidOrDidNotCount() {
        let program = ConflictsFixtures.program()
        let register = ConflictsFixtures.register("""
            Pat Past,Borough Council,Officer,Financial Interest,Shares in Acme Health Ltd,01/01/2020,31/12/2022
            Sam Soon,Borough Council,Officer,Financial Interest,Consultancy for Acme Health Ltd,01/01/2025,
            Kim Kept,Borough Council,Officer,Financial Interest,Shares in Acme Health Ltd,01/01/2020,31/12/2023
            Ola Other,Hill Practice,Partner,Non-Financial Professional Interest,Adviser to North PCN,01/01/2020,
            Nia None,Borough Council,Officer,,,,
            """)
        let screener = ConflictScreener(program: program, register: register)
        let decision = ConflictsFixtures.award(to: "Acme Health Ltd", on: "2024-03-14", program: program)
        let explanation = screener.explain(decision, meeting: nil)
        XCTAssertTrue(explanation.hasPolicy)
        XCTAssertEqual(explanation.organisationsAtStake.first?.name, "Acme Health Ltd")
        let people = Dictionary(uniqueKeysWithValues: explanation.people.map { ($0.name, $0) })
        XCTAssertNil(people["Nia None"], "nobody naming nothing at stake is listed without a meeting")
        XCTAssertEqual(explanation.othersOnRegister, register.people.count - explanation.people.count)

        let past = people["Pat Past"]?.interests.last
        XCTAssertNil(past?.level)
        XCTAssertEqual(past?.reason.contains("ended on 2022-12-31 and the look-back of 6 months ran out on 2023-06-30"), true, past?.reason ?? "")
        let soon = people["Sam Soon"]?.interests.last
        XCTAssertNil(soon?.level)
        XCTAssertEqual(soon?.reason.contains("starts on 2025-01-01, after the decision date 2024-03-14"), true, soon?.reason ?? "")
        let kept = people["Kim Kept"]
        XCTAssertEqual(kept?.level, .exclude)
        XCTAssertEqual(kept?.interests.last?.reason.contains("still counts until 2024-06-30"), true, kept?.interests.last?.reason ?? "")

        // The levels agree with the screener's report.
        let report = screener.screen(decision, meeting: nil)
        XCTAssertEqual(Set(report.recusals.map(\.person)), Set(explanation.people.filter { $0.level != nil }.map(\.name)))
        for recusal in report.recusals { XCTAssertEqual(people[recusal.person]?.level, recusal.level, recusal.person) }
    }

    func testWithAMeetingEveryAttendeeIsListed() {
        let program = ConflictsFixtures.program()
        let register = ConflictsFixtures.register("""
            Nia None,Borough Council,Officer,Non-Financial Professional Interest,Adviser to North PCN,01/01/2020,
            """)
        let screener = ConflictScreener(program: program, register: register)
        let decision = ConflictsFixtures.award(to: "Acme Health Ltd", program: program)
        let explanation = screener.explain(decision, meeting: Meeting(body: nil, date: nil, attendees: ["Nia None", "Who Else"]))
        XCTAssertEqual(explanation.people.map(\.name), ["Nia None"])
        XCTAssertEqual(explanation.people.first?.interests.last?.reason, "names North PCN, which is not at stake")
        XCTAssertEqual(explanation.unresolved, ["Who Else"])
        XCTAssertEqual(explanation.othersOnRegister, 0)
    }
}
