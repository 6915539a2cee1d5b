import Foundation
import ProbitySupport
import XCTest

/// ``AllocatorSettings/forProcessThatExits()``: the C library takes the settings, and a large
/// block is then served from the heap, not by a mapping of its own.
///
/// Checked in a process of its own (this test binary, asked for this test alone): glibc raises
/// its own threshold once a mapped block is freed, so after the other tests of a run a large
/// block may come from the heap anyway, and the settings would last for the tests after it.
final class AllocatorSettingsTests: XCTestCase {
    private static let childVariable = "PROBITY_ALLOCATOR_SETTINGS_CHILD"

    func testALargeBlockComesFromTheHeap() throws {
        guard ProcessInfo.processInfo.environment[Self.childVariable] != nil else {
            return try runInAProcessOfItsOwn()
        }
        // Before: 1 MiB is mapped on its own (glibc's threshold starts at 128 KiB, and freeing
        // that block raises it to 1 MiB only, so a larger block would still be mapped).
        XCTAssertTrue(Self.isMappedOnItsOwn(1 << 20), "glibc serves a 1 MiB block from the heap before the settings")
        XCTAssertTrue(AllocatorSettings.forProcessThatExits(), "glibc refused the settings")
        // After: 31 MiB, below the 32 MiB set, comes from the heap.
        XCTAssertFalse(Self.isMappedOnItsOwn(31 << 20), "a 31 MiB block is still a mapping of its own")
    }

    private func runInAProcessOfItsOwn() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["ProbitySupportTests.AllocatorSettingsTests/testALargeBlockComesFromTheHeap"]
        process.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: "1"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "the test in a process of its own failed:\n\(text)")
        XCTAssertTrue(text.contains("Executed 1 test, with 0 failures"), "the test did not run in its own process:\n\(text)")
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
