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
}
