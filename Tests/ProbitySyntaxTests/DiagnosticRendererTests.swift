import ProbitySyntax
import XCTest

final class DiagnosticRendererTests: XCTestCase {
    func testRendersPositionSourceLineCaretAndFixIt() {
        var sources = SourceMap()
        let text = "rule A \"a\"\n  require approval by lcp-bord\n"
        let file = sources.add(SourceFile(path: "Rules/a.probity", text: text))
        let start = text.utf8.count - "lcp-bord\n".utf8.count
        let range = SourceRange(file: file, start: start, end: start + 8)
        let diagnostic = Diagnostic.error("P0201", "undeclared body or officer `lcp-bord`", at: range,
                                          fixIt: FixIt(message: "did you mean `lcp-board`?", range: range, replacement: "lcp-board"))
        XCTAssertEqual(DiagnosticRenderer(sources: sources).render(diagnostic), """
        error[P0201]: undeclared body or officer `lcp-bord`
         --> Rules/a.probity:2:23
          |
        2 |   require approval by lcp-bord
          |                       ^^^^^^^^ did you mean `lcp-board`?

        """)
    }

    func testColumnsCountCharactersNotBytes() {
        let file = SourceFile(path: "a", text: "when value > £1m and x")
        let offset = Array("when value > £1m and ".utf8).count
        XCTAssertEqual(offset, 22)
        // 21 characters precede `x`, so it is in column 22 although 22 bytes precede it.
        XCTAssertEqual(file.lineAndColumn(of: offset).column, 22)
    }
}
