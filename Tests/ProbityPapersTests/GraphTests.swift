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
    body old-panel "The Old Panel"
      advises lcp, board
      exists from 2019-01-01 until 2021-12-31

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

    rule NOTIFY "Awards over £1m are notified to the LCP Board"
      when kind = contract-award and value > £1m
      require notice to lcp
        deemed approved after 5 days without objection

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
            "NOTIFY: value > £1m [] []",
        ])
        let notify = try #require(ladder.bands.last)
        #expect(notify.notices.map(\.id) == ["lcp"] && notify.notices.first?.deemedApprovedAfter == "5 days")
        #expect(ladder.svg(title: "t").contains("value &gt; £1m: notice to The LCP Board (NOTIFY)"))
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
        // Its bold label is wider than the label column in DejaVu Sans: wrapped there, it stays
        // clear of the bars, which start at 300.
        let svg = ladder.svg(title: "No assumptions")
        #expect(svg.contains("<text class=\"conditional-gap-label\" x=\"14\" y=\"") && svg.contains(">authority only under the conditions</text>"))
        #expect(svg.contains(">shown</text>"))
    }

    /// Limits far beyond any real scheme still give an axis and a picture, never a trap.
    @Test(arguments: ["£0.01", "£1", "£999,999,999,999", "£90,000,000,000,000,000"])
    func extremeLimitsStillDraw(_ limit: String) throws {
        let rules = """
        scheme "Extremes"
          version "1"
        fields
          required kind: one of award
          value: money
        body board "The Board"
        rule LOW "Up to the limit"
          when kind = award and value <= \(limit)
          require approval by board
        """
        let ladder = try Self.ladder(try Self.program(rules), "award")
        #expect(ladder.gaps.count == 1)
        #expect(MarkupCheck.problems(ladder.svg(title: "Extremes")) == [])
    }

    /// A chain of committees deeper than any scheme: drawn, every box on the page.
    @Test func aVeryDeepTreeStaysOnThePage() throws {
        var rules = "scheme \"Deep\"\n  version \"1\"\nfields\n  required kind: one of award\nbody b0 \"Body 0\"\n"
        for level in 1..<40 { rules += "body b\(level) \"Body \(level)\"\n  committee of b\(level - 1)\n" }
        rules += "rule R \"Awards\"\n  when kind = award\n  require approval by b39\n"
        let tree = DelegationTree(program: try Self.program(rules))
        #expect(tree.nodes.map(\.depth) == Array(0..<40))
        let svg = tree.svg(title: "Deep")
        #expect(MarkupCheck.problems(svg) == [])
        #expect(!svg.contains("x=\"-") && !svg.contains("width=\"0\""))
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
        let tree = DelegationTree(program: try Self.program(Self.contracts), on: Self.day)
        #expect(tree.nodes.map { "\(String(repeating: "  ", count: $0.depth))\($0.id)" } == ["board", "  lcp", "    lead", "    panel", "    old-panel"])
        #expect(tree.dot.contains("\"panel\" -> \"lcp\" [label=\"advises\", style=dashed];"))
        #expect(tree.mermaid.contains("n3 -.->|advises| n1"))
        // An advisory body sits under the body it advises but is no committee of it.
        #expect(tree.nodes[3].parent == nil)
        #expect(!tree.dot.contains("\"lcp\" -> \"panel\""))
        #expect(!tree.mermaid.contains("n1 -->|has committee| n3"))
        #expect(tree.mermaid.contains("n1 -->|has officer| n2"))
        // Existence periods are drawn, and a body gone by the tree's date is marked.
        let old = tree.nodes[4]
        #expect(!old.existsOnDay && tree.nodes[1].existsOnDay)
        #expect(tree.existence(old) == "existed from 1 January 2019 until 31 December 2021")
        #expect(tree.relation(old) == "body, advises lcp, board (may recommend, never approve)")
        #expect(tree.dot.contains("\"old-panel\" -> \"board\" [label=\"advises\", style=dashed];"))
        #expect(tree.mermaid.contains("existed from 1 January 2019 until 31 December 2021"))
        #expect(tree.svg(title: "t").contains("<g class=\"advisory absent\">"))
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
