import Glibc

/// The queues between a batch's reader, its workers and its writer, so that reading, checking
/// and writing overlap: the reader fills free blocks with lines and queues them; each worker
/// takes the next queued block and checks it; the writer writes checked blocks strictly in
/// their input order and hands them back to the reader.
///
/// Every block comes from a fixed pool and goes back to it once written, so the pool is the
/// bound on what a batch holds: memory stays flat in the number of decisions, and a reader
/// faster than the workers (or workers faster than the output) waits for a free block.
///
/// Each side waits on a condition of its own and is woken only when it can go on: the reader
/// when a block is free, one worker when a block is queued, the writer when the very block it
/// waits for is checked. (With one condition for all, every hand-over woke every thread
/// waiting, most of them to find nothing to do and sleep again: on two cores, a worker was put
/// off its core for each.)
final class BatchPipeline: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// The reader waits here for a free block.
    private let freeReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Workers wait here for a queued block.
    private let queueReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The writer waits here for block `writerWaitsFor`.
    private let nextReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private var free: [BatchBlock]
    /// Blocks read and not yet taken by a worker, oldest first.
    private var queued: [BatchBlock] = []
    /// Blocks checked and not yet written, by sequence number.
    private var checked: [Int: BatchBlock] = [:]
    /// How many blocks the reader has queued; once input has ended, the writer stops at this.
    private var queuedCount = 0
    /// The block the writer is waiting for, if it is waiting.
    private var writerWaitsFor: Int?
    private var inputEnded = false
    private var stopped = false

    /// A pool of `blocks` blocks, each keeping an output buffer of `outputCapacity` bytes.
    init(blocks: Int, outputCapacity: Int) {
        free = (0..<blocks).map { _ in BatchBlock(outputCapacity: outputCapacity) }
        pthread_mutex_init(mutex, nil)
        for condition in [freeReady, queueReady, nextReady] { pthread_cond_init(condition, nil) }
    }

    deinit {
        for condition in [freeReady, queueReady, nextReady] {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    // MARK: The reader's side

    /// An empty block to fill, waiting for the writer to give one back; nil once the batch
    /// has stopped (nobody can read the reports any more).
    func takeFree() -> BatchBlock? {
        locked {
            while free.isEmpty && !stopped { pthread_cond_wait(freeReady, mutex) }
            guard !stopped else { return nil }
            let block = free.removeLast()
            block.reset()
            return block
        }
    }

    /// An empty block to fill if one is free now, else nil at once: for reading ahead before
    /// any worker or writer has started (``BatchCheck/openAhead(_:workers:)``).
    func takeFreeWithoutWaiting() -> BatchBlock? {
        locked {
            guard !free.isEmpty, !stopped else { return nil }
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
            pthread_cond_signal(queueReady)
        }
    }

    /// Gives back a block the reader took but did not fill.
    func giveBack(_ block: BatchBlock) {
        locked {
            free.append(block)
            pthread_cond_signal(freeReady)
        }
    }

    /// No more blocks will be queued: workers and writer finish what there is and stop.
    func endInput() {
        locked {
            inputEnded = true
            pthread_cond_broadcast(queueReady)
            pthread_cond_signal(nextReady)
        }
    }

    /// Whether the writer has stopped the batch.
    var isStopped: Bool { locked { stopped } }

    // MARK: The workers' side

    /// The oldest queued block; nil once input has ended and none is left.
    func takeQueued() -> BatchBlock? {
        locked {
            while queued.isEmpty && !inputEnded { pthread_cond_wait(queueReady, mutex) }
            guard !queued.isEmpty else { return nil }
            // At most the pool's blocks are ever queued: moving the rest up is a few words.
            return queued.removeFirst()
        }
    }

    /// A block is checked: it waits for the writer, which is woken if it is the one it waits for.
    func finish(_ block: BatchBlock) {
        locked {
            checked[block.sequence] = block
            if writerWaitsFor == block.sequence { pthread_cond_signal(nextReady) }
        }
    }

    // MARK: The writer's side

    /// Block `sequence` once it is checked, waiting for it; nil once input has ended and every
    /// block queued has been written.
    func takeChecked(_ sequence: Int) -> BatchBlock? {
        locked {
            while checked[sequence] == nil && !(inputEnded && sequence >= queuedCount) {
                writerWaitsFor = sequence
                pthread_cond_wait(nextReady, mutex)
            }
            writerWaitsFor = nil
            return checked.removeValue(forKey: sequence)
        }
    }

    /// A block is written: back to the reader.
    func recycle(_ block: BatchBlock) {
        locked {
            free.append(block)
            pthread_cond_signal(freeReady)
        }
    }

    /// Stops reading: the reports can no longer be written.
    func stop() {
        locked {
            stopped = true
            pthread_cond_broadcast(freeReady)
        }
    }
}
