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

    func run(path: String) -> ExitCode {
        let descriptor: Int32
        if path == "-" {
            guard !Output.inputWasClosed else {
                Output.error("P0706", "cannot read batch file from standard input: standard input is closed")
                return .badInput
            }
            descriptor = STDIN_FILENO
        } else {
            switch FileIO.openForReading(path) {
            case .success(let opened): descriptor = opened
            case .failure(let error):
                Output.error("P0706", "cannot read batch file `\(path)`: \(error.reason)")
                return .badInput
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var worst = ExitCode.success
        var reader = LineReader(descriptor: descriptor)
        var lineNumber = 0
        var decisions = 0, unreadable = 0
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // One output buffer per slice, kept from block to block: large buffers made afresh
        // for every block cost more in page faults than the reports cost to write.
        var slices = [SliceResult](repeating: SliceResult(), count: workers == 1 ? 1 : workers * 4)
        var ended = false
        while !ended, Output.failure == nil {
            var block: [(number: Int, bytes: ArraySlice<UInt8>)] = []
            while block.count < BatchCheck.blockSize {
                guard let line = reader.next() else {
                    ended = true
                    break
                }
                lineNumber += 1
                switch line {
                case .text(let text):
                    if text.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                    block.append((lineNumber, text))
                case .tooLong(let length):
                    // Write what came before first, so the error record keeps its place.
                    decisions += block.count
                    process(block, into: &slices)
                    (worst, unreadable) = drain(&slices, worst: worst, unreadable: unreadable)
                    block.removeAll()
                    decisions += 1
                    unreadable += 1
                    worst = .badInput
                    var writer = JSONStreamWriter()
                    BatchCheck.writeError(into: &writer, line: lineNumber, errors: [InputError(
                        code: "P1301", field: nil,
                        message: "the line has \(length) bytes; expected at most \(FileIO.describeSize(BatchCheck.maximumLineLength)) for one decision")])
                    writer.endLine()
                    Output.write(bytes: writer.bytes)
                }
            }
            decisions += block.count
            process(block, into: &slices)
            (worst, unreadable) = drain(&slices, worst: worst, unreadable: unreadable)
            // When nobody can read the reports any more, checking the rest would only lose them.
        }
        if let failure = reader.failure {
            Output.error("P0706", "cannot read batch file \(path == "-" ? "from standard input" : "`\(path)`") after line \(lineNumber): \(failure.reason)")
            return .badInput
        }
        if unreadable > 0 {
            Output.error("error: \(unreadable) of \(decisions) decision\(decisions == 1 ? "" : "s") could not be read; each has a `probity.error/1` record with its line number in the output\n")
        }
        return worst
    }

    /// The longest line read as one decision: 16 MiB (docs/robustness.md).
    static let maximumLineLength = 16 << 20

    /// Writes every slice's reports in order and resets the slices; the worst status so far and the
    /// count of unreadable lines.
    private func drain(_ slices: inout [SliceResult], worst: ExitCode, unreadable: Int) -> (ExitCode, Int) {
        var worst = worst, unreadable = unreadable
        for index in slices.indices {
            Output.write(bytes: slices[index].output.bytes)
            worst = worst.worst(slices[index].status)
            unreadable += slices[index].unreadable
            slices[index].output.reset()
            slices[index].status = .success
            slices[index].unreadable = 0
        }
        return (worst, unreadable)
    }

    /// The output of one slice of a block: its lines' reports, in order, and the worst status.
    private struct SliceResult: Sendable {
        var output = JSONStreamWriter(capacity: 1 << 20)
        var status = ExitCode.success
        var unreadable = 0
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
                    if status == .badInput { base.buffer[slice].unreadable += 1 }
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
            writeError(into: &writer, line: number, errors: errors.all)
            return .badInput
        }
    }

    /// The record of a line that could not be read as a decision.
    static func writeError(into writer: inout JSONStreamWriter, line number: Int, errors: [InputError]) {
        writer.object { out in
            out.member("format", "probity.error/1")
            out.member("line", integer: number)
            out.member("errors", array: errors) { out, error in
                out.object { out in
                    out.member("code", error.code)
                    out.member("field", error.field)
                    out.member("message", error.message)
                }
            }
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
    }

    /// The index of the first newline at or after `start` (memchr: this loop sees every byte).
    static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let found = memchr(raw.baseAddress! + start, 10, raw.count - start) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }

    mutating func next() -> Line? {
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
