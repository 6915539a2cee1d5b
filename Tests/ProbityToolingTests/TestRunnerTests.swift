import Probity
import ProbityTestSupport
import ProbityTooling
import XCTest

/// The rules' `test` blocks, run through the engine.
final class TestRunnerTests: XCTestCase {
    func testTestsReadTheirRegisterFromWhereTheRulesWereRead() throws {
        let scheme = try Scheme.load(texts: [
            "main.probity": FrontDoorRules.schemeHeader + FrontDoorRules.rules + FrontDoorRules.conflicts + """
            include "tests/awards.probity"

            """,
            "tests/awards.probity": """
            test "Carol Acme leaves the room for an award to Acme"
              decision { id: "t1", date: 2024-03-01, kind: contract-award, value: £300k, counterparty: "Acme Health Ltd" }
              register "../registers/register.csv"
              meeting panel attendees from register
              expect approval by panel
              expect recusal "Carol Acme" exclude

            test "a register that is not there"
              decision { id: "t2", date: 2024-03-01, kind: contract-award, value: £3k }
              register "missing.csv"
              expect approval by lead

            """,
            "registers/register.csv": FrontDoorRules.register,
        ]).get()
        let run = Engine(scheme: scheme).runTests()
        XCTAssertEqual(run.results.map(\.location), ["tests/awards.probity:1", "tests/awards.probity:8"])
        XCTAssertEqual(run.results[0].failures, [])
        XCTAssertEqual(run.results[1].failures, ["cannot load the register \"missing.csv\": cannot read register `/tests/missing.csv`: no such file"])
        XCTAssertEqual(run.failed, 1)
    }

    /// A board of four with a chair succession, for the vote clauses of tests.
    private static let board = FrontDoorRules.schemeHeader + FrontDoorRules.rules + """
    members board
      chair succession role chair, vice-chair
      member "Ann Chair" role chair voting
      member "Bob Vice" voting
      member "Cy Member" voting
      member "Di Member" voting
      member "Ed Member" voting
    quorum board
      at least 50% of voting members
      deputies count when agreed by the chair
    voting board
      one vote per member
      majority of members present
      chair has casting vote

    """

    private func run(_ tests: String) throws -> TestRun {
        Engine(scheme: try Scheme.load(texts: ["main.probity": Self.board + tests]).get()).runTests()
    }

    func testAVoteIsCountedAsTheVoteCommandCountsIt() throws {
        let run = try run("""
        test "a tie decided by the chair"
          decision { id: "t1", date: 2024-03-01, kind: appointment }
          meeting board attendees "Ann Chair", "Bob Vice", "Cy Member", "Di Member"
          votes for "Ann Chair", "Bob Vice"
            against "Cy Member", "Di Member"
          expect votes for 2 against 2 abstain 0 present 4
          expect casting vote by "Ann Chair"
          expect vote result tied-carried-by-casting-vote
          expect vote carried
          expect vote quorate
          expect chair "Ann Chair"

        test "the same tie, expected wrongly"
          decision { id: "t2", date: 2024-03-01, kind: appointment }
          meeting board attendees "Ann Chair", "Bob Vice", "Cy Member", "Di Member"
          votes for "Ann Chair", "Bob Vice" against "Cy Member", "Di Member"
          expect votes for 3 against "3/2"
          expect no casting vote
          expect vote result lost
          expect vote not carried
          expect vote inquorate
          expect finding P1223
          expect chair "Bob Vice"

        test "no votes recorded"
          decision { id: "t3", date: 2024-03-01, kind: appointment }
          meeting board attendees "Ann Chair"
          expect vote carried

        """)
        XCTAssertEqual(run.results.map(\.failures.count), [0, 7, 1], run.results.flatMap(\.failures).joined(separator: "\n"))
        let summary = "tied-carried-by-casting-vote: for 2, against 2, abstaining 0"
        XCTAssertEqual(run.results[1].failures, [
            "expected votes for 3 (got 2), against 3/2 (got 2): \(summary)",
            "expected no casting vote, got one by \"Ann Chair\" (\(summary))",
            "expected vote result `lost`, got `tied-carried-by-casting-vote` (\(summary))",
            "expected the vote not carried, got \(summary)",
            "expected the vote inquorate, got quorate",
            "expected finding P1223; the findings are `P1002`, `P1106`",
            "expected \"Bob Vice\" in the chair, got \"Ann Chair\"",
        ])
        XCTAssertEqual(run.results[2].failures, ["the test records no `votes` to count"])
    }

    func testTheChairSuccessionAndRepliesByEmail() throws {
        let run = try run("""
        test "the chair left the room: the vice chair, named in the record, decides the tie"
          decision { id: "t1", date: 2024-03-01, kind: appointment }
          meeting board attendees "Ann Chair", "Bob Vice", "Cy Member", "Di Member", "Ed Member"
          holder vice-chair "Bob Vice"
          withdrew "Ann Chair"
          votes for "Bob Vice", "Cy Member" against "Di Member", "Ed Member"
          expect votes for 2 against 2 abstain 0 present 4
          expect casting vote by "Bob Vice"
          expect vote result tied-carried-by-casting-vote

        test "nobody named for the vice chair: the tie is not decided"
          decision { id: "t2", date: 2024-03-01, kind: appointment }
          meeting board attendees "Bob Vice", "Cy Member", "Di Member", "Ed Member"
          votes for "Bob Vice", "Cy Member" against "Di Member", "Ed Member"
          expect vote result tied-lost
          expect finding P1223
          expect finding P1221
          expect no chair

        test "a deputy whose attendance the chair did not agree neither counts nor votes"
          decision { id: "t4", date: 2024-03-01, kind: appointment }
          meeting board attendees "Ann Chair", "Eve Deputy", "Cy Member"
          deputy "Eve Deputy" for "Di Member"
          votes for "Ann Chair", "Eve Deputy" against "Cy Member"
          expect finding P1132
          expect votes for 1 against 1 present 2

        test "by email: a reply after the stated date is not counted"
          decision { id: "t3", date: 2024-03-01, kind: appointment }
          meeting board
          votes by email replies by 2024-03-05
            for "Ann Chair" on 2024-03-04, "Bob Vice" on 2024-03-06
            against "Cy Member" on 2024-03-01
          expect votes for 1 against 1
          expect finding P1131
          expect casting vote by "Ann Chair"

        """)
        XCTAssertEqual(run.results.map(\.failures), [[], [], [], []])
    }
}
