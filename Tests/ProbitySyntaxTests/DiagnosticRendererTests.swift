import ProbitySupport
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

    func testAProblemInAnInputFileIsOneLineAfterItsPosition() {
        let renderer = DiagnosticRenderer(sources: SourceMap())
        let item = Diagnostic(.error, "P0701", "unknown field `valeu`", in: InputPosition(file: "agenda.json", field: "valeu", part: "item 11"))
        XCTAssertEqual(renderer.render(item), "agenda.json: item 11: error[P0701]: unknown field `valeu`\n")
        let row = Diagnostic(.warning, "P1116", "a row with no name", in: InputPosition(file: "register.csv", line: 7))
        XCTAssertEqual(renderer.render(row), "register.csv:7: warning[P1116]: a row with no name\n")
        XCTAssertEqual(renderer.render(Diagnostic(.error, "P0706", "cannot read decision file `d.json`", in: nil)),
                       "error[P0706]: cannot read decision file `d.json`\n")
    }

    func testJSONSaysWhereInTheRulesOrInTheInput() {
        var sources = SourceMap()
        let file = sources.add(SourceFile(path: "Rules/a.probity", text: "rule A \"a\"\n"))
        let renderer = DiagnosticRenderer(sources: sources)
        let inRules = Diagnostic.error("P0201", "undeclared body `x`", at: SourceRange(file: file, start: 5, end: 6))
        XCTAssertEqual(JSONWriter.compact(.object(renderer.jsonMembers(inRules))),
                       #"{"code":"P0201","severity":"error","message":"undeclared body `x`","file":"Rules/a.probity","line":1,"column":6,"notes":[]}"#)
        let inInput = Diagnostic(.error, "P0702", "field `value` must be money", in: InputPosition(file: "d.json", field: "value"))
        XCTAssertEqual(JSONWriter.compact(.object(renderer.jsonMembers(inInput))),
                       #"{"code":"P0702","severity":"error","message":"field `value` must be money","file":"d.json","field":"value","notes":[]}"#)
    }
}
