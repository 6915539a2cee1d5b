import Foundation
import ProbitySyntax

/// Standard output (buffered) and standard error. The library never prints; only the CLI
/// writes, and only through here.
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func write(bytes: [UInt8]) {
        // A batch writes megabytes at a time: those go out as they are, not copied twice.
        if bytes.count >= 1 << 16 {
            flush()
            writeAll(bytes, to: STDOUT_FILENO)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte to a file descriptor, resuming after partial writes and interrupts.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, base + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }  // the reader went away: nothing more to do
                offset += written
            }
        }
    }

    /// Writes to standard error at once (after flushing standard output, to keep their order).
    static func error(_ text: String) {
        flush()
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes diagnostics to standard error through the one renderer (`sources` for those in
    /// rule files): the CLI never words an `error[P…]` line itself.
    static func error(_ diagnostics: [Diagnostic], sources: SourceMap = SourceMap()) {
        error(DiagnosticRenderer(sources: sources).render(diagnostics))
    }

    /// Writes one diagnostic found outside the rules to standard error.
    static func error(_ code: String, _ message: String, in input: InputPosition? = nil) {
        error([Diagnostic(.error, code, message, in: input)])
    }
}
