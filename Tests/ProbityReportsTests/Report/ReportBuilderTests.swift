@testable import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest

final class ReportBuilderTests: XCTestCase {
    private func report(_ json: String) throws -> Report {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let decision = try XCTUnwrap(makeDecision(plan, json))
        return ReportBuilder(plan: plan).build(decision)
    }

    func testApprovalsAreOrderedRecommendationsFirstLowerBodiesFirst() throws {
        let r = try report(#"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£2m","counterparty":"BHC"}"#)
        XCTAssertEqual(r.outcome, .authorised)
        XCTAssertEqual(r.approvals.map { "\($0.action.rawValue) \($0.by)" }, ["recommend lcp-board", "approve icb-board"])
        // Two rules require the same recommendation: the first is cited, both are listed.
        XCTAssertEqual(r.approvals[0].rules, ["CA-3", "BHC"])
        XCTAssertEqual(r.approvals[0].rule.location, "rules.probity:28")
    }

    func testNoticeDeemedApprovalDate() throws {
        let r = try report(#"{"id":"d","date":"2023-12-04","kind":"s75-variation","value":"£250k"}"#)
        XCTAssertEqual(r.notices.map(\.to), ["council-leader"])
        XCTAssertEqual(r.notices[0].deemedApprovedAfterDays, 5)
        XCTAssertEqual(r.notices[0].deemedApprovedOn.map { Day(number: $0).iso }, "2023-12-09")
    }

    func testAdvisoryDeciderIsTheWrongDecider() throws {
        let r = try report(#"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£80k","decided_by":"cpag"}"#)
        XCTAssertEqual(r.outcome, .wrongDecider)
        XCTAssertFalse(r.canProceed)
        XCTAssertEqual(r.findings.map(\.code), ["P1001"])
    }

    func testABodyAboveTheApproverMayDecide() throws {
        let r = try report(#"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£80k","decided_by":"icb-board"}"#)
        XCTAssertEqual(r.outcome, .authorised)
        XCTAssertTrue(r.canProceed)
        let lower = try report(#"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£2m","decided_by":"lcp-board"}"#)
        XCTAssertEqual(lower.outcome, .wrongDecider)
    }

    func testNoAuthorityListsTheNearestRules() throws {
        let r = try report(#"{"id":"d","date":"2023-06-01","kind":"appointment","salary":"£99,999.99"}"#)
        XCTAssertEqual(r.outcome, .noAuthority)
        XCTAssertEqual(r.nearMisses.first?.rule.id, "PAY")
        XCTAssertEqual(r.nearMisses.first?.reason, "`salary` is £99,999.99, not at least £100,000")
    }

    func testJSONReportHasTheFixedKeysAndIsDeterministic() throws {
        let json = try report(#"{"id":"v1","date":"2023-12-04","kind":"s75-variation","value":"£250,000"}"#).json
        XCTAssertEqual(json["format"], .string("probity.report/1"))
        XCTAssertEqual(json["decision"], .string("v1"))
        XCTAssertEqual(json["outcome"], .string("authorised"))
        XCTAssertEqual(json["scheme"]?["name"], .string("Tiers"))
        XCTAssertEqual(json["approvals"]?.arrayValue?.first?["by"], .string("council-executive"))
        XCTAssertEqual(json["approvals"]?.arrayValue?.first?["action"], .string("approve"))
        XCTAssertEqual(json["notices"]?.arrayValue?.first?["deemed_approved_after_days"], .number("5"))
        let again = try report(#"{"id":"v1","date":"2023-12-04","kind":"s75-variation","value":"£250,000"}"#).json
        XCTAssertEqual(JSONWriter.pretty(json), JSONWriter.pretty(again))
    }
}

/// The organisation fields the rules test, marked in place, against the union of every rule's
/// `fieldsRead` it replaced.
final class TestedOrganisationFieldsTests: XCTestCase {
    func testTheFieldsMarkedAreTheFieldsReadThatHoldOrganisations() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let program = plan.program
        var read = Set<Int>()
        for rule in program.rules { read.formUnion(rule.condition?.fieldsRead ?? []) }
        let expected = read.sorted().filter { field in
            switch program.fields[field].type {
            case .organisation, .set(.organisation): true
            default: false
            }
        }
        XCTAssertFalse(expected.isEmpty, "the scheme tests an organisation field")
        XCTAssertEqual(ReportBuilder.testedOrganisationFields(program), expected)
    }
}
