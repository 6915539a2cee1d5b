import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityEngine

/// Reading meeting and agenda files.
final class MeetingDecoderTests: XCTestCase {
    private let program = ConflictsFixtures.program()

    private func decode(_ json: String) -> Result<Meeting, InputErrors> {
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
            (#"{"attendees": ["Ann", ""]}"#, "attendees[1]", "P1111"),
            (#"["Ann"]"#, nil, "P1111"),
            (#"{"body": "#, nil, "P1110"),
        ]
        for entry in cases {
            guard case .failure(let errors) = decode(entry.json) else {
                XCTFail("\(entry.json) should fail")
                continue
            }
            XCTAssertEqual(errors.all.map(\.field), [entry.field], entry.json)
            XCTAssertEqual(errors.all.map(\.code.description), [entry.code], entry.json)
        }
        if case .failure(let errors) = decode(#"{"body": "pannel"}"#) {
            XCTAssertTrue(errors.all[0].message.contains("did you mean `panel`?"), errors.all[0].message)
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
        guard case .failure(let errors) = Agenda.decode(json: Array(#"{"body": "panel"}"#.utf8), program: program) else { return XCTFail() }
        XCTAssertEqual(errors.all.map(\.field), ["items"])
    }

    /// A file is corrected in one pass: the decoder reads on past each error and reports them
    /// all, in the order of the members, each at its JSON path.
    func testEveryErrorInAMeetingIsReportedAtItsPath() {
        let json = #"{"body": "pannel", "date": "14/03/2024", "attendees": ["Ann", 7, ""], "papers_sent": 3, "deputies": [{"name": "Zoe"}, {"name": "Yan", "for": "Bob", "agreed_by_chair": "yes"}]}"#
        guard case .failure(let errors) = decode(json) else { return XCTFail("should fail") }
        XCTAssertEqual(errors.all.map(\.field), ["body", "date", "attendees[1]", "attendees[2]", "papers_sent", "deputies[0]", "deputies[1].agreed_by_chair"])
        XCTAssertEqual(errors.all.map(\.code.description), ["P1112"] + Array(repeating: "P1111", count: 6))
    }

    func testEveryErrorInAnAgendaIsReportedAndItsGoodItemsAreNotTheCause() {
        let json = #"{"date": "2024-13-01", "attendees": "Ann", "items": [{"id": "1", "decision": {"kind": "contract-award"}}, "2", {"id": "3", "decision": [1]}]}"#
        guard case .failure(let errors) = Agenda.decode(json: Array(json.utf8), program: program) else { return XCTFail("should fail") }
        XCTAssertEqual(errors.all.map(\.field), ["date", "attendees", "body", "items[1]", "items[2].decision"])
        XCTAssertEqual(errors.all.map(\.message).last, "`items[2].decision` must be a decision object")
    }

    func testMalformedJSONIsOneErrorWithItsPosition() {
        guard case .failure(let errors) = Agenda.decode(json: Array("{\n  \"body\": }".utf8), program: program) else { return XCTFail("should fail") }
        XCTAssertEqual(errors.all.map(\.code.description), ["P1110"])
        XCTAssertTrue(errors.all[0].message.hasPrefix("malformed JSON at line 2, column 11"), errors.all[0].message)
    }
}
