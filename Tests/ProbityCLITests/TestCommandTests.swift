import Foundation
import XCTest

/// `probity test`, run as a user runs it.
final class TestCommandTests: XCTestCase {
    /// With no path, the rules bundled into the binary are tested, registers and all: the same
    /// answers as testing `Rules` in the repository.
    func testWithNoPathTheBundledRulesPass() throws {
        let bundled = try Probity.run(["test"])
        XCTAssertEqual(bundled.status, 0, bundled.stdout + bundled.stderr)
        XCTAssertTrue(bundled.stdout.hasSuffix(", 0 failed\n"), bundled.stdout)
        let repository = try Probity.run(["test", "Rules"])
        XCTAssertEqual(bundled.stdout, repository.stdout)
    }
}
