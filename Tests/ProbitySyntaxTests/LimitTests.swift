import ProbitySyntax
import XCTest

/// The parser's limits fail cleanly (docs/robustness.md): a located error, never a deep tree.
final class LimitTests: XCTestCase {
    private func parse(_ text: String) -> (FileSyntax, [Diagnostic]) {
        var interner = Interner()
        return Parser.parse(SourceFile(path: "test.probity", text: text), id: FileID(0), interner: &interner)
    }

    private func chain(_ terms: Int, _ joiner: String, perLine: Int = .max) -> String {
        var text = "fields\n  value: money\nbody b \"B\"\nrule R \"r\"\n  when value > £1"
        for index in 1..<terms {
            text += index % perLine == 0 ? "\n   \(joiner) value > £\(index)" : " \(joiner) value > £\(index)"
        }
        return text + "\n  require approval by b\nrule NEXT \"still read\"\n  when value > £2\n  require approval by b\n"
    }

    func testAFlatChainOfAHundredThousandTermsIsOneErrorAndTheNextRuleIsRead() {
        for joiner in ["and", "or"] {
            for perLine in joiner == "and" ? [Int.max, 7] : [Int.max] {
                let (syntax, diagnostics) = parse(chain(100_000, joiner, perLine: perLine))
                XCTAssertEqual(diagnostics.map(\.code), ["P1304"], "\(joiner), \(perLine) per line")
                let rules = syntax.declarations.compactMap { if case .rule(let rule) = $0 { rule.name.text } else { nil } }
                XCTAssertEqual(rules, ["R", "NEXT"])
            }
        }
    }

    func testAChainAtTheLimitIsAccepted() {
        let (_, diagnostics) = parse(chain(Parser.maximumTerms, "and"))
        XCTAssertEqual(diagnostics.map(\.code), [])
    }

    func testTermsInsideParenthesesCountTowardsTheLimit() {
        var text = "fields\n  value: money\nbody b \"B\"\nrule R \"r\"\n  when value > £1"
        for index in 1...(Parser.maximumTerms / 2) { text += " and (value > £\(index) or value < £1)" }
        text += "\n  require approval by b\n"
        XCTAssertEqual(parse(text).1.map(\.code), ["P1304"])
    }

    func testOverlongNamesAreRefused() {
        let long = String(repeating: "n", count: Lexer.maximumNameLength + 1)
        XCTAssertEqual(parse("body \(long) \"B\"\n").1.map(\.code), ["P1309"])
        XCTAssertEqual(parse("body \(long.dropLast()) \"B\"\n").1.map(\.code), [])
    }

    func testOverlongDurationsAreRefused() {
        let (_, diagnostics) = parse("rule R \"r\"\n  when value > £1\n  require notice to b deemed approved after 99999999999 days without objection\n")
        XCTAssertTrue(diagnostics.map(\.code).contains("P1303"), "\(diagnostics.map(\.message))")
    }
}
