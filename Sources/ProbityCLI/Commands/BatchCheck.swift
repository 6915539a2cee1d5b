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
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // One output buffer per slice, kept from block to block: large buffers made afresh
        // for every block cost more in page faults than the reports cost to write.
        var slices = [SliceResult](repeating: SliceResult(), count: workers == 1 ? 1 : workers * 4)
        while true {
            var block: [(number: Int, bytes: ArraySlice<UInt8>)] = []
            while block.count < BatchCheck.blockSize, let line = reader.next() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                block.append((lineNumber, line))
            }
            if block.isEmpty { break }
            process(block, into: &slices)
            for index in slices.indices {
                Output.write(bytes: slices[index].output.bytes)
                worst = worst.worst(slices[index].status)
                slices[index].output.reset()
                slices[index].status = .success
            }
        }
        return worst
    }

    /// The output of one slice of a block: its lines' reports, in order, and the worst status.
    private struct SliceResult: Sendable {
        var output = JSONStreamWriter(capacity: 1 << 20)
        var status = ExitCode.success
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
            writer.object { out in
                out.member("format", "probity.error/1")
                out.member("line", integer: number)
                out.member("errors", array: errors.all) { out, error in
                    out.object { out in
                        out.member("code", error.code)
                        out.member("field", error.field)
                        out.member("message", error.message)
                    }
                }
            }
            return .badInput
        }
    }
}

/// Reads a file line by line in large chunks.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func next() -> ArraySlice<UInt8>? {
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
            // Keep the unread tail, then read the next chunk after it.
            buffer.removeSubrange(0..<position)
            position = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
