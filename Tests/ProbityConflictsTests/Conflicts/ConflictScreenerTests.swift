import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// Screening a register against a decision: which interests count, and why.
final class ConflictScreenerTests: XCTestCase {
    private let program = ConflictsFixtures.program()

    private func screen(_ rows: String, counterparty: String = "Acme Health Ltd", on date: String = "2024-03-14",
                        program: Program? = nil, meeting: Meeting? = nil) -> ConflictsReport {
        let program = program ?? self.program
        let screener = ConflictScreener(program: program, register: ConflictsFixtures.register(rows))
        return screener.screen(ConflictsFixtures.award(to: counterparty, on: date, program: program), meeting: meeting)
    }

    func testACurrentFinancialInterestExcludesWithItsReason() {
        let report = screen("Priya Natarajan,Borough Council,Director,Financial Interest,\"Shareholder, Acme Health Ltd\",01/04/2019,\n")
        XCTAssertEqual(report.recusals.count, 1)
        let recusal = report.recusals[0]
        XCTAssertEqual(recusal.person, "Priya Natarajan")
        XCTAssertEqual(recusal.level, .exclude)
        XCTAssertEqual(recusal.reasons.count, 1)
        XCTAssertEqual(recusal.reasons[0].kind, .financial)
        XCTAssertEqual(recusal.reasons[0].organisation, "Acme Health Ltd")
        XCTAssertEqual(recusal.reasons[0].link, "the counterparty")
        XCTAssertEqual(recusal.reasons[0].declaration, "Financial Interest: Shareholder, Acme Health Ltd")
        XCTAssertEqual(recusal.reasons[0].line, 2)
        XCTAssertEqual(recusal.reasons[0].validFrom, Day.parseISO("2019-04-01")?.number)
        XCTAssertEqual(report.organisationsScreened, ["Acme Health Ltd", "Borough GP Alliance"])
    }

    func testAnExpiredInterestDoesNotCountAfterTheLookBack() {
        // Ended 31 Dec 2021; six months' look-back ends 30 Jun 2022.
        let rows = "Graham Ellis,Borough Council,Head of Finance,Financial Interest,\"Director, Acme Health Ltd\",01/01/2015,31/12/2021\n"
        XCTAssertNil(screen(rows).level(of: "Graham Ellis"))
        XCTAssertEqual(screen(rows, on: "2022-06-30").level(of: "Graham Ellis"), .exclude, "still inside the look-back")
        XCTAssertNil(screen(rows, on: "2022-07-01").level(of: "Graham Ellis"), "a day after the look-back")
    }

    func testAnEndedInterestCountedThroughTheLookBackSaysSo() {
        let rows = "Graham Ellis,Borough Council,Head of Finance,Financial Interest,\"Director, Acme Health Ltd\",01/01/2015,31/12/2021\n"
        let reason = screen(rows, on: "2022-03-01").recusals.first?.reasons.first
        XCTAssertEqual(reason?.lookBack, "ended on 2021-12-31; counts until 2022-06-30 only under the rules' look back of 6 months")
        let current = "Graham Ellis,Borough Council,Head of Finance,Financial Interest,\"Director, Acme Health Ltd\",01/01/2015,31/12/2025\n"
        XCTAssertNil(screen(current, on: "2022-03-01").recusals.first?.reasons.first?.lookBack, "an interest in force rests on no look-back")
    }

    func testAnOfficeReadAsTheCouncilSaysWhichShapeNamedIt() {
        let rules = ConflictsFixtures.rules() + """

        organisation southwark "London Borough of Southwark"
          aka "Southwark Council"
        aliases "Councillor in {place}" for organisations named "London Borough of {place}"
        """
        let program = ConflictsFixtures.program(rules)
        let rows = """
        Helen Sims,Borough Council,Director,Indirect Interest,Husband is a Councillor in Southwark,2020-01-01,
        Ola Ade,Borough Council,Director,Indirect Interest,Husband works for Southwark Council,2020-01-01,
        Ian Bow,Borough Council,Director,Indirect Interest,Wife is a Councillor in Southwark-on-Sea,2020-01-01,

        """
        let report = screen(rows, counterparty: "London Borough of Southwark", program: program)
        XCTAssertEqual(report.level(of: "Helen Sims"), .noVote)
        XCTAssertEqual(report.recusals.first { $0.person == "Helen Sims" }?.reasons.first?.shapedAlias, "Councillor in Southwark")
        XCTAssertNil(report.recusals.first { $0.person == "Ola Ade" }?.reasons.first?.shapedAlias, "named by its own alias")
        XCTAssertNil(report.level(of: "Ian Bow"), "a longer, hyphenated place is another place")
    }

    func testAnInterestThatStartsAfterTheDecisionDoesNotCount() {
        let rows = "Sarah Whitfield,Borough Council,Head of Contracting,Financial Interest,Consultancy work for Acme Health Ltd,01/06/2024,\n"
        XCTAssertNil(screen(rows).level(of: "Sarah Whitfield"))
        XCTAssertEqual(screen(rows, on: "2024-06-01").level(of: "Sarah Whitfield"), .exclude)
    }

    func testAnAliasFoundOnlyInsideFreeText() {
        let rows = "Tom Reed,Borough Council,Member,Indirect Interest,My brother holds a contract from acme healthcare for IT,2020-01-01,\n"
        let report = screen(rows)
        XCTAssertEqual(report.level(of: "Tom Reed"), .noVote)
        XCTAssertEqual(report.recusals.first?.reasons.first?.organisation, "Acme Health Ltd")
    }

    func testAnAliasIsMatchedOnWordBoundariesOnly() {
        // "AHL" must not be found inside "AHLBERG".
        let rows = "Una Ahl,Borough Council,Member,Financial Interest,Shares in AHLBERG Holdings,2020-01-01,\n"
        XCTAssertTrue(screen(rows).recusals.isEmpty)
    }

    func testEmploymentCountsWithNothingDeclared() {
        let rows = "Jacqui Scott,Acme Healthcare,Chief Executive Officer,,,,\n"
        let report = screen(rows)
        XCTAssertEqual(report.level(of: "Jacqui Scott"), .exclude)
        XCTAssertEqual(report.recusals.first?.reasons.map(\.kind), [.employment])
        XCTAssertEqual(report.recusals.first?.reasons.first?.declaration, "works for Acme Healthcare (Chief Executive Officer)")
    }

    func testRelationStepsOneAgainstTwo() {
        // Hill Practice is a member of the alliance, which holds a contract from Acme: two steps.
        let rows = """
        Dan Alliance,Borough GP Alliance,Clinical Director,,,,
        Hana Hill,Hill Practice,GP partner,,,,

        """
        let oneStep = screen(rows)
        XCTAssertEqual(oneStep.level(of: "Dan Alliance"), .exclude)
        XCTAssertNil(oneStep.level(of: "Hana Hill"), "two steps away is out of reach of `related within 1 step`")
        XCTAssertEqual(oneStep.recusals.first?.reasons.first?.link, "which holds a contract from Acme Health Ltd, the counterparty")

        let twoSteps = screen(rows, program: ConflictsFixtures.program(ConflictsFixtures.rules(steps: 2)))
        XCTAssertEqual(twoSteps.level(of: "Hana Hill"), .exclude)
        XCTAssertEqual(twoSteps.recusals.first { $0.person == "Hana Hill" }?.reasons.first?.link,
                       "which is a member of Borough GP Alliance, which holds a contract from Acme Health Ltd, the counterparty")
    }

    func testRelationsAreFollowedBothWays() {
        // The alliance is the counterparty: Acme (which awarded it a contract) is one step away.
        let rows = "Carol Acme,Acme Health Ltd,Director,,,,\n"
        let report = screen(rows, counterparty: "BGPA")
        XCTAssertEqual(report.level(of: "Carol Acme"), .exclude)
        XCTAssertEqual(report.recusals.first?.reasons.first?.link, "which has awarded a contract to Borough GP Alliance, the counterparty")
    }

    /// The shipped library's directions (national/conflicts.probity), on the fixture's three
    /// organisations: Hill Practice is a member of the alliance, which holds a contract from Acme.
    private func directed(_ carries: String) -> Program {
        let rules = ConflictsFixtures.rules(steps: 2).replacingOccurrences(of: "  related within 2 steps\n",
                                                                              with: "  related within 2 steps\n" + carries)
        return ConflictsFixtures.program(rules)
    }

    private let papersDirections = """
      carry member-of, shareholder-of forward
      carry part-of, subsidiary-of, owned-by both ways
      carry holds-contract-from forward within 1 step

    """

    func testAContractCarriesFromTheHolderToTheGiverOnly() {
        let rows = """
        Carol Acme,Acme Health Ltd,Director,,,,
        Dan Alliance,Borough GP Alliance,Clinical Director,,,,

        """
        let program = directed(papersDirections)
        let acmeAward = screen(rows, program: program)
        XCTAssertEqual(acmeAward.level(of: "Dan Alliance"), .exclude, "the holder's people have an interest in the giver's award")
        XCTAssertEqual(acmeAward.recusals.first { $0.person == "Dan Alliance" }?.reasons.first?.link,
                       "which holds a contract from Acme Health Ltd, the counterparty")
        let allianceAward = screen(rows, counterparty: "BGPA", program: program)
        XCTAssertNil(allianceAward.level(of: "Carol Acme"), "the giver's people have no interest in the holder's award")
        XCTAssertEqual(allianceAward.level(of: "Dan Alliance"), .exclude)
    }

    func testAContractThatCarriesOneStepIsNotChained() {
        // Hill Practice -member of-> alliance -holds a contract from-> Acme: two steps, through a contract.
        let rows = "Hana Hill,Hill Practice,GP partner,,,,\n"
        XCTAssertNil(screen(rows, program: directed(papersDirections)).level(of: "Hana Hill"))
        let chained = directed("  carry member-of forward\n  carry holds-contract-from forward\n")
        XCTAssertEqual(screen(rows, program: chained).level(of: "Hana Hill"), .exclude, "without `within 1 step` the contract chains")
    }

    func testMembershipCarriesFromTheMemberToTheBodyOnly() {
        let rows = """
        Hana Hill,Hill Practice,GP partner,,,,
        Dan Alliance,Borough GP Alliance,Clinical Director,,,,

        """
        let program = directed(papersDirections)
        let allianceAward = screen(rows, counterparty: "BGPA", program: program)
        XCTAssertEqual(allianceAward.level(of: "Hana Hill"), .exclude)
        XCTAssertEqual(allianceAward.recusals.first { $0.person == "Hana Hill" }?.reasons.first?.link,
                       "which is a member of Borough GP Alliance, the counterparty")
        let practiceAward = screen(rows, counterparty: "Hill Practice", program: program)
        XCTAssertNil(practiceAward.level(of: "Dan Alliance"), "the body's people have no interest in one member's award")
        let backward = screen(rows, counterparty: "Hill Practice", program: directed("  carry member-of backward\n"))
        XCTAssertEqual(backward.level(of: "Dan Alliance"), .exclude)
        XCTAssertEqual(backward.level(of: "Hana Hill"), .exclude, "employed by the counterparty itself")
    }

    func testEachDirectionOfARelationHasItsOwnReach() {
        // Hill Branch Surgery is a member of Hill Practice, a member of the alliance: membership
        // carries up two steps (branch staff on an alliance award), down only one.
        let rules = ConflictsFixtures.rules(steps: 2)
            .replacingOccurrences(of: "organisation council \"Borough Council\"",
                                  with: "organisation branch \"Hill Branch Surgery\"\n  member of hill\norganisation council \"Borough Council\"")
            .replacingOccurrences(of: "  related within 2 steps\n",
                                  with: "  related within 2 steps\n  carry member-of forward within 2 steps\n  carry member-of backward within 1 step\n")
        let program = ConflictsFixtures.program(rules)
        XCTAssertEqual(program.conflicts?.carrying[.memberOf], RelationCarry(forwardSteps: 2, backwardSteps: 1))
        let rows = """
        Bea Branch,Hill Branch Surgery,Practice manager,,,,
        Hana Hill,Hill Practice,GP partner,,,,
        Dan Alliance,Borough GP Alliance,Clinical Director,,,,

        """
        let allianceAward = screen(rows, counterparty: "BGPA", program: program)
        XCTAssertEqual(allianceAward.level(of: "Bea Branch"), .exclude, "two steps up")
        XCTAssertEqual(allianceAward.recusals.first { $0.person == "Bea Branch" }?.reasons.first?.link,
                       "which is a member of Hill Practice, which is a member of Borough GP Alliance, the counterparty")
        let practiceAward = screen(rows, counterparty: "Hill Practice", program: program)
        XCTAssertEqual(practiceAward.level(of: "Dan Alliance"), .exclude, "one step down")
        XCTAssertEqual(practiceAward.level(of: "Bea Branch"), .exclude, "one step up")
        let branchAward = screen(rows, counterparty: "Hill Branch Surgery", program: program)
        XCTAssertEqual(branchAward.level(of: "Hana Hill"), .exclude, "one step down")
        XCTAssertNil(branchAward.level(of: "Dan Alliance"), "two steps down: beyond the backward reach")
    }

    func testAChainIsNoLongerThanItsShortestRangedRelationAllows() {
        // Both relations carry; the contract only one step. Hill is two steps from Acme through it.
        let program = directed("  carry member-of forward within 2 steps\n  carry holds-contract-from forward within 1 step\n")
        XCTAssertNil(screen("Hana Hill,Hill Practice,GP partner,,,,\n", program: program).level(of: "Hana Hill"))
        XCTAssertEqual(program.conflicts?.carrying[.holdsContractFrom], RelationCarry(forward: true, backward: false, steps: 1))
        XCTAssertEqual(program.conflicts?.carrying[.memberOf], RelationCarry(forward: true, backward: false, steps: 2))
        XCTAssertNil(program.conflicts?.carrying[.partOf], "a relation no `carry` names does not carry")
    }

    func testAnOrganisationNoRuleFileDeclaresIsSearchedForInTheRegister() {
        let rows = """
        Priya Natarajan,Borough Council,Director,Financial Interest,"Shareholder and non-executive director, Riverside Home Care Ltd",01/04/2019,
        Tomas OBriain,Borough Council,Member,Indirect Interest,"Spouse is a manager at Riverside Home Care, Bromley branch",2022-09-01,
        Kemi Adeyemi,Borough GP Alliance,Clinical Director,Non-Financial Professional Interest,Adviser to the Riverside quality board,01/01/2023,

        """
        let report = screen(rows, counterparty: "Riverside Home Care Ltd")
        XCTAssertEqual(report.level(of: "Priya Natarajan"), .exclude)
        XCTAssertEqual(report.level(of: "Tomas OBriain"), .noVote, "found without the legal form")
        XCTAssertNil(report.level(of: "Kemi Adeyemi"), "\"Riverside\" alone is not the name")
        XCTAssertEqual(report.organisationsScreened, ["Riverside Home Care Ltd"])
    }

    func testTheHighestLevelWinsAndEveryInterestIsListed() {
        let rows = """
        Kemi Adeyemi,Acme Healthcare,Adviser,Non-Financial Professional Interest,Clinical adviser to AHL,01/01/2023,
        ,,,Indirect Interest,Husband is a director of Acme Health Ltd,01/01/2020,

        """
        let report = screen(rows)
        let recusal = report.recusals.first
        XCTAssertEqual(recusal?.level, .exclude)
        XCTAssertEqual(recusal?.reasons.map(\.kind), [.employment, .indirect, .nonFinancialProfessional])
        XCTAssertEqual(recusal?.reasons.map(\.level), [.exclude, .noVote, .declare])
    }

    func testRecusalsAreOrderedMostSeriousFirstThenInRegisterOrder() {
        let rows = """
        Zed Declare,Borough Council,Member,Non-Financial Professional Interest,Adviser to Acme Healthcare,2020-01-01,
        Amy Exclude,Borough Council,Member,Financial Interest,Shares in Acme Healthcare,2020-01-01,
        Bea Exclude,Acme Health Ltd,Nurse,,,,

        """
        XCTAssertEqual(screen(rows).recusals.map(\.person), ["Amy Exclude", "Bea Exclude", "Zed Declare"])
    }

    func testPeopleWhoseInterestsAreElsewhereAreReportedAsNotScreenable() {
        let rows = "Councillor Colin Smith,Borough Council,Leader,All interests are declared on the Borough Council register of interests.,,,\n"
        let report = screen(rows)
        XCTAssertTrue(report.recusals.isEmpty)
        XCTAssertEqual(report.notScreenable.map(\.person), ["Councillor Colin Smith"])
    }

    func testWithAMeetingOnlyTheAttendeesAreScreenedAndNamesAreMatchedForgivingly() {
        let rows = """
        Dr Hasib Ur Rub,Borough GP Alliance,Chair,Financial Interest,Partner in the alliance,2015-01-28,
        Amy Absent,Acme Health Ltd,Nurse,,,,

        """
        let meeting = Meeting(body: program.bodyIndex["panel"], date: nil, attendees: ["Dr Hasib Ur-Rub", "Nobody Known"])
        let report = screen(rows, counterparty: "BGPA", meeting: meeting)
        XCTAssertEqual(report.level(of: "Dr Hasib Ur Rub"), .exclude)
        XCTAssertNil(report.level(of: "Amy Absent"), "not at the meeting")
        XCTAssertEqual(report.unresolvedAttendees, ["Nobody Known"])
    }

    func testAnUnknownOrAmbiguousAttendeeBlocksTheDecision() {
        let rows = """
        Diane J Smith,Borough Council,Portfolio Holder,,,,
        Diane K Smith,Borough Council,Officer,,,,

        """
        let register = ConflictsFixtures.register(rows)
        let screener = ConflictScreener(program: program, register: register)
        let decision = ConflictsFixtures.award(to: "Borough Council", program: program)
        var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
        screener.apply(to: &report, decision: decision, meeting: Meeting(attendees: ["Cllr Diane Smith", "Zoe Stranger"]))
        XCTAssertEqual(report.findings.filter(\.isBlocking).map(\.code).sorted(), ["P1101", "P1102"])
        XCTAssertFalse(report.canProceed)
    }

    func testWithoutAMeetingTheWholeRegisterIsScreened() {
        let rows = """
        Amy One,Acme Health Ltd,Nurse,,,,
        Bea Two,Borough GP Alliance,Manager,,,,
        Cy Three,Borough Council,Officer,,,,

        """
        XCTAssertEqual(screen(rows).recusals.map(\.person), ["Amy One", "Bea Two"])
    }

    func testBiddersAreScreenedToo() {
        let rows = "Amy One,Hill Practice,Partner,,,,\n"
        let decision = ConflictsFixtures.decision(#"{"id": "d2", "date": "2024-01-01", "kind": "contract-award", "bidders": ["Hill Practice", "New Bidder Ltd"]}"#, program: program)
        let report = ConflictScreener(program: program, register: ConflictsFixtures.register(rows)).screen(decision, meeting: nil)
        XCTAssertEqual(report.level(of: "Amy One"), .exclude)
        XCTAssertEqual(report.recusals.first?.reasons.first?.link, "one of the bidders")
        XCTAssertEqual(report.organisationsScreened, ["Hill Practice", "New Bidder Ltd", "Borough GP Alliance"])
    }

    /// The screener maps a register's interest type to the rules' kind by a switch; it must be
    /// the kind of the same name, as the rule language spells both.
    func testEachInterestTypeIsTheKindOfTheSameName() {
        for type in InterestType.allCases {
            XCTAssertEqual(InterestKindTable.kind(of: type), InterestKind(rawValue: type.rawValue), "\(type)")
        }
    }
}
