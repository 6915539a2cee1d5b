import Foundation
import Probity

/// A register file read on a thread of its own while the rules are read and checked on the
/// calling thread: neither needs the other, and everything a batch does before its first line
/// is time its second thread cannot share (issue #17, docs/performance.md).
///
/// Once read, the same thread first helps build the rules' engine, if it is being built (it
/// takes the jobs of ``engineJobs`` not yet started), then prepares the register
/// (``PreparedRegister/prepare(decided:)``: its people index and interests' kinds, which need
/// no rules), that job made its own before the register is handed over. Without these it would
/// wait while the rules' engine is built, and the engine's scan of the register then has every
/// core (docs/performance.md, item 27).
///
/// Nothing else: what the register's rows say (the findings) is written by
/// ``CheckContext/loadRegister(_:readAhead:)`` on the calling thread, in the order it always was,
/// and only once the rules have loaded, so a run whose rules fail says nothing about the register.
final class RegisterReadAhead: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the reading thread before it signals `finished`; read only after waiting.
    private var loaded: Result<PreparedRegister, RegisterLoadError>?
    /// The rules' engine's jobs (``Engine/expectingRegister(_:sharing:)``), which this thread
    /// helps with once the register is read.
    let engineJobs = SharedJobs()
    /// The register's rows, which the thread waiting for them reads part of (``wait()``).
    private let sharing = RegisterReadSharing()

    /// Starts reading the register at `path` (a file: standard input is read in turn, as the
    /// other inputs are).
    init(path: String) {
        Thread { [self] in
            let read = RegisterLoader.load(path: path, sharing: sharing).map(PreparedRegister.init)
            loaded = read
            guard case .success(let prepared) = read else {
                finished.signal()
                return
            }
            prepared.prepare(decided: {
                finished.signal()
                // The engine's jobs first: the rules' thread waits for them before it can take
                // the register, and nothing needs the index until the register has been scanned.
                engineJobs.help()
            })
        }.start()
    }

    /// Whether the register has been read already, without waiting for it.
    var hasFinished: Bool {
        guard finished.wait(timeout: .now()) == .success else { return false }
        finished.signal()
        return true
    }

    /// The register as read, waiting for the reading thread to read it (not to prepare it).
    /// While it is still reading a large table, this thread reads part of it
    /// (``RegisterReadSharing``): the register is the same, sooner.
    func wait() -> Result<PreparedRegister, RegisterLoadError> {
        sharing.help()
        finished.wait()
        // Let a second wait through too.
        finished.signal()
        return loaded!
    }
}
