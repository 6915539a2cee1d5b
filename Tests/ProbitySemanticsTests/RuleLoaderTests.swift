import Foundation
@testable import ProbitySemantics
import ProbitySupport
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

    /// The digest is SHA-256 over each file's relative path and bytes, in path order, each
    /// followed by a zero byte, whether worked out beside the check (large rules) or after it.
    func testTheDigestIsTheSameBesideTheCheckAsAfterIt() throws {
        let rules = "scheme \"S\"\n\nfields\n  kind: one of a, b\n\nbody board \"Board\"\n\nrule r \"R\"\n  when kind = a\n  require approval by board\n"
        for padding in [0, Checker.parallelDigestMinimumBytes] {
            let text = rules + "# " + String(repeating: "x", count: padding) + "\n"
            let loaded = RuleLoader.load(text: text, path: "main.probity")
            XCTAssertEqual(Checker.digestsInParallel(loaded), padding > 0 && ProcessInfo.processInfo.activeProcessorCount >= 2)
            let expected = SHA256.hexDigest(Array("main.probity".utf8) + [0] + Array(text.utf8) + [0])
            let program = try XCTUnwrap(Checker.check(loaded).program, "padding \(padding)")
            XCTAssertEqual(program.scheme.digest, expected, "padding \(padding)")
            XCTAssertEqual(loaded.digest, expected)
        }
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
