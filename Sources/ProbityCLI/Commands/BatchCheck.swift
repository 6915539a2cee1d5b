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
/// workers have them to themselves, and a block stays on the core that read, checked and
/// (mostly) writes it.
struct BatchCheck {
    let context: CheckContext
    let threads: Int?

    /// Lines per block: enough that handing a block between threads costs little beside
    /// checking it, few enough that the blocks in flight stay small and the output streams.
    /// 256, not 1,024 (stop 23): a block's lines and reports (about 1.5 MB at 1,024 lines, on
    /// the benchmark's workload) and the pool's such blocks (six at two threads then, four now)
    /// no longer fill a core's 2 MB second-level cache, which the rule and people tables need too (simulated
    /// last-level misses on 20,000 lines at two threads: 2.65 M → 2.32 M, one thread's count),
    /// and the last block, which one worker may check while the other has none, is a quarter
    /// as long.
    static let blockSize = 256

    /// The longest line read as one decision: 16 MiB (docs/robustness.md).
    static let maximumLineLength = 16 << 20

    /// Bytes of output a block's buffer starts with (it grows to the largest block and is kept):
    /// about a block's reports on the benchmark's workload.
    static let blockOutputCapacity = 1 << 18

    /// The worker threads `--threads` asks for, or one a core.
    static func workers(threads: Int?) -> Int {
        max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// A batch's input, open, with the blocks its workers will use: those the input was read
    /// into ahead (``readAhead()``), in order, and those still free. Its input is read by one
    /// worker at a time (under the pipeline's input lock), hence unchecked.
    final class Opened: @unchecked Sendable {
        let descriptor: Int32
        var input: BatchInput
        let workers: Int
        /// Blocks not yet filled.
        private(set) var free: [BatchBlock]
        /// Blocks filled by ``readAhead()``, in input order: they are checked first.
        private(set) var filledAhead: [BatchBlock] = []

        init(descriptor: Int32, workers: Int) {
            self.descriptor = descriptor
            self.workers = workers
            input = BatchInput(reader: LineReader(descriptor: descriptor))
            // Two blocks per worker (one being checked, one checked early waiting for the
            // block before it to be written); one for a single worker, which never waits.
            free = (0..<(workers == 1 ? 1 : 2 * workers)).map { _ in BatchBlock(outputCapacity: BatchCheck.blockOutputCapacity) }
        }

        deinit {
            if descriptor != STDIN_FILENO { close(descriptor) }
        }

        /// Fills `block` with the next lines: false, with the block empty, at the end of the input.
        func fill(_ block: BatchBlock) -> Bool {
            block.reset()
            // Only blank lines so far: read on (the block is empty only at the end).
            repeat {
                input.fill(block, lines: input.linesPerBlock(workers: workers))
            } while block.isEmpty && !input.reader.isFinished
            return !block.isEmpty
        }

        /// Reads lines into every free block, in input order, stopping at the end of the input.
        func readAhead() {
            while let block = free.last, fill(block) {
                filledAhead.append(free.removeLast())
            }
        }
    }

    /// The batch file at `path` opened and its first blocks read, before the engine is ready
    /// (while the register is still being read: docs/performance.md, item 23); nil, having said
    /// nothing, when it is not a regular file or cannot be opened (``run(path:openedAhead:)``
    /// then opens it, or says why it cannot, in its turn). Standard input, a pipe or a terminal
    /// is not read ahead: its lines may come only later, and reading would wait for them.
    static func openAhead(_ path: String, workers: Int) -> Opened? {
        var status = stat()
        guard path != "-", stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
              case .success(let descriptor) = FileIO.openForReading(path) else { return nil }
        let opened = Opened(descriptor: descriptor, workers: workers)
        opened.readAhead()
        return opened
    }

    /// Checks every line of the batch at `path`, or of `openedAhead` when it was opened and
    /// read ahead (``openAhead(_:workers:)``, for the same worker count).
    func run(path: String, openedAhead: Opened? = nil) -> ExitCode {
        let opened: Opened
        if let openedAhead {
            opened = openedAhead
        } else if path == "-" {
            guard !Output.inputWasClosed else {
                Output.error(.unreadableDecisions, "cannot read batch file from standard input: standard input is closed")
                return .badInput
            }
            opened = Opened(descriptor: STDIN_FILENO, workers: BatchCheck.workers(threads: threads))
        } else {
            switch FileIO.openForReading(path) {
            case .success(let descriptor): opened = Opened(descriptor: descriptor, workers: BatchCheck.workers(threads: threads))
            case .failure(let error):
                Output.error(.unreadableDecisions, "cannot read batch file `\(path)`: \(error.reason)")
                return .badInput
            }
        }
        BatchCheck.widenPipe(Output.destination)
        BatchCheck.widenPipe(opened.descriptor)
        let written = runBlocks(opened)
        var tally = written.tally
        tally.blank += opened.input.blank
        // Always one summary line, on standard error, whose counts add up to the lines read.
        // Red only when some decision may not proceed: "0 may not proceed" is no warning.
        Output.error(tally.summary(lines: opened.input.lineNumber), painted: tally.notProceed > 0)
        if let failure = opened.input.reader.failure {
            Output.error(.unreadableDecisions, "cannot read batch file \(path == "-" ? "from standard input" : "`\(path)`") after line \(opened.input.lineNumber): \(failure.reason)")
            return .badInput
        }
        return written.worst
    }

    private static let setPipeSize: Int32 = 1031

    /// A pipe's buffer, when `descriptor` is one, made 1 MiB (Linux's default limit for any
    /// process), from 64 KiB: a block's reports are about 256 KiB, and through a 64 KiB pipe the
    /// worker writing them waited on the reader at the other end four times a block, checking
    /// nothing meanwhile; a batch read from a pipe likewise read it 64 KiB at a time. Best
    /// effort: where the kernel refuses, the pipe stays as it was.
    private static func widenPipe(_ descriptor: Int32) {
        // `F_SETPIPE_SZ` (fcntl.h, Linux): Glibc's module map leaves it out.
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO else { return }
        _ = fcntl(descriptor, BatchCheck.setPipeSize, Int32(1 << 20))
    }

    /// Reads, checks and writes blocks of lines on `opened.workers` threads (this one and
    /// others), each thread doing all three in turn (``OrderedBlockPipeline``): blocks are read
    /// one at a time, checked at once and written in input order, so the output is what one
    /// thread writes.
    private func runBlocks(_ opened: Opened) -> BatchWriter {
        let written = Written()
        let context = self.context
        let pipeline = OrderedBlockPipeline(free: opened.free, filledAhead: opened.filledAhead)
        pipeline.run(
            threads: opened.workers,
            // Only ever called by one thread at a time, under the pipeline's input lock.
            fill: { [unowned opened] block in opened.fill(block) },
            worker: { worker in
                // An engine of its own for each worker but the first, which takes this one (no
                // other thread checks with it), each made on its worker's thread: workers checking
                // through one engine wrote the reference counts of the same texts and tables on
                // every line (docs/performance.md, items 21 and 28). The first making a replica
                // too was tried (item 30): it starts every worker later, by the time a replica
                // takes (about 2 ms of CPU with ten times the rules), and was no faster.
                let context = worker == 0 ? context : context.replica()
                return { block in block.check(context: context) }
            },
            write: { block in
                written.writer.write(block)
                // When nobody can read the reports any more, checking the rest would only lose them.
                return Output.failure == nil
            })
        written.writer.finish()
        return written.writer
    }

    /// The writer's tally: written only while a block is written (one thread at a time, under
    /// the pipeline's lock), and read once every thread has finished.
    private final class Written: @unchecked Sendable {
        var writer = BatchWriter()
    }

    /// The lines of a batch as they are read: each block filled from the reader, with the line
    /// count and the blank lines (which have no report) kept here.
    struct BatchInput {
        var reader: LineReader
        var lineNumber = 0
        var blank = 0

        /// Reads up to a block of lines (`lines`, by default ``BatchCheck/blockSize``) into
        /// `block`. From a pipe or terminal, lines may come slowly: it stops at the lines already
        /// here rather than wait for a full block (a file is never slow, and is read in full blocks).
        mutating func fill(_ block: BatchBlock, lines: Int = BatchCheck.blockSize) {
            while block.count < lines, let line = reader.next(wait: block.isEmpty || !reader.mayStall) {
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

        /// Lines for the next block when `workers` check the blocks: a full block, but an
        /// eighth of one once what is left of a file would fill no more than a block a worker.
        /// The last blocks are then short, so the workers end within a short block of each
        /// other, not one checking up to a whole block alone while the other waits (about 1.4 ms
        /// on the benchmark workload; docs/performance.md, item 23). Only the size of the blocks
        /// changes: they are written in input order, as ever.
        func linesPerBlock(workers: Int) -> Int {
            guard workers > 1, lineNumber > 0, let left = reader.bytesLeft else { return BatchCheck.blockSize }
            let bytesPerLine = max(1, reader.bytesConsumed / lineNumber)
            return left / bytesPerLine <= workers * BatchCheck.blockSize ? BatchCheck.blockSize / 8 : BatchCheck.blockSize
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
    /// A regular file's size when opened; nil for a pipe or terminal.
    private let fileSize: Int?
    /// Bytes read from the descriptor so far.
    private var bytesRead = 0

    init(descriptor: Int32, maximumLength: Int = BatchCheck.maximumLineLength) {
        self.descriptor = descriptor
        self.maximumLength = maximumLength
        var status = stat()
        let isFile = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        self.mayStall = !isFile
        self.fileSize = isFile ? Int(status.st_size) : nil
    }

    /// Bytes of the input up to the next line to be returned.
    var bytesConsumed: Int { bytesRead - (buffer.count - position) }

    /// Bytes of a regular file not yet returned as lines (as it was when opened); nil for a
    /// pipe or terminal, whose end is not known.
    var bytesLeft: Int? { fileSize.map { max(0, $0 - bytesConsumed) } }

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
            case .success(let count):
                buffer.append(contentsOf: chunk[..<count])
                bytesRead += count
            case .failure(let error):
                failure = error
                atEnd = true
            }
        }
    }
}
