import ProbityRegister
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityEngine
@testable import ProbityReports

/// "Did you mean" for organisations and people that matched nothing.
final class NameSuggestionsTests: XCTestCase {
    private let organisations = ["Bromley Healthcare CIC", "Bromley GP Alliance", "London Borough of Bromley", "MDC PCN"]

    func testOneSlipIsSuggested() {
        XCTAssertEqual(NameSuggestions.nearest("Bromley Heathcare CIC", among: organisations), ["Bromley Healthcare CIC"])
        XCTAssertEqual(NameSuggestions.nearest("Bromley Heathcare", among: organisations), ["Bromley Healthcare CIC"])
    }

    func testSpacingAndInitialsAndWordOrder() {
        XCTAssertEqual(NameSuggestions.nearest("Bromley Health Care", among: organisations), ["Bromley Healthcare CIC"])
        XCTAssertEqual(NameSuggestions.nearest("BHC", among: organisations), ["Bromley Healthcare CIC"])
        XCTAssertEqual(NameSuggestions.nearest("Healthcare Bromley", among: organisations), ["Bromley Healthcare CIC"])
    }

    func testASharedPlaceNameAloneSuggestsNothing() {
        XCTAssertEqual(NameSuggestions.nearest("Bromley Widgets Ltd", among: organisations), [])
        XCTAssertEqual(NameSuggestions.nearest("Acme", among: organisations), [])
    }

    func testDirectoryResolvesTheSameNameSplitDifferently() {
        let directory = OrganisationDirectory(ConflictsFixtures.program().organisations)
        XCTAssertEqual(directory.lookup("Acme Health-care"), 0)
        XCTAssertNil(directory.lookup("Acme Helthcare"))
        XCTAssertEqual(directory.suggestions(for: "Acme Helthcare"), [0])
        XCTAssertEqual(directory.suggestions(for: "BGA"), [1])
    }

    func testPeopleSuggestions() {
        let index = PeopleIndex(["Angela Helleur", "Dr Andrew Parson", "Jacqui Scott", "Councillor Colin Smith", "Cllr Diane Smith"].map { RegisterPerson(name: $0) })
        XCTAssertEqual(index.suggestions(for: "Angela Heleur"), [0])
        XCTAssertEqual(index.suggestions(for: "Andrew Parsons"), [1])
        XCTAssertEqual(index.suggestions(for: "Scott, Jacqui"), [2])
        XCTAssertEqual(index.resolve("Scott, Jacqui"), .notFound)
    }

    func testASurnameAloneIsAmbiguousNeverAGuess() {
        let index = PeopleIndex(["Councillor Colin Smith", "Cllr Diane Smith", "Jacqui Scott"].map { RegisterPerson(name: $0) })
        XCTAssertEqual(index.resolve("Cllr Smith"), .ambiguous([0, 1]))
        XCTAssertEqual(index.resolve("Smith"), .ambiguous([0, 1]))
        XCTAssertEqual(index.resolve("Scott"), .notFound)
        XCTAssertEqual(index.suggestions(for: "Scott"), [2])
    }
}

/// The screener never says "nobody must recuse" about a name it did not understand.
final class UnmatchedOrganisationTests: XCTestCase {
    func testAnUnmatchedOrganisationIsReportedWithSuggestions() {
        let program = ConflictsFixtures.program()
        let register = ConflictsFixtures.register("Carol Acme,Acme Health Ltd,Director,Financial,Shares in Acme Healthcare,01/01/2020,\n")
        let decision = ConflictsFixtures.decision(#"{"id":"d","date":"2023-06-01","kind":"contract-award","counterparty":"Acme Helthcare"}"#, program: program)
        var report = ReportBuilder(plan: Plan(program: program)).build(decision)
        ConflictScreener(program: program, register: register).apply(to: &report, decision: decision, meeting: nil)
        let unmatched = report.conflicts?.unmatchedOrganisations ?? []
        XCTAssertEqual(unmatched.map(\.written), ["Acme Helthcare"])
        XCTAssertEqual(unmatched.first?.suggestions.first?.organisation, "acme")
        let finding = report.findings.first { $0.code == "P1150" }
        XCTAssertEqual(finding?.isBlocking, false)
        XCTAssertTrue(report.conflicts!.text.contains("not every name was understood"))
        XCTAssertFalse(report.conflicts!.text.contains("nobody must recuse"))

        var strict = ReportBuilder(plan: Plan(program: program)).build(decision)
        ConflictScreener(program: program, register: register, strict: true).apply(to: &strict, decision: decision, meeting: nil)
        XCTAssertFalse(strict.canProceed)
    }

    func testANameTheRegisterWritesIsNotReported() {
        let program = ConflictsFixtures.program()
        let register = ConflictsFixtures.register("Zed New,Riverside Care,Director,Financial,Owner of Riverside Care,01/01/2020,\n")
        let decision = ConflictsFixtures.decision(#"{"id":"d","date":"2023-06-01","kind":"contract-award","counterparty":"Riverside Care"}"#, program: program)
        var report = ReportBuilder(plan: Plan(program: program)).build(decision)
        ConflictScreener(program: program, register: register).apply(to: &report, decision: decision, meeting: nil)
        XCTAssertEqual(report.conflicts?.unmatchedOrganisations.count, 0)
        XCTAssertEqual(report.conflicts?.recusals.map(\.person), ["Zed New"])
    }
}

/// The scheme's own `unmatched organisations block` is `--strict` for every run.
final class UnmatchedOrganisationsBlockTests: XCTestCase {
    func testTheSchemeCanMakeAnUnmatchedNameBlock() {
        let text = ConflictsFixtures.rules().replacingOccurrences(of: "  look back 6 months", with: "  look back 6 months\n  unmatched organisations block")
        XCTAssertNotEqual(text, ConflictsFixtures.rules())
        let program = ConflictsFixtures.program(text)
        XCTAssertEqual(program.conflicts?.unmatchedOrganisationsBlock, true)
        let register = ConflictsFixtures.register("Carol Acme,Acme Health Ltd,Director,Financial,Shares in Acme Healthcare,01/01/2020,\n")
        let decision = ConflictsFixtures.decision(#"{"id":"d","date":"2023-06-01","kind":"contract-award","counterparty":"Acme Helthcare"}"#, program: program)
        var report = ReportBuilder(plan: Plan(program: program)).build(decision)
        ConflictScreener(program: program, register: register).apply(to: &report, decision: decision, meeting: nil)
        XCTAssertEqual(report.findings.first { $0.code == "P1150" }?.isBlocking, true)
        XCTAssertFalse(report.canProceed)
    }
}

extension NameSuggestionsTests {
    /// The directory takes a folded key's spaces out by byte when it is ASCII; the answer must be
    /// the character-by-character one, including where a space starts another character.
    func testAKeyWithoutSpacesIsTheSameByByteAsByCharacter() {
        for key in ["bromley health care", "bhc", "", " ", "caf\u{E9} royal", "a \u{301}b", "x\u{1F600} y"] {
            XCTAssertEqual(OrganisationDirectory.withoutSpaces(key), String(key.filter { $0 != " " }), key)
        }
    }

    /// Seeded: the one-pass key and joined key of a name are the key and its spaces taken out.
    func testTheKeyAndJoinedKeyInOnePassAreTheKeyAndItsSpacesTakenOut() {
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(#function): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let pieces = ["Bromley", "GP", " ", "  ", "-", "'", "King's", "CIC", "9", "&", ".", "\u{E9}", "e\u{301}", "", "Z"]
        for _ in 0..<2_000 {
            let name = (0..<random.below(7)).map { _ in pieces[random.below(pieces.count)] }.joined()
            let key = OrganisationDirectory.key(name)
            let (oneKey, joined) = OrganisationDirectory.keyAndJoined(name)
            XCTAssertEqual(oneKey, key, "seed \(seed): `\(name)`")
            XCTAssertEqual(joined, String(key.filter { $0 != " " }), "seed \(seed): `\(name)`")
        }
    }
}
