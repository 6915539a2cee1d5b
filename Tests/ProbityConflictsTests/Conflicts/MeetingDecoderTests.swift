import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityEngine

/// Reading meeting and agenda files.
final class MeetingDecoderTests: XCTestCase {
    private let program = ConflictsFixtures.program()

    private func decode(_ json: String) -> Result<Meeting, ConflictsInputError> {
        MeetingDecoder(program: program).decode(json: Array(json.utf8))
    }

    func testAMeetingIsRead() throws {
        let meeting = try decode(#"{"body": "panel", "date": "2023-11-23", "attendees": ["Dr Hasib Ur-Rub", "Cllr Colin Smith"]}"#).get()
        XCTAssertEqual(meeting.body, program.bodyIndex["panel"])
        XCTAssertEqual(meeting.date, Day.parseISO("2023-11-23")?.number)
        XCTAssertEqual(meeting.attendees, ["Dr Hasib Ur-Rub", "Cllr Colin Smith"])
    }

    func testErrorsNameTheField() {
        let cases: [(json: String, field: String?, code: String)] = [
            (#"{"body": "pannel"}"#, "body", "P1112"),
            (#"{"body": 3}"#, "body", "P1111"),
            (#"{"date": "23/11/2023"}"#, "date", "P1111"),
            (#"{"attendees": "Ann"}"#, "attendees", "P1111"),
            (#"{"attendees": ["Ann", ""]}"#, "attendees", "P1111"),
            (#"["Ann"]"#, nil, "P1111"),
            (#"{"body": "#, nil, "P1110"),
        ]
        for entry in cases {
            guard case .failure(let error) = decode(entry.json) else {
                XCTFail("\(entry.json) should fail")
                continue
            }
            XCTAssertEqual(error.field, entry.field, entry.json)
            XCTAssertEqual(error.code, entry.code, entry.json)
        }
        if case .failure(let error) = decode(#"{"body": "pannel"}"#) {
            XCTAssertTrue(error.message.contains("did you mean `panel`?"), error.message)
        }
    }

    func testAnAgendaFillsInEachDecisionsIdAndDate() throws {
        let json = #"{"body": "panel", "date": "2024-03-14", "attendees": ["Ann Chair"], "items": [{"id": "4.1", "title": "Award", "decision": {"kind": "contract-award", "counterparty": "AHL"}}]}"#
        let agenda = try Agenda.decode(json: Array(json.utf8), program: program).get()
        XCTAssertEqual(agenda.items.map(\.id), ["4.1"])
        let decision = try DecisionDecoder(program: program).decode(XCTUnwrap(agenda.items[0].decision)).get()
        XCTAssertEqual(decision.id, "4.1")
        XCTAssertEqual(decision.date, Day.parseISO("2024-03-14")?.number)
        XCTAssertEqual(decision.scalars[program.fieldIndex["counterparty"]!], Int64(program.organisationIndex["acme"]!))
    }

    func testAnItemWithoutADecisionIsKept() throws {
        let json = #"{"body": "panel", "items": [{"id": "1", "title": "Apologies"}]}"#
        let agenda = try Agenda.decode(json: Array(json.utf8), program: program).get()
        XCTAssertEqual(agenda.items.map(\.title), ["Apologies"])
        XCTAssertNil(agenda.items[0].decision)
    }

    func testAnAgendaWithoutItemsIsRefused() {
        guard case .failure(let error) = Agenda.decode(json: Array(#"{"body": "panel"}"#.utf8), program: program) else { return XCTFail() }
        XCTAssertEqual(error.field, "items")
    }
}
