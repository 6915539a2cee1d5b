import Foundation
import ProbitySemantics
import ProbitySyntax
import XCTest

/// The loader never leaves the rules folder, symbolic links included, and its limits fail
/// cleanly (issue 13).
final class RuleLoaderLimitTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("probity-loader-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("rules/sub"), withIntermediateDirectories: true)
        try "body secret \"Outside the root\"\n".write(to: directory.appendingPathComponent("outside.probity"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try "body secret2 \"Outside too\"\n".write(to: directory.appendingPathComponent("elsewhere/x.probity"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ path: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    private func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent(path).path, withDestinationPath: target)
    }

    private var rules: String { directory.appendingPathComponent("rules").path }

    func testIncludeThroughASymbolicLinkToAFileOutsideIsRefused() throws {
        try link("rules/sub/escape.probity", to: directory.appendingPathComponent("outside.probity").path)
        try write("rules/main.probity", "include \"sub/escape.probity\"\n")
        let loaded = RuleLoader.load(path: rules)
        XCTAssertEqual(loaded.diagnostics.map(\.code), ["P0502"])
        XCTAssertEqual(loaded.files.count, 1, "only main.probity was read")
    }

    func testIncludeThroughASymbolicLinkToAFolderOutsideIsRefused() throws {
        try link("rules/away", to: directory.appendingPathComponent("elsewhere").path)
        try write("rules/main.probity", "include \"away/x.probity\"\n")
        let loaded = RuleLoader.load(path: rules)
        XCTAssertEqual(loaded.diagnostics.map(\.code), ["P0502"])
    }

    func testALinkThatStaysInsideIsFollowed() throws {
        try write("rules/sub/real.probity", "body inside \"Inside\"\n")
        try link("rules/alias.probity", to: "sub/real.probity")
        try write("rules/main.probity", "include \"alias.probity\"\n")
        let loaded = RuleLoader.load(path: rules)
        XCTAssertEqual(loaded.diagnostics.map(\.code), [])
        XCTAssertEqual(loaded.files.count, 2)
    }

    func testTheFolderWalkDoesNotFollowLinksOutOfTheRoot() throws {
        try write("rules/sub/a.probity", "body a \"A\"\n")
        try link("rules/away", to: directory.appendingPathComponent("elsewhere").path)
        try link("rules/escape.probity", to: directory.appendingPathComponent("outside.probity").path)
        try link("rules/sub/loop", to: rules)   // a cycle back to the root
        let files = RuleLoader.probityFiles(under: rules)
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }, ["a.probity"])
        let loaded = RuleLoader.load(path: rules)
        XCTAssertEqual(loaded.files.count, 1)
    }

    func testIncludeDepthIsCapped() throws {
        let depth = RuleLoader.maximumIncludeDepth + 5
        for index in 0..<depth {
            try write("rules/f\(index).probity", "include \"f\(index + 1).probity\"\n")
        }
        try write("rules/f\(depth).probity", "")
        try write("rules/main.probity", "include \"f0.probity\"\n")
        let loaded = RuleLoader.load(path: rules)
        XCTAssertEqual(loaded.diagnostics.map(\.code), ["P1305"])
    }

    func testAFolderGivenAsARuleFileIsAnError() throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("rules/dir.probity"), withIntermediateDirectories: true)
        try write("rules/main.probity", "include \"dir.probity\"\n")
        let loaded = RuleLoader.load(path: rules)
        XCTAssertEqual(loaded.diagnostics.map(\.code), ["P0503"])
        XCTAssertTrue(loaded.diagnostics[0].message.contains("it is a folder"), loaded.diagnostics[0].message)
    }

    /// One rule more than the cap (200,000), in five files under the 8 MiB rule-file limit:
    /// the documented P1308, no program, and no crash. (How long it takes is measured in
    /// release mode and written in docs/robustness.md, not timed here.)
    func testOneRuleOverTheCapIsTheDocumentedError() throws {
        let perFile = Checker.maximumRules / 5
        var main = """
        scheme "Cap" version "1" effective from 2020-01-01
        fields
          kind: one of award
          value: money
        body board "Board"

        """
        for file in 0..<5 {
            let extra = file == 0 ? 1 : 0
            var text = ""
            text.reserveCapacity((perFile + extra) * 64)
            for rule in 0..<(perFile + extra) {
                text += "rule R\(file)-\(rule) \"r\"\n  when kind = award and value > £\(rule)\n  require approval by board\n"
            }
            XCTAssertLessThan(text.utf8.count, 8 << 20, "each file is under the rule-file limit")
            try write("rules/part\(file).probity", text)
            main += "include \"part\(file).probity\"\n"
        }
        try write("rules/main.probity", main)
        let (program, diagnostics, _) = Checker.check(path: rules)
        XCTAssertNil(program)
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.code), ["P1308"])
        XCTAssertEqual(diagnostics.first { $0.code == "P1308" }?.message,
                       "the rules hold \(Checker.maximumRules + 1) rules; expected at most \(Checker.maximumRules)")
    }
}
