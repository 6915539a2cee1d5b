import Foundation
import Synchronization

/// The scheme being served, swapped whole on a reload. A reload that fails leaves the old
/// scheme serving and keeps the diagnostics, for the page, the API and standard error.
final class SchemeStore: Sendable {
    /// Where the rules and register come from.
    struct Sources: Sendable {
        var rulesPath: String
        /// How diagnostics name the rules (`Rules` for the bundled ones); nil: as given.
        var rulesDisplayPath: String?
        var registerPath: String?
    }

    /// The last reload attempt.
    struct ReloadStatus: Sendable {
        var succeeded: Bool
        /// ISO 8601 UTC time of the attempt.
        var at: String
        /// Empty when it succeeded.
        var diagnostics: String
    }

    struct Current: Sendable {
        var engine: ServeEngine
        /// ISO 8601 UTC time the serving scheme was loaded.
        var loadedAt: String
        var lastReload: ReloadStatus?
    }

    let sources: Sources
    private let state: ReadMostly<Current>
    /// Serialises reloads (file watcher and SIGHUP may ask at once).
    private let reloading = Mutex<Void>(())

    private init(sources: Sources, engine: ServeEngine) {
        self.sources = sources
        state = ReadMostly(Current(engine: engine, loadedAt: Timestamp.now(), lastReload: nil))
    }

    /// Loads the scheme for the first time; the failure's diagnostics when it cannot.
    static func open(_ sources: Sources) -> Result<SchemeStore, ServeEngine.LoadFailure> {
        ServeEngine.load(rulesPath: sources.rulesPath, displayPath: sources.rulesDisplayPath, registerPath: sources.registerPath)
            .map { SchemeStore(sources: sources, engine: $0) }
    }

    var current: Current { state.read() }
    var engine: ServeEngine { state.read().engine }

    /// Loads the rules and register again; on success the new scheme serves from the next request.
    @discardableResult
    func reload() -> ReloadStatus {
        reloading.withLock { _ in
            let result = ServeEngine.load(rulesPath: sources.rulesPath, displayPath: sources.rulesDisplayPath, registerPath: sources.registerPath)
            let now = Timestamp.now()
            return state.update { current in
                switch result {
                case .success(let engine):
                    current.engine = engine
                    current.loadedAt = now
                    current.lastReload = ReloadStatus(succeeded: true, at: now, diagnostics: "")
                case .failure(let failure):
                    current.lastReload = ReloadStatus(succeeded: false, at: now, diagnostics: failure.diagnostics)
                }
                return current.lastReload!
            }
        }
    }

    /// A fingerprint of every file the scheme was loaded from (path, size, modification time):
    /// when it changes, a reload is due.
    func fingerprint() -> [String] {
        var entries: [String] = []
        let manager = FileManager.default
        func add(_ path: String) {
            guard let attributes = try? manager.attributesOfItem(atPath: path) else {
                entries.append("\(path) missing")
                return
            }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            entries.append("\(path) \(attributes[.size] as? Int ?? -1) \(modified)")
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: sources.rulesPath, isDirectory: &isDirectory), isDirectory.boolValue {
            for case let relative as String in manager.enumerator(atPath: sources.rulesPath) ?? FileManager.DirectoryEnumerator() {
                add(sources.rulesPath + "/" + relative)
            }
        } else {
            add(sources.rulesPath)
        }
        if let register = sources.registerPath { add(register) }
        return entries.sorted()
    }
}
