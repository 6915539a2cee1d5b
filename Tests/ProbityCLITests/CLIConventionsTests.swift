import Foundation
import XCTest

/// The command line behaves as people expect (issue 11): versions, `--output`, colour.
final class CLIConventionsTests: XCTestCase {
    private let decision = "Tests/ProbityCLITests/Cases/check-stdin/stdin"
    private let rules = "Tests/ProbityCLITests/Cases/tiers.probity"

    /// `probity --version` and `probity version`: `probity VERSION (commit C, CONFIGURATION build,
    /// SYSTEM MACHINE, swift X)` with VERSION from the package's VERSION file (its one place) and C
    /// the git commit (12 hex digits, `-modified` with uncommitted changes) or `unknown`.
    func testVersionBothWays() throws {
        let long = try Probity.run(["--version"]), word = try Probity.run(["version"]), short = try Probity.run(["-V"])
        XCTAssertEqual(long.status, 0)
        XCTAssertEqual(long.stdout, word.stdout)
        XCTAssertEqual(long.stdout, short.stdout)
        let version = try String(contentsOf: Probity.root.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(version.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$"#, options: .regularExpression), "VERSION is not semantic: \(version)")
        let lines = long.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, long.stdout)
        let first = #"^probity "# + NSRegularExpression.escapedPattern(for: version)
            + #" \(commit ([0-9a-f]{12}(-modified)?|unknown), (debug|release) build, [a-z]+ [a-z0-9_]+, swift [0-9.+]+\)$"#
        XCTAssertNotNil(lines.first?.range(of: first, options: .regularExpression), long.stdout)
        XCTAssertTrue(lines.last?.hasPrefix("shipped rules: ") == true, long.stdout)
        XCTAssertEqual(try Probity.run(["version", "extra"]).status, 2)
    }

    func testOutputWritesTheFileAndNothingToStandardOutput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("probity-output-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let plain = try Probity.run(["check", "--rules", rules, decision])
        let redirected = try Probity.run(["check", "--output", file.path, "--rules", rules, decision])
        XCTAssertEqual(redirected.status, plain.status)
        XCTAssertEqual(redirected.stdout, "")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), plain.stdout)
        let unwritable = try Probity.run(["check", "--output", "/nonexistent-dir/x", "--rules", rules, decision])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("cannot write `--output` file"), unwritable.stderr)
    }

    func testColourOnlyWhenAskedOrOnATerminal() throws {
        let args = ["check", "--rules", rules, "Tests/ProbityCLITests/Cases/no-authority-near-miss/decision.json"]
        let piped = try Probity.run(args)
        XCTAssertFalse(piped.stdout.contains("\u{1B}["), "no colour in a pipe")
        let always = try Probity.run(args + ["--color", "always"])
        XCTAssertTrue(always.stdout.contains("\u{1B}[1;31merror\u{1B}[0m[P1002]"), always.stdout)
        let never = try Probity.run(args + ["--color=never"])
        XCTAssertEqual(never.stdout, piped.stdout)
        let noColour = try Probity.run(args + ["--color", "auto"], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(noColour.stdout, piped.stdout)
        XCTAssertEqual(try Probity.run(args + ["--color", "sometimes"]).status, 2)
    }

    func testEveryCommandAnswersDashH() throws {
        for command in ["check", "screen", "meeting", "report", "graph", "vote", "explain", "test", "lint", "fmt", "diff", "bench", "serve", "audit", "completion"] {
            let short = try Probity.run([command, "-h"]), long = try Probity.run([command, "--help"]), page = try Probity.run(["help", command])
            XCTAssertEqual(short.status, 0, command)
            XCTAssertEqual(short.stdout, long.stdout, command)
            XCTAssertEqual(short.stdout, page.stdout, command)
            for part in ["usage:", "exit status:", "example:"] {
                XCTAssertTrue(short.stdout.contains(part), "\(command) -h has no \(part)")
            }
        }
    }
}

/// `check --batch -` answers a line as soon as it arrives, and always ends with a summary.
final class BatchStreamingTests: XCTestCase {
    func testALineArrivingAloneIsAnsweredWithoutWaitingForMore() throws {
        let process = Process()
        process.executableURL = Probity.binary
        process.arguments = ["check", "--rules", "Tests/ProbityCLITests/Cases/tiers.probity", "--batch", "-"]
        process.currentDirectoryURL = Probity.root
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"id":"a","date":"2023-06-01","kind":"contract-award","value":"£1k"}"#.utf8 + [10]))
        // Standard input stays open: the answer must come anyway.
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var firstLine = ""
        let reader = output.fileHandleForReading
        DispatchQueue.global().async {
            var bytes: [UInt8] = []
            while !bytes.contains(10) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                bytes += chunk
            }
            firstLine = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
            answered.signal()
        }
        let inTime = answered.wait(timeout: .now() + 20) == .success
        try input.fileHandleForWriting.close()
        let rest = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertTrue(inTime, "no answer while standard input stayed open")
        XCTAssertTrue(firstLine.hasPrefix(#"{"format":"probity.report/1","decision":"a""#), firstLine)
        XCTAssertEqual(String(decoding: rest, as: UTF8.self), "batch: 1 line read: 1 may proceed, 0 may not proceed, 0 errors\n")
    }
}
