import XCTest
final class PEvaluationTests: XCTestCase { func testNothing() {} }
