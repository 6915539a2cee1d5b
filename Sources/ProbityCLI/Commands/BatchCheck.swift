import Dispatch
import Foundation
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

    func run(path: String) -> ExitCode {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else if let file = FileHandle(forReadingAtPath: path) {
            handle = file
        } else {
            Output.error("P0706", "cannot read batch file `\(path)`")
            return .badInput
        }
        var worst = ExitCode.success
        var reader = LineReader(handle: handle)
        var lineNumber = 0
        var tally = Tally()
        var progress = Progress()
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // One output buffer per slice, kept from block to block: large buffers made afresh
        // for every block cost more in page faults than the reports cost to write.
        var slices = [SliceResult](repeating: SliceResult(), count: workers == 1 ? 1 : workers * 4)
        while true {
            var block: [(number: Int, bytes: ArraySlice<UInt8>)] = []
            // From a pipe or terminal, lines may come slowly: answer those already here rather
            // than wait for a full block (a file is never slow, and is read in full blocks).
            while block.count < BatchCheck.blockSize, let line = reader.next(wait: block.isEmpty || !reader.mayStall) {
                lineNumber += 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                    tally.blank += 1
                    continue
                }
                block.append((lineNumber, line))
            }
            if block.isEmpty {
                if reader.isFinished { break }
                continue
            }
            process(block, into: &slices)
            for index in slices.indices {
                Output.write(bytes: slices[index].output.bytes)
                worst = worst.worst(slices[index].status)
                tally.add(slices[index].tally)
                slices[index].output.reset()
                slices[index].status = .success
                slices[index].tally = Tally()
            }
            Output.flush()
            progress.show(lines: lineNumber)
        }
        progress.clear()
        // Always one summary line, on standard error, whose counts add up to the lines read.
        Output.error(tally.summary(lines: lineNumber))
        return worst
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

        /// "batch: 12 lines read: 8 may proceed, 2 may not proceed, 1 error, 1 blank".
        func summary(lines: Int) -> String {
            var parts = ["\(proceed) may proceed", "\(notProceed) may not proceed", "\(errors) error\(errors == 1 ? "" : "s")"]
            if blank > 0 { parts.append("\(blank) blank") }
            return "batch: \(lines) line\(lines == 1 ? "" : "s") read: \(parts.joined(separator: ", "))\n"
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

/// Reads a file line by line in large chunks.
struct LineReader {
    let handle: FileHandle
    /// Whether reading can wait on a writer (a pipe or terminal): a regular file never does.
    let mayStall: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init(handle: FileHandle) {
        self.handle = handle
        var status = stat()
        let isFile = fstat(handle.fileDescriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        self.mayStall = !isFile
    }

    /// True once every line has been returned.
    var isFinished: Bool { atEnd && position >= buffer.count }

    /// The next line, without its newline. With `wait` false, nil as soon as no whole line is
    /// already read (the caller answers what it has); with `wait`, nil only at the end.
    mutating func next(wait: Bool = true) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 10) {
                let line = buffer[position..<newline]
                position = newline + 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                position = buffer.count
                return line
            }
            if !wait { return nil }
            // Keep the unread tail, then read what is there (up to a chunk) after it.
            buffer.removeSubrange(0..<position)
            position = 0
            if !readChunk() { atEnd = true }
        }
    }

    /// Appends up to 1 MiB, as much as one read gives; false at the end (or on an error,
    /// which ends the input: what was read is answered).
    private mutating func readChunk() -> Bool {
        let chunk = 1 << 20
        let old = buffer.count
        buffer.reserveCapacity(old + chunk)
        while true {
            var got = 0
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            buffer.withUnsafeMutableBytes { raw in
                got = Foundation.read(handle.fileDescriptor, raw.baseAddress! + old, chunk)
            }
            if got < 0, errno == EINTR {
                buffer.removeSubrange(old...)
                continue
            }
            buffer.removeSubrange((old + max(0, got))...)
            return got > 0
        }
    }
}
