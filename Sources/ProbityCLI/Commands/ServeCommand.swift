import Dispatch
import Foundation
import ProbityHTTP

/// `probity serve`: the web page and the JSON API on one port, on loopback unless told
/// otherwise. Stops gracefully on SIGINT or SIGTERM (requests in flight finish); reloads the
/// rules and register when their files change or on SIGHUP, keeping the old scheme when the new
/// one fails to load.
enum ServeCommand {
    static let options: Set<String> = ["rules", "register", "host", "port", "decision-log"]

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        guard arguments.positionals.isEmpty else { throw UsageError("`serve` takes no files; give the rules with `--rules PATH`") }
        let host = arguments.value("host") ?? "127.0.0.1"
        let portText = arguments.value("port") ?? "8181"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw UsageError("`--port` needs a port number from 0 to 65535 (0: any free port), not `\(portText)`")
        }

        // The server reloads its register whenever the file changes; standard input can be read once only.
        if arguments.value("register") == "-" || arguments.value("rules") == "-" {
            throw UsageError("`serve` reloads its rules and register when they change, so they must be files, not `-` (standard input)")
        }
        // Before any thread is made (loading the rules uses several): every thread inherits
        // the mask, so the signals wait for `handleSignals`' thread instead of landing on a
        // thread that cannot act on them (Dispatch signal sources on Linux lose a signal that
        // a thread without it blocked takes first).
        blockServerSignals()
        let sources: SchemeStore.Sources
        if let rules = arguments.value("rules") {
            sources = SchemeStore.Sources(rulesPath: rules, rulesDisplayPath: nil, registerPath: arguments.value("register"))
        } else if let bundled = RuleSet.bundledPath {
            sources = SchemeStore.Sources(rulesPath: bundled, rulesDisplayPath: "Rules", registerPath: arguments.value("register"))
        } else {
            Output.error("error: no rules given and none are bundled; pass --rules PATH\n")
            return .badInput
        }
        let store: SchemeStore
        switch SchemeStore.open(sources) {
        case .failure(let failure):
            Output.error(failure.diagnostics)
            return .badInput
        case .success(let opened): store = opened
        }
        for warning in store.engine.registerWarnings { Output.error(warning + "\n") }

        var decisionLog: DecisionLog?
        if let path = arguments.value("decision-log") {
            do throws(DecisionLog.LogError) {
                decisionLog = try DecisionLog(path: path)
            } catch {
                Output.error(.decisionLogFailed, error.message)
                return .badInput
            }
        }

        let connections = ConnectionCount()
        let api = ServeAPI(store: store, decisionLog: decisionLog, report: { ServeLog.write($0) },
                           openConnections: { connections.server?.openConnections ?? 0 })
        let server: HTTPServer
        do throws(HTTPServerError) {
            server = try HTTPServer(host: host, port: port, refusal: api.refusal, handler: api.handle)
        } catch {
            Output.error(.cannotListen, error.message)
            return .badInput
        }
        connections.server = server

        let scheme = store.engine.scheme
        Output.write("probity serve: \(scheme.name) \(scheme.version) (digest \(scheme.digest.prefix(12)))\(store.engine.registerName.map { ", register \($0)" } ?? "")\n")
        Output.write("listening on http://\(server.address)/ (the page at /, the API at /v1/, see docs/api.md)\n")
        Output.flush()

        handleSignals(server: server, store: store, metrics: api.metrics)
        let watcher = watchFiles(store: store, metrics: api.metrics, server: server)
        // The timer source must live as long as the server runs (an optimised build would
        // otherwise release it at its last use, and the files would go unwatched).
        withExtendedLifetime(watcher) { server.run() }
        watcher.cancel()
        ServeLog.write("probity serve: stopped")
        return .success
    }

    /// The signals the server acts on: SIGINT and SIGTERM stop it, SIGHUP reloads.
    private static let serverSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private static func serverSignalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for number in serverSignals { sigaddset(&set, number) }
        return set
    }

    /// Blocks the server's signals in this thread, and so in every thread made after it.
    private static func blockServerSignals() {
        var set = serverSignalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// SIGINT and SIGTERM begin a graceful shutdown; SIGHUP reloads. One thread takes the
    /// (blocked) signals with `sigwait`, so none is lost whichever thread it was sent to.
    private static func handleSignals(server: HTTPServer, store: SchemeStore, metrics: ServeMetrics) {
        Thread.detachNewThread {
            var set = serverSignalSet()
            while true {
                var number: Int32 = 0
                guard sigwait(&set, &number) == 0 else { continue }
                if number == SIGHUP {
                    reload(store: store, metrics: metrics, because: "SIGHUP")
                } else {
                    ServeLog.write("probity serve: stopping; requests in flight will finish")
                    server.shutdown()
                }
            }
        }
    }

    /// Looks at the rule and register files every second; a change reloads.
    private static func watchFiles(store: SchemeStore, metrics: ServeMetrics, server: HTTPServer) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "probity.serve.watch"))
        let last = LastFingerprint(store.fingerprint())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler {
            let now = store.fingerprint()
            guard now != last.value else { return }
            last.value = now
            reload(store: store, metrics: metrics, because: "a file changed")
        }
        timer.resume()
        return timer
    }

    private static func reload(store: SchemeStore, metrics: ServeMetrics, because reason: String) {
        let status = store.reload()
        metrics.reload(succeeded: status.succeeded)
        if status.succeeded {
            let scheme = store.engine.scheme
            ServeLog.write("probity serve: reloaded (\(reason)): \(scheme.name) \(scheme.version) (digest \(scheme.digest.prefix(12)))")
            for warning in store.engine.registerWarnings { ServeLog.write(warning) }
        } else {
            ServeLog.write("probity serve: reload (\(reason)) failed; the previous scheme is still serving\n" + status.diagnostics)
        }
    }
}

/// The server, once made, for the metrics' connection gauge (the API is made before the server).
private final class ConnectionCount: @unchecked Sendable {
    // Set once, before the server accepts anything, and only read after.
    var server: HTTPServer?
}

/// The file watcher's last fingerprint (touched only on the watcher's serial queue).
private final class LastFingerprint: @unchecked Sendable {
    var value: [String]
    init(_ value: [String]) { self.value = value }
}

/// Standard error for the server's threads: one write per message, so lines do not interleave.
enum ServeLog {
    static func write(_ message: String) {
        let text = message.hasSuffix("\n") ? message : message + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
