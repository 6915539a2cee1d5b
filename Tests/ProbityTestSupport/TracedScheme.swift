import ProbityEngine
import XCTest

/// The scheme the trace and wording tests share: a rule whose condition has every kind of node
/// (enumeration test, money bounds, `or`, `not`, text inequality), a text `one of`, and a rule
/// with no condition.
package enum TracedScheme {
    package static let text = """
    scheme "Trace" version "1" effective from 2020-01-01
    fields
      kind: one of award, waiver
      value: money
      route: text
    body board "Board"
    rule R "traced"
      when kind = award and (value > £10 or not value < £5) and route != "fast"
      require approval by board
    rule T "text one of"
      when route in {"slow", "steady"}
      require approval by board
    rule U "no condition"
      require approval by board

    """

    /// The scheme's plan and `json` decoded against it, failing the test if either does not.
    package static func planAndDecision(_ json: String, file: StaticString = #filePath, line: UInt = #line) throws -> (Plan, Decision) {
        let plan = try XCTUnwrap(makePlan(text, file: file, line: line), file: file, line: line)
        return (plan, try XCTUnwrap(makeDecision(plan, json, file: file, line: line), file: file, line: line))
    }
}
