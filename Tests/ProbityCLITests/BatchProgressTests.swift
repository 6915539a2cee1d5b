import Foundation
import Glibc
import XCTest

/// `check --batch` shows its progress (lines read, rate, elapsed) on standard error only when
/// that is a terminal: driven here through a pseudo-terminal, and through a pipe.
final class BatchProgressTests: XCTestCase {
    private let rules = "Tests/ProbityCLITests/Cases/tiers.probity"
    private let line = #"{"id":"a","date":"2023-06-01","kind":"contract-award","value":"£1k"}"# + "\n"

    /// Runs a batch read from standard input, fed `groups` of lines with a pause between them
    /// (longer than the progress line's quarter-second refresh), with standard error on a
    /// pseudo-terminal or a pipe. Returns standard error as the terminal or pipe received it.
    private func runBatch(groups: [Int], onTerminal: Bool) throws -> (stderr: String, stdout: String, status: Int32) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("probity-progress-\(getpid())-\(onTerminal).jsonl")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = Probity.binary
        process.arguments = ["check", "--rules", rules, "--output", output.path, "--batch", "-"]
        process.currentDirectoryURL = Probity.root
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment.removeValue(forKey: "NO_COLOR")
        process.environment = environment
        let input = Pipe()
        process.standardInput = input

        var master: Int32 = -1
        let errors = Pipe()
        if onTerminal {
            master = PseudoTerminal.openpt(O_RDWR | O_NOCTTY)
            XCTAssertGreaterThanOrEqual(master, 0, "no pseudo-terminal")
            XCTAssertEqual(PseudoTerminal.grantpt(master), 0)
            XCTAssertEqual(PseudoTerminal.unlockpt(master), 0)
            let name = String(cString: try XCTUnwrap(PseudoTerminal.ptsname(master)))
            let terminal = try XCTUnwrap(FileHandle(forWritingAtPath: name), "cannot open \(name)")
            process.standardError = terminal
            try process.run()
            try terminal.close()  // the child holds its own copy
        } else {
            process.standardError = errors
            try process.run()
        }
        // The terminal's side is read as the program writes, so it never blocks on a full buffer.
        nonisolated(unsafe) var received: [UInt8] = []
        let done = DispatchSemaphore(value: 0)
        if onTerminal {
            DispatchQueue.global().async { [master] in
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(master, &buffer, buffer.count)
                    if count <= 0 { break }  // EIO once the program has closed the terminal
                    received += buffer[0..<count]
                }
                done.signal()
            }
        }
        for (index, count) in groups.enumerated() {
            if index > 0 { usleep(600_000) }
            input.fileHandleForWriting.write(Data(String(repeating: line, count: count).utf8))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        if onTerminal {
            XCTAssertEqual(done.wait(timeout: .now() + 20), .success, "the terminal was never closed")
            close(master)
        } else {
            received = Array(errors.fileHandleForReading.readDataToEndOfFile())
        }
        let stdout = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (String(decoding: received, as: UTF8.self), stdout, process.terminationStatus)
    }

    func testProgressOnATerminal() throws {
        let result = try runBatch(groups: [1, 2, 3], onTerminal: true)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 6, "every line answered")
        // Each progress line rewrites the one before: carriage return, erase line, the counts.
        let pattern = try NSRegularExpression(pattern: #"\r\x1B\[K([0-9]+) lines? read, ([0-9]+)/s, ([0-9]+)s elapsed"#)
        let text = result.stderr
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        XCTAssertGreaterThanOrEqual(matches.count, 2, "a progress line per pause: \(text.debugDescription)")
        let counts = matches.map { Int(text[Range($0.range(at: 1), in: text)!])! }
        XCTAssertEqual(counts, counts.sorted(), "lines read only grow: \(counts)")
        XCTAssertEqual(counts.last, 6, text.debugDescription)
        XCTAssertTrue(counts.allSatisfy { (1...6).contains($0) }, "\(counts)")
        for match in matches {
            let elapsed = Int(text[Range(match.range(at: 3), in: text)!])!
            XCTAssertLessThan(elapsed, 60, text.debugDescription)
        }
        // The last progress line is erased before the summary, which a terminal shows as `\r\n`
        // (uncoloured: "0 may not proceed" is not a verdict to paint red).
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[Kbatch: 6 lines read: 6 may proceed, 0 may not proceed, 0 errors\r\n"), text.debugDescription)
    }

    func testNoProgressInAPipe() throws {
        let result = try runBatch(groups: [1, 2, 3], onTerminal: false)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "batch: 6 lines read: 6 may proceed, 0 may not proceed, 0 errors\n")
    }
}

/// The C library's pseudo-terminal calls. Glibc declares them only for X/Open builds, so Swift's
/// Glibc module does not import them; they are looked up in the C library already loaded.
private enum PseudoTerminal {
    private static func function<T>(_ name: String, as type: T.Type) -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("no \(name) in the C library") }
        return unsafeBitCast(symbol, to: type)
    }

    static let openpt = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let grantpt = function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlockpt = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let ptsname = function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
}
