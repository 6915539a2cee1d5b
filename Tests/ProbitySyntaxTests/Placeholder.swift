import XCTest
final class PSyntaxTests: XCTestCase { func testNothing() {} }
