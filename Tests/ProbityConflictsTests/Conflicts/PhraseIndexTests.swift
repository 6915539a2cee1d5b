import ProbityRegister
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
import ProbityReports

/// The register's phrase index gives exactly the "did you mean" phrases of their definition:
/// every text sharing a folded word with the name, its closest run of words
/// (``RegisterLinks/nearestPhrase(_:in:)``, which splits and folds the text afresh), best first,
/// then in register order, without repeats.
final class PhraseIndexTests: XCTestCase {
    private static let places = ["Bromley", "Bexley", "Lewisham", "Greenwich", "Söuthwark"]
    private static let words = ["Health", "Care", "Healthcare", "Health-care", "Community", "Services", "Hospice",
                                "Pharmacy", "Network", "Alliance", "(GP)", "Trust,", "Partners;"]
    private static let forms = ["Ltd", "CIC", "Limited", "", "LLP"]

    private static func organisation(_ random: inout SplitMix64) -> String {
        var parts = [places[random.below(places.count)]]
        for _ in 0..<random.inRange(1...3) { parts.append(words[random.below(words.count)]) }
        parts.append(forms[random.below(forms.count)])
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// One slip in a name: a letter dropped, doubled or swapped with the next.
    private static func misspelt(_ name: String, _ random: inout SplitMix64) -> String {
        var letters = Array(name)
        let at = random.below(max(1, letters.count - 1))
        switch random.below(3) {
        case 0: letters.remove(at: at)
        case 1: letters.insert(letters[at], at: at)
        default: letters.swapAt(at, min(at + 1, letters.count - 1))
        }
        return String(letters)
    }

    /// The definition, computed directly from the register's texts.
    private static func reference(_ written: String, _ register: Register, limit: Int = 2) -> [ConflictsReport.Suggestion] {
        let target = NameSuggestions.Folded(written)
        guard !target.core.isEmpty else { return [] }
        var found: [(score: Int, order: Int, phrase: String, line: Int)] = []
        for (order, entry) in RegisterLinks.texts(of: register).enumerated() {
            guard !Set(PersonName.words(entry.text)).isDisjoint(with: target.core) else { continue }
            let person = register.people[Int(entry.owner.person)]
            let (text, line) = entry.owner.source == RegisterLinks.employment
                ? (person.employer, person.lines.first ?? 0)
                : (person.interests[Int(entry.owner.source)].nature, person.interests[Int(entry.owner.source)].line)
            if let best = RegisterLinks.nearestPhrase(target, in: text) { found.append((best.score, order, best.phrase, line)) }
        }
        var seen: Set<String> = []
        var out: [ConflictsReport.Suggestion] = []
        for entry in found.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order })
        where seen.insert(NameSuggestions.Folded(entry.phrase).joined).inserted {
            out.append(ConflictsReport.Suggestion(name: entry.phrase, organisation: nil, registerLine: entry.line > 0 ? entry.line : nil))
            if out.count == limit { break }
        }
        return out
    }

    func testTheIndexGivesTheDefinitionsSuggestions() {
        var (_, random) = TestSeed.generator()
        var rows = ""
        for person in 0..<120 {
            // A position naming an organisation too: its suggestions come from the employer's text,
            // and it is searched when its own words are shared.
            let position = random.below(3) == 0 ? "Adviser to \(Self.organisation(&random))" : "Member"
            rows += "Person \(person),\"\(Self.organisation(&random))\",\(position),Financial Interest,\"Director of \(Self.organisation(&random))\",01/04/2021,\n"
            for _ in 0..<random.below(3) {
                rows += ",,,Indirect Interest,\"Spouse works for \(Self.organisation(&random)), as of 2020\",01/04/2021,\n"
            }
        }
        let register = ConflictsFixtures.register(rows)
        let links = RegisterLinks(register: register, organisations: ConflictsFixtures.program().organisations)
        var suggested = 0
        for _ in 0..<30 {
            let written = Self.misspelt(Self.organisation(&random), &random)
            let indexed = links.nearTexts(written, in: register)
            XCTAssertEqual(indexed, Self.reference(written, register), "suggestions for \"\(written)\"")
            Self.assertByRun(written, links, register)
            XCTAssertEqual(links.nearTexts(written, in: register), indexed, "suggestions for \"\(written)\", asked again (kept)")
            if !indexed.isEmpty { suggested += 1 }
        }
        XCTAssertGreaterThan(suggested, 15, "most slips should get a suggestion")
        // Names that share one word with many texts and little else (a supplier new to the
        // register, numbered as a generator would): most runs are dismissed unfolded
        // (`NameSuggestions.mayScore`), and the answer must still be the definition's.
        let strangers = ["Zenith", "Quorra", "Healthy", "Careful", "Bromly", "Partner"]
        for round in 0..<60 {
            var parts = [strangers[random.below(strangers.count)], String(random.below(30))]
            for _ in 0..<random.below(3) { parts.append(Self.words[random.below(Self.words.count)]) }
            if random.below(2) == 0 { parts.append(Self.places[random.below(Self.places.count)]) }
            parts.append(Self.forms[random.below(Self.forms.count)])
            let written = parts.filter { !$0.isEmpty }.shuffled(using: &random).joined(separator: " ")
            XCTAssertEqual(links.nearTexts(written, in: register), Self.reference(written, register), "round \(round): \"\(written)\"")
            Self.assertByRun(written, links, register)
        }
        // Names of more words than the run index holds, searched text by text.
        for round in 0..<10 {
            let written = ([Self.misspelt(Self.organisation(&random), &random)] + (0..<4).map { _ in Self.organisation(&random) })
                .joined(separator: " ")
            XCTAssertGreaterThanOrEqual(PersonName.words(written).count, 8)
            XCTAssertEqual(links.nearTexts(written, in: register), Self.reference(written, register), "long, round \(round): \"\(written)\"")
        }
    }

    /// A text split by byte gives the tokens of splitting it by character, whatever its spaces,
    /// punctuation, line ends and letters.
    func testTokensByByteAreTokensByCharacter() {
        let (seed, seeded) = TestSeed.generator()
        var random = seeded
        let pieces = ["Bromley", "Health", " ", "  ", "\t", "\n", "\r\n", "\r", ",", ".", ";", ":", "(", ")", "[", "]", "\"", "'",
                      "Guy's", "St", "-", "&", "é", "e\u{301}", "Söuthwark", "12", "(GP)", "Trust,"]
        for round in 0..<5_000 {
            let text = (0..<random.below(12)).map { _ in pieces[random.below(pieces.count)] }.joined()
            XCTAssertEqual(RegisterLinks.phraseTokens(text), RegisterLinks.phraseTokensByCharacter(text),
                           "seed \(seed), round \(round): \(text.debugDescription)")
        }
    }

    /// A position sharing a word with the name makes its person's employer a suggestion, though
    /// the employer's own text shares none (only slips): suggestions for employment come from the
    /// employer.
    func testAPositionSharingAWordSuggestsItsEmployer() {
        var rows = ""
        for person in 0..<30 { rows += "Person \(person),Lewisham Widgets,Member,Financial Interest,Director of Greenwich Gadgets,01/04/2021,\n" }
        rows += "Last Person,Bromly Helthcare,Adviser to Bromley Council,Financial Interest,Director of Greenwich Gadgets,01/04/2021,\n"
        let register = ConflictsFixtures.register(rows)
        let links = RegisterLinks(register: register, organisations: ConflictsFixtures.program().organisations)
        let found = links.nearTexts("Bromley Healthcare", in: register)
        XCTAssertEqual(found, Self.reference("Bromley Healthcare", register))
        XCTAssertEqual(found.first?.name, "Bromly Helthcare")
        Self.assertByRun("Bromley Healthcare", links, register)
    }

    /// The run index is used once the texts read one by one number more than a quarter of the
    /// register's, and from then on.
    func testTheRunIndexIsUsedOnceReadingCostsMore() {
        let index = RegisterLinks.RunIndex()
        XCTAssertFalse(index.isWorthUsing(reading: 10, of: 80))
        XCTAssertFalse(index.isWorthUsing(reading: 10, of: 80))
        XCTAssertTrue(index.isWorthUsing(reading: 1, of: 80))
        XCTAssertTrue(index.isWorthUsing(reading: 1, of: 80))
    }

    /// The search through the run index (which a register of few texts sharing the name's words
    /// does not use) gives the definition's suggestions too, limited to one, two or five.
    private static func assertByRun(_ written: String, _ links: RegisterLinks, _ register: Register,
                                    file: StaticString = #filePath, line: UInt = #line) {
        for limit in [1, 2, 5] {
            guard let byRun = links.searchNearTextsByRun(NameSuggestions.Folded(written), in: register, limit: limit) else { return }
            XCTAssertEqual(byRun, reference(written, register, limit: limit), "by run, limit \(limit): \"\(written)\"", file: file, line: line)
        }
    }

    /// A name shared by more than 2,000 texts is still compared with every one of them: the best
    /// phrase, in the last text, is found (the scan used to stop at the first 2,000).
    func testEveryTextSharingAWordIsCompared() {
        var rows = ""
        for person in 0..<2_100 { rows += "Person \(person),Bromley Widgets \(person),Member,Financial Interest,Director of Bromley Gadgets,01/04/2021,\n" }
        rows += "Last Person,Nobody,Member,Financial Interest,Director of Bromley Healthcare Services,01/04/2021,\n"
        let register = ConflictsFixtures.register(rows)
        let links = RegisterLinks(register: register, organisations: ConflictsFixtures.program().organisations)
        XCTAssertEqual(links.nearTexts("Bromley Heathcare Services", in: register).first?.name, "Bromley Healthcare Services")
    }
}
