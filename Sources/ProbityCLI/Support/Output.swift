import Foundation

/// Standard output (buffered) and standard error. The library never prints; only the CLI
/// writes, and only through here.
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes to standard error at once (after flushing standard output, to keep their order).
    static func error(_ text: String) {
        flush()
        FileHandle.standardError.write(Data(text.utf8))
    }
}
