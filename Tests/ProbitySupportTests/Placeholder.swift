import XCTest
final class PSupportTests: XCTestCase { func testNothing() {} }
