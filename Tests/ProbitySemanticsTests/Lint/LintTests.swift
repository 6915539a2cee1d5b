import ProbitySemantics
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// Rule files with planted problems, each found with its code at its marker, and correct files
/// with no findings at all.
final class LintTests: XCTestCase {
    static let prelude = RulesPrelude.scheme("Lint test", fields: [
        "required kind: one of contract-award, appointment",
        "value: money",
        "budget: one of icb-delegated, council",
        "place: one of bromley, bexley",
        "bidders: set of organisation",
    ])

    /// Rules that give every `appointment` an approver and involve `cpag`, so tests about
    /// contract awards see no findings about the rest of the prelude.
    static let background = """

    rule APPOINTMENTS "appointments"
      when kind = appointment
      require recommendation by cpag, place-lead
      require approval by icb-board

    """

    struct Linted {
        var source: MarkedSource
        var findings: [LintFinding]
        var diagnostics: [Diagnostic] { findings.map(\.diagnostic) }
    }

    func lint(_ marked: String, prelude: String = LintTests.prelude + LintTests.background,
              file: StaticString = #filePath, line: UInt = #line) -> Linted {
        let source = MarkedSource(prelude + marked)
        let loaded = RuleLoader.load(text: source.text)
        let report = Linter.run(loaded)
        XCTAssertTrue(report.checks, report.findings.map(\.diagnostic.message).joined(separator: "\n"), file: file, line: line)
        return Linted(source: source, findings: report.findings)
    }

    /// Asserts the findings (not accepted) with the given codes, in order, each at its marker.
    @discardableResult
    func assertFindings(_ marked: String, codes: Set<String>? = nil, _ expected: [(marker: String, code: String)],
                        file: StaticString = #filePath, line: UInt = #line) -> Linted {
        let linted = lint(marked, file: file, line: line)
        let shown = linted.findings.filter { !$0.isAccepted && (codes?.contains($0.diagnostic.code.description) ?? true) }.map(\.diagnostic)
        ProbityTestSupport.assertDiagnostics(shown, in: linted.source, expected, file: file, line: line)
        return linted
    }

    // MARK: - Correct files: no false alarms

    static let tiers = """
    rule T1 "up to £250k: the place lead"
      when kind = contract-award and value <= £250k
      require approval by place-lead
    rule T2 "over £250k up to £1m: the LCP Board"
      when kind = contract-award and value in (£250k .. £1m]
      require approval by lcp-board
    rule T3 "over £1m: the ICB Board"
      when kind = contract-award and value > £1m
      require approval by icb-board
    """

    func testACompleteTieredSchemeHasNoFindings() {
        let linted = lint(LintTests.tiers)
        XCTAssertEqual(linted.diagnostics.map { "\($0.code) \($0.message)" }, [])
    }

    func testTiersWrittenWithOtherOperatorsAndPeriodsHaveNoFindings() {
        let linted = lint("""
        rule T1 "up to £250k"
          when kind = contract-award and not (value > £250k)
          require approval by place-lead
        rule T2a "middle tier before 2024"
          effective until 2023-12-31
          when kind = contract-award and value > £250k and value <= £1m
          require approval by lcp-board
        rule T2b "middle tier from 2024, higher limit"
          effective from 2024-01-01
          when kind = contract-award and value in (£250k .. £2m]
          require approval by lcp-board
        rule T3a "top tier before 2024"
          effective until 2023-12-31
          when kind = contract-award and £1m < value
          require approval by icb-board
        rule T3b "top tier from 2024"
          effective from 2024-01-01
          when kind = contract-award and value >= £2,000,000.01
          require approval by icb-board
        """)
        XCTAssertEqual(linted.diagnostics.map { "\($0.code) \($0.message)" }, [])
    }

    func testMissingPlaceAndAtomsThatCompleteEachOtherHaveNoGap() {
        let linted = lint("""
        rule BROMLEY "Bromley, or no place given"
          when kind = contract-award and (place is not present or place = bromley)
          require approval by lcp-board
        rule ELSEWHERE "another place, with BHC bidding"
          when kind = contract-award and place is present and place != bromley and bidders contains bhc
          require approval by icb-board
        rule ELSEWHERE-NOT-BHC "another place, without BHC"
          when kind = contract-award and place = bexley and not (bidders contains bhc)
          require approval by icb-board
        rule PLACE-LEAD-BEXLEY "the place lead, for Bexley, both ways"
          when kind = contract-award and place = bexley
          require recommendation by place-lead
        """)
        XCTAssertEqual(linted.diagnostics.map { "\($0.code) \($0.message)" }, [])
    }

    func testAnOverlapMarkedAsIntendedAndSameApproversAreNotReported() {
        let linted = lint("""
        rule LOCAL "local"
          when kind = contract-award
          require approval by lcp-board
        rule NATIONAL "a reservation above £1m"
          when kind = contract-award and value > £1m
          require approval by icb-board
          overlaps LOCAL because "above £1m both the LCP and the ICB Board approve"
        rule SAME "same approver as LOCAL, a recommendation added"
          when kind = contract-award and value <= £1m
          require approval by lcp-board
          require recommendation by place-lead
        """)
        XCTAssertEqual(linted.diagnostics.map { "\($0.code) \($0.message)" }, [])
    }

    // MARK: - Planted problems

    func testAGapBetweenOneAndFiveMillionIsFoundNextToTheTiersAroundIt() {
        let linted = assertFindings("""
        rule T1 "up to £250k"
          when kind = contract-award and value <= £250k
          require approval by place-lead
        rule 1️⃣T2 "up to £1m"
          when kind = contract-award and value in (£250k .. £1m]
          require approval by lcp-board
        rule T3 "over £5m"
          when kind = contract-award and value > £5m
          require approval by icb-board
        """, [("1️⃣", "P0901")])
        let gap = linted.diagnostics[0]
        XCTAssertEqual(gap.severity, .warning)
        XCTAssertEqual(gap.message, "contract-award, value from £1,000,000.01 to £5,000,000: nobody may approve")
        XCTAssertEqual(gap.notes.map(\.message), [
            "next to rule `T2`, which requires approval by `lcp-board`",
            "next to rule `T3`, which requires approval by `icb-board`",
            #"for example {"id":"lint-gap","date":"2020-01-01","kind":"contract-award","value":"£1,000,000.01"}"#,
        ])
    }

    func testAGapByBudgetAndDateIsDescribedInTheSchemesWords() {
        let linted = assertFindings("""
        rule 1️⃣SMALL "delegated budget, up to £1m"
          when kind = contract-award and budget = icb-delegated and value <= £1m
          require approval by lcp-board
        rule MIDDLE "delegated budget, £1m to £5m, until the end of 2023"
          effective until 2023-12-31
          when kind = contract-award and budget = icb-delegated and value in (£1m .. £5m]
          require approval by icb-board
        rule LARGE "delegated budget, over £5m"
          when kind = contract-award and budget = icb-delegated and value > £5m
          require approval by icb-board
        rule COUNCIL "council budget"
          when kind = contract-award and budget = council
          require approval by icb-board
        """, [("1️⃣", "P0901")])
        XCTAssertEqual(linted.diagnostics[0].message,
                       "contract-award, budget icb-delegated, value from £1,000,000.01 to £5,000,000, from 2024-01-01: nobody may approve")
        // Every rule the gap touches is named (the first, in source order, is where it is reported).
        XCTAssertEqual(linted.diagnostics[0].notes.map(\.message), [
            "next to rule `SMALL`, which requires approval by `lcp-board`",
            "next to rule `MIDDLE`, which requires approval by `icb-board`",
            "next to rule `LARGE`, which requires approval by `icb-board`",
            #"for example {"id":"lint-gap","date":"2024-01-01","kind":"contract-award","value":"£1,000,000.01","budget":"icb-delegated"}"#,
        ])
    }

    func testAKindNoRuleApprovesIsOneFindingAtTheValue() {
        let prelude = LintTests.prelude.replacingOccurrences(of: "one of contract-award, appointment", with: "one of contract-award, 1️⃣appointment")
        let source = MarkedSource(prelude + LintTests.tiers + "\nrule ADVICE \"advice\"\n  when kind = appointment\n  require recommendation by cpag\n")
        let report = Linter.run(RuleLoader.load(text: source.text))
        let gaps = report.findings.filter { $0.diagnostic.code == "P0901" }.map(\.diagnostic)
        XCTAssertEqual(gaps.map(\.message), ["no rule approves any `kind = appointment` decision"])
        XCTAssertEqual(gaps.first?.range.map { Int($0.start) }, source.offsets["1️⃣"])
    }

    func testAnOverlapOfTwoBodiesIsFoundAtTheLaterRule() {
        let linted = assertFindings("""
        rule LCP "LCP over £1m"
          when kind = contract-award and value > £1m
          require approval by lcp-board
        rule 1️⃣ICB "ICB over £5m"
          when kind = contract-award and value > £5m
          require approval by icb-board
        """, codes: ["P0902"], [("1️⃣", "P0902")])
        XCTAssertEqual(linted.diagnostics.first { $0.code == "P0902" }?.message,
                       "rules `LCP` and `ICB` both apply to kind contract-award, value above £5,000,000, but give approval to different bodies")
    }

    func testADeadConditionIsUnreachable() {
        let linted = assertFindings("""
        rule DEAD "contradiction"
          when 1️⃣kind = contract-award and value < £100k and 2️⃣value > £1m
          require approval by lcp-board
        """, codes: ["P0903"], [("1️⃣", "P0903")])
        let dead = linted.diagnostics.first { $0.code == "P0903" }!
        XCTAssertEqual(dead.message, "rule `DEAD` can never apply: no decision meets its condition")
        XCTAssertEqual(dead.notes.first?.message, "`value < £100k` and `value > £1m` cannot both hold")
        XCTAssertEqual(dead.notes.first?.range.map { Int($0.start) }, linted.source.offsets["2️⃣"])
    }

    func testContradictoryKindsAndEmptyIntervalsAreUnreachable() {
        assertFindings("""
        rule KINDS "two kinds at once"
          when 1️⃣kind = contract-award and kind = appointment
          require approval by lcp-board
        rule NOT-IN "every value excluded"
          when 2️⃣budget in {icb-delegated} and budget not in {icb-delegated, council}
          require approval by lcp-board
        """, codes: ["P0903"], [("1️⃣", "P0903"), ("2️⃣", "P0903")])
    }

    func testAnEffectivePeriodEndingBeforeTheSchemeStartsIsUnreachable() {
        let linted = assertFindings("""
        rule OLD "before the scheme"
          1️⃣effective until 2019-06-30
          when kind = contract-award
          require approval by lcp-board
        """, codes: ["P0903"], [("1️⃣", "P0903")])
        XCTAssertTrue(linted.diagnostics.first { $0.code == "P0903" }!.message.hasPrefix("rule `OLD` can never apply"))
    }

    func testAShadowedRuleAddsNothing() {
        let linted = assertFindings(LintTests.tiers + """

        rule 1️⃣SMALL "small awards by the place lead"
          when kind = contract-award and value <= £100k
          require approval by place-lead
        """, [("1️⃣", "P0904")])
        XCTAssertEqual(linted.diagnostics[0].notes.first?.message, "rule `T1` requires approval by `place-lead`")
    }

    func testABodyWithNoPartInAnyDecisionIsReported() {
        assertFindings(LintTests.tiers + """

        body 1️⃣audit "Audit Committee"
          committee of icb-board
        """, [("1️⃣", "P0905")])
    }

    func testANoticeWithoutADeemedApprovalPeriodIsReported() {
        assertFindings(LintTests.tiers + """

        rule TELL "tell the ICB Board of large awards"
          when kind = contract-award and value > £1m
          require approval by icb-board
          1️⃣require notice to lcp-board
        rule TELL-TIMED "with a period"
          when kind = contract-award and value > £1m
          require approval by icb-board
          require notice to place-lead deemed approved after 5 days without objection
        """, codes: ["P0906"], [("1️⃣", "P0906")])
    }

    func testAPlaceholderInUseIsReportedWithItsReason() {
        let linted = assertFindings("""
        let 1️⃣lcp-limit = £1m placeholder "the LCP's limit is not published"
        let settled = £250k
        let unused = £5m placeholder "not used anywhere"
        rule T1 "up to the settled limit"
          when kind = contract-award and value <= settled
          require approval by place-lead
        rule T2 "up to the LCP limit"
          when kind = contract-award and value in (settled .. lcp-limit]
          require approval by lcp-board
        rule T3 "above it"
          when kind = contract-award and value > lcp-limit
          require approval by icb-board
        """, [("1️⃣", "P0907")])
        XCTAssertEqual(linted.diagnostics[0].message,
                       "`lcp-limit` is a placeholder still used by rules `T2` and `T3`: the LCP's limit is not published")
    }

    func testAcceptedFindingsAreKeptButMarked() {
        let linted = lint("""
        rule T1 "up to £1m"
          when kind = contract-award and value <= £1m
          require approval by lcp-board
          accept P0901 because "above £1m the ICB's own scheme applies"
        """)
        XCTAssertEqual(linted.findings.map(\.diagnostic.code), ["P0901"])
        XCTAssertEqual(linted.findings.first?.acceptedBecause, "above £1m the ICB's own scheme applies")
    }

    func testTheCheckersFindingsComeFirstAndStopTheAnalysis() {
        let report = Linter.run(RuleLoader.load(text: LintTests.prelude + "rule A \"a\"\n  when kind = contract-awrd\n  require approval by lcp-board\n"))
        XCTAssertFalse(report.checks)
        XCTAssertEqual(report.findings.map(\.diagnostic.code), ["P0203"])
    }

    // MARK: - Interacting fields (issue 14)

    /// Six enumerations and a value, 21 rules with a catch-all: complete, so no gap at all. The
    /// box analysis cut this off at 4,096 pieces and reported ten false gaps "and 4296 more".
    func testAManyFieldSchemeWithACatchAllHasNoGaps() {
        var text = """
        scheme "Six fields" version "1" effective from 2024-01-01
        fields
          required kind: one of k1, k2, k3
          f1: one of a, b, c
          f2: one of a, b, c
          f3: one of a, b, c
          f4: one of a, b, c
          f5: one of a, b, c
          value: money
        body board "Board"
        body panel "Panel"
          committee of board
        rule CATCH-ALL "everything else: the board"
          require approval by board

        """
        let letters = ["a", "b", "c"]
        for index in 0..<20 {
            let conditions = (1...5).map { "f\($0) = \(letters[(index * $0 + $0) % 3])" }
            text += "rule R\(index) \"rule \(index)\"\n  when kind = k\(index % 3 + 1) and \(conditions.joined(separator: " and ")) and value > £\(index + 1)k\n  require approval by board\n"
        }
        let report = Linter.run(RuleLoader.load(text: text))
        XCTAssertTrue(report.checks)
        XCTAssertEqual(report.findings.filter { ["P0901", "P0910"].contains($0.diagnostic.code) }.map(\.diagnostic.message), [])
    }

    func testTheNoteOnANegatedConditionKeepsItsNot() {
        let linted = assertFindings("""
        rule DEAD "contradiction"
          when 1️⃣kind = contract-award and not (value >= £100k) and value > £1m
          require approval by lcp-board
        """, codes: ["P0903"], [("1️⃣", "P0903")])
        XCTAssertEqual(linted.diagnostics.first { $0.code == "P0903" }?.notes.first?.message,
                       "`not (value >= £100k)` and `value > £1m` cannot both hold")
    }

    func testAnOverlapInTimeIsWordedAsDecisionsFromTo() {
        let linted = lint("""
        rule OLD "the LCP Board, until the end of 2024"
          effective until 2024-12-31
          when kind = contract-award
          require approval by lcp-board
        rule NEW "the ICB Board, from July 2024"
          effective from 2024-07-01
          when kind = contract-award
          require approval by icb-board
        """)
        XCTAssertEqual(linted.diagnostics.filter { $0.code == "P0902" }.map(\.message), [
            "rules `OLD` and `NEW` both apply to kind contract-award, from 2024-07-01 to 2024-12-31, but give approval to different bodies",
        ])
        let gaps = linted.diagnostics.filter { $0.code == "P0901" }.map(\.message)
        XCTAssertEqual(gaps, [])
    }

    func testMoreGapsThanShownAreCountedOnTheLastFindingShown() {
        let rules = (0..<15).map { n in
            "rule R\(n) \"band \(n)\"\n  when kind = contract-award and value in (£\(2 * n)k .. £\(2 * n + 1)k]\n  require approval by lcp-board\n"
        }.joined()
        let linted = lint(rules)
        let gaps = linted.findings.filter { $0.diagnostic.code == "P0901" }
        XCTAssertEqual(gaps.count, 10)
        XCTAssertEqual(gaps.last?.diagnostic.notes.last?.message, "and 5 more gaps for `kind = contract-award`")
        XCTAssertFalse(gaps.dropLast().contains { $0.diagnostic.notes.contains { $0.message.hasPrefix("and ") } })
        // Every gap is in some finding's regions: the 14 bands between rules, and the two ends
        // of the axis as one region.
        XCTAssertEqual(gaps.flatMap(\.regions).count, 15)
    }

    func testARunOutBudgetIsAFindingAndNoGapRestsOnTheRulesNotAnalysed() {
        let loaded = RuleLoader.load(text: LintTests.prelude + LintTests.background + LintTests.tiers)
        let report = Linter.run(loaded, linter: Linter(budget: LintBudget(maxNodes: 3)))
        let codes = report.findings.map(\.diagnostic.code)
        XCTAssertTrue(codes.contains("P0910"), "\(codes)")
        XCTAssertFalse(codes.contains("P0901"))
        XCTAssertFalse(codes.contains("P0902"))
        XCTAssertFalse(codes.contains("P0903"))
        let incomplete = report.findings.first { $0.diagnostic.code == "P0910" }!.diagnostic
        XCTAssertTrue(incomplete.message.hasPrefix("analysis incomplete: "), incomplete.message)
        XCTAssertEqual(report.findings.last?.diagnostic.code, "P0910")
    }
}
