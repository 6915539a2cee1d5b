import Foundation
import ProbitySemantics
import ProbitySyntax
import XCTest

final class RuleLoaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("probity-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("rules/sub"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ path: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func testIncludeCycleIsReported() throws {
        try write("rules/main.probity", "include \"sub/a.probity\"\n")
        try write("rules/sub/a.probity", "include \"b.probity\"\n")
        try write("rules/sub/b.probity", "include \"a.probity\"\n")
        let loaded = RuleLoader.load(path: directory.appendingPathComponent("rules").path, displayPath: "rules")
        XCTAssertEqual(loaded.diagnostics.map(\.code), ["P0501"])
        XCTAssertEqual(loaded.diagnostics.first?.message, "include cycle: `sub/a.probity` → `sub/b.probity` → `sub/a.probity`")
        XCTAssertEqual(loaded.files.count, 3)
    }

    func testIncludeMayNotLeaveTheRulesFolder() throws {
        try write("rules/main.probity", "include \"../outside.probity\"\n")
        try write("outside.probity", "")
        let loaded = RuleLoader.load(path: directory.appendingPathComponent("rules").path)
        XCTAssertEqual(loaded.diagnostics.map(\.code), ["P0502"])
    }

    func testEachFileIsLoadedOnceAndPathsAreShownAsGiven() throws {
        try write("rules/main.probity", "include \"sub/a.probity\"\ninclude \"sub/a.probity\"\n")
        try write("rules/sub/a.probity", "body x \"X\"\n")
        let loaded = RuleLoader.load(path: directory.appendingPathComponent("rules").path, displayPath: "Rules")
        XCTAssertEqual(loaded.diagnostics, [])
        XCTAssertEqual(loaded.sources.files.map(\.path), ["Rules/main.probity", "Rules/sub/a.probity"])
    }

    func testDigestDependsOnContentNotOnWhereTheRulesAre() throws {
        try write("rules/main.probity", "body x \"X\"\n")
        let first = RuleLoader.load(path: directory.appendingPathComponent("rules").path).digest
        let second = RuleLoader.load(path: directory.appendingPathComponent("rules").path, displayPath: "elsewhere").digest
        try write("rules/main.probity", "body y \"Y\"\n")
        let changed = RuleLoader.load(path: directory.appendingPathComponent("rules").path).digest
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first, changed)
        XCTAssertEqual(first.count, 64)
    }
}
