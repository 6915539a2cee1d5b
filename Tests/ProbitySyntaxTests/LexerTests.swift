import ProbitySyntax
import XCTest

final class LexerTests: XCTestCase {
    private func lex(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic], interner: Interner) {
        var interner = Interner()
        let (tokens, diagnostics) = Lexer.tokenize(Array(text.utf8), file: FileID(0), interner: &interner)
        return (tokens, diagnostics, interner)
    }

    func testMoneyLiteralsAreExactPence() {
        let (tokens, diagnostics, _) = lex("£250k £1m £1.5m £663,540 £0.50 £27.4m")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(tokens.dropLast().map(\.kind), Array(repeating: .money, count: 6))
        XCTAssertEqual(tokens.dropLast().map(\.integer), [25_000_000, 100_000_000, 150_000_000, 66_354_000, 50, 2_740_000_000])
    }

    func testMoneyFollowedByRangeOperator() {
        let (tokens, diagnostics, _) = lex("(£250k..£1m]")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(tokens.map(\.kind), [.leftParen, .money, .dotDot, .money, .rightBracket, .endOfFile])
    }

    func testACommaAfterMoneySeparatesFields() {
        let (tokens, diagnostics, _) = lex("value: £663,540, date: £1,000,000.01,")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(tokens.map(\.kind), [.identifier, .colon, .money, .comma, .identifier, .colon, .money, .comma, .endOfFile])
        XCTAssertEqual(tokens[6].integer, 100_000_001)
    }

    func testFractionOfPennyIsAnError() {
        let (tokens, diagnostics, _) = lex("£0.005")
        XCTAssertEqual(tokens.first?.kind, .invalid)
        XCTAssertEqual(diagnostics.map(\.code), ["P0103"])
    }

    func testDatesBecomeDayNumbers() {
        let (tokens, diagnostics, _) = lex("2024-01-01 2023-02-30")
        XCTAssertEqual(tokens[0].kind, .date)
        XCTAssertEqual(tokens[0].integer, 19723)
        XCTAssertEqual(diagnostics.map(\.code), ["P0104"])
    }

    func testHyphenatedIdentifiersAndArrows() {
        let (tokens, _, interner) = lex("non-financial-professional->exclude lcp-board- s75-variation")
        XCTAssertEqual(tokens.map(\.kind), [.identifier, .arrow, .identifier, .identifier, .invalid, .identifier, .endOfFile])
        XCTAssertEqual(interner[Symbol(rawValue: Int32(tokens[0].integer))], "non-financial-professional")
        XCTAssertEqual(interner[Symbol(rawValue: Int32(tokens[3].integer))], "lcp-board")
    }

    func testIdentifiersAreInterned() {
        let (tokens, _, _) = lex("kind value kind")
        XCTAssertEqual(tokens[0].integer, tokens[2].integer)
        XCTAssertNotEqual(tokens[0].integer, tokens[1].integer)
    }

    func testLineStartsCommentsAndPercentages() {
        let (tokens, _, _) = lex("rule # comment\n  when 50% # more\nx")
        XCTAssertEqual(tokens.map(\.isAtLineStart), [true, true, false, true, true])
        XCTAssertEqual(tokens[2].kind, .percent)
        XCTAssertEqual(tokens[2].integer, 50)
    }

    func testStringsWithEscapesAndUnterminated() {
        let (tokens, diagnostics, _) = lex(#""a \"b\" £" "open"# + "\nnext")
        XCTAssertEqual(tokens[0].text, #"a "b" £"#)
        XCTAssertEqual(tokens[1].kind, .string)
        XCTAssertEqual(diagnostics.map(\.code), ["P0102"])
    }

    func testUnexpectedCharacterIsOneScalar() {
        let (tokens, diagnostics, _) = lex("a € b")
        XCTAssertEqual(tokens.map(\.kind), [.identifier, .invalid, .identifier, .endOfFile])
        XCTAssertEqual(diagnostics.first?.message, "unexpected character `€`")
    }

    func testByteOrderMarkIsSkipped() {
        let (tokens, diagnostics, _) = lex("\u{FEFF}rule")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(tokens.first?.kind, .identifier)
    }
}
