import Dispatch
import Foundation
import Glibc
import Probity
import ProbitySupport

/// `probity check --batch`: one decision per line in, one compact JSON report per line out, in
/// input order, with memory flat however many decisions there are.
///
/// Blocks of lines are read, checked and written in turn by each of `--threads` workers
/// (``OrderedBlockPipeline``): while one checks its block, another reads or writes, a block
/// checked early waits only for the ones before it, and the output is byte for byte what one
/// thread writes. There is no reader or writer thread besides the workers, so on two cores two
/// workers have them to themselves.
struct BatchCheck {
    let context: CheckContext
    let threads: Int?

    /// Lines per block: enough that handing a block between threads costs nothing beside
    /// checking it (about 2 ms of work against a few microseconds), few enough that the blocks
    /// in flight stay small, the output streams, and the workers finish the last blocks
    /// together (the one that finishes first waits for at most one block).
    static let blockSize = 256

    /// The longest line read as one decision: 16 MiB (docs/robustness.md).
    static let maximumLineLength = 16 << 20

    /// Bytes of output a block's buffer starts with (it grows to the largest block and is kept):
    /// a report is about 1 KB.
    static let blockOutputCapacity = 1 << 19

    func run(path: String) -> ExitCode {
        let descriptor: Int32
        if path == "-" {
            guard !Output.inputWasClosed else {
                Output.error(.unreadableDecisions, "cannot read batch file from standard input: standard input is closed")
                return .badInput
            }
            descriptor = STDIN_FILENO
        } else {
            switch FileIO.openForReading(path) {
            case .success(let opened): descriptor = opened
            case .failure(let error):
                Output.error(.unreadableDecisions, "cannot read batch file `\(path)`: \(error.reason)")
                return .badInput
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var input = BatchInput(reader: LineReader(descriptor: descriptor))
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let written = runBlocks(&input, workers: workers)
        var tally = written.tally
        tally.blank += input.blank
        // Always one summary line, on standard error, whose counts add up to the lines read.
        // Red only when some decision may not proceed: "0 may not proceed" is no warning.
        Output.error(tally.summary(lines: input.lineNumber), painted: tally.notProceed > 0)
        if let failure = input.reader.failure {
            Output.error(.unreadableDecisions, "cannot read batch file \(path == "-" ? "from standard input" : "`\(path)`") after line \(input.lineNumber): \(failure.reason)")
            return .badInput
        }
        return written.worst
    }

    /// Reads, checks and writes blocks of lines on `workers` threads (this one and others), each
    /// thread doing all three in turn (``OrderedBlockPipeline``): blocks are read one at a time,
    /// checked at once and written in input order, so the output is what one thread writes.
    private func runBlocks(_ input: inout BatchInput, workers: Int) -> BatchWriter {
        // Four blocks per worker: one being checked, and room to run ahead of a worker still on
        // an earlier block (which its block must wait for, to keep the order) for a few more.
        let pool = (0..<4 * workers).map { _ in BatchBlock(outputCapacity: BatchCheck.blockOutputCapacity) }
        let state = BatchState(input: input)
        let context = self.context
        OrderedBlockPipeline(blocks: pool).run(
            threads: workers,
            fill: { block in
                block.reset()
                // Only blank lines so far: read on (the block is empty only at the end).
                repeat { state.input.fill(block) } while block.isEmpty && !state.input.reader.isFinished
                return !block.isEmpty
            },
            process: { block in block.check(context: context) },
            write: { block in
                state.writer.write(block)
                // When nobody can read the reports any more, checking the rest would only lose them.
                return Output.failure == nil
            })
        state.writer.finish()
        input = state.input
        return state.writer
    }

    /// The input and the writer's tallies, which the pipeline hands from thread to thread: the
    /// input is only touched while a block is filled (one thread at a time), the writer while a
    /// block is written (likewise), and both are read back once every thread has finished.
    private final class BatchState: @unchecked Sendable {
        var input: BatchInput
        var writer = BatchWriter()

        init(input: BatchInput) {
            self.input = input
        }
    }

    /// The lines of a batch as they are read: each block filled from the reader, with the line
    /// count and the blank lines (which have no report) kept here.
    struct BatchInput {
        var reader: LineReader
        var lineNumber = 0
        var blank = 0

        /// Reads up to a block of lines into `block`. From a pipe or terminal, lines may come
        /// slowly: it stops at the lines already here rather than wait for a full block (a file
        /// is never slow, and is read in full blocks).
        mutating func fill(_ block: BatchBlock) {
            while block.count < BatchCheck.blockSize, let line = reader.next(wait: block.isEmpty || !reader.mayStall) {
                lineNumber += 1
                switch line {
                case .text(let text):
                    if text.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                        blank += 1
                        continue
                    }
                    block.append(line: lineNumber, text)
                case .tooLong(let length):
                    block.appendTooLong(line: lineNumber, length: length)
                }
            }
            block.lastLine = lineNumber
        }
    }

    /// Writes checked blocks to standard output in turn, adding up their statuses and counts,
    /// and shows progress.
    struct BatchWriter {
        var worst = ExitCode.success
        var tally = Tally()
        var progress = Progress()

        mutating func write(_ block: BatchBlock) {
            block.output.withUnsafeBytes { Output.write(bytes: $0) }
            worst = worst.worst(block.status)
            tally.add(block.tally)
            // A line that came alone is answered now, not when the next block is full.
            Output.flush()
            progress.show(lines: block.lastLine)
        }

        func finish() {
            progress.clear()
        }
    }

    /// What became of the lines of a batch.
    struct Tally: Sendable {
        var proceed = 0, notProceed = 0, errors = 0, blank = 0

        mutating func add(_ other: Tally) {
            proceed += other.proceed
            notProceed += other.notProceed
            errors += other.errors
            blank += other.blank
        }

        /// "batch: 12 lines read: 8 may proceed, 2 may not proceed, 1 error, 1 blank"; with
        /// errors, where to find why (a person who sees exit 2 needs the reason).
        func summary(lines: Int) -> String {
            var parts = ["\(proceed) may proceed", "\(notProceed) may not proceed", "\(errors) error\(errors == 1 ? "" : "s")"]
            if blank > 0 { parts.append("\(blank) blank") }
            let reason = errors == 0 ? "" : "; each error has a `probity.error/1` record with its line number in the output"
            return "batch: \(lines) line\(lines == 1 ? "" : "s") read: \(parts.joined(separator: ", "))\(reason)\n"
        }
    }

    /// Progress on a terminal: lines read, rate and time so far, on one line rewritten in place
    /// at most four times a second. Nothing when standard error is not a terminal.
    struct Progress {
        let isShown = isatty(STDERR_FILENO) == 1
        let start = DispatchTime.now().uptimeNanoseconds
        var lastShown: UInt64 = 0

        mutating func show(lines: Int) {
            guard isShown else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastShown >= 250_000_000 else { return }
            lastShown = now
            let seconds = Double(now - start) / 1e9
            let rate = seconds > 0 ? Int(Double(lines) / seconds) : 0
            Output.error("\r\u{1B}[K\(lines) line\(lines == 1 ? "" : "s") read, \(rate)/s, \(Int(seconds))s elapsed")
        }

        func clear() {
            guard isShown, lastShown > 0 else { return }
            Output.error("\r\u{1B}[K")
        }
    }
}

/// Reads a file line by line in large chunks, in time linear in its size: the search for a
/// newline resumes where the last one stopped, and a line longer than the limit is skipped
/// (and reported) as it streams past rather than held in memory.
struct LineReader {
    enum Line {
        case text(ArraySlice<UInt8>)
        /// A line over the limit: how many bytes it had.
        case tooLong(Int)
    }

    let descriptor: Int32
    let maximumLength: Int
    /// Whether reading can wait on a writer (a pipe or terminal): a regular file never does.
    let mayStall: Bool
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var position = 0
    /// Where the search for the next newline resumes (everything from `position` to here has none).
    private var scanned = 0
    private var atEnd = false
    /// Bytes of an over-long line already thrown away.
    private var skipping: Int?
    private(set) var failure: FileError?

    init(descriptor: Int32, maximumLength: Int = BatchCheck.maximumLineLength) {
        self.descriptor = descriptor
        self.maximumLength = maximumLength
        var status = stat()
        let isFile = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        self.mayStall = !isFile
    }

    /// True once every line has been returned.
    var isFinished: Bool { atEnd && position >= buffer.count && skipping == nil }

    /// The index of the first newline at or after `start` (memchr: this loop sees every byte).
    static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let found = memchr(raw.baseAddress! + start, 10, raw.count - start) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The next line, without its newline. With `wait` false, nil as soon as no whole line is
    /// already read (the caller answers what it has); with `wait`, nil only at the end.
    mutating func next(wait: Bool = true) -> Line? {
        while true {
            if let newline = LineReader.newline(in: buffer, from: scanned) {
                let line = buffer[position..<newline]
                position = newline + 1
                scanned = position
                if let skipped = skipping {
                    skipping = nil
                    return .tooLong(skipped + line.count)
                }
                if line.count > maximumLength { return .tooLong(line.count) }
                return .text(line)
            }
            scanned = buffer.count
            if atEnd {
                guard position < buffer.count || skipping != nil else { return nil }
                let line = buffer[position...]
                position = buffer.count
                scanned = position
                if let skipped = skipping {
                    skipping = nil
                    return .tooLong(skipped + line.count)
                }
                return line.count > maximumLength ? .tooLong(line.count) : .text(line)
            }
            if !wait { return nil }
            if buffer.count - position > maximumLength {
                // Too long already: drop what has been seen and keep counting to its end.
                skipping = (skipping ?? 0) + buffer.count - position
                buffer.removeAll(keepingCapacity: true)
                position = 0
                scanned = 0
            } else if position > 0 {
                // Keep the unread tail, then read the next chunk after it.
                buffer.removeSubrange(0..<position)
                scanned -= position
                position = 0
            }
            // One read: as much as is there, so a line that arrives alone is answered at once.
            switch FileIO.readChunk(descriptor: descriptor, into: &chunk) {
            case .success(0): atEnd = true
            case .success(let count): buffer.append(contentsOf: chunk[..<count])
            case .failure(let error):
                failure = error
                atEnd = true
            }
        }
    }
}
