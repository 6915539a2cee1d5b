import XCTest
import ProbitySupport
@testable import ProbityRegister

/// The importer's contract: every non-blank row after the header is kept or reported, and
/// `read = kept + reported` (issue 13).
final class RegisterRowContractTests: XCTestCase {
    private func parse(_ text: String, fileName: String = "register.csv") -> Register {
        RegisterLoader.parse(Array(text.utf8), fileName: fileName)
    }

    private let header = "Name,Employer,Position,Declared Interest,Nature of Interest,Valid From,Valid To\n"

    func testContinuationRowWithAnEmployerButNoDeclarationIsKept() {
        let register = parse(header + """
        Dr Ada Lovelace,Analytical Ltd,Director,Financial Interest,Shares in Analytical Ltd,01/01/2020,
        ,Bromley Healthcare,Non-executive director,,,,
        """)
        XCTAssertEqual(register.rows, RegisterRowCount(read: 2, kept: 2, reported: 0))
        let ada = register.people[0]
        XCTAssertEqual(ada.lines, [2, 3])
        XCTAssertEqual(ada.interests.count, 2)
        XCTAssertTrue(ada.interests[1].nature.contains("Bromley Healthcare"), ada.interests[1].nature)
        XCTAssertTrue(register.issues.contains { $0.line == 3 }, "the reading is noted")
    }

    func testRowsThatDeclareNothingUsableAreReported() {
        let register = parse(header + """
        ,Orphan Employer,Clerk,,,,
        Dr Ada Lovelace,Analytical Ltd,Director,,,,
        ,,,,,01/01/2020,
        ,,,,,,,extra
        too,few
        """)
        XCTAssertEqual(register.rows.read, 5)
        XCTAssertEqual(register.rows.kept, 1)
        XCTAssertEqual(register.rows.reported, 4)
        XCTAssertEqual(register.issues.filter(\.isError).map(\.line), [2, 4, 5, 6])
    }

    func testTooManyColumnsIsACleanFailure() {
        let header = (0...RegisterLoader.maximumColumns).map { "c\($0)" }.joined(separator: ",") + ",Name,Declared Interest\n"
        guard case .failure(.tooLarge) = RegisterLoader.read(Array(header.utf8), fileName: "wide.csv") else {
            return XCTFail("a register wider than the limit must be refused")
        }
    }

    func testBlankRowsAreNeitherReadNorReported() {
        let register = parse(header + "\n,,,,,,\nDr Ada Lovelace,,,Nil,,,\n")
        XCTAssertEqual(register.rows, RegisterRowCount(read: 1, kept: 1, reported: 0))
    }

    func testJSONRowsAndPeopleAreCounted() {
        let flat = parse(#"[{"name": "A B", "type": "Financial Interest", "nature": "x"}, {"employer": "Z Ltd"}, 7]"#, fileName: "r.json")
        XCTAssertEqual(flat.rows, RegisterRowCount(read: 3, kept: 2, reported: 1))
        let nested = parse(#"{"people": [{"name": "A B", "interests": [{"type": "Financial Interest", "nature": "x"}, 3]}, {"employer": "Q"}]}"#, fileName: "r.json")
        XCTAssertEqual(nested.rows, RegisterRowCount(read: 4, kept: 2, reported: 2))
    }

    /// Seeded: random rows, damaged ones included, always add up.
    func testReadIsKeptPlusReportedOnRandomRegisters() {
        let seed = UInt64(ProcessInfo.processInfo.environment["PROBITY_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64(UInt32.max))
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let cells = ["", "", "Dr Ada Lovelace", "Bob Smith", "Analytical Ltd", "Director", "Financial Interest",
                     "Nil", "Indirect", "see above", "Shares", "01/01/2020", "31/13/2020", "\"quoted, cell\"", "x"]
        for _ in 0..<200 {
            var text = header
            var nonBlank = 0
            for _ in 0..<next(12) {
                let width = next(10) == 0 ? next(9) : 7
                let row = (0..<width).map { _ in cells[next(cells.count)] }
                if row.contains(where: { !$0.isEmpty }) { nonBlank += 1 }
                text += row.joined(separator: ",") + "\n"
            }
            let register = parse(text)
            XCTAssertEqual(register.rows.read, nonBlank, "seed \(seed): \(text)")
            XCTAssertEqual(register.rows.read, register.rows.kept + register.rows.reported, "seed \(seed): \(text)")
            if register.rows.read != register.rows.kept + register.rows.reported { return }
        }
    }
}
