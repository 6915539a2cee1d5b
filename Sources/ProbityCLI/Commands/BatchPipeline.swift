import Foundation

/// The queues between a batch's reader, its workers and its writer, so that reading, checking
/// and writing overlap: the reader fills free blocks with lines and queues them; each worker
/// takes the next queued block and checks it; the writer writes checked blocks strictly in
/// their input order and hands them back to the reader.
///
/// Every block comes from a fixed pool and goes back to it once written, so the pool is the
/// bound on what a batch holds: memory stays flat in the number of decisions, and a reader
/// faster than the workers (or workers faster than the output) waits for a free block.
final class BatchPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [BatchBlock]
    /// Blocks read and not yet taken by a worker, oldest first.
    private var queued: [BatchBlock] = []
    /// Blocks checked and not yet written, by sequence number.
    private var checked: [Int: BatchBlock] = [:]
    /// How many blocks the reader has queued; once input has ended, the writer stops at this.
    private var queuedCount = 0
    private var inputEnded = false
    private var stopped = false

    /// A pool of `blocks` blocks, each keeping an output buffer of `outputCapacity` bytes.
    init(blocks: Int, outputCapacity: Int) {
        free = (0..<blocks).map { _ in BatchBlock(outputCapacity: outputCapacity) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    // MARK: The reader's side

    /// An empty block to fill, waiting for the writer to give one back; nil once the batch
    /// has stopped (nobody can read the reports any more).
    func takeFree() -> BatchBlock? {
        locked {
            while free.isEmpty && !stopped { condition.wait() }
            guard !stopped else { return nil }
            let block = free.removeLast()
            block.reset()
            return block
        }
    }

    /// Hands a filled block to the workers, numbering it in input order.
    func enqueue(_ block: BatchBlock) {
        locked {
            block.sequence = queuedCount
            queuedCount += 1
            queued.append(block)
            condition.broadcast()
        }
    }

    /// Gives back a block the reader took but did not fill.
    func giveBack(_ block: BatchBlock) {
        locked {
            free.append(block)
            condition.broadcast()
        }
    }

    /// No more blocks will be queued: workers and writer finish what there is and stop.
    func endInput() {
        locked {
            inputEnded = true
            condition.broadcast()
        }
    }

    /// Whether the writer has stopped the batch.
    var isStopped: Bool { locked { stopped } }

    // MARK: The workers' side

    /// The oldest queued block; nil once input has ended and none is left.
    func takeQueued() -> BatchBlock? {
        locked {
            while queued.isEmpty && !inputEnded { condition.wait() }
            guard !queued.isEmpty else { return nil }
            return queued.removeFirst()
        }
    }

    /// A block is checked: it waits for the writer.
    func finish(_ block: BatchBlock) {
        locked {
            checked[block.sequence] = block
            condition.broadcast()
        }
    }

    // MARK: The writer's side

    /// Block `sequence` once it is checked, waiting for it; nil once input has ended and every
    /// block queued has been written.
    func takeChecked(_ sequence: Int) -> BatchBlock? {
        locked {
            while checked[sequence] == nil && !(inputEnded && sequence >= queuedCount) { condition.wait() }
            return checked.removeValue(forKey: sequence)
        }
    }

    /// A block is written: back to the reader.
    func recycle(_ block: BatchBlock) {
        locked {
            free.append(block)
            condition.broadcast()
        }
    }

    /// Stops reading: the reports can no longer be written.
    func stop() {
        locked {
            stopped = true
            condition.broadcast()
        }
    }
}
