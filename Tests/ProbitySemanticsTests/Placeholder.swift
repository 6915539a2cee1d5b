import XCTest
final class PSemanticsTests: XCTestCase { func testNothing() {} }
