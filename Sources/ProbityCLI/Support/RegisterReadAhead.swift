import Foundation
import Probity

/// A register file read on a thread of its own while the rules are read and checked on the
/// calling thread: neither needs the other, and everything a batch does before its first line
/// is time its second thread cannot share (issue #17, docs/performance.md).
///
/// Once read, the same thread prepares it (``PreparedRegister/prepare(decided:)``: its people
/// index and interests' kinds, which need no rules), the job made its own before the register is
/// handed over: that thread would otherwise wait while the rules' engine is built, and the
/// engine's scan of the register then has every core (docs/performance.md, item 27).
///
/// Nothing else: what the register's rows say (the findings) is written by
/// ``CheckContext/loadRegister(_:readAhead:)`` on the calling thread, in the order it always was,
/// and only once the rules have loaded, so a run whose rules fail says nothing about the register.
final class RegisterReadAhead: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the reading thread before it signals `finished`; read only after waiting.
    private var loaded: Result<PreparedRegister, RegisterLoadError>?

    /// Starts reading the register at `path` (a file: standard input is read in turn, as the
    /// other inputs are).
    init(path: String) {
        Thread { [self] in
            let read = RegisterLoader.load(path: path).map(PreparedRegister.init)
            loaded = read
            guard case .success(let prepared) = read else {
                finished.signal()
                return
            }
            prepared.prepare(decided: { finished.signal() })
        }.start()
    }

    /// Whether the register has been read already, without waiting for it.
    var hasFinished: Bool {
        guard finished.wait(timeout: .now()) == .success else { return false }
        finished.signal()
        return true
    }

    /// The register as read, waiting for the reading thread to read it (not to prepare it).
    func wait() -> Result<PreparedRegister, RegisterLoadError> {
        finished.wait()
        // Let a second wait through too.
        finished.signal()
        return loaded!
    }
}
