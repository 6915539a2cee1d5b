import Probity
import ProbitySupport

/// A run of consecutive lines of a batch and, once checked, their reports: what a batch's
/// worker reads, checks and writes. Blocks are made once and reused, so the memory a batch
/// holds is fixed by the number of blocks, however many decisions there are.
///
/// A class that may pass from thread to thread through ``OrderedBlockPipeline``, which only
/// ever lets one thread hold it at a time.
final class BatchBlock: @unchecked Sendable {
    /// One line of the block: where its bytes are in ``bytes``, or, for a line over the limit,
    /// how long it was (its error record is written in its place, keeping the order).
    enum Entry {
        case line(number: Int, range: Range<Int>)
        case tooLong(number: Int, length: Int)
    }

    /// The lines' bytes, one after another (copied out of the reader's buffer, which it reuses).
    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []
    /// The number of the last line read into the block (blank lines included), for progress.
    var lastLine = 0
    /// The reports (and error records), one line each, in input order.
    private(set) var output: JSONStreamWriter
    /// The worst status of the block's lines, and what became of them.
    private(set) var status = ExitCode.success
    private(set) var tally = BatchCheck.Tally()

    init(outputCapacity: Int) {
        output = JSONStreamWriter(capacity: outputCapacity)
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    func append(line number: Int, _ line: ArraySlice<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        entries.append(.line(number: number, range: start..<bytes.count))
    }

    func appendTooLong(line number: Int, length: Int) {
        entries.append(.tooLong(number: number, length: length))
    }

    /// Empties the block for the next lines, keeping its buffers' capacity.
    func reset() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        output.reset()
        status = .success
        tally = BatchCheck.Tally()
        lastLine = 0
    }

    /// Checks every line, writing each report (or error record) as one line of JSON.
    func check(context: CheckContext) {
        for entry in entries {
            let lineStatus: ExitCode
            switch entry {
            case .line(let number, let range):
                lineStatus = BatchBlock.checkLine(bytes[range], number: number, context: context, into: &output)
            case .tooLong(let number, let length):
                ErrorRecord.write([InputError(
                    code: .lineTooLong, field: nil,
                    message: "the line has \(length) bytes; expected at most \(FileIO.describeSize(BatchCheck.maximumLineLength)) for one decision")],
                    line: number, to: &output)
                output.endLine()
                lineStatus = .badInput
            }
            status = status.worst(lineStatus)
            switch lineStatus {
            case .success: tally.proceed += 1
            case .failure: tally.notProceed += 1
            case .badInput: tally.errors += 1
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
