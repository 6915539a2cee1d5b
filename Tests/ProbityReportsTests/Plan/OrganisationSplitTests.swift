import ProbityEngine
import ProbityReports
import ProbitySemantics
import ProbityTestSupport
import XCTest

/// The rule index splits a kind's rules by the organisation they name, and walks a kind whose
/// bands overlap too much to split by value from its rules by bound: the rules that fire (and
/// those undecided) are exactly those found by evaluating every rule, and the near misses exactly
/// those found by scoring every approving rule (seeded; the seed is printed on failure).
final class OrganisationSplitTests: XCTestCase {
    func testSplittingAKindBySupplierFindsWhatEveryRuleFinds() throws {
        var (seed, random) = TestSeed.generator()
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let organisations = 40
        var text = """
        scheme "Suppliers"
        fields
          kind: one of a, b, c
          value: money
          size: number
          supplier: organisation
        body board "Board"
        body panel "Panel"

        """
        for organisation in 0..<organisations { text += "organisation org-\(organisation) \"Supplier \(organisation)\"\n" }
        var bounds: [Int] = []
        for number in 0..<400 {
            // Kind a: one band per supplier, overlapping (too many segments to split by value);
            // kind b: a few bands, some rules naming a supplier; kind c: rules naming several.
            let kind = number < 250 ? "a" : number < 340 ? "b" : "c"
            let lower = kind == "a" ? 10 * below(100) : 100 * below(10)
            let upper = lower + (kind == "a" ? 400 : 1 + 100 * below(3))
            bounds += [lower, upper]
            var parts = ["kind = \(kind)"]
            switch below(10) {
            case 0, 1: break
            case 2: parts.append("supplier in {org-\(below(organisations)), org-\(below(organisations))}")
            case 3: parts.append("supplier != org-\(below(organisations))")
            default: parts.append("supplier = org-\(below(organisations))")
            }
            switch below(8) {
            case 0: parts.append("value > £\(upper)")
            case 1: parts.append("value <= £\(lower)")
            case 2: parts.append("value in [£\(lower) .. £\(upper)] and size > \(below(10))")
            case 3: break
            default: parts.append("value in (£\(lower) .. £\(upper)]")
            }
            let period = below(10) == 0 ? "\n  effective from 2025-01-01" : ""
            let body = below(6) == 0 ? "panel" : "board"
            text += "rule R\(number) \"Rule \(number)\"\(period)\n  when \(parts.joined(separator: " and "))\n  require approval by \(body)\n"
        }
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        let checked = try XCTUnwrap(program, "seed \(seed): \(diagnostics.prefix(3).map(\.message))")
        let plan = Plan(program: checked)
        let builder = ReportBuilder(plan: plan)
        let decoder = DecisionDecoder(program: checked)
        var fired = 0, undecided = 0, noAuthority = 0
        for trial in 0..<3_000 {
            var fields = [#""id":"d""#, #""date":"\#(below(4) == 0 ? "2024-06-01" : "2025-06-01")""#]
            if below(20) != 0 { fields.append(#""kind":"\#(["a", "b", "c"][below(3)])""#) }
            if below(10) != 0 {
                let bound = bounds[below(bounds.count)]
                fields.append(#""value":"£\#(trial % 10 == 0 ? 2_000 + below(100) : max(0, bound + below(5) - 2))""#)
            }
            if below(3) != 0 { fields.append(#""size":\#(below(12))"#) }
            switch below(8) {
            case 0: break
            case 1: fields.append(#""supplier":"Undeclared Supplier Ltd""#)
            default: fields.append(#""supplier":"Supplier \#(below(organisations + 5))""#)
            }
            let json = "{" + fields.joined(separator: ",") + "}"
            guard case .success(let decision) = decoder.decode(json: Array(json.utf8)) else { return XCTFail("seed \(seed): \(json) does not decode") }
            var expected = RuleMatches()
            for rule in checked.rules.indices where plan.facts[rule].isInEffect(on: decision.date) {
                switch plan.truth(ofRule: rule, decision) {
                case .yes: expected.fired.append(Int32(rule))
                case .unknown: expected.undecided.append(Int32(rule))
                case .no: break
                }
            }
            let matches = plan.match(decision)
            XCTAssertEqual(matches.fired, expected.fired, "seed \(seed): \(json)")
            XCTAssertEqual(matches.undecided, expected.undecided, "seed \(seed): \(json)")
            fired += matches.fired.count
            undecided += matches.undecided.count
            XCTAssertEqual(builder.nearMisses(decision).map { "\($0.rule.id): \($0.reason)" },
                           builder.nearMisses(decision, fromIndex: false).map { "\($0.rule.id): \($0.reason)" }, "seed \(seed): \(json)")
            if plan.decide(decision).outcome == .noAuthority { noAuthority += 1 }
        }
        // The workload exercises what it is for: rules firing, undecided, and lines without authority.
        XCTAssertGreaterThan(fired, 1_000, "seed \(seed)")
        XCTAssertGreaterThan(undecided, 100, "seed \(seed)")
        XCTAssertGreaterThan(noAuthority, 100, "seed \(seed)")
    }

    /// One band per supplier, each overlapping all the others (too many segments to split by
    /// value): near misses at, next to and far from every bound are those of scoring every rule,
    /// including a value on a band's upper bound that the bands holding it must rank.
    func testNearMissesOfOverlappingBandsPerSupplierAreThoseOfEveryRule() throws {
        var (seed, random) = TestSeed.generator()
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var text = """
        scheme "Overlapping"
        fields
          required kind: one of a, b
          value: money
          supplier: organisation
        body board "Board"

        """
        for organisation in 0..<130 { text += "organisation org-\(organisation) \"Supplier \(organisation)\"\n" }
        var bounds: [Int] = []
        for number in 0..<120 {
            let lower = 3 * number + below(3), upper = 5_000 + 3 * number + below(3)
            bounds += [lower, upper]
            let band = below(4) == 0 ? "[£\(lower) .. £\(upper))" : "(£\(lower) .. £\(upper)]"
            text += "rule R\(number) \"Rule \(number)\"\n  when kind = a and supplier = org-\(number) and value in \(band)\n  require approval by board\n"
        }
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        let checked = try XCTUnwrap(program, "seed \(seed): \(diagnostics.prefix(3).map(\.message))")
        let plan = Plan(program: checked)
        let builder = ReportBuilder(plan: plan)
        let decoder = DecisionDecoder(program: checked)
        for bound in bounds + [0, 2_500, 9_000] {
            for value in max(0, bound - 2)...(bound + 2) {
                let json = #"{"id":"d","date":"2024-06-01","kind":"a","value":"£\#(value)","supplier":"Supplier \#(below(140))"}"#
                guard case .success(let decision) = decoder.decode(json: Array(json.utf8)) else { return XCTFail("seed \(seed): \(json) does not decode") }
                XCTAssertEqual(builder.nearMisses(decision).map { "\($0.rule.id): \($0.reason)" },
                               builder.nearMisses(decision, fromIndex: false).map { "\($0.rule.id): \($0.reason)" }, "seed \(seed): \(json)")
            }
        }
    }

    /// Every band holds the value, the widest exactly reaching it from its lower bound: the walk
    /// down the rules by lower bound must reach it (it is the nearest miss, first in rule order).
    func testTheWidestBandHoldingTheValueIsANearMiss() throws {
        var text = """
        scheme "Widest"
        fields
          required kind: one of a
          value: money
          supplier: organisation
        body board "Board"
        organisation someone "Someone Ltd"
        rule WIDE "Widest"
          when kind = a and supplier = someone and value in (£0 .. £6000]
          require approval by board

        """
        for number in 0..<80 {
            text += "rule R\(number) \"Rule \(number)\"\n  when kind = a and supplier = someone and value in (£\(1_000 + number) .. £\(6_000 + number)]\n  require approval by board\n"
        }
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        let checked = try XCTUnwrap(program, "\(diagnostics.prefix(3).map(\.message))")
        let builder = ReportBuilder(plan: Plan(program: checked))
        guard case .success(let decision) = DecisionDecoder(program: checked).decode(json: Array(#"{"id":"d","date":"2024-06-01","kind":"a","value":"£6000","supplier":"Another Ltd"}"#.utf8)) else {
            return XCTFail("the decision does not decode")
        }
        let misses = builder.nearMisses(decision)
        XCTAssertEqual(misses.map(\.rule.id), builder.nearMisses(decision, fromIndex: false).map(\.rule.id))
        XCTAssertEqual(misses.map(\.rule.id), ["WIDE", "R0", "R1"])
    }
}
