import Foundation
import XCTest
import ProbitySupport
@testable import ProbityRegister

/// The register of interests in seed 003, with every quirk it really has.
final class SeedRegisterTests: XCTestCase {
    private let register = RegisterLoader.parse(Array(RegisterFixtures.lcpBoard.utf8),
                                                fileName: "lcp-board-2023-11-23.tsv")

    private func person(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> RegisterPerson? {
        let found = register.people.first { $0.key == PersonName.normalise(name) }
        XCTAssertNotNil(found, "no \(name) on the register", file: file, line: line)
        return found
    }

    private func day(_ text: String) -> Day { Day.parseISO(text)! }

    func testPeopleInOrderWithTheDuplicateMerged() {
        // 24 named rows, Dr Andrew Parson twice.
        XCTAssertEqual(register.people.count, 23)
        XCTAssertEqual(register.people.first?.name, "Dr Hasib Ur Rub")
        XCTAssertEqual(register.people.last?.name, "Dr Claire Riley")
        XCTAssertEqual(register.people.map(\.interests.count).reduce(0, +), 18)
        XCTAssertEqual(register.people.filter { $0.interests.isEmpty && $0.pointers.isEmpty }.count, 12)
    }

    func testTheDuplicateIsMergedAndNoted() {
        guard let parson = person("Dr Andrew Parson") else { return }
        XCTAssertEqual(parson.lines, [12, 14, 15])
        XCTAssertEqual(parson.interests.map(\.type), [.financial, .financial, .indirect])
        XCTAssertTrue(parson.interests[0].nature.contains("holds a contract from Bromley Health Care"))
        XCTAssertEqual(parson.interests[1].nature, "The Chislehurst Partnership is a member and shareholder of BGPA .")
        XCTAssertEqual(parson.interests[1].validFrom, day("2023-05-01"))
        XCTAssertEqual(register.issues.filter { $0.message.contains("listed more than once") }.map(\.summary),
                       ["14: note[P1922]: `Dr Andrew Parson` is listed more than once (first at line 12); the entries are merged"])
    }

    func testContinuationRowsBelongToThePersonAbove() {
        guard let hasib = person("Dr Hasib Ur-Rub") else { return }
        XCTAssertEqual(hasib.name, "Dr Hasib Ur Rub")
        XCTAssertEqual(hasib.employer, "Bromley GP Alliance")
        XCTAssertEqual(hasib.lines, [2, 3, 4, 5])
        XCTAssertEqual(hasib.interests.map(\.type),
                       [.nonFinancialProfessional, .nonFinancialPersonal, .financial, .financial])
        XCTAssertEqual(hasib.interests.map(\.validFrom),
                       [day("2007-01-01"), day("2021-02-12"), day("2015-01-28"), day("2020-01-01")])
        XCTAssertEqual(hasib.interests.map(\.validTo), [nil, nil, nil, nil])

        guard let riley = person("Dr Claire Riley") else { return }
        XCTAssertEqual(riley.interests.map(\.type), [.financial, .nonFinancialProfessional, .indirect])
        XCTAssertEqual(riley.interests[1].typeText, "Non-financial professional interest")
    }

    func testPointerRowsAreKeptNotScreened() {
        for name in ["Councillor Colin Smith", "Cllr Diane Smith"] {
            guard let councillor = person(name) else { return }
            XCTAssertEqual(councillor.employer, "London Borough of Bromley")
            XCTAssertTrue(councillor.interests.isEmpty)
            XCTAssertEqual(councillor.pointers,
                           ["All interests are declared on the London Borough of Bromley register of interests."])
        }
    }

    func testEmptyTypeRowIsUnspecifiedWithItsEndDate() {
        guard let helleur = person("Angela Helleur") else { return }
        XCTAssertEqual(helleur.interests.count, 2)
        let witness = helleur.interests[1]
        XCTAssertEqual(witness.type, .unspecified)
        XCTAssertEqual(witness.typeText, "")
        XCTAssertEqual(witness.nature, "Works as an expert witness in midwifery claims - legacy cases only")
        XCTAssertEqual(witness.validFrom, day("2000-03-01"))
        XCTAssertEqual(witness.validTo, day("2023-11-13"))
        XCTAssertEqual(witness.line, 17)
        XCTAssertTrue(register.issues.contains { $0.line == 17 && !$0.isError && $0.message.contains("no type") })
    }

    func testNoInterestsDeclaredAndMissingDates() {
        guard let scott = person("Jacqui Scott"), let simmons = person("Helen Simmons") else { return }
        XCTAssertEqual(scott.employer, "Bromley Healthcare")
        XCTAssertTrue(scott.interests.isEmpty && scott.pointers.isEmpty)
        XCTAssertEqual(simmons.interests.count, 1)
        XCTAssertEqual(simmons.interests[0].type, .indirect)
        XCTAssertNil(simmons.interests[0].validFrom)
        XCTAssertNil(simmons.interests[0].validTo)
    }

    func testOnlyNotesNoErrors() {
        XCTAssertEqual(register.issues.filter(\.isError), [])
        XCTAssertEqual(register.issues.map(\.line), [14, 17])
    }

    func testNamesSpeltDifferentlyInTheMinutesResolve() {
        let index = PeopleIndex(register.people)
        for written in ["Dr Hasib Ur-Rub", "Cllr Colin Smith", "Cllr Diane Smith", "Dr Angela Bhan",
                        "Iain Dimond", "Helen Simmons", "Dr Andrew Parson"] {
            guard case .found(let at) = index.resolve(written) else {
                return XCTFail("\(written) did not resolve: \(index.resolve(written))")
            }
            XCTAssertEqual(register.people[at].key, PersonName.normalise(written))
        }
        XCTAssertEqual(index.resolve("Richard Baldwin"), .notFound)
    }

    func testOrganisationsNamedInsideTheNatureAreFound() {
        let scanner = KeywordScanner(patterns: [
            ("Bromley Healthcare", 1), ("Bromley Health Care", 1), ("Bromley Healthcare CIC", 1), ("BHC", 1),
            ("Bromley GP Alliance", 2), ("BGPA", 2),
            ("Oxleas NHS Foundation Trust", 3), ("Oxleas", 3),
        ])
        guard let parson = person("Dr Andrew Parson") else { return }
        XCTAssertEqual(scanner.matches(in: parson.interests[0].nature), [1, 2])
        XCTAssertEqual(scanner.matches(in: parson.interests[1].nature), [2])
        XCTAssertEqual(scanner.matches(in: parson.interests[2].nature), [])
    }

    func testExampleFileIsTheSeedRegisterByteForByte() throws {
        // Tests/ProbityRegisterTests/this file → the package's root, where Examples/ always is:
        // a missing file fails (it skipped once, from a path one folder too high, and so
        // checked nothing).
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Examples/registers/lcp-board-2023-11-23.tsv").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "no \(path)")
        let loaded = try RegisterLoader.load(path: path).get()
        XCTAssertEqual(loaded.fileName, "lcp-board-2023-11-23.tsv")
        XCTAssertEqual(loaded.people, register.people)
        XCTAssertEqual(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, Array(RegisterFixtures.lcpBoard.utf8))
    }
}
