import Foundation
import Probity
import ProbityHTTP
import ProbitySupport

/// The server's routes: the page, the JSON API, health and metrics. Every answer comes from the
/// scheme serving when the request arrived (`SchemeStore`), through `ServeEngine`.
final class ServeAPI: Sendable {
    let store: SchemeStore
    let metrics = ServeMetrics()
    let decisionLog: DecisionLog?
    /// Where problems the client cannot see go (a decision log that cannot be written): stderr.
    let report: @Sendable (String) -> Void
    /// Connections open now (from the HTTP server, once it exists).
    let openConnections: @Sendable () -> Int

    init(store: SchemeStore, decisionLog: DecisionLog?, report: @escaping @Sendable (String) -> Void,
         openConnections: @escaping @Sendable () -> Int) {
        self.store = store
        self.decisionLog = decisionLog
        self.report = report
        self.openConnections = openConnections
    }

    /// Headers on every response: no sniffing, no framing, no scripts or styles but our own.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' blob:; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ]

    /// The routes, as `METHOD path` → endpoint name (the metrics label).
    private static let routes: [String: String] = [
        "GET /": "page", "GET /app.js": "page", "GET /app.css": "page",
        "GET /health": "health", "GET /metrics": "metrics", "GET /v1/scheme": "scheme",
        "GET /v1/scheme/tree.svg": "graph", "GET /v1/scheme/ladder.svg": "graph",
        "POST /v1/check": "check", "POST /v1/check/batch": "batch", "POST /v1/screen": "screen",
        "POST /v1/meeting": "meeting", "POST /v1/meeting/paper": "paper", "POST /v1/vote": "vote", "POST /v1/explain": "explain",
    ]

    /// Answers one request, timing it for the metrics.
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let method = request.method == "HEAD" ? "GET" : request.method
        let endpoint = Self.routes["\(method) \(request.path)"] ?? "other"
        var response = route(request, method: method, endpoint: endpoint)
        // A board paper is a page of its own, styled inline: it brings its own policy.
        let ownPolicy = response.headers.contains { $0.name == "Content-Security-Policy" }
        response.headers += Self.securityHeaders.filter { !ownPolicy || $0.name != "Content-Security-Policy" }
        metrics.request(endpoint: endpoint, status: response.status.code, nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
        return response
    }

    /// A request the HTTP layer refused (a limit, a malformed head), as `probity.error/1`.
    func refusal(_ error: HTTPParseError) -> HTTPResponse {
        metrics.request(endpoint: "refused", status: error.status.code, nanoseconds: 0)
        var response = Self.json(APIError(error.status, code: .requestRefused, error.message))
        response.headers += Self.securityHeaders
        if error.status == .serviceUnavailable { response.headers.append(("Retry-After", "1")) }
        return response
    }

    private func route(_ request: HTTPRequest, method: String, endpoint: String) -> HTTPResponse {
        if endpoint == "other" {
            let methods = Self.routes.keys.filter { $0.hasSuffix(" \(request.path)") }.map { String($0.prefix { $0 != " " }) }.sorted()
            if !methods.isEmpty {
                var response = Self.json(APIError(.methodNotAllowed, code: .methodNotAllowed, "`\(request.path)` answers \(methods.joined(separator: ", ")), not \(request.method)"))
                response.headers.append(("Allow", methods.joined(separator: ", ")))
                return response
            }
            return Self.json(APIError(.notFound, code: .endpointNotFound, "no such endpoint; see `/v1/scheme` and docs/api.md for the endpoints"))
        }
        // A page elsewhere cannot post to the API from a visitor's browser.
        if method == "POST", let origin = request.header("origin"), let host = request.header("host"),
           origin != "http://\(host)" && origin != "https://\(host)" {
            return Self.json(APIError(HTTPStatus(403, "Forbidden"), code: .crossOriginRequest, "a request from another origin (`\(origin)`) is refused"))
        }
        let engine = store.engine
        switch endpoint {
        case "page": return WebPage.response(for: request.path)
        case "health": return health()
        case "metrics":
            return HTTPResponse(headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                                text: metrics.text(openConnections: openConnections()))
        case "scheme": return Self.json(bytes: SchemeDescription.json(store.current))
        case "check":
            switch engine.check(request.body) {
            case .failure(let error): return Self.json(error)
            case .success(let report):
                var out = JSONStreamWriter(pretty: false)
                report.write(to: &out)
                out.endLine()
                var response = Self.json(bytes: out.bytes)
                if !record(report, engine: engine) { response.headers.append(("Probity-Decision-Log", "failed")) }
                return response
            }
        case "batch": return batch(request.body, engine: engine)
        case "screen":
            switch engine.screen(request.body) {
            case .failure(let error): return Self.json(error)
            case .success(let screening):
                var response = Self.json(bytes: screening.json)
                if !record(screening.report, engine: engine) { response.headers.append(("Probity-Decision-Log", "failed")) }
                return response
            }
        case "meeting":
            switch engine.meeting(request.body) {
            case .failure(let error): return Self.json(error)
            case .success(let screened):
                var response = Self.json(bytes: screened.json)
                // Every item's decision is recorded, even after one fails to be logged.
                let logged = screened.reports.map { record($0, engine: engine) }
                if logged.contains(false) { response.headers.append(("Probity-Decision-Log", "failed")) }
                return response
            }
        case "paper":
            let format = QueryString(request.query).value("format") ?? "markdown"
            guard format == "markdown" || format == "md" || format == "html" else {
                return Self.json(APIError(.badRequest, code: .paperFormatUnknown, field: "format", "unknown format `\(format)`; expected `markdown` or `html`"))
            }
            switch engine.paper(request.body, html: format == "html") {
            case .failure(let error): return Self.json(error)
            case .success(let bytes):
                return format == "html"
                    ? HTTPResponse(headers: [("Content-Type", "text/html; charset=utf-8"),
                                             ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'")], body: bytes)
                    : HTTPResponse(headers: [("Content-Type", "text/markdown; charset=utf-8")], body: bytes)
            }
        case "graph":
            let graph = request.path.hasSuffix("tree.svg") ? .success(engine.treeSVG()) : engine.ladderSVG(QueryString(request.query))
            switch graph {
            case .failure(let error): return Self.json(error)
            case .success(let svg): return HTTPResponse(headers: [("Content-Type", "image/svg+xml; charset=utf-8")], text: svg)
            }
        case "vote": return Self.answer(engine.vote(request.body))
        case "explain": return Self.answer(engine.explain(request.body))   // an explanation is not a decision: not logged
        default: return Self.json(APIError(.notFound, code: .endpointNotFound, "no such endpoint"))
        }
    }

    /// `POST /v1/check/batch`: one decision per line in, one report (or `probity.error/1` with
    /// its line number) per line out, streamed as they are made.
    private func batch(_ body: [UInt8], engine: ServeEngine) -> HTTPResponse {
        HTTPResponse(headers: [("Content-Type", "application/x-ndjson")], stream: { [self] writer in
            var out = JSONStreamWriter(pretty: false, capacity: 64 * 1024)
            var lineNumber = 0
            var start = 0
            while start < body.count {
                let end = body[start...].firstIndex(of: 10) ?? body.count
                lineNumber += 1
                let line = Array(body[start..<end])
                start = end + 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                switch engine.check(line) {
                case .success(let report):
                    report.write(to: &out)
                    if !record(report, engine: engine) {
                        out.endLine()
                        ErrorRecord.write([InputError(code: .decisionLogFailed, field: nil, message: "the decision log could not be written; see the server's log")], line: lineNumber, to: &out)
                    }
                case .failure(let error):
                    ErrorRecord.write(error.errors, line: lineNumber, to: &out)
                }
                out.endLine()
                if out.count >= 32 * 1024 {
                    guard writer.write(out.bytes) else { return }
                    out.reset()
                }
            }
            writer.write(out.bytes)
        })
    }

    /// Counts a decision and writes it to the decision log. False when the log could not be written.
    private func record(_ report: Report, engine: ServeEngine) -> Bool {
        metrics.decision(outcome: report.outcome.rawValue)
        guard let decisionLog else { return true }
        let scheme = engine.scheme
        let line = DecisionLog.line(report: report, scheme: (scheme.digest, scheme.version, scheme.name), time: Timestamp.now())
        do throws(DecisionLog.LogError) {
            try decisionLog.append(line)
            return true
        } catch {
            metrics.decisionLogError()
            self.report(DiagnosticRenderer(sources: SourceMap()).render([Diagnostic(.error, .decisionLogFailed, error.message, in: nil)]))
            return false
        }
    }

    /// `GET /health`: 200 while a scheme serves; says whether the last reload failed and whether
    /// the decision log is failing.
    private func health() -> HTTPResponse {
        let current = store.current
        var out = JSONStreamWriter(pretty: false)
        let logErrors = metrics.decisionLogErrors
        out.object { out in
            out.member("format", "probity.health/1")
            out.member("status", current.lastReload?.succeeded == false || logErrors > 0 ? "degraded" : "ok")
            out.member("scheme", object: { out in
                out.member("name", current.engine.scheme.name)
                out.member("version", current.engine.scheme.version)
                out.member("digest", current.engine.scheme.digest)
                out.member("loaded_at", current.loadedAt)
            })
            out.member("register", current.engine.registerName)
            out.member("last_reload", object: { out in
                if let reload = current.lastReload {
                    out.member("succeeded", reload.succeeded)
                    out.member("at", reload.at)
                    out.member("diagnostics", reload.diagnostics)
                }
            })
            out.member("decision_log_errors", integer: logErrors)
        }
        out.endLine()
        return Self.json(bytes: out.bytes)
    }

    // MARK: Responses

    static func json(bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: bytes)
    }

    static func json(_ error: APIError) -> HTTPResponse {
        json(bytes: error.json, status: error.status)
    }

    static func answer(_ result: Result<[UInt8], APIError>) -> HTTPResponse {
        switch result {
        case .success(let bytes): json(bytes: bytes)
        case .failure(let error): json(error)
        }
    }
}
