import Foundation
import Glibc
import Probity
import ProbitySupport
import Synchronization

/// `--decision-log FILE`: one JSON line per decision checked — time, decision, outcome, scheme
/// digest and version, and the whole answer — so an auditor can show what the engine said and
/// under which rules.
///
/// The file is opened for appending (`O_APPEND`), and each line goes out in one `write`, so lines
/// from this and any other writer never interleave. A write that fails or falls short (a full
/// disk) is returned as an error for the caller to report; it is never ignored.
final class DecisionLog: Sendable {
    let path: String
    private let descriptor: Int32
    /// One writer at a time, so a short write cannot be followed by another thread's line.
    private let lock = Mutex<Void>(())

    /// Opens (creating) `path` for appending.
    init(path: String) throws(LogError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError(message: "cannot open decision log `\(path)`: \(String(cString: strerror(errno)))") }
        self.path = path
        descriptor = fd
    }

    deinit { close(descriptor) }

    struct LogError: Error {
        var message: String
    }

    /// The line for one decision, ending in a newline.
    static func line(report: Report, scheme: (digest: String, version: String, name: String), time: String) -> [UInt8] {
        var out = JSONStreamWriter(pretty: false)
        out.object { out in
            out.member("format", "probity.decision-log/1")
            out.member("time", time)
            out.member("decision", report.decision)
            out.member("outcome", report.outcome.rawValue)
            out.member("can_proceed", report.canProceed)
            out.member("scheme", object: { out in
                out.member("name", scheme.name)
                out.member("version", scheme.version)
                out.member("digest", scheme.digest)
            })
            out.key(static: "answer")
            report.write(to: &out)
        }
        out.endLine()
        return out.bytes
    }

    /// Appends one line in a single write.
    func append(_ line: [UInt8]) throws(LogError) {
        let result: Int = lock.withLock { _ in
            line.withUnsafeBytes { raw in
                while true {
                    let written = write(descriptor, raw.baseAddress, raw.count)
                    if written < 0 && errno == EINTR { continue }
                    return written < 0 ? -Int(errno) : written
                }
            }
        }
        if result < 0 {
            throw LogError(message: "cannot write to decision log `\(path)`: \(String(cString: strerror(Int32(-result))))")
        }
        if result < line.count {
            throw LogError(message: "decision log `\(path)`: only \(result) of \(line.count) bytes written (is the disk full?)")
        }
    }
}
