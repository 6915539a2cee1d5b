import ProbityRegister
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

/// ``RegisterLinks/variants(of:)``: a name as written, then without a trailing legal form. An
/// ASCII name is read from its bytes; it must give exactly what the definition gives, split by
/// character and every word folded.
final class LegalFormVariantsTests: XCTestCase {
    private static let words = ["Riverside", "care", "LTD", "Ltd.", "ltd", "Limited", "plc", "P.L.C.", "CIC", "llp", "Inc",
                                "Community", "Interest", "company", "Community-Interest-Company", "&", "(GP)", "L.td", "",
                                "Søren", "Straße", "42", "-", "\t"]
    private static let forms: [[String]] = [
        ["ltd"], ["limited"], ["plc"], ["cic"], ["llp"], ["inc"], ["community", "interest", "company"],
    ]

    /// The definition: split at spaces by character, each word folded, the first legal form that
    /// ends the name (with a word before it) taken off.
    private static func defined(_ written: String) -> [String] {
        let trimmed = String(written.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        var variants = [trimmed]
        let words = trimmed.split(whereSeparator: { $0 == " " })
        let folded = words.map { PersonName.words(String($0)).joined(separator: " ") }
        for form in forms where folded.count > form.count && Array(folded.suffix(form.count)) == form {
            variants.append(words.dropLast(form.count).joined(separator: " "))
            break
        }
        return variants
    }

    func testVariantsAreTheirDefinition() {
        var (seed, random) = TestSeed.generator()
        var cut = 0
        for round in 0..<3_000 {
            let name = (0..<random.below(6)).map { _ in Self.words[random.below(Self.words.count)] }
                .joined(separator: random.chance(0.2) ? "  " : " ")
            let written = (random.chance(0.2) ? " " : "") + name + (random.chance(0.2) ? "  " : "")
            let variants = RegisterLinks.variants(of: written)
            XCTAssertEqual(variants, Self.defined(written), "seed \(seed), round \(round): `\(written)`")
            if variants.count == 2 { cut += 1 }
        }
        XCTAssertGreaterThan(cut, 300, "seed \(seed): too few names ended in a legal form")
        XCTAssertEqual(RegisterLinks.variants(of: "Riverside Care  Ltd."), ["Riverside Care  Ltd.", "Riverside Care"])
        XCTAssertEqual(RegisterLinks.variants(of: "Riverside Community Interest Company"), ["Riverside Community Interest Company", "Riverside"])
        XCTAssertEqual(RegisterLinks.variants(of: "Ltd"), ["Ltd"], "a legal form alone is no name")
    }
}
