import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// `employment by … does not count when …`: decisions in which working for an organisation is
/// no interest, stated in the rules and shown in the report.
final class EmploymentExemptionTests: XCTestCase {
    private func program(_ clause: String) -> Program {
        let rules = ConflictsFixtures.rules()
            .replacingOccurrences(of: "required kind: one of contract-award", with: "required kind: one of contract-award, partnership-agreement")
            .replacingOccurrences(of: "  employment -> exclude\n", with: "  employment -> exclude\n" + clause)
        return ConflictsFixtures.program(rules)
    }

    private let rows = """
    Bob Council,Borough Council,Director,,,,
    Cara Council,Borough Council,Officer,Financial Interest,Paid adviser to Borough Council,2020-01-01,
    Carol Acme,Acme Health Ltd,Director,,,,

    """

    private func screen(_ program: Program, kind: String, counterparty: String, meeting: Meeting? = nil) -> ConflictsReport {
        let screener = ConflictScreener(program: program, register: ConflictsFixtures.register(rows))
        let decision = ConflictsFixtures.decision(#"{"id": "d1", "date": "2024-03-14", "kind": "\#(kind)", "counterparty": "\#(counterparty)"}"#,
                                                  program: program)
        let report = screener.screen(decision, meeting: meeting)
        // The hot path agrees with the written report.
        var levels: [ConflictScreener.Level] = []
        screener.recusalLevels(decision, attendance: meeting.map(screener.attendance), into: &levels)
        let fast = Dictionary(uniqueKeysWithValues: levels.map { (screener.register.people[Int($0.person)].name, $0.level) })
        XCTAssertEqual(fast, Dictionary(uniqueKeysWithValues: report.recusals.map { ($0.person, $0.level) }))
        return report
    }

    func testAPartnersEmploymentIsNoInterestInTheirOwnAgreement() {
        let program = program("  employment by council does not count when kind = partnership-agreement because \"the partners' own agreement\"\n")
        let report = screen(program, kind: "partnership-agreement", counterparty: "Borough Council")
        XCTAssertNil(report.level(of: "Bob Council"))
        XCTAssertEqual(report.notCounted.first, ConflictsReport.NotCounted(person: "Bob Council", organisation: "Borough Council",
                                                                          declaration: "works for Borough Council (Director)",
                                                                          reason: "the partners' own agreement"))
        XCTAssertEqual(report.notCounted.map(\.person), ["Bob Council", "Cara Council"])
        XCTAssertEqual(report.level(of: "Cara Council"), .exclude, "a declared interest is never spared")
        XCTAssertTrue(report.text.contains("Bob Council: not counted: works for Borough Council (Director) [Borough Council]: the partners' own agreement"), report.text)
    }

    func testEmploymentStillCountsInOtherDecisionsAndForOtherEmployers() {
        let program = program("  employment by council does not count when kind = partnership-agreement\n")
        XCTAssertEqual(screen(program, kind: "contract-award", counterparty: "Borough Council").level(of: "Bob Council"), .exclude,
                       "a contract with the council is not the partners' agreement")
        let acme = screen(program, kind: "partnership-agreement", counterparty: "Acme Health Ltd")
        XCTAssertEqual(acme.level(of: "Carol Acme"), .exclude, "employment by a supplier still counts")
        XCTAssertTrue(acme.notCounted.isEmpty)
    }

    func testWithoutAnEmployerListItCoversEveryEmployer() {
        let program = program("  employment does not count when kind = partnership-agreement\n")
        XCTAssertNil(screen(program, kind: "partnership-agreement", counterparty: "Acme Health Ltd").level(of: "Carol Acme"))
    }

    func testAnUndecidedConditionSparesNobody() {
        let program = program("  employment by council does not count when counterparty = council and bidders contains acme\n")
        XCTAssertEqual(screen(program, kind: "partnership-agreement", counterparty: "Borough Council").level(of: "Bob Council"), .exclude,
                       "`bidders` is missing: the condition is unknown, so employment counts")
    }

    /// `explain` reads the hits of the screening pass: an employer text naming a spared
    /// organisation (the closer one) and one that is not spared counts, in the explanation as
    /// in the report, and the explanation cites the organisation that counts. (Explaining by
    /// finding the hits again cited the closest, spared one and said it did not count.)
    func testTheExplanationOfASparedEmploymentAgreesWithTheScreening() {
        let program = program("  employment by council does not count when kind = partnership-agreement because \"the partners' own agreement\"\n")
        let screener = ConflictScreener(program: program, register: ConflictsFixtures.register(rows + "Dee Dual,Borough Council and Acme Health Ltd,Director,,,,\n"))
        let decision = ConflictsFixtures.decision(
            #"{"id": "d1", "date": "2024-03-14", "kind": "partnership-agreement", "counterparty": "Borough Council", "bidders": ["Acme Health Ltd"]}"#,
            program: program)
        let report = screener.screen(decision, meeting: nil)
        XCTAssertEqual(report.level(of: "Dee Dual"), .exclude)
        XCTAssertNil(report.level(of: "Bob Council"))
        let explanation = screener.explain(decision, meeting: nil)
        let people = Dictionary(uniqueKeysWithValues: explanation.people.map { ($0.name, $0) })
        for person in explanation.people { XCTAssertEqual(person.level, report.level(of: person.name), person.name) }
        XCTAssertEqual(people["Dee Dual"]?.interests.first?.reason.hasPrefix("names Acme Health Ltd"), true, people["Dee Dual"]?.interests.first?.reason ?? "")
        XCTAssertEqual(people["Bob Council"]?.interests.first?.reason,
                       "names Borough Council (the counterparty), but the rules say it is no interest here: the partners' own agreement")
    }
}
