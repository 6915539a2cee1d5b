import ProbitySyntax
import ProbityTestSupport
import XCTest

final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> (FileSyntax, [Diagnostic]) {
        var interner = Interner()
        let file = SourceFile(path: "test.probity", text: text)
        return Parser.parse(file, id: FileID(0), interner: &interner)
    }

    /// Asserts the diagnostics' codes, each pointing at its marker, in order.
    private func assertDiagnostics(_ marked: String, _ expected: [(marker: String, code: String)],
                                   file: StaticString = #filePath, line: UInt = #line) {
        let source = MarkedSource(marked)
        let (_, diagnostics) = parse(source.text)
        ProbityTestSupport.assertDiagnostics(diagnostics, in: source, expected, file: file, line: line)
    }

    func testParsesARuleWithEveryRequirement() {
        let (syntax, diagnostics) = parse("""
        rule CA-2 "Contract awards from £250k to £1m"
          source "003, 3.3"
          effective from 2023-04-01 until 2025-03-31
          when kind = contract-award and budget = icb-delegated
           and value in (£250k .. £1m]
          require recommendation by pcg
          require approval by lcp-board, icb-board
          require procedure psr-standstill
          require notice to council-leader, portfolio-holder-adult-care
            deemed approved after 5 days without objection
        """)
        XCTAssertEqual(diagnostics, [])
        guard case .rule(let rule) = syntax.declarations.first else { return XCTFail("expected a rule") }
        XCTAssertEqual(rule.name.text, "CA-2")
        XCTAssertEqual(rule.source?.value, "003, 3.3")
        XCTAssertEqual(rule.effective?.from, 19448)
        XCTAssertEqual(rule.requirements.count, 4)
        guard case .notice(let recipients, let deemed, _) = rule.requirements[3] else { return XCTFail("expected a notice") }
        XCTAssertEqual(recipients.map(\.text), ["council-leader", "portfolio-holder-adult-care"])
        XCTAssertEqual(deemed, Duration(amount: 5, unit: .days))
        guard case .and(.and(_, _, _), .membership(_, .interval(let lower, let upper, _), false, _), _) = rule.conditions[0] else {
            return XCTFail("expected `a and b and value in (…]`, got \(rule.conditions[0])")
        }
        XCTAssertEqual(lower?.isClosed, false)
        XCTAssertEqual(upper?.isClosed, true)
    }

    func testReportsEverySyntaxErrorInOneRun() {
        assertDiagnostics("""
        rule A "a"
          when kind =
        1️⃣rule B "b"
          require 2️⃣approvl by x
        body 3️⃣"no id"
        rule C "c"
          when value > £1m
          require approval by icb-board
        4️⃣junk here
        """, [("1️⃣", "P0105"), ("2️⃣", "P0105"), ("3️⃣", "P0105"), ("4️⃣", "P0106")])
    }

    func testRecoversAndKeepsLaterDeclarations() {
        let (syntax, diagnostics) = parse("""
        rule A "a"
          when (kind = x
          require approval by b
        body icb-board "ICB Board"
        """)
        XCTAssertFalse(diagnostics.isEmpty)
        XCTAssertTrue(syntax.declarations.contains { if case .body(let b) = $0 { b.name.text == "icb-board" } else { false } })
    }

    func testUnknownClauseSaysWhatWasExpected() {
        let (_, diagnostics) = parse("rule A \"a\"\n  wen kind = x\n")
        XCTAssertEqual(diagnostics.first?.message, "unexpected `wen` in the rule `A`; expected `when`, `require`, `effective`, `source`, `overlaps` or `accept`")
    }

    /// What was expected, and where, is worded only when a diagnostic needs it (autoclosures,
    /// docs/performance.md item 38): each kind of context still names its declaration or field.
    func testLazilyWordedContextsNameTheirDeclarationOrField() {
        let messages: [(String, String)] = [
            ("organisation acme \"Acme\"\n  bogus x\n",
             "unexpected `bogus` in the organisation `acme`; expected `aka`, `source` or a relation (`member of`, `owned by`, `shareholder of`, `holds contract from`, `part of`, `subsidiary of`)"),
            ("body icb-board \"ICB Board\"\n  source \"a\"\n  source \"b\"\n",
             "the body `icb-board` has a second `source` clause; it may have only one, and the second would replace the first"),
            ("rule A \"a\"\n  source \"a\"\n  source \"b\"\n",
             "the rule `A` has a second `source` clause; it may have only one, and the second would replace the first"),
            ("test \"t\"\n  decision { amount £5 }\n",
             "expected `:` after the field name `amount`, found an amount of money"),
            ("rule A \"a\"\n  approvals in bogus b\n",
             "expected `order` after `approvals in`, found `bogus`"),
        ]
        for (text, message) in messages {
            let (_, diagnostics) = parse(text)
            XCTAssertTrue(diagnostics.contains { $0.message == message },
                          "no diagnostic \"\(message)\" in \(diagnostics.map(\.message))")
        }
    }

    func testNestingIsCapped() {
        let deep = String(repeating: "(", count: 10_000) + "a = b" + String(repeating: ")", count: 10_000)
        let (_, diagnostics) = parse("rule A \"a\"\n  when \(deep)\n  require approval by x\n")
        XCTAssertTrue(diagnostics.contains { $0.code == "P0109" })
    }

    func testLongAndChainsDoNotRecurse() {
        // Up to the length limit (longer chains are one P1304: LimitTests).
        let chain = (0..<Parser.maximumTerms).map { "f\($0) = x" }.joined(separator: " and ")
        let (syntax, diagnostics) = parse("rule A \"a\"\n  when \(chain)\n  require approval by x\n")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(syntax.declarations.count, 1)
    }

    func testParsesConflictsQuorumVotingMembersAndTests() {
        let (syntax, diagnostics) = parse("""
        organisation bhc "Bromley Healthcare CIC"
          aka "Bromley Healthcare", "BHC"
          holds contract from sel-icb
        conflicts
          relevant fields counterparty, bidders
          related within 2 steps via member-of, owned-by
          financial interest -> exclude
          indirect -> no-vote
          look back 6 months
        members lcp-board
          member "Dr Angela Bhan" for sel-icb role place-lead voting chair
          member "Dr A" group pcn
          member "Cllr Smith" non-voting
        quorum lcp-board
          at least 50% of voting members
          at least 1 of role place-lead, chair
          conflicted members do not count
          when not met: refer to icb-board
        voting lcp-board
          one vote per organisation
          group pcn shares 2 votes
          majority of present
          chair has casting vote
        test "a test"
          decision { kind: contract-award, value: £27.4m, counterparty: "BHC", date: 2023-11-23, bidders: {"A", "B"} }
          register "../r.csv"
          meeting lcp-board attendees from register
          expect approval by icb-board
          expect no approval by place-lead
          expect recusal "Jacqui Scott" exclude
          expect no recusal "Someone"
          expect notice to council-leader after 5 days
          expect quorum not met
        """)
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(syntax.declarations.count, 6)
        guard case .conflicts(let conflicts) = syntax.declarations[1] else { return XCTFail() }
        XCTAssertEqual(conflicts.relationSteps, 2)
        XCTAssertEqual(conflicts.levels.map(\.level), [.exclude, .noVote])
        XCTAssertEqual(conflicts.lookBack, Duration(amount: 6, unit: .months))
        guard case .test(let test) = syntax.declarations[5] else { return XCTFail() }
        XCTAssertEqual(test.decision.count, 5)
        XCTAssertEqual(test.expectations.count, 6)
    }

    func testParsesTheVoteClausesOfATest() {
        let (syntax, diagnostics) = parse("""
        members board
          chair succession role chair, vice-chair
          member "Ann" role chair
        test "votes"
          decision { date: 2023-03-20, kind: x }
          meeting board
          deputy "Eve" for "Ann" agreed by the chair
          papers sent 2023-03-10
          holder vice-chair "Bob"
          withdrew "Cy", "Di"
          chair "Bob"
          votes by email replies by 2023-03-17
            for "Ann" on 2023-03-13, "Bob" on 2023-03-18
          against "Cy" on 2023-03-14
          expect votes for 2 against "1/2" present 3
          expect vote result tied-lost
          expect vote not carried
          expect vote inquorate
          expect casting vote by "Bob"
          expect no casting vote
          expect no chair
          expect finding P1131
          expect no finding P1123
        """)
        XCTAssertEqual(diagnostics.map(\.message), [])
        guard case .members(let members) = syntax.declarations[0], case .test(let test) = syntax.declarations[1] else { return XCTFail() }
        XCTAssertEqual(members.chairSuccession.map(\.text), ["chair", "vice-chair"])
        XCTAssertNil(test.attendees, "a decision by email has no attendees")
        XCTAssertEqual(test.deputies.map(\.agreedByChair), [true])
        XCTAssertNotNil(test.papersSent)
        XCTAssertEqual(test.roleHolders.map(\.role.text), ["vice-chair"])
        XCTAssertEqual(test.withdrew.map(\.value), ["Cy", "Di"])
        XCTAssertEqual(test.voteChair?.value, "Bob")
        XCTAssertEqual(test.votes?.ballots.map { "\($0.side.text) \($0.person.value)" }, ["for Ann", "for Bob", "against Cy"])
        XCTAssertEqual(test.votes?.ballots.allSatisfy { $0.replied != nil }, true)
        XCTAssertEqual(test.expectations.count, 9)
    }

    func testAVoteClauseSaysWhatItExpected() {
        let (_, diagnostics) = parse("""
        test "bad"
          decision { date: 2023-03-20 }
          votes by email replies by 2023-03-17 for "Ann"
          votes
          expect vote maybe
          expect votes
        """)
        XCTAssertEqual(diagnostics.map(\.message), [
            "a reply by email needs its date: expected `on YYYY-MM-DD` after \"Ann\"",
            "expected `for`, `against` or `abstain` and the names voting so, found `expect`",
            "expected `carried`, `not carried`, `quorate`, `inquorate` or `result` after `expect vote`, found `maybe`",
            "expected `for`, `against`, `abstain` or `present` and a number of votes after `expect votes`, found the end of the file",
        ])
    }

    func testRandomBytesNeverCrashTheParser() {
        var generator = TestSeed.generator().generator
        let alphabet = Array("rule when require approval by and or not in ( ) [ ] { } .. £1m 2024-01-01 \"x\" , : = < > -> \n#".utf8) + [0xC2, 0xA3, 0xFF, 0x00]
        for _ in 0..<500 {
            let length = Int.random(in: 0..<300, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            var interner = Interner()
            _ = Parser.parse(SourceFile(path: "fuzz", bytes: bytes), id: FileID(0), interner: &interner)
        }
    }
}
