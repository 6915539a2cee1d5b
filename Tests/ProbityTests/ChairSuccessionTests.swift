import Probity
import ProbityTestSupport
import XCTest

/// `chair succession role …`: who chairs a meeting, and an item whose chair is conflicted, as
/// the engine's reports say it (001 ToR 4.1-4.4 for the Bexley board).
final class ChairSuccessionTests: XCTestCase {
    /// The panel convened by Carol Acme, a director of Acme; the vice-convenor is named only in
    /// the meeting file (`holders`), as the Bexley papers name no Deputy/Vice Chair.
    private func engine() throws -> Engine {
        let conflicts = FrontDoorRules.conflicts
            .replacingOccurrences(of: "members panel\n", with: "members panel\n  chair succession role convenor, vice-convenor\n")
            .replacingOccurrences(of: "member \"Carol Acme\" for acme voting", with: "member \"Carol Acme\" for acme role convenor voting")
        let scheme = try Scheme.load(texts: ["main.probity": FrontDoorRules.schemeHeader + FrontDoorRules.rules + conflicts]).get()
        let register = try RegisterLoader.read(Array(FrontDoorRules.register.utf8), fileName: "register.csv").get()
        return Engine(scheme: scheme, register: register)
    }

    private func agenda(_ engine: Engine, attendees: [String], holders: String = "") throws -> AgendaScreening {
        let names = attendees.map { "\"\($0)\"" }.joined(separator: ", ")
        let json = #"{"body": "panel", "date": "2024-03-08", "attendees": [\#(names)]\#(holders), "items": ["#
            + #"{"id": "1", "decision": {"kind": "contract-award", "value": "£300k", "counterparty": "Acme Health Ltd"}},"#
            + #"{"id": "2", "decision": {"kind": "contract-award", "value": "£300k", "counterparty": "Borough Council"}}]}"#
        return engine.meeting(try engine.agenda(json: Array(json.utf8)).get())
    }

    func testAConflictedChairHandsTheItemToTheNextInLine() throws {
        let screening = try agenda(engine(), attendees: ["Ann Chair", "Carol Acme", "Dan Other"], holders: #", "holders": {"vice-convenor": "Dan Other"}"#)
        XCTAssertEqual(screening.findings.map(\.code), [], "the convenor is present: nothing to say about the meeting's chair")
        let acme = try XCTUnwrap(screening.items[0].result?.get())
        XCTAssertEqual(acme.conflicts?.recusals.map(\.person), ["Carol Acme"])
        XCTAssertEqual(acme.conflicts?.chair, "Dan Other")
        XCTAssertEqual(acme.findings.filter { $0.code == "P1222" }.map(\.message), [
            "Carol Acme (role `convenor`) must leave the room for this item, so does not chair it: under the chair succession of `panel`, Dan Other (role `vice-convenor`) chairs",
        ])
        let council = try XCTUnwrap(screening.items[1].result?.get())
        XCTAssertEqual(council.conflicts?.chair, "Carol Acme")
        XCTAssertFalse(council.findings.contains { $0.code == "P1222" })
    }

    func testWithNobodyNamedForTheNextRoleTheReportSaysSo() throws {
        let screening = try agenda(engine(), attendees: ["Ann Chair", "Carol Acme", "Dan Other"])
        let acme = try XCTUnwrap(screening.items[0].result?.get())
        XCTAssertNil(acme.conflicts?.chair)
        XCTAssertEqual(acme.findings.first { $0.code == "P1222" }?.message,
                       "Carol Acme (role `convenor`) must leave the room for this item, so does not chair it: under the chair succession of `panel`, the holder of role `vice-convenor` chairs; the papers name nobody for that role, and the meeting file can say who (`holders`)")
    }

    func testAHolderOfARoleNothingReadsIsSaid() throws {
        let screening = try agenda(engine(), attendees: ["Ann Chair", "Carol Acme"], holders: #", "holders": {"vice-convener": "Dan Other"}"#)
        XCTAssertEqual(screening.findings.map(\.code), ["P1228"])
        XCTAssertEqual(screening.findings.first?.message,
                       "`holders` names role `vice-convener`, which no member of `panel` has and neither its chair succession nor `chair not role` names; it is not used")
    }

    func testTheChairsAbsenceIsSaidOnceForTheMeeting() throws {
        let screening = try agenda(engine(), attendees: ["Ann Chair", "Dan Other"], holders: #", "holders": {"vice-convenor": "Dan Other", "convenor": "Zed Nobody"}"#)
        XCTAssertEqual(screening.findings.map(\.code), ["P1226", "P1221"])
        XCTAssertEqual(screening.findings.last?.message,
                       "Carol Acme (role `convenor`) is not present: under the chair succession of `panel`, Dan Other (role `vice-convenor`) chairs")
        for item in screening.items {
            let report = try XCTUnwrap(item.result?.get())
            XCTAssertEqual(report.conflicts?.chair, "Dan Other")
            XCTAssertFalse(report.findings.contains { $0.code == "P1221" || $0.code == "P1226" }, "said once, for the meeting")
        }
    }
}
