import XCTest
@testable import ProbityRegister
import ProbitySupport
import ProbityTestSupport

/// A cell made into text from its bytes is what the builder made of it as a string: the bytes
/// decoded (repaired where they are not UTF-8) and trimmed by `TextFolding.trimmed`, whatever
/// the cell above it was.
final class RegisterCellTextTests: XCTestCase {
    private func check(_ cellText: inout RegisterCellText, _ bytes: [UInt8], field: RegisterField, _ context: @autoclosure () -> String) -> Bool {
        let expected = TextFolding.trimmed(String(decoding: bytes, as: UTF8.self))
        let (text, blank) = bytes.withUnsafeBufferPointer { (cellText.text($0, field: field), RegisterCellText.isBlank($0)) }
        XCTAssertEqual(text, expected, context())
        XCTAssertEqual(blank, expected.isEmpty, context())
        return text == expected && blank == expected.isEmpty
    }

    func testCellsTrimAsTextDoes() {
        var cellText = RegisterCellText()
        let cells = ["", " ", "a", " a ", "\ta b\r\n", "\u{A0}Riverside\u{A0}", "\u{2003}x", "x\u{FEFF}", "\u{A0}", "é", " é ",
                     "Tomás", "Probity Benchmark ICB", " Probity Benchmark ICB", "Probity Benchmark ICB ", "Probity Benchmark IC"]
        for cell in cells + cells.reversed() {
            _ = check(&cellText, Array(cell.utf8), field: .employer, cell.debugDescription)
        }
        // Bytes that are not UTF-8, at the ends and inside.
        for bytes: [UInt8] in [[0xC3], [0x20, 0xC3, 0x20], [0x61, 0xC3, 0x61], [0xE2, 0x80], [0x20, 0xE2, 0x80, 0x83, 0x20], [0xC2, 0xA0, 0x61]] {
            _ = check(&cellText, bytes, field: .nature, "\(bytes)")
        }
    }

    /// Seeded: random cells from a few values, spaces of every kind and broken bytes, in random
    /// fields, so that a value repeats in its field, follows another, or is a prefix of the last.
    func testRandomCellsInRandomFieldsTrimAsTextDoes() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let pieces: [[UInt8]] = ["Financial Interest", "Financial", "Interest", " ", "\t", "\u{A0}", "\u{2009}", "é", "01/04/2020", "x"].map { Array($0.utf8) }
            + [[0xC3], [0x80], [0xE2, 0x80]]
        var cellText = RegisterCellText()
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(5) { bytes += pieces[random.below(pieces.count)] }
            let field = RegisterField.allCases[random.below(3)]
            if !check(&cellText, bytes, field: field, "seed \(seed), round \(round): \(bytes) in \(field)") { return }
        }
    }
}

/// A row's cells are kept in place, one for each field.
final class RegisterRowCellsTests: XCTestCase {
    func testThereIsACellForEveryField() {
        var cells = RegisterRowCells()
        let bytes: [UInt8] = Array("abcdefghi".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for field in RegisterField.allCases {
                cells[field] = UnsafeBufferPointer(rebasing: buffer[field.rawValue...field.rawValue])
            }
            for field in RegisterField.allCases {
                XCTAssertEqual(Array(cells[field]), [bytes[field.rawValue]], "\(field)")
            }
            cells.clear()
            XCTAssertTrue(RegisterField.allCases.allSatisfy { cells[$0].isEmpty })
        }
    }
}
