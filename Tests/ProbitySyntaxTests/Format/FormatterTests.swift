import Foundation
import ProbitySyntax
import XCTest

final class FormatterTests: XCTestCase {
    private func format(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch Formatter.format(text) {
        case .success(let formatted): return formatted
        case .failure(let failure):
            XCTFail("unexpected syntax errors: \(failure.diagnostics.map(\.message))", file: file, line: line)
            return ""
        }
    }

    /// Formats `input`, compares with `expected`, and checks that formatting again changes nothing.
    private func assertFormats(_ input: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let once = format(input, file: file, line: line)
        XCTAssertEqual(once, expected, file: file, line: line)
        XCTAssertEqual(format(once, file: file, line: line), once, "formatting is not idempotent", file: file, line: line)
    }

    func testDeclarationsAndClauses() {
        assertFormats("""
            scheme   "S"
                 version "1"
            body a "A"
               committee of b
            rule R1 "Title"
            source "x"
              when kind=contract-award and value>£1m
                  require approval by a,b
            """, """
            scheme "S"
              version "1"

            body a "A"
              committee of b

            rule R1 "Title"
              source "x"
              when kind = contract-award and value > £1m
              require approval by a, b

            """)
    }

    func testAStepsListContinuesUnderItsFirstStep() {
        assertFormats("""
            rule R1 "Title"
              require approval by a
              steps in order procedure p, approval by a,
              notice to n
            test "T"
              expect steps in order procedure p,
                approval by a
            """, """
            rule R1 "Title"
              require approval by a
              steps in order procedure p, approval by a,
                             notice to n

            test "T"
              expect steps in order procedure p,
                                    approval by a

            """)
    }

    func testContinuedConditionsLineUpUnderWhen() {
        assertFormats("""
            rule R "t"
              when kind in { contract-award , contract-extension }
            and budget = icb-delegated
                    or value in ( £250k..£1m ]
              require approval by a
                require notice to leader
                  deemed approved after 5 days without objection
            """, """
            rule R "t"
              when kind in {contract-award, contract-extension}
               and budget = icb-delegated
                or value in (£250k .. £1m]
              require approval by a
              require notice to leader
                deemed approved after 5 days without objection

            """)
    }

    func testLinesInsideBracketsLineUpWithTheFirstTokenAfterTheBracket() {
        assertFormats("""
            rule R "t"
              when budget = icb-delegated
               and ((kind in {a, b}
              and value > x)
              or kind = c
                  or (route is present and route = c))
              require recommendation by pcg
            """, """
            rule R "t"
              when budget = icb-delegated
               and ((kind in {a, b}
                     and value > x)
                    or kind = c
                    or (route is present and route = c))
              require recommendation by pcg

            """)
    }

    func testMoneyIsKeptAsWrittenAndOpenIntervalsAreSpaced() {
        assertFormats("""
            rule R "t"
              when value in [£663,540..) and value<=£1.50m or value in (..£0.50]
              require approval by a
            """, """
            rule R "t"
              when value in [£663,540 ..) and value <= £1.50m or value in (.. £0.50]
              require approval by a

            """)
    }

    func testCommentsAreKept() {
        assertFormats("""
            # The header.
            # Second line.


            fields
                required kind: one of a, b,
                c, d     # a trailing comment
              value: money  # whole-life value
                            # continues here
            # about salary
              salary: money
            # A comment before the rule.
            rule R "t"   # on the rule line
                when kind = a   # why
              require approval by x
            # trailing comment at the end
            """, """
            # The header.
            # Second line.

            fields
              required kind: one of a, b,
                                    c, d # a trailing comment
              value: money               # whole-life value
                                         # continues here
              # about salary
              salary: money

            # A comment before the rule.
            rule R "t"      # on the rule line
              when kind = a # why
              require approval by x
            # trailing comment at the end

            """)
    }

    func testRunsOfOneLineDeclarationsMayStayTogether() {
        assertFormats("""
            include "a.probity"
            include "b.probity"
            let x = £1m
            let y = £2m


            let z = £3m
            body a "A"
            body b "B"
            rule R1 "t"
              require approval by a
            rule R2 "t"
              require approval by b
            """, """
            include "a.probity"
            include "b.probity"

            let x = £1m
            let y = £2m

            let z = £3m

            body a "A"
            body b "B"

            rule R1 "t"
              require approval by a

            rule R2 "t"
              require approval by b

            """)
    }

    func testTestDecisionRecordsKeepSpacesInsideTheirBraces() {
        assertFormats("""
            test "t"
              decision {id: "t-1", date: 2024-01-01,
                 kind: contract-award, value: £80k}
              meeting lcp-board attendees "Kim Carey", "Iain Dimond",
                      "Helen Simmons"
              expect approval by place-lead
            """, """
            test "t"
              decision { id: "t-1", date: 2024-01-01,
                         kind: contract-award, value: £80k }
              meeting lcp-board attendees "Kim Carey", "Iain Dimond",
                "Helen Simmons"
              expect approval by place-lead

            """)
    }

    func testWhitespaceOnlyAndEmptyFiles() {
        XCTAssertEqual(format(""), "")
        XCTAssertEqual(format("\n\n  \n"), "")
        XCTAssertEqual(format("# only a comment   \n\n"), "# only a comment\n")
    }

    func testFilesWithSyntaxErrorsAreRefused() {
        guard case .failure(let failure) = Formatter.format("rule R \"t\"\n  when value >\n  require approval by\n") else {
            return XCTFail("expected the file to be refused")
        }
        XCTAssertFalse(failure.diagnostics.isEmpty)
    }

    func testEqualsEqualsIsWrittenAsEquals() {
        assertFormats("rule R \"t\"\n  when kind == a\n  require approval by x\n", "rule R \"t\"\n  when kind = a\n  require approval by x\n")
    }

    // MARK: - The rule library

    /// Every `.probity` file under `Rules/`: formatting is idempotent and changes no token.
    func testRuleLibraryFormatsIdempotentlyWithoutChangingTokens() throws {
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root = root.deletingLastPathComponent()
        }
        let rules = root.appendingPathComponent("Rules")
        let enumerator = FileManager.default.enumerator(atPath: rules.path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".probity") { files.append(relative) }
        }
        for relative in files.sorted() {
            let bytes = try [UInt8](Data(contentsOf: rules.appendingPathComponent(relative)))
            guard case .success(let once) = Formatter.format(bytes, path: relative) else {
                continue  // a file mid-edit with syntax errors: fmt refuses it, which is tested above
            }
            guard case .success(let twice) = Formatter.format(Array(once.utf8), path: relative) else {
                XCTFail("\(relative): formatted output does not parse")
                continue
            }
            XCTAssertEqual(twice, once, "\(relative): formatting is not idempotent")
            XCTAssertEqual(tokens(once), tokens(String(decoding: bytes, as: UTF8.self)), "\(relative): formatting changed the tokens")
            XCTAssertEqual(comments(once), comments(String(decoding: bytes, as: UTF8.self)), "\(relative): formatting changed the comments")
            XCTAssertFalse(once.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") }, "\(relative): trailing whitespace")
        }
    }

    private func tokens(_ text: String) -> [String] {
        var interner = Interner()
        let bytes = Array(text.utf8)
        let (tokens, _) = Lexer.tokenize(bytes, file: FileID(0), interner: &interner)
        return tokens.map { token in
            let spelled = String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
            return "\(token.kind):\(token.kind == .equal ? "=" : spelled)"
        }
    }

    private func comments(_ text: String) -> [String] {
        var interner = Interner()
        let bytes = Array(text.utf8)
        let (_, comments, _) = Lexer.tokenizeKeepingComments(bytes, file: FileID(0), interner: &interner)
        return comments.map { String(decoding: bytes[$0], as: UTF8.self).trimmingCharacters(in: .whitespaces) }
    }
}

extension FormatterTests {
    func testTheAuditBlockIsLaidOutLikeTheOthers() throws {
        let once = try Formatter.format("""
            audit
            split window   12 months
                 split by counterparty,requirement
              review declarations every 1 year
            """).get()
        XCTAssertEqual(once, """
            audit
              split window 12 months
              split by counterparty, requirement
              review declarations every 1 year

            """)
        XCTAssertEqual(try Formatter.format(once).get(), once)
    }
}
