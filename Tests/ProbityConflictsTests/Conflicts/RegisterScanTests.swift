import ProbityRegister
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

/// The register scan split into pieces (``RegisterLinks/scanning(register:organisations:scanner:pieces:alongside:)``)
/// gives exactly the links of its definition: each person's texts scanned one by one, in order
/// (employer, position, then each interest's nature), a pair kept once per person, and each
/// organisation's links in register order. However many pieces, and whatever run of equal
/// employers and positions (whose matches a piece keeps and uses again).
final class RegisterScanTests: XCTestCase {
    private static let fillers = ["Director of", "Spouse works for", "Trustee,", "Shares in", "Volunteer at", "Member of the"]
    private static let places = ["Bromley", "Bexley", "Lewisham", "Greenwich"]

    /// A text naming up to two of `names` (or none), in prose, sometimes lower-cased.
    private static func text(_ names: [String], _ random: inout SplitMix64) -> String {
        var parts: [String] = [fillers[random.below(fillers.count)]]
        for _ in 0..<random.below(3) {
            let name = names[random.below(names.count)]
            parts.append(random.below(4) == 0 ? name.lowercased() : name)
            parts.append(random.below(2) == 0 ? "and" : places[random.below(places.count)])
        }
        return parts.joined(separator: " ")
    }

    /// The definition: each person's texts scanned one by one.
    private static func reference(_ register: Register, _ scanner: KeywordScanner, organisations: Int)
        -> (byPerson: [[NamedByPerson.Named]], byOrganisation: [[RegisterLinks.Link]]) {
        var byPerson: [[NamedByPerson.Named]] = []
        var byOrganisation = [[RegisterLinks.Link]](repeating: [], count: organisations)
        for (index, person) in register.people.enumerated() {
            var found: [NamedByPerson.Named] = []
            var texts = [(person.employer, RegisterLinks.employment), (person.position, RegisterLinks.employment)]
            for (interest, declared) in person.interests.enumerated() { texts.append((declared.nature, Int32(interest))) }
            for (text, source) in texts where !text.isEmpty {
                for organisation in scanner.matches(in: text) where !found.contains(where: { $0 == (organisation, source) }) {
                    found.append((organisation, source))
                    byOrganisation[Int(organisation)].append(RegisterLinks.Link(person: Int32(index), source: source))
                }
            }
            byPerson.append(found)
        }
        return (byPerson, byOrganisation)
    }

    func testEverySplitGivesTheLinksOfTheDefinition() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let organisations = ConflictsFixtures.program().organisations
        let names = organisations.flatMap { [$0.name] + $0.aliases }
        XCTAssertFalse(names.isEmpty)
        // Runs of people with the same employer and position (as on a real register, where most
        // work for the body itself), broken now and then by another text or none.
        let employers = ["Probity Benchmark ICB", "", names[0], "\(names[names.count / 2]) and Bexley"]
        let positions = ["Committee member", "", "Director of \(names[names.count - 1])"]
        var rows = ""
        var employer = employers[0], position = positions[0]
        for person in 0..<400 {
            if random.below(5) == 0 { employer = employers[random.below(employers.count)] }
            if random.below(5) == 0 { position = positions[random.below(positions.count)] }
            rows += "Person \(person),\"\(employer)\",\"\(position)\",Financial Interest,\"\(Self.text(names, &random))\",01/04/2021,\n"
            for _ in 0..<random.below(4) {
                rows += ",,,Indirect Interest,\"\(Self.text(names, &random))\",01/04/2021,\n"
            }
        }
        let register = ConflictsFixtures.register(rows)
        XCTAssertEqual(register.people.count, 400, "seed \(seed)")
        let scanner = RegisterLinks.scanner(for: organisations)
        let expected = Self.reference(register, scanner, organisations: organisations.count)
        XCTAssertGreaterThan(expected.byOrganisation.reduce(0) { $0 + $1.count }, 400, "seed \(seed): too few links to test")

        for pieces in [1, 2, 3, 7, 64, 399, 400, 1_000] {
            let (links, alongside) = RegisterLinks.scanning(register: register, organisations: organisations, scanner: scanner,
                                                            pieces: pieces, alongside: { 42 })
            XCTAssertEqual(alongside, 42, "seed \(seed), \(pieces) pieces")
            XCTAssertEqual(links.byPerson.count, register.people.count, "seed \(seed), \(pieces) pieces")
            for person in register.people.indices {
                XCTAssertTrue(links.byPerson[person].elementsEqual(expected.byPerson[person], by: ==),
                              "seed \(seed), \(pieces) pieces, person \(person): \(Array(links.byPerson[person])) against \(expected.byPerson[person])")
            }
            XCTAssertEqual(links.byOrganisation, expected.byOrganisation, "seed \(seed), \(pieces) pieces")
        }
        // As the engine builds it, with its own choice of pieces.
        let built = RegisterLinks(register: register, organisations: organisations, scanner: scanner)
        XCTAssertEqual(built.byOrganisation, expected.byOrganisation, "seed \(seed)")
    }

    /// A piece of the scan holds about a hundred people, on two cores or more, and the whole
    /// register on one core or when it has under a thousand people (too small for a thread).
    func testPiecesFollowTheRegisterAndTheCores() {
        XCTAssertEqual(RegisterLinks.scanPieces(people: 5_000, cores: 1), 1)
        XCTAssertEqual(RegisterLinks.scanPieces(people: 999, cores: 2), 1)
        XCTAssertEqual(RegisterLinks.scanPieces(people: 1_000, cores: 2), 10)
        XCTAssertEqual(RegisterLinks.scanPieces(people: 5_000, cores: 2), 50)
        XCTAssertEqual(RegisterLinks.scanPieces(people: 1_000_000, cores: 8), 256)
    }
}
