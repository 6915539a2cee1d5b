import ProbitySemantics
import ProbitySyntax
import ProbityTestSupport
import XCTest

final class CheckerTests: XCTestCase {
    static let prelude = RulesPrelude.scheme("Test", fields: [
        "required kind: one of contract-award, s75-variation, appointment",
        "value: money",
        "salary: money",
        "start: date",
        "counterparty: organisation",
        "bidders: set of organisation",
        "decided_by: body",
    ])

    /// Checks the prelude plus `marked`, asserting each diagnostic's code and marker.
    private func assertDiagnostics(_ marked: String, _ expected: [(marker: String, code: String)],
                                   file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        assertDiagnostics(marked, expected.map { DiagnosticSpec($0.code, at: $0.marker) }, file: file, line: line)
    }

    /// Checks the prelude plus `marked`, asserting each diagnostic against its spec.
    @discardableResult
    private func assertDiagnostics(_ marked: String, _ expected: [DiagnosticSpec],
                                   file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        let source = MarkedSource(marked, prelude: CheckerTests.prelude)
        let (_, diagnostics) = Checker.check(RuleLoader.load(text: source.text))
        ProbityTestSupport.assertDiagnostics(diagnostics, in: source, expected, file: file, line: line)
        return diagnostics
    }

    func testACorrectProgramChecks() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        rule CA-1 "small"
          when kind = contract-award and value <= £250k and counterparty = bhc
          require approval by place-lead
        rule CA-2 "mid"
          when kind in {contract-award} and value in (£250k .. £1m] and bidders contains "BHC"
          require recommendation by cpag
          require approval by lcp-board
        """))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(program?.rules.map(\.id), ["CA-1", "CA-2"])
        XCTAssertEqual(program?.bodies.first { $0.id == "place-lead" }?.depth, 2)
    }

    func testUndeclaredNamesSuggestTheClosest() {
        let diagnostics = assertDiagnostics("""
        rule A "a"
          when kind = contract-award
          require approval by 1️⃣lcp-bord
        """, [DiagnosticSpec("P0201", at: "1️⃣", message: "undeclared body or officer `lcp-bord`", fixedSource: """
        rule A "a"
          when kind = contract-award
          require approval by lcp-board
        """)])
        XCTAssertEqual(diagnostics.first?.fixIt?.message, "did you mean `lcp-board`?")
    }

    func testEnumerationValuesAreCheckedAgainstTheirField() {
        assertDiagnostics("""
        rule A "a"
          when kind = 1️⃣contract-awrd
          require approval by lcp-board
        """, [DiagnosticSpec("P0203", at: "1️⃣", message: "`contract-awrd` is not a value of `kind`; expected `contract-award`, `s75-variation`, `appointment`", fixedSource: """
        rule A "a"
          when kind = contract-award
          require approval by lcp-board
        """)])
    }

    func testTypeErrors() {
        _ = assertDiagnostics("""
        rule A "money compared with a date"
          when value > 1️⃣2024-01-01
          require approval by lcp-board
        rule B "ordering an enumeration"
          when 2️⃣kind < contract-award
          require approval by lcp-board
        rule C "contains on a single value"
          when 3️⃣counterparty contains bhc
          require approval by lcp-board
        rule D "undeclared field"
          when 4️⃣valeu > £1m
          require approval by lcp-board
        """, [("1️⃣", "P0301"), ("2️⃣", "P0303"), ("3️⃣", "P0303"), ("4️⃣", "P0201")])
    }

    func testCarryClausesSayWhichWayEachRelationCarries() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        conflicts
          relevant fields counterparty
          related within 2 steps
          carry member-of, shareholder-of forward
          carry part-of both ways
          carry holds-contract-from forward within 1 step
        """))
        XCTAssertEqual(diagnostics, [])
        let carrying = program?.conflicts?.carrying
        XCTAssertEqual(carrying?[.memberOf], RelationCarry(forward: true, backward: false, steps: 2))
        XCTAssertEqual(carrying?[.partOf], RelationCarry(forward: true, backward: true, steps: 2))
        XCTAssertEqual(carrying?[.holdsContractFrom], RelationCarry(forward: true, backward: false, steps: 1))
        XCTAssertNil(carrying?[.ownedBy])
        XCTAssertEqual(program?.conflicts?.isDirected, true)
    }

    func testWithoutCarryClausesEveryAllowedRelationCarriesBothWays() {
        let (program, _) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        conflicts
          relevant fields counterparty
          related within 2 steps via member-of
        """))
        XCTAssertEqual(program?.conflicts?.carrying, [.memberOf: RelationCarry(forward: true, backward: true, steps: 2)])
        XCTAssertEqual(program?.conflicts?.isDirected, false)
    }

    func testAliasShapesGiveEveryOrganisationOfTheNamedShapeItsAliases() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        organisation southwark "London Borough of Southwark"
          aka "Southwark Council"
        organisation greenwich "Royal Borough of Greenwich"
        organisation havering "London Borough of Havering"
          aka "Havering Council", "Councillor in Havering", "London Borough of Havering Council"
        organisation sutton "Sutton Council"
          aka "London Borough of Sutton"
        organisation kings "King's College Hospital NHS Foundation Trust"
        aliases "Councillor in {place}", "Cllr, {place}"
          for organisations named "London Borough of {place}", "Royal Borough of {place}"
        """))
        XCTAssertEqual(diagnostics, [])
        func aliases(_ id: String) -> [String] { program.flatMap { $0.organisations[$0.organisationIndex[id]!].aliases } ?? [] }
        XCTAssertEqual(aliases("southwark"), ["Southwark Council", "Councillor in Southwark", "Cllr, Southwark"])
        XCTAssertEqual(aliases("greenwich"), ["Councillor in Greenwich", "Cllr, Greenwich"])
        XCTAssertEqual(aliases("havering"), ["Havering Council", "Councillor in Havering", "London Borough of Havering Council", "Cllr, Havering"],
                       "an alias already written is not repeated, and an alias is not read when the name has the shape")
        XCTAssertEqual(aliases("sutton"), ["London Borough of Sutton", "Councillor in Sutton", "Cllr, Sutton"], "an alias of the shape, when the name has none")
        XCTAssertEqual(aliases("kings"), [])
        XCTAssertEqual(program?.organisations[program!.organisationIndex["southwark"]!].shapedAliases, ["Councillor in Southwark", "Cllr, Southwark"])
    }

    func testAliasShapeMistakes() {
        _ = assertDiagnostics("""
        organisation southwark "London Borough of Southwark"
        organisation other "Councillor in Southwark"
        aliases 1️⃣"Councillor in place", 2️⃣"Cllr {a} {b}"
          for organisations named "London Borough of {place}"
        aliases 3️⃣"Councillor in {borough}"
          for organisations named "London Borough of {place}"
        4️⃣aliases "Councillor in {place}"
        5️⃣aliases "Member for {place}"
          for organisations named "City of {place}"
        6️⃣aliases "Councillor in {place}"
          for organisations named "London Borough of {place}"
        """, [("1️⃣", "P1203"), ("2️⃣", "P1203"), ("3️⃣", "P1203"), ("4️⃣", "P1203"), ("5️⃣", "P1204"), ("6️⃣", "P1205")])
    }

    func testStepsInOrderResolveAcrossKinds() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        procedure first-look "Seen by the group first"
        rule R "ordered"
          when kind = contract-award
          require procedure first-look
          require recommendation by cpag
          require approval by lcp-board
          steps in order procedure first-look, recommendation by cpag,
                         approval by lcp-board
        """))
        XCTAssertEqual(diagnostics, [])
        let rule = program?.rules.first
        let index = { (id: String) in program!.bodyIndex[id]! }
        XCTAssertEqual(rule?.stepOrder, [.procedure(program!.procedureIndex["first-look"]!), .recommendation(index("cpag")), .approval(index("lcp-board"))])
    }

    func testStepOrderMistakes() {
        _ = assertDiagnostics("""
        rule 1️⃣R "ordered"
          when kind = contract-award
          require approval by lcp-board
          steps in order approval by lcp-board, approval by place-lead, 2️⃣approval by lcp-board
        """, [("1️⃣", "P1206"), ("2️⃣", "P1207")])
    }

    func testCarryClauseMistakes() {
        _ = assertDiagnostics("""
        1️⃣conflicts
          relevant fields counterparty
          related within 2 steps via member-of
          carry member-of forward
          2️⃣carry member-of both ways
          3️⃣carry part-of both ways within 0 steps
          4️⃣carry owned-by forward within 3 steps
        """, [("1️⃣", "P0610"), ("2️⃣", "P0202"), ("3️⃣", "P0610"), ("4️⃣", "P1200")])
    }

    func testEachDirectionOfARelationMayCarryItsOwnDistance() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        conflicts
          relevant fields counterparty
          related within 2 steps
          carry member-of forward within 2 steps
          carry member-of backward within 1 step
        """))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(program?.conflicts?.carrying[.memberOf], RelationCarry(forwardSteps: 2, backwardSteps: 1))
    }

    func testAReachNobodyGivesIsAFinding() {
        _ = assertDiagnostics("""
        conflicts
          relevant fields counterparty
          1️⃣carry member-of forward
          carry part-of both ways within 2 steps
        """, [("1️⃣", "P1202")])
    }

    func testARelationTheOrganisationsDeclareThatNothingCarriesIsAFinding() {
        _ = assertDiagnostics("""
        organisation giver "Giver Ltd"
        organisation 1️⃣holder "Holder Ltd"
          holds contract from giver
        organisation other "Other Ltd"
          holds contract from giver
        conflicts
          relevant fields counterparty
          related within 2 steps
          carry member-of forward
        """, [("1️⃣", "P1201")])
    }

    func testDuplicateRulesAndAdvisoryApproval() {
        let diagnostics = assertDiagnostics("""
        rule A "a"
          when kind = contract-award
          require approval by 1️⃣cpag
        rule 2️⃣A "again"
          when kind = appointment
          require approval by lcp-board
        """, [("1️⃣", "P0401"), ("2️⃣", "P0204")])
        XCTAssertEqual(diagnostics[1].notes.first?.message, "first declared here")
    }

    func testRulePeriodOutsideItsScheme() {
        _ = assertDiagnostics("""
        rule A "a"
          1️⃣effective from 2019-01-01
          when kind = contract-award
          require approval by lcp-board
        rule B "b"
          2️⃣effective from 2025-01-01 until 2024-01-01
          when kind = contract-award
          require approval by lcp-board
        """, [("1️⃣", "P0601"), ("2️⃣", "P0602")])
    }

    func testStringsNameOrganisationsByAlias() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        rule A "a"
          when counterparty = "Bromley Healthcare"
          require approval by lcp-board
        """))
        XCTAssertEqual(diagnostics, [])
        guard case .compare(_, .equal, .integer(0), _)? = program?.rules.first?.condition else {
            return XCTFail("expected the alias to resolve to organisation 0")
        }
    }

    func testEffectivePeriodsComeFromTheScheme() {
        let (program, _) = Checker.check(RuleLoader.load(text: CheckerTests.prelude + """
        rule A "a"
          effective from 2024-01-01
          when kind = contract-award
          require approval by lcp-board
        """))
        let rule = program?.rules.first
        XCTAssertEqual(rule?.isEffective(on: 19722), false)  // 2023-12-31
        XCTAssertEqual(rule?.isEffective(on: 19723), true)   // 2024-01-01
        XCTAssertEqual(rule?.effectiveUntil, 22279)           // the scheme's 2030-12-31
    }
}
