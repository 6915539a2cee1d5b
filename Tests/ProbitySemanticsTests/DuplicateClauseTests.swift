import ProbitySemantics
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// A clause a declaration may have once, given twice, is an error (P1502) with a fix-it that
/// removes the second: the checker used to keep only the last `effective` of a rule, silently.
final class DuplicateClauseTests: XCTestCase {
    @discardableResult
    private func check(_ marked: String, _ expected: [DiagnosticSpec], file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        let source = MarkedSource(marked, prelude: CheckerTests.prelude)
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: source.text))
        XCTAssertNil(program, "rules with a duplicate clause must not check", file: file, line: line)
        assertDiagnostics(diagnostics, in: source, expected, file: file, line: line)
        return diagnostics
    }

    func testASecondEffectiveInARuleIsAnErrorNotingTheFirst() {
        let diagnostics = check("""
        rule A "a"
          when kind = contract-award
          effective from 2023-04-01
          require approval by lcp-board
          1️⃣effective from 2024-04-01
        """, [DiagnosticSpec("P1502", at: "1️⃣",
                             message: "the rule `A` has a second `effective` clause; it may have only one, and the second would replace the first",
                             fixedSource: """
        rule A "a"
          when kind = contract-award
          effective from 2023-04-01
          require approval by lcp-board
          
        """)])
        let note = diagnostics.first?.notes.first
        XCTAssertEqual(note?.message, "the first `effective` is here")
        XCTAssertNotNil(note?.range)
        XCTAssertEqual(diagnostics.first?.fixIt?.message, "remove the second `effective`, or the first if this one is right")
    }

    func testEveryOnceClauseOfARule() {
        check("""
        rule A "a"
          when kind = contract-award
          source "first"
          require approval by lcp-board
          approvals in order lcp-board
          1️⃣source "second"
          2️⃣approvals in order lcp-board
        """, [DiagnosticSpec("P1502", at: "1️⃣"), DiagnosticSpec("P1502", at: "2️⃣")])
    }

    func testBodiesProceduresConstantsAndTheScheme() {
        check("""
        body audit "Audit"
          committee of lcp-board
          source "a"
          1️⃣source "b"
        procedure p "P"
          source "a"
          2️⃣source "b"
        let limit = £1m
          placeholder "a"
          3️⃣placeholder "b"
        """, [DiagnosticSpec("P1502", at: "1️⃣"), DiagnosticSpec("P1502", at: "2️⃣"), DiagnosticSpec("P1502", at: "3️⃣")])
    }

    /// Clauses that may repeat (`when`, `require`, `accept`) are not duplicates.
    func testRepeatableClausesStayAllowed() {
        let source = CheckerTests.prelude + """
        rule A "a"
          when kind = contract-award
          when value > £1
          require approval by lcp-board
          require approval by place-lead
        """
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: source))
        XCTAssertNotNil(program, diagnostics.map(\.message).joined(separator: "\n"))
        XCTAssertFalse(diagnostics.contains { $0.code == "P1502" })
    }
}
