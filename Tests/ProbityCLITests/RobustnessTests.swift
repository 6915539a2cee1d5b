import Foundation
import XCTest

/// Hostile pipes, file-system states and arguments (issue 13): every run ends with exit 0, 1 or
/// 2 and a message on standard error, never a trap, and no record is lost without a word.
final class RobustnessTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("probity-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let decision = "Examples/decisions/bromley-community-services-stw-2023-11.json"

    /// Runs `probity` through the shell, so the test can close or redirect its standard streams.
    /// `redirections` is shell text such as `<&-` or `>/dev/full`; stderr is captured unless redirected.
    private func shell(_ arguments: [String], _ redirections: String, captureError: Bool = true) throws -> (status: Int32, stderr: String) {
        let quoted = ([Probity.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let errorFile = directory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        let command = "SWIFT_BACKTRACE=enable=no " + quoted.joined(separator: " ") + " " + redirections
            + (captureError ? " 2>'\(errorFile)'" : "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = Probity.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stderr)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    // MARK: traps become errors

    func testBatchGivenAFolderIsAnError() throws {
        let result = try Probity.run(["check", "--batch", "Examples"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("cannot read batch file `Examples`: it is a folder"), result.stderr)
    }

    func testDecisionGivenAFolderIsAnError() throws {
        let result = try Probity.run(["check", "Examples"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("it is a folder"), result.stderr)
    }

    func testClosedStandardInputIsAnError() throws {
        for arguments in [["check", "-"], ["check", "--batch", "-"],
                          ["check", "--meeting", "-", decision]] {
            let result = try shell(arguments, "<&-")
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.contains("standard input"), "\(arguments): \(result.stderr)")
        }
    }

    func testFullOrClosedStandardErrorIsNoTrap() throws {
        for redirection in ["2>/dev/full", "2>&-"] {
            XCTAssertEqual(try shell(["check", "no-such-decision.json"], redirection, captureError: false).status, 2, redirection)
            XCTAssertEqual(try shell(["check", decision], redirection, captureError: false).status, 0, redirection)
        }
    }

    func testHugeThreadsAndDecisionsAreUsageErrors() throws {
        let threads = try Probity.run(["check", "--threads", "99999999999", "--batch", "-"], stdin: "")
        XCTAssertEqual(threads.status, 2)
        XCTAssertTrue(threads.stderr.contains("`--threads`"), threads.stderr)
        let decisions = try Probity.run(["bench", "--decisions", "99999999999999"])
        XCTAssertEqual(decisions.status, 2)
        XCTAssertTrue(decisions.stderr.contains("`--decisions`"), decisions.stderr)
    }

    func testAHundredThousandTermChainIsAnErrorInEveryCommand() throws {
        let terms = (0..<100_000).map { "value > £\($0)" }.joined(separator: " and ")
        let rules = try write("chain.probity", "fields\n  value: money\nbody b \"B\"\nrule R \"r\"\n  when \(terms)\n  require approval by b\n")
        let decision = try write("d.json", #"{"id": "d", "date": "2024-01-01", "value": "£5"}"#)
        for arguments in [["lint", rules], ["fmt", "--check", rules], ["test", rules],
                          ["check", "--rules", rules, decision], ["explain", "--rules", rules, decision]] {
            let result = try Probity.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue((result.stdout + result.stderr).contains("P1304"), "\(arguments)")
        }
    }

    /// Seeded: a decision alone, twice, or anywhere in a batch (with others, on several
    /// threads) gets the same report.
    func testADecisionGetsTheSameReportWhereverItIsInABatch() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["PROBITY_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let folder = Probity.root.appendingPathComponent("Examples/decisions")
        let lines = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        } + ["{\"id\": \"broken\"", "{\"id\": \"no-date\", \"kind\": \"minutes\"}"]
        let register = "Examples/registers/lcp-board-2023-11-23.tsv"
        for round in 0..<3 {
            let chosen = lines[next(lines.count)]
            let alone = try Probity.run(["check", "--register", register, "--batch", "-"], stdin: chosen + "\n").stdout
            var batch: [String] = (0..<(5 + next(40))).map { _ in lines[next(lines.count)] }
            let positions = [next(batch.count + 1), next(batch.count + 2)].sorted()
            for position in positions { batch.insert(chosen, at: position) }
            let threads = String(1 + next(3))
            let output = try Probity.run(["check", "--register", register, "--threads", threads, "--batch", "-"],
                                         stdin: batch.joined(separator: "\n") + "\n").stdout.split(separator: "\n", omittingEmptySubsequences: false)
            // An error record names its line number, which is the one thing that moves.
            func withoutLineNumber(_ text: String) -> String {
                text.replacingOccurrences(of: #""line":[0-9]+"#, with: "", options: .regularExpression)
            }
            for position in positions {
                XCTAssertEqual(withoutLineNumber(String(output[position]) + "\n"), withoutLineNumber(alone),
                               "seed \(seed), round \(round), line \(position + 1), \(threads) threads")
            }
        }
    }

    // MARK: no record lost without a word

    func testRegisterRowsAreAllAccountedFor() throws {
        let register = try write("register.csv", """
        Name,Employer,Position,Declared Interest,Nature of Interest,Valid From,Valid To
        Dr Ada Lovelace,Analytical Ltd,Director,Financial Interest,Shares in Analytical Ltd,01/01/2020,
        ,Bromley Healthcare,Non-executive director,,,,
        ,,,,,01/01/2020,
        broken,row

        """)
        let result = try Probity.run(["check", "--register", register, decision])
        // The rows not kept are errors about those rows (P1920), and the account says what the
        // answer rests on (P1923).
        XCTAssertTrue(result.stderr.contains("\(register): warning[P1923]: 4 rows read: 2 kept, 2 not kept; the answers rest on the 2 rows kept"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(register):4: error[P1920]: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(register):5: error[P1920]: "), result.stderr)
    }


    func testFullOrClosedStandardOutputFailsWithAMessage() throws {
        for redirection in [">/dev/full", ">&-"] {
            let result = try shell(["check", decision], redirection)
            XCTAssertEqual(result.status, 2, redirection)
            XCTAssertTrue(result.stderr.contains("cannot write standard output"), "\(redirection): \(result.stderr)")
        }
        let batch = try write("batch.jsonl", String(repeating: try String(contentsOfFile: Probity.root.appendingPathComponent(decision).path, encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ") + "\n", count: 50))
        let result = try shell(["check", "--batch", batch], ">/dev/full")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("cannot write standard output"), result.stderr)
    }

    /// A reader that goes away (`| head`) ends probity by SIGPIPE, as it ends `cat` or `grep`
    /// (docs/robustness.md): the shell sees 141, and nothing is printed.
    func testReaderGoingAwayEndsByBrokenPipe() throws {
        let line = try String(contentsOfFile: Probity.root.appendingPathComponent(decision).path, encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ") + "\n"
        let batch = try write("many.jsonl", String(repeating: line, count: 3000))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "'\(Probity.binary.path)' check --batch '\(batch)' | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 128 + 13)
    }

    func testFmtReportsAFailedWrite() throws {
        // The rewrite goes through a temporary file beside the original, whose longer name is
        // refused (even for root, who may write in any folder): the write fails.
        let name = String(repeating: "r", count: 255 - ".probity".count) + ".probity"
        let file = try write(name, "body a \"A\"\nrule R \"t\"\n      when value>£1m\n require approval by a\n")
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let result = try Probity.run(["fmt", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertFalse(result.stdout.contains("formatted"), result.stdout)
        XCTAssertTrue(result.stderr.contains("cannot write `\(file)`"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), before, "a failed write leaves the file whole")
    }

    func testBatchWithBadLinesSaysWhyOnStandardError() throws {
        let batch = try write("bad.jsonl", "{\"id\": \"x\"\nnot json\n")
        let result = try Probity.run(["check", "--batch", batch])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("2 lines read: 0 may proceed, 0 may not proceed, 2 errors; each error has a `probity.error/1` record"), result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 2, "every line still has its record")
    }
}
