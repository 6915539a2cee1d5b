import ProbityBenchmark
import ProbityEngine
import ProbityReports
import ProbitySemantics
import ProbityTestSupport
import XCTest

/// Near misses taken from the rule index (the decision's own kind) are exactly those found by
/// scoring every approving rule, on generated schemes of many kinds and bands (seeded), and on a
/// scheme where the decision's own kind has too few rules and the other kinds must be scored.
final class NearMissIndexTests: XCTestCase {
    private func compile(_ text: String) throws -> (ReportBuilder, DecisionDecoder) {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        let checked = try XCTUnwrap(program, "\(diagnostics.prefix(3).map(\.message))")
        return (ReportBuilder(plan: Plan(program: checked)), DecisionDecoder(program: checked))
    }

    private func describe(_ misses: [Report.NearMiss]) -> [String] {
        misses.map { "\($0.rule.id): \($0.reason)" }
    }

    func testNearMissesFromTheIndexAreThoseOfEveryApprovingRule() throws {
        let (seed, _) = TestSeed.generator()
        var config = WorkloadConfig()
        config.seed = seed
        config.decisions = 3_000
        config.kinds = 12
        config.organisations = 100
        config.people = 200
        config.interests = 400
        let workload = Workload(config)
        let (builder, decoder) = try compile(workload.rulesText())
        var noAuthority = 0
        for index in workload.decisions.indices {
            guard case .success(let decision) = decoder.decode(json: Array(workload.decisionJSON(index, meeting: false).utf8)) else {
                return XCTFail("seed \(seed): decision \(index) does not decode")
            }
            let indexed = builder.nearMisses(decision), scanned = builder.nearMisses(decision, fromIndex: false)
            XCTAssertEqual(describe(indexed), describe(scanned), "seed \(seed): \(workload.decisionJSON(index, meeting: false))")
            XCTAssertEqual(indexed.count, ReportBuilder.nearMissCount)
            if builder.build(decision).outcome == .noAuthority { noAuthority += 1 }
        }
        XCTAssertGreaterThan(noAuthority, 50, "seed \(seed): the workload has decisions without authority")
    }

    /// The walk over the bands around the value stops early: it must find what scoring every rule
    /// finds when one kind has many overlapping bands written every way (`(a .. b]`, `[a .. b)`,
    /// `<`, `<=`, `>`, `>=`), some rules with a second bound the band does not rank (`size`), some
    /// not in effect on the day, and values on, next to and far from every bound.
    func testWalkingTheBandsFindsWhatScoringEveryRuleFinds() throws {
        var (seed, random) = TestSeed.generator()
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var bounds: [Int] = []
        var rules = ""
        for number in 0..<120 {
            let a = 1 + below(60), b = a + 1 + below(30)
            bounds += [a, b]
            let kind = below(5) == 0 ? "b" : "a"
            let test: String
            switch below(7) {
            case 0: test = "value in (£\(a) .. £\(b)]"
            case 1: test = "value in [£\(a) .. £\(b))"
            case 2: test = "value < £\(a)"
            case 3: test = "value <= £\(a)"
            case 4: test = "value > £\(b)"
            case 5: test = "value >= £\(b)"
            default: test = "value in [£\(a) .. £\(b)] and size > \(below(10))"
            }
            let period = below(8) == 0 ? "\n  effective from 2025-01-01" : ""
            rules += "rule R\(number) \"Rule \(number)\"\(period)\n  when kind = \(kind) and \(test)\n  require approval by board\n"
        }
        let (builder, decoder) = try compile("""
        scheme "Bands"
        fields
          required kind: one of a, b
          value: money
          size: number
        body board "Board"

        """ + rules)
        for trial in 0..<3_000 {
            let bound = bounds[below(bounds.count)]
            let value = trial % 10 == 0 ? 200 + below(100) : max(0, bound + below(5) - 2)
            let kind = below(5) == 0 ? "b" : "a"
            let size = below(3) == 0 ? "" : #","size":\#(below(12))"#
            let json = #"{"id":"d","date":"2024-06-01","kind":"\#(kind)","value":"£\#(value)"\#(size)}"#
            guard case .success(let decision) = decoder.decode(json: Array(json.utf8)) else { return XCTFail("seed \(seed): \(json) does not decode") }
            XCTAssertEqual(describe(builder.nearMisses(decision)), describe(builder.nearMisses(decision, fromIndex: false)), "seed \(seed): \(json)")
        }
    }

    func testAKindWithTooFewRulesTakesItsNearMissesFromTheOtherKinds() throws {
        let (builder, decoder) = try compile("""
        scheme "Few"
        fields
          required kind: one of award, grant
          value: money
        body board "Board"
        body panel "Panel"
        rule AWARD-SMALL "Small awards"
          when kind = award and value <= £10k
          require approval by panel
        rule GRANT-SMALL "Small grants"
          when kind = grant and value <= £5k
          require approval by panel
        rule GRANT-LARGE "Large grants"
          when kind = grant and value in (£5k .. £1m]
          require approval by board
        rule GRANT-HUGE "Huge grants"
          when kind = grant and value > £1m
          require approval by board

        """)
        guard case .success(let decision) = decoder.decode(json: Array(#"{"id":"d","date":"2024-01-01","kind":"award","value":"£20k"}"#.utf8)) else {
            return XCTFail("the decision does not decode")
        }
        let misses = builder.nearMisses(decision)
        XCTAssertEqual(describe(misses), describe(builder.nearMisses(decision, fromIndex: false)))
        XCTAssertEqual(misses.map(\.rule.id), ["AWARD-SMALL", "GRANT-SMALL", "GRANT-HUGE"])
    }
}
