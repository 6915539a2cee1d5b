import ProbityPapers
import ProbitySemantics
import ProbitySupport
import Testing

/// The delegation tree and ladders: golden SVG (the shipped examples), DOT and Mermaid, their
/// structure, and the ladder's reading of conditions on small rule sets.
@Suite struct GraphTests {
    static let day = Day.parseISO("2023-11-23")!

    static func ladder(_ program: Program, _ kind: String, assuming: [(field: String, value: String)] = []) throws -> Ladder {
        try Ladder.build(program: program, kind: kind, on: day, assuming: assuming).get()
    }

    static func program(_ text: String) throws -> Program {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        guard let program else { throw Papers.Failure("rules do not check: \(diagnostics.map(\.message))") }
        return program
    }

    static let contracts = """
    scheme "Ladder fixture"
      version "1"

    fields
      required kind: one of contract-award, minutes
      value: money
      budget: one of delegated, central
      route: one of competitive, waiver

    body board "The Board"
    body lcp "The LCP Board"
      committee of board
    officer lead "The Place Lead"
      reports to lcp
    body panel "The Procurement Panel"
      advises lcp

    let lead-limit = £250k
      placeholder "the Place Lead's limit"

    rule LEAD "Up to the lead's limit: the Place Lead"
      when kind = contract-award and budget = delegated and value <= lead-limit
      require approval by lead

    rule LCP "Above it up to £1m: the LCP Board"
      when kind = contract-award and budget = delegated and value in (lead-limit .. £1m]
      require approval by lcp

    rule BOARD "Above £1m: the Board"
      when kind = contract-award and value > £1m
      require approval by board

    rule PANEL "Waivers, or anything above the lead's limit, go through the panel"
      when kind = contract-award and (value > lead-limit or route = waiver)
      require recommendation by panel

    rule OLD "An old rule no longer in force"
      effective until 2020-12-31
      when kind = contract-award
      require approval by board
    """

    @Test func shippedContractAwardLadderMatchesTheExample() throws {
        let ladder = try Self.ladder(Papers.program, "contract-award", assuming: [("budget", "icb-delegated"), ("place", "bromley")])
        let svg = ladder.svg(title: "Who decides a contract-award, by value")
        #expect(MarkupCheck.problems(svg) == [])
        let golden = try Papers.assertGolden(svg, "Examples/graphs/contract-award-ladder.svg")
        #expect(golden.matches, "\(golden.message)")
        #expect(ladder.gaps.isEmpty)
    }

    /// The ICB's central budgets have no limits below the ICB Board in the papers: a real gap.
    @Test func shippedCentralBudgetLadderShowsTheGap() throws {
        let ladder = try Self.ladder(Papers.program, "contract-award", assuming: [("budget", "icb-central")])
        #expect(ladder.gaps.map { $0.describe(field: "value") } == ["value ≤ £1m"])
        let svg = ladder.svg(title: "Who decides a contract-award, by value")
        #expect(MarkupCheck.problems(svg) == [])
        let golden = try Papers.assertGolden(svg, "Examples/graphs/contract-award-ladder-icb-central.svg")
        #expect(golden.matches, "\(golden.message)")
    }

    @Test func shippedDelegationTreeMatchesTheExample() throws {
        let tree = DelegationTree(program: Papers.program)
        let svg = tree.svg(title: "Delegation tree: \(Papers.program.scheme.name)")
        #expect(MarkupCheck.problems(svg) == [])
        for (text, path) in [(svg, "Examples/graphs/delegation-tree.svg"), (tree.dot, "Examples/graphs/delegation-tree.dot"),
                             (tree.mermaid, "Examples/graphs/delegation-tree.mmd")] {
            let golden = try Papers.assertGolden(text, path)
            #expect(golden.matches, "\(golden.message)")
        }
    }

    @Test func bandsFollowTheLimitsAndMarkPlaceholders() throws {
        let ladder = try Self.ladder(try Self.program(Self.contracts), "contract-award", assuming: [("budget", "delegated")])
        let bands = ladder.bands.map { "\($0.ruleID): \($0.range.describe(field: "value")) \($0.open) \($0.placeholders)" }
        #expect(bands == [
            "LEAD: value ≤ £250k [] [\"lead-limit\"]",
            "LCP: £250k < value ≤ £1m [] [\"lead-limit\"]",
            "BOARD: value > £1m [] []",
            "PANEL: value > £250k [] [\"lead-limit\"]",
            "PANEL: any value [\"route = waiver\"] []",
        ])
        #expect(ladder.gaps.isEmpty && ladder.conditionalGaps.isEmpty)
        #expect(ladder.thresholds.map(\.placeholders) == [["lead-limit"], []])
        // The rule that ended in 2020 is not drawn on a 2023 ladder.
        #expect(!ladder.bands.contains { $0.ruleID == "OLD" })
    }

    @Test func aGapIsDrawnWhereNoRuleGivesAuthority() throws {
        let ladder = try Self.ladder(try Self.program(Self.contracts), "contract-award", assuming: [("budget", "central")])
        #expect(ladder.gaps.map { $0.describe(field: "value") } == ["value ≤ £1m"])
        let svg = ladder.svg(title: "Central budget")
        #expect(MarkupCheck.problems(svg) == [])
        #expect(svg.contains("no rule gives authority"))
        #expect(svg.contains("class=\"gap-bar\""))
    }

    @Test func withoutAssumptionsCoverDependsOnOpenConditions() throws {
        let ladder = try Self.ladder(try Self.program(Self.contracts), "contract-award")
        #expect(ladder.gaps.isEmpty)
        #expect(ladder.conditionalGaps.map { $0.describe(field: "value") } == ["value ≤ £1m"])
        #expect(ladder.bands.first { $0.ruleID == "LEAD" }?.open == ["budget = delegated"])
    }

    @Test func ladderProblemsNameWhatWasExpected() throws {
        let program = try Self.program(Self.contracts)
        #expect(throws: Ladder.Problem.self) { try Ladder.build(program: program, kind: "lease", on: Self.day, assuming: []).get() }
        guard case .failure(let kind) = Ladder.build(program: program, kind: "lease", on: Self.day, assuming: []) else { return }
        #expect(kind.code == "P1400" && kind.message.contains("expected one of contract-award, minutes"))
        guard case .failure(let value) = Ladder.build(program: program, kind: "minutes", on: Self.day, assuming: [("budget", "council")]) else { return }
        #expect(value.code == "P1402")
        guard case .failure(let field) = Ladder.build(program: program, kind: "minutes", on: Self.day, assuming: [("colour", "red")]) else { return }
        #expect(field.code == "P1401")
    }

    @Test func treePutsCommitteesUnderTheirBodyAndAdvisersDashed() throws {
        let tree = DelegationTree(program: try Self.program(Self.contracts))
        #expect(tree.nodes.map { "\(String(repeating: "  ", count: $0.depth))\($0.id)" } == ["board", "  lcp", "    lead", "    panel"])
        #expect(tree.dot.contains("\"panel\" -> \"lcp\" [label=\"advises\", style=dashed];"))
        #expect(tree.mermaid.contains("n3 -.->|advises| n1"))
        #expect(MarkupCheck.problems(tree.svg(title: "Fixture <tree> & co")) == [])
    }
}

/// The structure check itself: it must reject what a browser would show broken.
@Suite struct MarkupCheckTests {
    @Test(arguments: [
        ("<svg><text>a</svg>", "closes"),
        ("<svg><text>a & b</text></svg>", "entity"),
        ("<svg><text x=1>a</text></svg>", "not quoted"),
        ("<svg/><svg/>", "one root"),
        ("<html><a href=\"#nowhere\">x</a></html>", "no element with that id"),
        ("<html><script>alert(1)</script></html>", "script"),
        ("<html><img src=\"https://example.org/x.png\"/></html>", "outside the document"),
        ("<html><p id=\"a\"></p><p id=\"a\"></p></html>", "used twice"),
    ])
    func rejects(_ markup: String, _ expected: String) {
        let problems = MarkupCheck.problems(markup)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func acceptsWellFormedMarkup() {
        #expect(MarkupCheck.problems("<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html lang=\"en\"><p id=\"x\">a &amp; b &#8212; <a href=\"#x\">x</a><br/></p></html>\n") == [])
    }
}
