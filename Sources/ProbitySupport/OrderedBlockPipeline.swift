import Foundation

/// Reads, processes and writes blocks of work on several threads, writing them strictly in the
/// order they were read: what `check --batch` does with its lines.
///
/// Every thread is a worker that does all three jobs in turn: it fills a block from the input
/// (one worker at a time), processes it (all at once), then hands it to the ordered output. A
/// block that is next in order is written there and then by the worker that finished it, with
/// every later block already waiting; a block that finished early waits for the worker still on
/// an earlier one, which writes both. So the threads are exactly the workers: no reader or
/// writer thread competes with them for the cores, and a block's lines and output stay in the
/// cache of the core that read and checked them, rather than being handed to another core to
/// be checked and another to be written (docs/performance.md, item 28).
///
/// The blocks come from a fixed pool and go back to it once written, so the pool bounds what a
/// run holds, however long the input: a worker that finds no free block (the earlier one it
/// would follow is still being processed) waits for one to be written.
///
/// Deterministic output by construction: blocks are numbered as they are filled, under the
/// input's lock, and written by number, one at a time; ``run(threads:fill:worker:write:)``
/// writes what one thread would.
public final class OrderedBlockPipeline<Block: AnyObject>: @unchecked Sendable {
    /// Guards everything below but the input's part.
    private let state = NSCondition()
    private var free: [Block]
    /// Blocks processed and not yet written, by number.
    private var finished: [Int: Block] = [:]
    /// The number of the next block to write.
    private var nextToWrite = 0
    /// Whether a worker is writing (blocks go out one at a time, from whichever worker).
    private var writing = false
    /// Set when a write says to stop: nothing more is filled or written.
    private var stopped = false

    /// Taken while a block is filled, so blocks are filled (and numbered) one at a time.
    private let input = NSLock()
    /// Blocks filled before the run, in input order, not yet taken (guarded by `input`).
    private var filledAhead: [Block]
    /// The number the next filled block gets (guarded by `input`).
    private var nextToFill = 0
    /// Set once `fill` has said the input has ended (guarded by `input`).
    private var inputEnded = false

    /// A pipeline over `free` blocks and `filledAhead`, blocks already filled from the start of
    /// the input, in order (read while the run was not ready to start): together its whole pool.
    public init(free: [Block], filledAhead: [Block] = []) {
        precondition(!free.isEmpty || !filledAhead.isEmpty, "a pipeline needs at least one block")
        self.free = free
        self.filledAhead = filledAhead
    }

    /// Runs `threads` workers (this thread, worker 0, and `threads - 1` others) until the input
    /// ends or a write says to stop, and returns once every one has finished.
    ///
    /// - `fill` puts the next input into a block and returns false when there is none left
    ///   (the block is then unused). It is called by one worker at a time, in input order.
    /// - `worker` is called once on each worker's thread with its number, and returns how that
    ///   worker processes a filled block: several run at once, each on its own block, so each
    ///   worker can have state of its own, made on its own thread.
    /// - `write` is called once per filled block, in the order they were filled, one at a time
    ///   (from any worker); it returns false to stop the run (nothing later is written).
    public func run(threads: Int, fill: @escaping @Sendable (Block) -> Bool,
                    worker: @escaping @Sendable (Int) -> (Block) -> Void,
                    write: @escaping @Sendable (Block) -> Bool) {
        let others = DispatchGroup()
        for number in 1..<max(1, threads) {
            others.enter()
            Thread {
                self.work(fill: fill, process: worker(number), write: write)
                others.leave()
            }.start()
        }
        work(fill: fill, process: worker(0), write: write)
        others.wait()
    }

    /// One worker: fill, process and write blocks until the input ends or the run stops.
    private func work(fill: (Block) -> Bool, process: (Block) -> Void, write: (Block) -> Bool) {
        while let (block, number) = next(fill: fill) {
            process(block)
            deliver(block, number: number, write: write)
        }
    }

    /// The next block to process and its number: one filled ahead, or a free block filled now;
    /// nil once the input has ended or the run has stopped.
    private func next(fill: (Block) -> Bool) -> (Block, Int)? {
        input.lock()
        if !filledAhead.isEmpty {
            let block = filledAhead.removeFirst()
            let number = nextToFill
            nextToFill += 1
            input.unlock()
            return isStopped ? nil : (block, number)
        }
        input.unlock()
        guard let block = takeFree() else { return nil }
        input.lock()
        let filled = !inputEnded && fill(block)
        let number = nextToFill
        if filled { nextToFill += 1 } else { inputEnded = true }
        input.unlock()
        guard filled else {
            giveBack(block)
            return nil
        }
        return (block, number)
    }

    private var isStopped: Bool {
        state.lock()
        defer { state.unlock() }
        return stopped
    }

    /// A free block, waiting for one to be written if there is none; nil once the run has stopped.
    private func takeFree() -> Block? {
        state.lock()
        defer { state.unlock() }
        while free.isEmpty && !stopped { state.wait() }
        return stopped ? nil : free.removeLast()
    }

    private func giveBack(_ block: Block) {
        state.lock()
        free.append(block)
        state.broadcast()
        state.unlock()
    }

    /// Block `number` is processed: written now with every later block already waiting, if it
    /// is next and nobody is writing; otherwise left for the worker that writes the one before.
    private func deliver(_ block: Block, number: Int, write: (Block) -> Bool) {
        state.lock()
        defer { state.unlock() }
        finished[number] = block
        guard !writing else { return }
        writing = true
        // Each pass looks again under the lock, so a block finished during a write is never
        // left behind: its worker saw `writing` set and left it to this loop.
        while !stopped, let next = finished.removeValue(forKey: nextToWrite) {
            state.unlock()
            let goOn = write(next)
            state.lock()
            nextToWrite += 1
            free.append(next)
            if !goOn { stopped = true }
            state.broadcast()
        }
        writing = false
    }
}
