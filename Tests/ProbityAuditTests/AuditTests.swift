import ProbityAudit
import ProbityRegister
import ProbitySemantics
import ProbitySyntax
import XCTest

/// Planted findings are found, with their rule and records; clean histories give none.
final class AuditTests: XCTestCase {
    typealias F = AuditFixtures

    private func codes(_ report: AuditReport, _ category: AuditFinding.Category) -> [String] {
        report.findings.filter { $0.category == category }.map(\.code.description)
    }

    // MARK: - Split contracts

    func testThreeAwardsUnderTheLimitThatCrossItTogetherAreASplit() throws {
        let report = try F.audit([
            F.award("a1", "2024-01-10", "£100k", requirement: "cleaning"),
            F.award("other", "2024-02-01", "£200k", to: "Widgets plc", requirement: "cleaning"),
            F.award("a2", "2024-05-10", "£90k", requirement: "cleaning"),
            F.award("a3", "2024-12-01", "£70k", requirement: "cleaning"),
        ])
        let splits = report.findings.filter { $0.code == "P1810" }
        XCTAssertEqual(splits.count, 1)
        XCTAssertEqual(splits.first?.records.map(\.id), ["a1", "a2", "a3"])
        XCTAssertEqual(splits.first?.records.map(\.line), [1, 3, 4])
        XCTAssertEqual(splits.first?.rules.map(\.id), ["BOARD", "audit"])
        XCTAssertTrue(splits.first?.message.contains("add up to £260,000") ?? false, splits.first?.message ?? "")
        XCTAssertTrue(splits.first?.message.contains("over £250,000") ?? false)
    }

    func testNoSplitWhenTheSeriesIsBrokenOrDoesNotCross() throws {
        let report = try F.audit([
            // Exactly the limit does not cross `> £250k`.
            F.award("x1", "2024-01-10", "£150k", requirement: "cleaning"),
            F.award("x2", "2024-03-10", "£100k", requirement: "cleaning"),
            // Over a year apart.
            F.award("y1", "2022-01-10", "£200k", requirement: "catering"),
            F.award("y2", "2023-01-10", "£200k", requirement: "catering"),
            // Different requirements.
            F.award("z1", "2024-01-10", "£200k", requirement: "security"),
            F.award("z2", "2024-02-10", "£200k", requirement: "gardening"),
            // One of them properly over the limit (and decided by the board).
            F.award("w1", "2024-01-10", "£200k", requirement: "laundry"),
            F.award("w2", "2024-02-10", "£300k", requirement: "laundry", by: "board"),
            // Different counterparties.
            F.award("v1", "2024-01-10", "£200k", to: "Widgets plc"),
            F.award("v2", "2024-02-10", "£200k", to: "Other Ltd"),
        ])
        XCTAssertEqual(report.findings.map(\.code), [], report.text)
        XCTAssertEqual(report.decisionsRead, 10)
    }

    func testAnAliasIsTheSameCounterpartyAndADecisionWithoutOneIsInNoSeries() throws {
        let report = try F.audit([
            F.award("a1", "2024-01-10", "£200k", to: "ACME"),
            F.award("a2", "2024-02-10", "£200k", to: "acme ltd"),
            "{\"id\": \"n1\", \"date\": \"2024-01-11\", \"kind\": \"contract-award\", \"value\": \"£200k\", \"decided_by\": \"lead\"}",
            "{\"id\": \"n2\", \"date\": \"2024-01-12\", \"kind\": \"contract-award\", \"value\": \"£200k\", \"decided_by\": \"lead\"}",
        ])
        XCTAssertEqual(report.findings.map(\.code), ["P1810"])
        XCTAssertEqual(report.findings.first?.records.map(\.id), ["a1", "a2"])
    }

    func testAThresholdCountsOnlyDecisionsItsRuleWouldCover() throws {
        // BOARD covers contract awards only: business cases to the same counterparty do not add up.
        let report = try F.audit([
            F.award("a1", "2024-01-10", "£200k"),
            "{\"id\": \"b1\", \"date\": \"2024-01-11\", \"kind\": \"business-case\", \"value\": \"£200k\", \"counterparty\": \"Acme Ltd\", \"decided_by\": \"council\"}",
        ])
        XCTAssertEqual(report.findings.map(\.code), [])
    }

    func testWithoutASplitWindowTheReportSaysSplitsWereNotSearched() throws {
        let program = try XCTUnwrap(Checker.check(RuleLoader.load(text: """
        scheme "No audit block"
        fields
          kind: one of contract-award
          value: money
          counterparty: organisation
        body board "Board"
        rule R "r" when value > £1 require approval by board
        """)).program)
        var auditor = HistoryAuditor(program: program, historyFile: "h.jsonl", register: nil, registerFile: nil, votes: [])
        auditor.add([(1, ArraySlice(Array("{\"id\": \"a\", \"date\": \"2024-01-01\", \"value\": \"£1\"}".utf8)))])
        let report = auditor.finish()
        XCTAssertTrue(report.limitations.contains { $0.contains("split contracts not searched") }, "\(report.limitations)")
    }

    // MARK: - Decisions outside delegation

    func testADecisionAboveTheDecidersLimitIsOutsideDelegation() throws {
        let report = try F.audit([F.award("big", "2024-01-10", "£300k", requirement: "r")])
        XCTAssertEqual(report.findings.map(\.code), ["P1811"])
        XCTAssertEqual(report.findings.first?.rules.map(\.id), ["BOARD"])
        XCTAssertEqual(report.findings.first?.records.first?.id, "big")
    }

    func testAnAdvisoryBodyCannotDecide() throws {
        let report = try F.audit([F.award("adv", "2024-01-10", "£10k", by: "adviser")])
        XCTAssertEqual(report.findings.map(\.code), ["P1811"])
        XCTAssertTrue(report.findings[0].message.contains("advisory"))
    }

    func testEachDecisionIsJudgedByTheRulesInForceOnItsDate() throws {
        func businessCase(_ id: String, _ date: String, by body: String) -> String {
            "{\"id\": \"\(id)\", \"date\": \"\(date)\", \"kind\": \"business-case\", \"decided_by\": \"\(body)\"}"
        }
        let report = try F.audit([
            businessCase("ok-2023", "2023-06-01", by: "board"),
            businessCase("ok-2024", "2024-06-01", by: "council"),
            businessCase("board-2024", "2024-06-01", by: "board"),
            businessCase("council-2023", "2023-06-01", by: "council"),
        ])
        let byID = Dictionary(uniqueKeysWithValues: report.findings.map { ($0.records[0].id!, $0) })
        XCTAssertEqual(Set(byID.keys), ["board-2024", "council-2023"])
        XCTAssertEqual(byID["board-2024"]?.code, "P1811")
        XCTAssertEqual(byID["board-2024"]?.rules.map(\.id), ["CASE-2024"])
        XCTAssertEqual(byID["council-2023"]?.code, "P1811")
        XCTAssertEqual(byID["council-2023"]?.rules.map(\.id), ["CASE-2023"])
    }

    func testNoRuleInForceIsReportedWithTheRuleThatHadExpired() throws {
        let rules = F.standardRules.replacingOccurrences(of: "rule CASE-2024", with: "# rule CASE-2024")
            .replacingOccurrences(of: "effective from 2024-01-01 when kind = business-case require approval by council", with: "")
        let report = try F.audit(["{\"id\": \"late\", \"date\": \"2024-06-01\", \"kind\": \"business-case\", \"decided_by\": \"board\"}"], rules: rules)
        XCTAssertEqual(report.findings.map(\.code), ["P1812"])
        XCTAssertEqual(report.findings.first?.rules.map(\.id), ["CASE-2023"])
        XCTAssertTrue(report.findings[0].message.contains("until 2023-12-31"), report.findings[0].message)
    }

    func testMissingApprovalsAndNoticesAreReportedOnlyWhenTheHistoryRecordsThem() throws {
        let rules = F.standardRules + """

        rule COUNCIL-TOO "big awards also need the council and a notice" when kind = contract-award and value > £1m
          require approval by council
          require notice to lead deemed approved after 5 days without objection
        """
        let report = try F.audit([
            // Recorded: the council's approval and the notice are missing.
            "{\"id\": \"r1\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£2m\", \"decided_by\": \"board\", \"approved_by\": [\"board\"], \"notified\": []}",
            // Recorded and complete.
            "{\"id\": \"r2\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£2m\", \"decided_by\": \"board\", \"approved_by\": [\"board\", \"council\"], \"notified\": [\"lead\"]}",
            // Not recorded: nothing can be said.
            "{\"id\": \"r3\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£2m\", \"decided_by\": \"board\"}",
        ], rules: rules)
        XCTAssertEqual(report.findings.map(\.code), ["P1813", "P1814"], report.text)
        XCTAssertEqual(report.findings.map { $0.records[0].id }, ["r1", "r1"])
        XCTAssertEqual(report.findings.map { $0.rules.map(\.id) }, [["COUNCIL-TOO"], ["COUNCIL-TOO"]])
    }

    // MARK: - Input

    func testAnUnreadableLineIsReportedAndTheRestAudited() throws {
        let report = try F.audit([
            "{\"id\": \"bad\", \"date\": \"2024-13-40\", \"kind\": \"contract-award\"}",
            "not json",
            "",
            F.award("big", "2024-01-10", "£300k"),
            "{\"id\": \"x\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"approved_by\": [\"nobody\"]}",
        ])
        XCTAssertEqual(report.decisionsRead, 1)
        XCTAssertEqual(report.linesUnread, 3)
        XCTAssertEqual(report.findings.filter { $0.code == "P1840" }.map { $0.records[0].line }, [1, 2, 5])
        XCTAssertEqual(codes(report, .outsideDelegation), ["P1811"])
    }

    // MARK: - Determinism

    func testTheReportIsTheSameOnOneThreadAndOnFour() throws {
        var lines: [String] = []
        for i in 0..<500 {
            let month = 1 + i % 12, day = 1 + i % 28
            lines.append(F.award("d\(i)", String(format: "2024-%02d-%02d", month, day), "£\(10 + i % 200)k",
                                 to: ["Acme Ltd", "Widgets plc", "Other \(i % 7)"][i % 3], requirement: "r\(i % 5)"))
        }
        let one = try F.audit(lines, threads: 1)
        let four = try F.audit(lines, threads: 4)
        XCTAssertEqual(one.text, four.text)
        XCTAssertEqual(JSONWriterText.pretty(one), JSONWriterText.pretty(four))
        XCTAssertFalse(one.findings.isEmpty)
    }
}

extension AuditTests {
    /// The streamed JSON is byte for byte the tree printed pretty, in pieces of any size.
    func testStreamedJSONIsTheTreePrintedPretty() throws {
        let report = try F.audit([
            F.award("a1", "2024-01-10", "£100k", requirement: "cleaning"),
            F.award("a2", "2024-05-10", "£190k", requirement: "cleaning"),
            F.award("big", "2024-06-10", "£300k", requirement: "other"),
        ])
        XCTAssertEqual(report.findings.count, 2)
        for chunk in [1, 64, 1 << 20] {
            var bytes: [UInt8] = []
            report.writeJSON(chunk: chunk) { bytes += $0 }
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), JSONWriterText.pretty(report) + "\n")
        }
        let empty = try F.audit([])
        var bytes: [UInt8] = []
        empty.writeJSON { bytes += $0 }
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), JSONWriterText.pretty(empty) + "\n")
    }
}

extension AuditTests {
    /// A series of thousands of decisions is one finding that counts and sums them all and lists
    /// the first hundred.
    func testALongSeriesIsCountedInFullAndListedInPart() throws {
        let lines = (0..<3000).map { i in F.award("s\(i)", "2024-01-01", "£1k", requirement: "long") }
        let report = try F.audit(lines)
        let split = try XCTUnwrap(report.findings.first { $0.code == "P1810" })
        XCTAssertEqual(split.records.count, 100)
        XCTAssertTrue(split.message.hasPrefix("3000 decisions"), split.message)
        XCTAssertTrue(split.message.contains("add up to £3,000,000; the first 100 of 3000 are listed"), split.message)
    }
}

extension AuditTests {
    /// A history that records approvals but not who decided still shows a missing approval.
    func testRecordedApprovalsAreCheckedWithoutADecider() throws {
        let report = try F.audit([
            "{\"id\": \"nd\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£300k\", \"approved_by\": [\"lead\"]}",
            "{\"id\": \"ok\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£300k\", \"approved_by\": [\"board\"]}",
        ])
        XCTAssertEqual(report.findings.map(\.code), ["P1813"], report.text)
        XCTAssertEqual(report.findings.first?.records.first?.id, "nd")
        XCTAssertFalse(report.findings[0].message.contains("decided by"))
        XCTAssertEqual(report.decisionsWithDecider, 0)
    }
}

extension AuditTests {
    /// A series under two bounds at once is one finding naming both, each with its rules.
    func testASeriesUnderTwoBoundsNamesBoth() throws {
        let rules = F.standardRules + """

        rule BIG "awards over £1m also go to the council" when kind = contract-award and value > £1m require approval by council
        """
        let lines = (0..<6).map { F.award("b\($0)", "2024-0\($0 + 1)-01", "£200k", requirement: "r") }
        let report = try F.audit(lines, rules: rules)
        XCTAssertEqual(report.findings.map(\.code), ["P1810"], report.text)
        let message = report.findings[0].message
        XCTAssertTrue(message.contains("the threshold of `BOARD` (`value` over £250,000) and of `BIG` (`value` over £1,000,000)"), message)
        XCTAssertEqual(report.findings[0].rules.map(\.id), ["BOARD", "BIG", "audit"])
    }
}

extension AuditTests {
    /// A body judged on a day it did not exist is said not to have existed, with its dates.
    func testADeciderThatDidNotYetExistIsSaidSo() throws {
        let rules = F.standardRules + """

        body panel "Panel, from 2024"
          exists from 2024-01-01
        rule PANEL "panel awards" effective from 2024-01-01 when kind = contract-award and value > £5m require approval by panel
        """
        let report = try F.audit(["{\"id\": \"early\", \"date\": \"2023-06-01\", \"kind\": \"business-case\", \"decided_by\": \"panel\"}"], rules: rules)
        XCTAssertEqual(report.findings.map(\.code), ["P1811"], report.text)
        XCTAssertTrue(report.findings[0].message.contains("`panel` existed only from 2024-01-01"), report.findings[0].message)
    }
}

extension AuditTests {
    /// `check --batch` lines may carry their meeting: the audit reads them and says it did not
    /// screen the attendance, on both the fast and the full reader.
    func testBatchLinesWithAMeetingAreReadAndTheReportSaysTheyWereNotScreened() throws {
        let report = try F.audit([
            "{\"id\": \"m1\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£300k\", \"decided_by\": \"board\", \"meeting\": {\"attendees\": [\"Ann Able\"]}}",
            "{\"id\": \"m2\", \"date\": \"2024-01-10\", \"kind\": \"contract-award\", \"value\": \"£300k\", \"decided_by\": \"board\", \"approved_by\": [\"board\"], \"meeting\": {\"attendees\": [\"Ann Able\"]}}",
        ])
        XCTAssertEqual(report.decisionsRead, 2, report.text)
        XCTAssertEqual(report.findings.map(\.code), [])
        XCTAssertTrue(report.limitations.contains { $0.hasPrefix("2 decision line(s) carry a `meeting`") }, "\(report.limitations)")
    }
}
