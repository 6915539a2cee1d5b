import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest

final class PlanTests: XCTestCase {
    func testThresholdBoundariesAreExact() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        func fired(_ value: String) -> [String] {
            firedRules(plan, #"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"\#(value)"}"#)
        }
        XCTAssertEqual(fired("£250,000"), ["CA-1"])
        XCTAssertEqual(fired("250000.01"), ["CA-2"])
        XCTAssertEqual(fired("£1m"), ["CA-2"])
        XCTAssertEqual(fired("£1,000,000.01"), ["CA-3"])
        XCTAssertEqual(fired("0.00"), ["CA-1"])
    }

    func testJSONNumbersAreReadExactly() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2023-06-01","kind":"s75-variation","value":100000.00}"#), ["S75-NOTICE"])
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2023-06-01","kind":"s75-variation","value":100000.01}"#), ["S75-VAR", "S75-NOTICE"])
    }

    func testEffectiveDatesOnEitherSide() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2023-12-31","kind":"contract-award","value":"£300k"}"#), ["CA-2"])
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2024-01-01","kind":"contract-award","value":"£300k"}"#), ["CA-2", "PSR"])
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2019-12-31","kind":"contract-award","value":"£300k"}"#), [])
    }

    func testMissingFieldsMakeRulesUndecidedOnlyWhenTheyMatter() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let award = try XCTUnwrap(makeDecision(plan, #"{"id":"d","date":"2023-06-01","kind":"contract-award"}"#))
        let matches = plan.match(award)
        XCTAssertEqual(matches.fired, [])
        // CA-1..3 need `value`; PAY is decided false by `kind` alone, so it is not undecided.
        XCTAssertEqual(matches.undecided.map { plan.program.rules[Int($0)].id }, ["CA-1", "CA-2", "CA-3", "BHC"])
    }

    func testOrganisationsMatchByAliasAndUnknownOnesNeverMatch() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£1k","counterparty":"bromley health care"}"#), ["CA-1", "BHC"])
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£1k","counterparty":"A New Bidder Ltd"}"#), ["CA-1"])
    }

    /// The index is only a pre-filter: for random decisions the plan must fire exactly the rules
    /// a plain evaluation of every rule's checked condition fires.
    func testIndexedMatchingAgreesWithEvaluatingEveryRule() throws {
        var rules = """
        scheme "Random" version "1"
        fields
          kind: one of a, b, c, d
          value: money
          route: one of x, y
        body board "Board"

        """
        var generator = TestSeed.generator(fixed: 42).generator
        for index in 0..<120 {
            let kind = ["a", "b", "c", "d"][Int(generator.next() % 4)]
            let low = Int(generator.next() % 2_000), high = low + Int(generator.next() % 2_000)
            let shape = generator.next() % 5
            let condition: String
            switch shape {
            case 0: condition = "kind = \(kind) and value in (£\(low) .. £\(high)]"
            case 1: condition = "kind in {\(kind), b} and value >= £\(low)"
            case 2: condition = "value < £\(high) and route = x"
            case 3: condition = "kind = \(kind) and (value > £\(high) or route = y)"
            default: condition = "not kind = \(kind) and value in [£\(low) .. £\(high))"
            }
            rules += "rule R\(index) \"r\"\n  when \(condition)\n  require approval by board\n"
        }
        let plan = try XCTUnwrap(makePlan(rules))
        for _ in 0..<2_000 {
            var fields = [#""id":"d""#, #""date":"2024-01-01""#]
            if generator.next() % 10 != 0 { fields.append(#""kind":"\#(["a", "b", "c", "d"][Int(generator.next() % 4)])""#) }
            if generator.next() % 10 != 0 { fields.append(#""value":"\#(generator.next() % 4_200).\#(generator.next() % 2 == 0 ? "00" : "01")""#) }
            if generator.next() % 3 != 0 { fields.append(#""route":"\#(generator.next() % 2 == 0 ? "x" : "y")""#) }
            let decision = try XCTUnwrap(makeDecision(plan, "{" + fields.joined(separator: ",") + "}"))
            let matches = plan.match(decision)
            var expectedFired: [Int32] = [], expectedUndecided: [Int32] = []
            for index in plan.program.rules.indices {
                // Every rule evaluated, without the index (the traced path explanations read).
                switch plan.trace(rule: index, decision).truth {
                case .yes: expectedFired.append(Int32(index))
                case .unknown: expectedUndecided.append(Int32(index))
                case .no: break
                }
            }
            XCTAssertEqual(matches.fired, expectedFired, "fields: \(fields)")
            XCTAssertEqual(matches.undecided, expectedUndecided, "fields: \(fields)")
        }
    }
}
