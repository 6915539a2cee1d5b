@testable import ProbityEngine
import ProbitySemantics
import XCTest

/// The rule index splits a kind's rules by the bands of `value` even when a rule file repeats
/// its bands many times over, interleaved, each copy with an open-ended rule: a line then
/// evaluates the rules of its band, not every rule of its kind.
final class RuleIndexSplitTests: XCTestCase {
    func testTenInterleavedCopiesOfAKindsBandsAreSplitByValue() throws {
        var text = """
        scheme "Copies"
        fields
          required kind: one of a, b
          value: money
        body board "Board"
        procedure tender "Tender"

        """
        let bounds = [10_000, 16_158, 24_568, 27_291, 51_581, 56_186, 447_611, 1_089_378, 5_452_063, 11_137_745, 50_000_000]
        for copy in 0..<10 {
            // Copy c's thresholds are the first's times 1 + c/40, as `scripts/multiply-rules bands` writes them.
            let scaled = bounds.map { $0 + $0 * copy / 40 }
            for band in 0..<10 {
                text += "rule A-\(band)-c\(copy) \"a\"\n  when kind = a and value in (£\(scaled[band]) .. £\(scaled[band + 1])]\n  require approval by board\n"
            }
            text += "rule P-c\(copy) \"p\"\n  when kind = a and value >= £\(1_484_000 + 1_484_000 * copy / 40)\n  require procedure tender\n"
        }
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        let plan = Plan(program: try XCTUnwrap(program, "\(diagnostics.prefix(3).map(\.message))"))
        let decoder = DecisionDecoder(program: plan.program)
        guard case .success(let decision) = decoder.decode(json: Array(#"{"id":"d","date":"2024-01-01","kind":"a","value":"£30000"}"#.utf8)) else {
            return XCTFail("the decision does not decode")
        }
        let lists = plan.index.candidates(for: decision).lists
        let candidates = lists.unbounded.count + lists.bounded.count + lists.namedUnbounded.count + lists.namedBounded.count + lists.unkeyedUnbounded.count + lists.unkeyedBounded.count
        // £30,000 is in one band of each copy (or on a copy's boundary, in two): at most 20 of the 110.
        XCTAssertLessThanOrEqual(candidates, 20)
        XCTAssertEqual(plan.match(decision).fired.count, 10)
    }
}
