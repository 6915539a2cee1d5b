import Dispatch
import Foundation
import ProbityEvaluation
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
            Output.error("error[P0706]: cannot read batch file `\(path)`\n")
            return .badInput
        }
        var worst = ExitCode.success
        var reader = LineReader(handle: handle)
        var lineNumber = 0
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        while true {
            var block: [(number: Int, bytes: ArraySlice<UInt8>)] = []
            while block.count < BatchCheck.blockSize, let line = reader.next() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                block.append((lineNumber, line))
            }
            if block.isEmpty { break }
            let results = process(block, workers: workers)
            for result in results {
                Output.write(bytes: result.output)
                worst = worst.worst(result.status)
            }
        }
        return worst
    }

    private struct LineResult: Sendable {
        var output: [UInt8]
        var status: ExitCode
    }

    private func process(_ block: [(number: Int, bytes: ArraySlice<UInt8>)], workers: Int) -> [LineResult] {
        let slices = min(workers * 4, block.count)
        if workers == 1 {
            return block.map { BatchCheck.checkLine($0.bytes, number: $0.number, context: self.context) }
        }
        let results = UnsafeMutableBufferPointer<LineResult>.allocate(capacity: block.count)
        results.initialize(repeating: LineResult(output: [], status: .success))
        // Deinitialise before freeing: each result holds its output line, which would leak.
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let context = self.context
        let base = UnsafeSendable(results)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let start = block.count * slice / slices, end = block.count * (slice + 1) / slices
            for i in start..<end {
                base.value[i] = BatchCheck.checkLine(block[i].bytes, number: block[i].number, context: context)
            }
        }
        return Array(results)
    }

    private static func checkLine(_ line: ArraySlice<UInt8>, number: Int, context: CheckContext) -> LineResult {
        var output: [UInt8] = []
        switch context.check(json: Array(line)) {
        case .success(let report):
            JSONWriter.appendCompact(report.json, to: &output)
            output.append(10)
            return LineResult(output: output, status: report.canProceed ? .success : .failure)
        case .failure(let errors):
            let record: JSONValue = .object([
                ("format", .string("probity.error/1")),
                ("line", .integer(number)),
                ("errors", .array(errors.all.map { error in
                    .object([
                        ("code", .string(error.code)),
                        ("field", error.field.map(JSONValue.string) ?? .null),
                        ("message", .string(error.message)),
                    ])
                })),
            ])
            JSONWriter.appendCompact(record, to: &output)
            output.append(10)
            return LineResult(output: output, status: .badInput)
        }
    }
}

/// Hands a buffer to concurrent workers that write disjoint indices.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
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
