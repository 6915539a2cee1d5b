import Foundation

/// The C library's allocator set for a process that builds its tables once, uses them and
/// exits: the `probity` command, for every subcommand but `serve`. The library never calls
/// this; it is a choice for the process that owns the heap.
///
/// By default glibc serves each block of 128 KiB or more by a mapping of its own, unmapped when
/// freed, and raises that threshold only once such a block has been freed. Start-up builds its
/// tables by doubling (the register's rows and texts, the rules' tokens and syntax, the indexes),
/// so each step mapped fresh pages and took a page fault on every one, and the heap's freed top
/// was given back and faulted in again. With blocks of up to 32 MiB (the most glibc allows)
/// served from the heap, and the heap's free top given back only past 256 MiB, memory freed at
/// start-up is used again: with ten times the benchmark's rules, a one-line batch took about
/// 5,950 page faults, not 7,400, and 43 ms, not 49 (docs/performance.md, item 31).
package enum AllocatorSettings {
    /// Keeps blocks of up to 32 MiB in the heap, and gives the heap's free top back only past
    /// 256 MiB. Returns whether the C library took both settings (with no `mallopt`, nothing
    /// changes).
    @discardableResult
    package static func forProcessThatExits() -> Bool {
        // `mallopt` is in malloc.h, which Glibc's module map leaves out: it is found by name.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        return mallopt(mmapThreshold, 32 << 20) == 1 && mallopt(trimThreshold, 256 << 20) == 1
    }

    /// `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` (malloc.h).
    private static let mmapThreshold: Int32 = -3
    private static let trimThreshold: Int32 = -1
}
