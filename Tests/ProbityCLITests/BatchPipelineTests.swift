import Foundation
import ProbitySupport
import ProbityTestSupport
import XCTest

/// `check --batch` reads, checks and writes on different threads: whatever the number of
/// threads, and however slowly the input comes, the output is byte for byte what one thread
/// writes, in input order, with every bad line's error record in its place.
final class BatchPipelineTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("probity-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A generated workload's decisions (seeded) with bad lines mixed in at seeded places:
    /// the lines, and for each bad line its line number.
    private func batch(decisions: Int, _ random: inout SplitMix64, seed: UInt64) throws -> (lines: [String], bad: [Int]) {
        let written = try Probity.run(["bench", "--write", directory.path, "--decisions", String(decisions), "--seed", String(seed)])
        XCTAssertEqual(written.status, 0, written.stderr)
        var lines = try String(contentsOf: directory.appendingPathComponent("decisions.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let damaged = ["not json", #"{"id":"no-date","kind":"k00","value":"1000.00"}"#, "   ",
                       #"{"id":"bad-date","date":"2024-13-01","kind":"k01","value":"5.00"}"#,
                       #"{"id":"bad-kind","date":"2024-01-01","kind":"nothing","value":"5.00"}"#,
                       String(repeating: "x", count: (16 << 20) + 1)]
        for line in damaged {
            lines.insert(line, at: random.below(lines.count + 1))
        }
        let bad = lines.indices.filter { !lines[$0].hasPrefix(#"{"id":"D"#) && lines[$0] != "   " }.map { $0 + 1 }
        return (lines, bad)
    }

    /// `lines` written to the batch file, one a line; its path.
    private func written(_ lines: [String]) throws -> String {
        let file = directory.appendingPathComponent("batch.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return file.path
    }

    /// `check` of the batch at `path` (`-`: standard input) against the rules and register `setUp` wrote.
    private func checkArguments(batch path: String) -> [String] {
        ["check", "--rules", directory.appendingPathComponent("rules.probity").path,
         "--register", directory.appendingPathComponent("register.csv").path, "--batch", path]
    }

    func testTwoAndFourThreadsWriteWhatOneThreadWrites() throws {
        var (seed, random) = TestSeed.generator()
        let (lines, bad) = try batch(decisions: 5_000, &random, seed: seed % 1_000_000 + 1)
        let arguments = checkArguments(batch: try written(lines))
        let one = try Probity.run(arguments + ["--threads", "1"])
        let output = one.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(output.count, lines.count - 1, "seed \(seed): one line out per line in, but the blank one")
        XCTAssertEqual(one.status, 2, "seed \(seed): bad lines make exit 2")
        XCTAssertTrue(one.stderr.hasSuffix("5 errors, 1 blank; each error has a `probity.error/1` record with its line number in the output\n"), one.stderr)
        // Each error record is where its line was (the blank line has no answer).
        let blank = lines.firstIndex(of: "   ")! + 1
        for number in bad {
            let at = number - 1 - (number > blank ? 1 : 0)
            XCTAssertTrue(output[at].contains(#""format":"probity.error/1","line":\#(number),"#), "seed \(seed): line \(number): \(output[at].prefix(200))")
        }
        for threads in ["2", "4"] {
            let many = try Probity.run(arguments + ["--threads", threads])
            XCTAssertTrue(many.stdout == one.stdout, "seed \(seed): \(threads) threads wrote other bytes than one thread")
            XCTAssertEqual(many.stderr, one.stderr, "seed \(seed)")
            XCTAssertEqual(many.status, one.status, "seed \(seed)")
        }
    }

    func testSlowInputInPiecesGivesTheSameBytes() throws {
        var (seed, random) = TestSeed.generator()
        let (allLines, _) = try batch(decisions: 300, &random, seed: seed % 1_000_000 + 1)
        let lines = allLines.filter { $0.count < 1_000_000 }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        let arguments = checkArguments(batch: "-")
        let expected = try Probity.run(arguments + ["--threads", "1"], stdin: String(decoding: input, as: UTF8.self))

        let stdin = Pipe()
        let running = try Running(arguments + ["--threads", "2"], stdin: stdin)
        // Pieces of 1 to 600 bytes, cutting lines anywhere, with pauses between some.
        var at = 0
        while at < input.count {
            let end = min(input.count, at + 1 + random.below(600))
            stdin.fileHandleForWriting.write(Data(input[at..<end]))
            if random.chance(0.2) { usleep(2_000) }
            at = end
        }
        try stdin.fileHandleForWriting.close()
        let (written, errors, status) = running.finish()
        XCTAssertTrue(written == Data(expected.stdout.utf8), "seed \(seed): slow input in pieces gave other bytes")
        XCTAssertEqual(String(decoding: errors, as: UTF8.self), expected.stderr, "seed \(seed)")
        XCTAssertEqual(status, expected.status, "seed \(seed)")
    }

    /// A batch file opened and its first blocks read while the register is still being read
    /// (`BatchCheck.openAhead`): the register comes through a named pipe that is written only
    /// once the process has the batch file open, so the lines are always read ahead, and the
    /// answers are byte for byte those of a run that read nothing ahead, at 1, 2 and 4 threads,
    /// for batches shorter than a block, of a few blocks, and longer than the pipeline's pool.
    func testABatchReadWhileTheRegisterIsReadGivesTheSameBytes() throws {
        var (seed, random) = TestSeed.generator()
        let sizes = [1, 200, 256, 257, 1_700, 3_000]
        let (lines, _) = try batch(decisions: sizes[random.below(sizes.count)], &random, seed: seed % 1_000_000 + 1)
        let path = try written(lines)
        let registerPath = directory.appendingPathComponent("register.csv").path
        let register = try Data(contentsOf: URL(fileURLWithPath: registerPath))
        // Read without a register thread (the register on standard input), so nothing is read ahead.
        var plain = checkArguments(batch: path)
        plain[plain.firstIndex(of: registerPath)!] = "-"
        let expected = try Probity.run(plain + ["--threads", "1"], stdin: String(decoding: register, as: UTF8.self))
        XCTAssertFalse(expected.stdout.isEmpty, "seed \(seed)")
        let batchFile = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        for threads in ["1", "2", "4"] {
            let pipeDirectory = directory.appendingPathComponent("pipe-\(threads)")
            try FileManager.default.createDirectory(at: pipeDirectory, withIntermediateDirectories: true)
            let fifo = pipeDirectory.appendingPathComponent("register.csv").path
            XCTAssertEqual(mkfifo(fifo, 0o600), 0, "mkfifo")
            var arguments = checkArguments(batch: path)
            arguments[arguments.firstIndex(of: registerPath)!] = fifo
            let running = try Running(arguments + ["--threads", threads])
            // The register's thread waits in the pipe until it is written: first the batch file
            // must be open (read ahead), which nothing else opens before the register is read.
            let descriptors = "/proc/\(running.process.processIdentifier)/fd"
            var openedAhead = false
            for _ in 0..<6_000 where !openedAhead {
                let open = (try? FileManager.default.contentsOfDirectory(atPath: descriptors)) ?? []
                openedAhead = open.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(descriptors)/\($0)")) == batchFile }
                if !openedAhead { usleep(10_000) }
            }
            XCTAssertTrue(openedAhead, "seed \(seed), \(threads) threads: the batch file was not opened while the register was read")
            let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: fifo))
            writer.write(register)
            try writer.close()
            let (output, errors, status) = running.finish()
            XCTAssertTrue(output == Data(expected.stdout.utf8), "seed \(seed), \(threads) threads: lines read ahead gave other bytes")
            XCTAssertEqual(String(decoding: errors, as: UTF8.self), expected.stderr, "seed \(seed), \(threads) threads")
            XCTAssertEqual(status, expected.status, "seed \(seed), \(threads) threads")
        }
    }

    /// Output that stops part way, at any number of threads: a reader that goes away (`| head -c
    /// N`) ends the batch by SIGPIPE with the first N bytes exactly one thread's, and a full disk
    /// (`/dev/full`) ends it with exit 2 and the reason; neither leaves a worker waiting for ever.
    func testOutputThatStopsEndsTheBatchAtAnyThreadCount() throws {
        var (seed, random) = TestSeed.generator()
        let (lines, _) = try batch(decisions: 3_000, &random, seed: seed % 1_000_000 + 1)
        let arguments = checkArguments(batch: try written(lines))
        let one = Array(try Probity.run(arguments + ["--threads", "1"]).stdout.utf8)
        let quoted = ([Probity.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        for _ in 0..<3 {
            let threads = 1 + random.below(6)
            let kept = 1 + random.below(one.count / 2)
            let head = directory.appendingPathComponent("head.out")
            let cut = try shell("\(quoted) --threads \(threads) | head -c \(kept) > '\(head.path)'; exit ${PIPESTATUS[0]}")
            XCTAssertEqual(cut, 128 + 13, "seed \(seed): \(threads) threads, reader gone after \(kept) bytes")
            XCTAssertTrue(try Data(contentsOf: head) == Data(one[..<kept]), "seed \(seed): \(threads) threads: the first \(kept) bytes differ")
            let full = try shell("\(quoted) --threads \(threads) > /dev/full 2> '\(head.path)'")
            XCTAssertEqual(full, 2, "seed \(seed): \(threads) threads, full disk")
            XCTAssertTrue(try String(contentsOf: head, encoding: .utf8).contains("cannot write standard output"), "seed \(seed)")
        }
    }

    /// `probity` started with `arguments` (and `stdin`, when given, as its standard input), its
    /// standard output and error read to their ends on threads of their own, so that neither
    /// pipe fills while the test writes or waits.
    /// A batch read from a pipe and written to one widens both to 1 MiB (from Linux's 64 KiB),
    /// so that the worker writing a block's reports (about 256 KiB) does not wait on the reader
    /// at the other end for each 64 KiB, and the answers are the same.
    func testABatchWidensThePipesItReadsAndWrites() throws {
        var (seed, random) = TestSeed.generator()
        let (lines, _) = try batch(decisions: 300, &random, seed: seed % 1_000_000 + 1)
        let input = Data((lines.filter { $0.count < 1_000_000 }.joined(separator: "\n") + "\n").utf8)
        let arguments = checkArguments(batch: "-")
        let expected = try Probity.run(arguments + ["--threads", "1"], stdin: String(decoding: input, as: UTF8.self))
        let getPipeSize: Int32 = 1032   // F_GETPIPE_SZ
        for threads in ["1", "2"] {
            let stdin = Pipe()
            XCTAssertEqual(fcntl(stdin.fileHandleForWriting.fileDescriptor, getPipeSize), 1 << 16, "a new pipe holds 64 KiB")
            let running = try Running(arguments + ["--threads", threads], stdin: stdin)
            // More than 64 KiB: the write returns only once the batch has read from the pipe,
            // which it widens before it first reads.
            XCTAssertGreaterThan(input.count, 1 << 16)
            stdin.fileHandleForWriting.write(input)
            XCTAssertEqual(fcntl(stdin.fileHandleForWriting.fileDescriptor, getPipeSize), 1 << 20, "\(threads) threads: the input pipe")
            try stdin.fileHandleForWriting.close()
            let (written, _, status) = running.finish()
            XCTAssertTrue(written == Data(expected.stdout.utf8), "seed \(seed), \(threads) threads: other bytes through pipes")
            XCTAssertEqual(status, expected.status, "seed \(seed)")
            XCTAssertEqual(running.outputPipeSize, 1 << 20, "\(threads) threads: the output pipe")
        }
    }

    private final class Running: @unchecked Sendable {
        let process = Process()
        private let read = DispatchGroup()
        private var output = Data(), errors = Data()
        private let stdout: Pipe

        /// How many bytes the pipe to standard output holds (`F_GETPIPE_SZ`).
        var outputPipeSize: Int32 { fcntl(stdout.fileHandleForReading.fileDescriptor, 1032) }

        init(_ arguments: [String], stdin: Pipe? = nil) throws {
            process.executableURL = Probity.binary
            process.arguments = arguments
            let stdout = Pipe(), stderr = Pipe()
            self.stdout = stdout
            if let stdin { process.standardInput = stdin }
            (process.standardOutput, process.standardError) = (stdout, stderr)
            try process.run()
            for (pipe, isOutput) in [(stdout, true), (stderr, false)] {
                read.enter()
                DispatchQueue.global().async { [self] in
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    if isOutput { output = data } else { errors = data }
                    read.leave()
                }
            }
        }

        /// Everything written to standard output and error, and the exit status, once it has ended.
        func finish() -> (output: Data, errors: Data, status: Int32) {
            read.wait()
            process.waitUntilExit()
            return (output, errors, process.terminationStatus)
        }
    }

    /// Runs `command` in bash and gives its exit status.
    private func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
