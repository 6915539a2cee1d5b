import Dispatch
import Foundation
import Glibc
import Probity
import ProbitySupport

/// `probity check --batch`: one decision per line in, one compact JSON report per line out, in
/// input order. Lines are read and processed in blocks, so memory stays flat however many
/// decisions there are; within a block the work is shared among the cores.
struct BatchCheck {
    let context: CheckContext
    let threads: Int?

    /// Lines per block: big enough to keep both cores busy, small enough to stream.
    static let blockSize = 4096

    /// The longest line read as one decision: 16 MiB (docs/robustness.md).
    static let maximumLineLength = 16 << 20

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
        var worst = ExitCode.success
        var reader = LineReader(descriptor: descriptor)
        var lineNumber = 0
        var tally = Tally()
        var progress = Progress()
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // One output buffer per slice, kept from block to block: large buffers made afresh
        // for every block cost more in page faults than the reports cost to write.
        var slices = [SliceResult](repeating: SliceResult(), count: workers == 1 ? 1 : workers * 4)
        // When nobody can read the reports any more, checking the rest would only lose them.
        while Output.failure == nil {
            var block: [(number: Int, bytes: ArraySlice<UInt8>)] = []
            // From a pipe or terminal, lines may come slowly: answer those already here rather
            // than wait for a full block (a file is never slow, and is read in full blocks).
            while block.count < BatchCheck.blockSize, let line = reader.next(wait: block.isEmpty || !reader.mayStall) {
                lineNumber += 1
                switch line {
                case .text(let text):
                    if text.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                        tally.blank += 1
                        continue
                    }
                    block.append((lineNumber, text))
                case .tooLong(let length):
                    // Write what came before first, so the error record keeps its place.
                    process(block, into: &slices)
                    drain(&slices, worst: &worst, tally: &tally)
                    block.removeAll()
                    tally.errors += 1
                    worst = .badInput
                    var writer = JSONStreamWriter()
                    ErrorRecord.write([InputError(
                        code: .lineTooLong, field: nil,
                        message: "the line has \(length) bytes; expected at most \(FileIO.describeSize(BatchCheck.maximumLineLength)) for one decision")],
                        line: lineNumber, to: &writer)
                    writer.endLine()
                    Output.write(bytes: writer.bytes)
                }
            }
            if block.isEmpty {
                if reader.isFinished { break }
                continue
            }
            process(block, into: &slices)
            drain(&slices, worst: &worst, tally: &tally)
            Output.flush()
            progress.show(lines: lineNumber)
        }
        progress.clear()
        // Always one summary line, on standard error, whose counts add up to the lines read.
        Output.error(tally.summary(lines: lineNumber))
        if let failure = reader.failure {
            Output.error(.unreadableDecisions, "cannot read batch file \(path == "-" ? "from standard input" : "`\(path)`") after line \(lineNumber): \(failure.reason)")
            return .badInput
        }
        return worst
    }

    /// Writes every slice's reports in order and resets the slices, adding their statuses and
    /// counts to the batch's.
    private func drain(_ slices: inout [SliceResult], worst: inout ExitCode, tally: inout Tally) {
        for index in slices.indices {
            Output.write(bytes: slices[index].output.bytes)
            worst = worst.worst(slices[index].status)
            tally.add(slices[index].tally)
            slices[index].output.reset()
            slices[index].status = .success
            slices[index].tally = Tally()
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
            Output.error("\r\u{1B}[K\(lines) lines read, \(rate)/s, \(Int(seconds))s elapsed")
        }

        func clear() {
            guard isShown, lastShown > 0 else { return }
            Output.error("\r\u{1B}[K")
        }
    }

    /// The output of one slice of a block: its lines' reports, in order, and the worst status.
    private struct SliceResult: Sendable {
        var output = JSONStreamWriter(capacity: 1 << 20)
        var status = ExitCode.success
        var tally = Tally()
    }

    /// Checks a block of lines, split into contiguous slices shared among the workers; each
    /// slice writes its reports into one buffer, so joining the slices keeps the input order.
    private func process(_ block: [(number: Int, bytes: ArraySlice<UInt8>)], into results: inout [SliceResult]) {
        guard !block.isEmpty else { return }
        let slices = results.count
        let context = self.context
        results.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let start = block.count * slice / slices, end = block.count * (slice + 1) / slices
                for i in start..<end {
                    let status = BatchCheck.checkLine(block[i].bytes, number: block[i].number, context: context,
                                                      into: &base.buffer[slice].output)
                    base.buffer[slice].status = base.buffer[slice].status.worst(status)
                    switch status {
                    case .success: base.buffer[slice].tally.proceed += 1
                    case .failure: base.buffer[slice].tally.notProceed += 1
                    case .badInput: base.buffer[slice].tally.errors += 1
                    }
                }
            }
        }
    }

    /// Checks one line and writes its report (or its error record) as one line of JSON.
    private static func checkLine(_ line: ArraySlice<UInt8>, number: Int, context: CheckContext,
                                  into writer: inout JSONStreamWriter) -> ExitCode {
        defer { writer.endLine() }
        switch context.check(json: Array(line)) {
        case .success(let report):
            report.write(to: &writer)
            return report.canProceed ? .success : .failure
        case .failure(let errors):
            ErrorRecord.write(errors.all, line: number, to: &writer)
            return .badInput
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
