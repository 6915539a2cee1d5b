import ProbityEngine
import ProbitySemantics
import XCTest

/// Builds a plan from rule text, failing the test on any checker error.
package func makePlan(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Plan? {
    let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
    guard let program else {
        XCTFail("rules do not check: \(diagnostics.map(\.message))", file: file, line: line)
        return nil
    }
    return Plan(program: program)
}

/// Decodes a decision given as JSON text, failing the test on error.
package func makeDecision(_ plan: Plan, _ json: String, file: StaticString = #filePath, line: UInt = #line) -> Decision? {
    switch DecisionDecoder(program: plan.program).decode(json: Array(json.utf8)) {
    case .success(let decision): return decision
    case .failure(let errors):
        XCTFail("decision does not decode: \(errors.all.map(\.message))", file: file, line: line)
        return nil
    }
}
