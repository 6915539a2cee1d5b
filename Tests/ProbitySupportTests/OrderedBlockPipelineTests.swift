import Foundation
import Glibc
import ProbitySupport
import ProbityTestSupport
import XCTest

/// ``OrderedBlockPipeline`` writes what one thread would, in input order, whatever the number
/// of threads, the size of the blocks, how many were filled before the run, how long each
/// block takes and where a write stops the run; it never holds more blocks than its pool, and
/// each worker processes with what it made on its own thread.
final class OrderedBlockPipelineTests: XCTestCase {
    /// A block of numbered items: filled with the next items of the input, "processed" into
    /// text (slowly, for some), written by appending that text to the output.
    private final class Block: @unchecked Sendable {
        var items: [Int] = []
        var text = ""
    }

    /// What a run saw, touched only from the pipeline's closures (fill and write are one at a
    /// time; `inFlight` is counted under its own lock).
    private final class Run: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var output: [String] = []
        var fills = 0
        var inFlight = 0
        var mostInFlight = 0
        var writesAfterStop = 0
        var stopped = false
        /// Per worker number, how many times its process was made.
        var made: [Int: Int] = [:]
        /// Blocks processed on another thread than the one their worker's process was made on.
        var processedElsewhere = 0
    }

    /// This thread's identity, to tell the workers' threads apart.
    private static var thisThread: UInt { UInt(bitPattern: Int(pthread_self())) }

    /// The text an item is processed into: an "error" for every seventh, as a batch's bad lines.
    private static func processed(_ item: Int) -> String {
        item % 7 == 3 ? "error at \(item)" : "item \(item) = \(item &* 2_654_435_761 % 1_000)"
    }

    /// Runs the pipeline over `items` items in blocks of up to `blockSize`, on `threads` threads
    /// with `pool` blocks, stopping after `stopAfter` writes if given; some blocks sleep a while.
    /// `filledAhead` of the pool's blocks are filled before the run starts, as `check --batch`
    /// reads the start of its file while the register is still being read.
    private func run(items: Int, blockSize: Int, threads: Int, pool: Int, filledAhead: Int = 0, stopAfter: Int?,
                     seed: UInt64) -> Run {
        let run = Run()
        let fill: @Sendable (Block) -> Bool = { block in
            run.fills += 1
            block.items = Array(run.next..<min(items, run.next + blockSize))
            run.next += block.items.count
            guard !block.items.isEmpty else { return false }
            run.lock.withLock {
                run.inFlight += 1
                run.mostInFlight = max(run.mostInFlight, run.inFlight)
            }
            return true
        }
        var free = (0..<pool).map { _ in Block() }
        var ahead: [Block] = []
        while ahead.count < filledAhead, let block = free.last, fill(block) { ahead.append(free.removeLast()) }
        OrderedBlockPipeline(free: free, filledAhead: ahead).run(
            threads: threads,
            fill: fill,
            worker: { worker in
                let madeOn = OrderedBlockPipelineTests.thisThread
                run.lock.withLock { run.made[worker, default: 0] += 1 }
                return { block in
                    if madeOn != OrderedBlockPipelineTests.thisThread { run.lock.withLock { run.processedElsewhere += 1 } }
                    // Seeded by the block's first item, so the delays differ between blocks and
                    // threads finish out of order.
                    var random = SplitMix64(seed: seed &+ UInt64(block.items[0]))
                    if random.chance(0.3) { usleep(UInt32(random.below(2_000))) }
                    block.text = block.items.map(OrderedBlockPipelineTests.processed).joined(separator: "\n")
                }
            },
            write: { block in
                if run.stopped { run.writesAfterStop += 1 }
                run.output.append(block.text)
                run.lock.withLock { run.inFlight -= 1 }
                if let stopAfter, run.output.count >= stopAfter { run.stopped = true }
                return !run.stopped
            })
        return run
    }

    func testAnyThreadsBlockSizesAndDelaysWriteWhatOneThreadWrites() {
        var (seed, random) = TestSeed.generator()
        for round in 0..<40 {
            let items = random.below(3_000)
            let blockSize = 1 + random.below(round.isMultiple(of: 2) ? 8 : 400)
            let threads = 1 + random.below(4)
            let pool = 1 + random.below(2 * threads + 1)
            let filledAhead = random.below(pool + 1)
            let expected = (0..<items).map(OrderedBlockPipelineTests.processed)
            let run = run(items: items, blockSize: blockSize, threads: threads, pool: pool, filledAhead: filledAhead, stopAfter: nil, seed: seed)
            let context = "seed \(seed), round \(round): \(items) items, blocks of \(blockSize), \(threads) threads, pool \(pool), \(filledAhead) filled ahead"
            XCTAssertEqual(run.output.flatMap { $0.split(separator: "\n").map(String.init) }, expected, context)
            XCTAssertEqual(run.output.count, (items + blockSize - 1) / blockSize, context)
            XCTAssertLessThanOrEqual(run.mostInFlight, pool, context)
            XCTAssertEqual(run.inFlight, 0, "\(context): every block filled was written")
            // Each worker made its process once, and only its own thread ran it.
            XCTAssertEqual(run.made, Dictionary(uniqueKeysWithValues: (0..<threads).map { ($0, 1) }), context)
            XCTAssertEqual(run.processedElsewhere, 0, "\(context): a worker's process ran on another thread")
        }
    }

    func testAWriteThatStopsEndsTheRun() {
        var (seed, random) = TestSeed.generator()
        for round in 0..<30 {
            let blockSize = 1 + random.below(50)
            let threads = 1 + random.below(4)
            let pool = 1 + random.below(2 * threads + 1)
            let items = blockSize * (20 + random.below(200))
            let stopAfter = 1 + random.below(10)
            let run = run(items: items, blockSize: blockSize, threads: threads, pool: pool, filledAhead: random.below(pool + 1),
                          stopAfter: stopAfter, seed: seed)
            let context = "seed \(seed), round \(round): stop after \(stopAfter) of \(items / blockSize) blocks, \(threads) threads, pool \(pool)"
            XCTAssertEqual(run.writesAfterStop, 0, context)
            XCTAssertEqual(run.output.count, stopAfter, context)
            XCTAssertEqual(run.output.joined(separator: "\n"),
                           (0..<stopAfter * blockSize).map(OrderedBlockPipelineTests.processed).joined(separator: "\n"), context)
            // Reading stops too: at most the blocks in the pool were filled past the stop.
            XCTAssertLessThanOrEqual(run.fills, stopAfter + pool, context)
        }
    }

    func testNoInputWritesNothing() {
        for threads in 1...3 {
            let run = run(items: 0, blockSize: 10, threads: threads, pool: 2, stopAfter: nil, seed: 1)
            XCTAssertEqual(run.output, [])
            XCTAssertEqual(run.fills, 1, "the input is asked once, then known to have ended")
        }
    }
}
