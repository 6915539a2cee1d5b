import Glibc

extension UnsafeBufferPointer<UInt8> {
    /// How many of these bytes are `byte`, found by `memchr`, which the C library vectorises (a
    /// loop a byte is not: a register's first half, counted for its lines, is megabytes).
    package func occurrences(of byte: UInt8) -> Int {
        guard let base = baseAddress else { return 0 }
        var count = 0
        var next = UnsafeRawPointer(base)
        let end = next + self.count
        while next < end, let found = memchr(next, Int32(byte), end - next) {
            count += 1
            next = UnsafeRawPointer(found) + 1
        }
        return count
    }
}
