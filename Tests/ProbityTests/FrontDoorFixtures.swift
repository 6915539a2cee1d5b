import Probity
import ProbityTestSupport
import XCTest

/// Engines over ``FrontDoorRules`` for the front door's tests.
enum FrontDoorFixtures {
    static func engine(_ text: String = FrontDoorRules.schemeHeader + FrontDoorRules.rules, file: StaticString = #filePath, line: UInt = #line) throws -> Engine {
        switch Scheme.load(texts: ["main.probity": text]) {
        case .success(let scheme): return Engine(scheme: scheme)
        case .failure(let error):
            XCTFail("rules do not load:\n\(error.rendered())", file: file, line: line)
            throw error
        }
    }
}
