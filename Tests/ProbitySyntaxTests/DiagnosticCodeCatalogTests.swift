import Foundation
import ProbitySyntax
import XCTest

/// The catalogue of diagnostic codes, the code base and `docs/diagnostics.md` say the same: the
/// sources name codes from the catalogue only (no code written as text), the catalogue lists
/// every constant it declares, and the document gives a meaning to every code in it.
final class DiagnosticCodeCatalogTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private var catalogueFile: URL {
        root.appendingPathComponent("Sources/ProbitySyntax/Diagnostics/DiagnosticCode+Catalog.swift")
    }

    func testACodeIsWrittenAndReadAsPAndFourDigits() {
        XCTAssertEqual(DiagnosticCode.undeclaredName.description, "P0201")
        XCTAssertEqual(DiagnosticCode.unreadableHistory.description, "P1842")
        XCTAssertEqual(DiagnosticCode("P0201"), .undeclaredName)
        for text in ["", "P201", "P02011", "p0201", "P02a1", "Q0201", "P０201"] {
            XCTAssertNil(DiagnosticCode(text), text)
        }
        XCTAssertEqual(DiagnosticCode.attendeeNotOnRegister.category, .conflicts)
        XCTAssertEqual(DiagnosticCode.gap.category, .lint)
        XCTAssertNotEqual(DiagnosticCode.wrongDecider.category, .conflicts)
    }

    /// Every code in the catalogue is written as `P` and its number in four digits, zeros
    /// first, and reads back as itself.
    func testEveryCodeIsWrittenWithItsNumberInFourDigits() {
        XCTAssertFalse(DiagnosticCode.catalogue.isEmpty)
        for code in DiagnosticCode.catalogue {
            let text = code.description
            XCTAssertEqual(text, "P" + String(format: "%04d", code.number))
            XCTAssertEqual(DiagnosticCode(text), code, text)
        }
    }

    func testTheCatalogueListsEveryConstantOnceInOrder() throws {
        let text = try String(contentsOf: catalogueFile, encoding: .utf8)
        let declared = matches(#"public static let (\w+) = DiagnosticCode\((\d+)\)"#, in: text)
        XCTAssertEqual(declared.count, DiagnosticCode.catalogue.count, "every constant is in `catalogue`, and nothing else")
        XCTAssertEqual(declared.map { Int($0[2]) }, DiagnosticCode.catalogue.map(\.number), "`catalogue` follows the declarations")
        XCTAssertEqual(DiagnosticCode.catalogue, DiagnosticCode.catalogue.sorted(), "declared in code order")
        XCTAssertEqual(Set(DiagnosticCode.catalogue).count, DiagnosticCode.catalogue.count, "a code declared twice")
    }

    func testTheDocumentGivesEveryCodeOfTheCatalogueAndNoOther() throws {
        let document = try String(contentsOf: root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        var documented = Set<String>(), retired = Set<String>()
        for row in matches(#"(?m)^\| `?(P\d{4})`? \|(.*)\|\s*$"#, in: document) {
            if row[2].contains("retired") { retired.insert(row[1]) } else { documented.insert(row[1]) }
        }
        let catalogue = Set(DiagnosticCode.catalogue.map(\.description))
        XCTAssertEqual(catalogue.subtracting(documented).sorted(), [], "codes the sources can report that docs/diagnostics.md does not document")
        XCTAssertEqual(documented.subtracting(catalogue).sorted(), [], "documented codes with no constant in the catalogue")
        XCTAssertEqual(catalogue.intersection(retired).sorted(), [], "retired codes are not reused")
    }

    /// A code written as text in the sources would be a code the catalogue and the document
    /// might not know; every code there is a named constant, so the test above covers them all.
    func testTheSourcesNameEveryCodeFromTheCatalogue() throws {
        var offences: [String] = []
        var used = Set<String>()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0 != catalogueFile } ?? []
        XCTAssertFalse(files.isEmpty)
        let names = try matches(#"public static let (\w+) = DiagnosticCode"#, in: String(contentsOf: catalogueFile, encoding: .utf8)).map { $0[1] }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for name in names where text.contains(".\(name)") { used.insert(name) }
            guard text.contains("\"P") || text.contains("[P") else { continue }
            // The renderer alone writes `error[P0201]`; nothing words a diagnostic line by hand.
            let pattern = file.lastPathComponent == "DiagnosticRenderer.swift" ? #""P\d{2,4}"|hasPrefix\("P"#
                : #""P\d{2,4}"|hasPrefix\("P|(error|warning|note)\[P"#
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for found in matches(pattern, in: String(line)) {
                    offences.append("\(file.path.dropFirst(root.path.count + 1)):\(number + 1): \(found[0])")
                }
            }
        }
        XCTAssertEqual(offences, [], "a code or a diagnostic line written as text: name the code from DiagnosticCode+Catalog.swift (adding it there and to docs/diagnostics.md) and write through DiagnosticRenderer")
        XCTAssertEqual(names.filter { !used.contains($0) }, [], "catalogued codes nothing in the sources reports")
    }

    private func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            XCTFail("bad pattern \(pattern)")
            return []
        }
        let whole = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: whole).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}
