import Dispatch
import Probity
import ProbityTestSupport
import XCTest

/// The engine as a program embedding it uses it: decisions built in Swift or read from JSON,
/// checked, screened, explained; tests run from files held in memory.
final class EngineTests: XCTestCase {
    func testADecisionBuiltInSwiftIsTheDecisionItsJSONGives() throws {
        let engine = try FrontDoorFixtures.engine()
        let built = try engine.decision(id: "d1", date: .day(Day(year: 2024, month: 3, day: 1)!), [
            "kind": "contract-award", "value": .money(Money(pence: 30_000_000)), "counterparty": "AHL",
        ])
        let json = #"{"id": "d1", "date": "2024-03-01", "kind": "contract-award", "value": "£300k", "counterparty": "AHL"}"#
        let read = try engine.decision(json: Array(json.utf8)).get()
        XCTAssertEqual(built.scalars, read.scalars)
        XCTAssertEqual(built.texts, read.texts)
        XCTAssertEqual(built.isPresent, read.isPresent)
        let report = engine.check(built)
        XCTAssertEqual(report.approvals.map(\.by), ["panel"])
        XCTAssertEqual(report.text, engine.check(read).text)
    }

    func testABadDecisionThrowsEveryError() throws {
        let engine = try FrontDoorFixtures.engine()
        XCTAssertThrowsError(try engine.decision(id: "d1", date: "2024-03-01", ["kind": "contract-awrd", "valeu": 5])) { error in
            let errors = (error as? DecisionErrors)?.all ?? []
            XCTAssertEqual(errors.map(\.code), ["P0703", "P0701"])
            XCTAssertEqual(errors.map(\.field), ["kind", "valeu"])
            XCTAssertEqual(errors.last?.message, "unknown field `valeu`: the scheme declares no such decision field; did you mean `value`?")
        }
    }

    func testADecisionCarriesItsOwnMeetingOnlyWhenScreened() throws {
        let engine = try FrontDoorFixtures.engine(FrontDoorRules.schemeHeader + FrontDoorRules.rules + FrontDoorRules.conflicts)
        let line = Array(#"{"id": "d1", "date": "2024-03-01", "kind": "contract-award", "value": "£300k", "counterparty": "Acme Health Ltd", "meeting": {"body": "panel", "attendees": ["Ann Chair", "Carol Acme", "Dan Other"]}}"#.utf8)
        guard case .failure(let errors) = engine.check(json: line) else { return XCTFail("a meeting was read with nothing to screen") }
        XCTAssertEqual(errors.all.map(\.code), ["P0701"])

        let register = try RegisterLoader.read(Array(FrontDoorRules.register.utf8), fileName: "register.csv").get()
        let screening = engine.with(register: register)
        let report = try screening.check(json: line).get()
        XCTAssertEqual(report.conflicts?.recusals.map(\.person), ["Carol Acme"])
        XCTAssertEqual(report.conflicts?.quorum?.met, true)
        // The same decision read without its meeting, then checked at that meeting, agrees.
        let meeting = try screening.meeting(json: Array(#"{"body": "panel", "attendees": ["Ann Chair", "Carol Acme", "Dan Other"]}"#.utf8)).get()
        let decision = try screening.decision(id: "d1", date: "2024-03-01", ["kind": "contract-award", "value": "£300k", "counterparty": "Acme Health Ltd"])
        XCTAssertEqual(screening.check(decision, meeting: meeting).text, report.text)
        XCTAssertEqual(screening.screen(decision, meeting: meeting).conflicts.recusals.map(\.person), ["Carol Acme"])
        XCTAssertNotNil(screening.explain(decision, meeting: meeting).conflicts)
        XCTAssertNil(engine.explain(decision).conflicts)
    }

    /// A line's own meeting naming its body and day, written as other JSON encoders write it
    /// (Python's `json.dumps`: every non-ASCII character escaped, ", " and ": "), or plainly,
    /// is checked exactly as the decision read alone, then checked at that meeting read alone.
    func testALineWithItsOwnMeetingAnswersTheSameHoweverItIsEncoded() throws {
        let engine = try FrontDoorFixtures.engine(FrontDoorRules.schemeHeader + FrontDoorRules.rules + FrontDoorRules.conflicts)
        let register = try RegisterLoader.read(Array(FrontDoorRules.register.utf8), fileName: "register.csv").get()
        let screening = engine.with(register: register)
        let meeting = try screening.meeting(json: Array(#"{"body": "panel", "date": "2024-03-01", "attendees": ["Ann Chair", "Carol Acme", "Dan Other"]}"#.utf8)).get()
        let decision = try screening.decision(id: "d1", date: "2024-03-01", ["kind": "contract-award", "value": "£300k", "counterparty": "Acme Health Ltd"])
        let expected = screening.check(decision, meeting: meeting).text
        let lines = [
            #"{"id":"d1","date":"2024-03-01","kind":"contract-award","value":"£300k","counterparty":"Acme Health Ltd","meeting":{"body":"panel","date":"2024-03-01","attendees":["Ann Chair","Carol Acme","Dan Other"]}}"#,
            #"{"id": "d1", "date": "2024-03-01", "kind": "contract-award", "value": "\u00a3300k", "counterparty": "Acme Health Ltd", "meeting": {"body": "panel", "date": "2024-03-01", "attendees": ["Ann Chair", "Carol Acme", "Dan Other"]}}"#,
            #"{"counterparty": "Acme\u0020Health Ltd", "date": "2024-03-01", "id": "d\u0031", "kind": "contract\u002daward", "meeting": {"attendees": ["Ann Chair", "Carol \u0041cme", "Dan Other"], "body": "p\u0061nel", "date": "2024\u002d03-01"}, "value": "\u00A3300k"}"#,
        ]
        for line in lines {
            XCTAssertEqual(try screening.check(json: Array(line.utf8)).get().text, expected, line)
        }
        // A day written with `\/` is not ISO once unescaped: the meeting is refused, and said so.
        let slashes = #"{"id":"d1","date":"2024-03-01","kind":"contract-award","meeting":{"date":"2024\/03\/01","attendees":["Ann Chair"]}}"#
        guard case .failure(let errors) = screening.check(json: Array(slashes.utf8)) else { return XCTFail("a day-first meeting date was read") }
        XCTAssertEqual(errors.all.map(\.field), ["meeting.date"])
    }

    /// `screen` keeps the conflicts findings by their code's category: a decision no rule
    /// authorises (P1002) at a meeting with an attendee not on the register (P1101).
    func testScreenKeepsOnlyTheConflictsFindings() throws {
        let engine = try FrontDoorFixtures.engine(FrontDoorRules.schemeHeader + FrontDoorRules.rules + FrontDoorRules.conflicts)
        let register = try RegisterLoader.read(Array(FrontDoorRules.register.utf8), fileName: "register.csv").get()
        let screening = engine.with(register: register)
        let meeting = try screening.meeting(json: Array(#"{"body": "panel", "attendees": ["Ann Chair", "Zed Nobody"]}"#.utf8)).get()
        let decision = try screening.decision(id: "d1", date: "2024-03-01", ["kind": "appointment", "counterparty": "Acme Health Ltd"])
        let codes = screening.check(decision, meeting: meeting).findings.map(\.code)
        XCTAssertTrue(codes.contains(.noAuthority), "\(codes)")
        XCTAssertTrue(codes.contains(.attendeeNotOnRegister), "\(codes)")
        let screened = screening.screen(decision, meeting: meeting).findings.map(\.code)
        XCTAssertEqual(screened, codes.filter { $0.category == .conflicts })
        XCTAssertFalse(screened.contains(.noAuthority))
    }

    func testLatePapersAreSaidOncePerMeetingNotOnEveryItem() throws {
        let papers = "papers panel at least 7 days before the meeting\n  source \"ToR 9.3\"\n"
        let engine = try FrontDoorFixtures.engine(FrontDoorRules.schemeHeader + FrontDoorRules.rules + FrontDoorRules.conflicts + papers)
        let register = try RegisterLoader.read(Array(FrontDoorRules.register.utf8), fileName: "register.csv").get()
        let screening = engine.with(register: register)
        let agenda = try screening.agenda(json: Array(#"""
        {"body": "panel", "date": "2024-03-08", "papers_sent": "2024-03-04", "attendees": ["Ann Chair", "Dan Other"],
         "items": [{"id": "1", "decision": {"kind": "contract-award", "value": "£300k"}},
                   {"id": "2", "decision": {"kind": "contract-award", "value": "£400k"}},
                   {"id": "3", "title": "Apologies"}]}
        """#.utf8)).get()
        let checked = screening.meeting(agenda)
        XCTAssertEqual(checked.findings.map(\.code), ["P1133"])
        XCTAssertEqual(checked.findings.first?.message,
                       "the papers went out on 2024-03-04, late: `panel` needs them at least 7 days before the meeting on 2024-03-08, so by 2024-03-01 (ToR 9.3)")
        let items = checked.items.compactMap { try? $0.result?.get() }
        XCTAssertEqual(items.count, 2)
        for report in items { XCTAssertFalse(report.findings.contains { $0.code.description.hasPrefix("P113") }, "said once, for the meeting") }
        // One decision checked at the meeting still says it: its report is all there is.
        let decision = try screening.decision(id: "d1", date: "2024-03-08", ["kind": "contract-award", "value": "£300k"])
        XCTAssertEqual(screening.check(decision, meeting: agenda.meeting).findings.filter { $0.code.description.hasPrefix("P113") }.map(\.code), ["P1133"])
        // Papers sent on time, or a meeting file that does not say: P1134 once.
        var undated = agenda
        undated.meeting.papersSent = nil
        XCTAssertEqual(screening.meeting(undated).findings.map(\.code), ["P1134"])
        undated.meeting.papersSent = Day.parseISO("2024-03-01")?.number
        XCTAssertEqual(screening.meeting(undated).findings.map(\.code), [])
    }

    func testOneEngineAnswersTheSameOnEveryThread() throws {
        let engine = try FrontDoorFixtures.engine()
        let lines = (0..<64).map { Array(#"{"id": "d\#($0)", "date": "2024-03-01", "kind": "contract-award", "value": "£\#($0 * 10)k"}"#.utf8) }
        let expected = lines.map { (try? engine.check(json: $0).get())?.text ?? "" }
        let answers = LockedTexts(count: lines.count)
        DispatchQueue.concurrentPerform(iterations: lines.count) { index in
            answers.set(index, (try? engine.check(json: lines[index]).get())?.text ?? "")
        }
        XCTAssertEqual(answers.values, expected)
    }
}

/// Texts written by concurrent workers, each to its own slot.
private final class LockedTexts: @unchecked Sendable {
    private var storage: [String]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ index: Int, _ text: String) { lock.lock(); storage[index] = text; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
