import XCTest
@testable import ProbityRegister

final class TextFoldingTests: XCTestCase {
    func testTrimmedRemovesSpacesOfEveryKindAtBothEndsOnly() {
        let cases: [(String, String)] = [
            ("", ""), ("a", "a"), ("Ana Tomás", "Ana Tomás"), (" a ", "a"), ("\ta b\r\n", "a b"),
            ("\u{A0}Riverside\u{A0}", "Riverside"), ("\u{2003}x", "x"), ("x\u{FEFF}", "x"), ("   ", ""),
            ("\u{A0}", ""), ("é", "é"), (" é", "é"), ("é ", "é"), ("Tomás", "Tomás"), ("~", "~"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(TextFolding.trimmed(text), expected, text.debugDescription)
        }
    }
}
