import Foundation
import ProbitySupport
import XCTest

/// ``AllocatorSettings/forProcessThatExits()``: the C library takes the settings, and a large
/// block is then served from the heap, not by a mapping of its own.
final class AllocatorSettingsTests: XCTestCase {
    func testALargeBlockComesFromTheHeap() throws {
        XCTAssertTrue(AllocatorSettings.forProcessThatExits(), "glibc refused the settings")
        // 24 MiB: above any threshold glibc reaches by itself in a test run, below the 32 MiB set.
        let size = 24 << 20
        let block = try XCTUnwrap(malloc(size))
        defer { free(block) }
        // glibc keeps a block's size just before it, with bit 1 set for a block mapped on its
        // own (IS_MMAPPED, malloc.c): the one thing the settings change.
        let sizeWord = block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self)
        XCTAssertGreaterThanOrEqual(sizeWord & ~UInt(7), UInt(size))
        XCTAssertEqual(sizeWord & 2, 0, "a 24 MiB block is a mapping of its own")
    }
}
