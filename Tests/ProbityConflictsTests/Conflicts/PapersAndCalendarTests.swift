import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// Working days that skip the rules' bank holidays (`calendar`), and papers that must go out
/// some days before a meeting (`papers BODY at least N days before`).
final class PapersAndCalendarTests: XCTestCase {
    private static let easter2023 = """
    calendar "England and Wales bank holidays"
      covers from 2023-01-01 until 2023-12-31
      source "GOV.UK"
      holidays 2023-04-07, 2023-04-10,
        2023-05-01
    papers panel at least 5 working days before the meeting
      source "ToR 12.1"

    """

    private func program(calendar: Bool = true) -> Program {
        let extra = calendar ? Self.easter2023 : "papers panel at least 5 working days before the meeting\n"
        return ConflictsFixtures.program(ConflictsFixtures.rules() + "\n" + extra)
    }

    private func day(_ iso: String) -> Day { Day.parseISO(iso)! }

    func testWorkingDaysSkipTheCalendarsBankHolidays() {
        let calendar = program().calendar
        XCTAssertEqual(calendar?.holidays.count, 3)
        // Thursday 6 April 2023 + 2 working days: Good Friday and Easter Monday are skipped.
        let five = Duration(amount: 2, unit: .workingDays)
        XCTAssertEqual(day("2023-04-06").adding(five, calendar: calendar).iso, "2023-04-12")
        XCTAssertEqual(day("2023-04-06").adding(five, calendar: nil).iso, "2023-04-10", "weekends only without a calendar")
        XCTAssertEqual(day("2023-04-13").adding(Duration(amount: -5, unit: .workingDays), calendar: calendar).iso, "2023-04-04")
        // Past the last holiday the weekend-only arithmetic takes over.
        XCTAssertEqual(day("2023-12-01").adding(Duration(amount: 5, unit: .workingDays), calendar: calendar).iso, "2023-12-08")
        XCTAssertEqual(calendar?.covers(day("2023-12-30").number, day("2024-01-02").number), false)
    }

    func testTheCalendarIsChecked() {
        let (_, diagnostics) = Checker.check(RuleLoader.load(text: ConflictsFixtures.rules() + """

        calendar "one"
          covers from 2023-01-01 until 2023-12-31
          holidays 2023-04-08, 2024-01-01
        calendar "two"
          holidays 2023-04-07

        """))
        XCTAssertEqual(diagnostics.map(\.code).sorted(), ["P0202", "P0612", "P0612"], diagnostics.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(Set(diagnostics.filter { $0.code == "P0612" }.map(\.message)), [
            "holiday 2024-01-01 is outside the period the calendar covers",
            "holiday 2023-04-08 falls on a weekend; expected the weekday the holiday is observed on",
        ])
    }

    private func findings(papersSent: String?, meetingDate: String = "2023-04-13", program: Program? = nil) -> [Report.Finding] {
        let program = program ?? self.program()
        let screener = ConflictScreener(program: program)
        let decision = ConflictsFixtures.award(to: "Borough Council", on: meetingDate, program: program)
        var meeting = Meeting(body: program.bodyIndex["panel"], date: day(meetingDate).number, attendees: ["Ann Chair"])
        meeting.papersSent = papersSent.map { day($0).number }
        var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
        screener.apply(to: &report, decision: decision, meeting: meeting)
        return report.findings.filter { $0.code.description.hasPrefix("P113") }
    }

    func testPapersOnTimeLateOrUndatedAtAMeeting() {
        XCTAssertEqual(findings(papersSent: "2023-04-04").map(\.code), [], "five working days before, Easter skipped")
        let late = findings(papersSent: "2023-04-05")
        XCTAssertEqual(late.map(\.code), ["P1133"])
        XCTAssertEqual(late.first?.message,
                       "the papers went out on 2023-04-05, late: `panel` needs them at least 5 working days before the meeting on 2023-04-13, so by 2023-04-04 (ToR 12.1)")
        XCTAssertEqual(late.first?.isBlocking, false, "late papers break the terms of reference; the chair may still take the item")
        XCTAssertEqual(findings(papersSent: nil).map(\.code), ["P1134"])
        // Without a calendar only weekends are skipped: 2023-04-06 would do.
        XCTAssertEqual(findings(papersSent: "2023-04-06", program: program(calendar: false)).map(\.code), [])
    }

    func testANoticeInWorkingDaysBeyondTheCalendarIsNoted() throws {
        let rules = """
        scheme "Notice"
        fields
          kind: one of s75-variation
        body council-leader "Leader"
        rule N "notice"
          when kind = s75-variation
          require notice to council-leader
            deemed approved after 5 working days without objection
        calendar "bank holidays"
          covers from 2023-01-01 until 2023-12-31
          holidays 2023-12-25, 2023-12-26

        """
        let plan = try XCTUnwrap(makePlan(rules))
        func report(_ date: String) throws -> Report {
            try ReportBuilder(plan: plan).build(XCTUnwrap(makeDecision(plan, #"{"id":"d","date":"\#(date)","kind":"s75-variation"}"#)))
        }
        let christmas = try report("2023-12-21")
        XCTAssertEqual(christmas.notices.first?.deemedApprovedOn.map { Day(number: $0).iso }, "2024-01-01",
                       "Fri 22, Wed 27, Thu 28, Fri 29, Mon 1: Christmas and Boxing Day skipped")
        XCTAssertEqual(christmas.findings.map(\.code.description).filter { $0.hasPrefix("P101") }, ["P1012"], "it runs past the calendar's end")
        XCTAssertEqual(try report("2023-06-01").findings.map(\.code.description).filter { $0.hasPrefix("P101") }, [])
    }
}
