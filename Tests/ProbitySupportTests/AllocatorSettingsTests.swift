import Foundation
import ProbitySupport
import XCTest

/// ``AllocatorSettings/forProcessThatExits()``: the C library takes the settings, and a large
/// block is then served from the heap, not by a mapping of its own.
///
/// The settings last for the rest of the test process; they change where blocks come from,
/// never what a program computes, so the tests after this one are unaffected.
final class AllocatorSettingsTests: XCTestCase {
    func testALargeBlockComesFromTheHeap() throws {
        // 31 MiB: below the 32 MiB set, and above where glibc's own threshold stands unless
        // this process has already freed a mapped block that large (then the test says so).
        let size = 31 << 20
        guard AllocatorSettingsTests.isMappedOnItsOwn(size) else {
            throw XCTSkip("glibc already serves a 31 MiB block from the heap in this process: nothing to compare")
        }
        XCTAssertTrue(AllocatorSettings.forProcessThatExits(), "glibc refused the settings")
        XCTAssertFalse(AllocatorSettingsTests.isMappedOnItsOwn(size), "a 31 MiB block is still a mapping of its own")
    }

    /// Whether glibc serves a block of `size` bytes by a mapping of its own: it keeps a block's
    /// size just before it, with bit 1 set for such a block (IS_MMAPPED, malloc.c).
    private static func isMappedOnItsOwn(_ size: Int) -> Bool {
        guard let block = malloc(size) else { return false }
        defer { free(block) }
        let sizeWord = block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self)
        precondition(sizeWord & ~UInt(7) >= UInt(size), "not glibc's block header")
        return sizeWord & 2 != 0
    }
}
