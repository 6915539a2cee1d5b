import Foundation
import XCTest

final class FmtCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("probity-fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testCheckListsFilesThatWouldChangeThenFmtRewritesThem() throws {
        let messy = try write("messy.probity", "body a \"A\"\nrule R \"t\"   # why\n      when value>£1m\n require approval by a\n")
        let tidy = try write("tidy.probity", "body a \"A\"\n")
        let check = try Probity.run(["fmt", "--check", directory.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout, "\(messy)\n")
        XCTAssertTrue(check.stderr.contains("1 file would be reformatted"))
        XCTAssertEqual(try String(contentsOfFile: messy, encoding: .utf8).contains("value>£1m"), true, "--check must not write")

        let fmt = try Probity.run(["fmt", messy, tidy])
        XCTAssertEqual(fmt.status, 0)
        XCTAssertEqual(fmt.stdout, "formatted \(messy)\n")
        XCTAssertEqual(try String(contentsOfFile: messy, encoding: .utf8),
                       "body a \"A\"\n\nrule R \"t\" # why\n  when value > £1m\n  require approval by a\n")

        let again = try Probity.run(["fmt", "--check", directory.path])
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(again.stdout, "")
    }

    func testFileWithSyntaxErrorsIsRefused() throws {
        let broken = try write("broken.probity", "rule R \"t\"\n  when value >\n")
        let before = try String(contentsOfFile: broken, encoding: .utf8)
        let result = try Probity.run(["fmt", broken])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("has syntax errors; it was not formatted"), result.stderr)
        XCTAssertTrue(result.stderr.contains("broken.probity:"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: broken, encoding: .utf8), before)
    }

    func testMissingPathIsBadInput() throws {
        XCTAssertEqual(try Probity.run(["fmt", directory.appendingPathComponent("nope.probity").path]).status, 2)
        XCTAssertEqual(try Probity.run(["fmt"]).status, 2)
    }
}
