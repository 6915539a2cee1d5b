import Foundation
import ProbityTestSupport
import XCTest

/// `probity serve` over a real loopback socket: the built binary on an ephemeral port, called
/// as another program would call it.
final class ServeTests: XCTestCase {
    static let register = "Examples/registers/lcp-board-2023-11-23.tsv"

    func testCheckAnswersAsTheCLIDoes() throws {
        let server = try ServedProbity(["--register", Self.register])
        let decision = "Examples/decisions/s75-new-agreement-above-1m.json"
        let body = try String(contentsOf: Probity.root.appendingPathComponent(decision), encoding: .utf8)
        let response = try XCTUnwrap(server.client().request("POST", "/v1/check", body: body))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["content-type"], "application/json")
        XCTAssertEqual(response.headers["x-content-type-options"], "nosniff")
        XCTAssertNotNil(response.headers["content-security-policy"])
        let cli = try Probity.run(["check", "--format", "json", "--register", Self.register, decision])
        XCTAssertEqual(try Self.object(response.body) as NSDictionary, try Self.object(cli.stdout) as NSDictionary)
    }

    func testEveryEndpointAnswersInItsFormat() throws {
        let server = try ServedProbity(["--register", Self.register])
        let client = try server.client()
        let agenda = try String(contentsOf: Probity.root.appendingPathComponent("Examples/agendas/lcp-board-2023-11-23.json"), encoding: .utf8)
        let meeting = client.request("POST", "/v1/meeting", body: agenda)
        XCTAssertEqual(meeting?.status, 200)
        let cliMeeting = try Probity.run(["meeting", "--format", "json", "--register", Self.register, "Examples/agendas/lcp-board-2023-11-23.json"])
        XCTAssertEqual(try Self.object(XCTUnwrap(meeting?.body)) as NSDictionary, try Self.object(cliMeeting.stdout) as NSDictionary)

        let votes = try String(contentsOf: Probity.root.appendingPathComponent("Examples/votes/bexley-board-2021-09-30.json"), encoding: .utf8)
        let attendees = try String(contentsOf: Probity.root.appendingPathComponent("Examples/meetings/bexley-board-2021-09-30.json"), encoding: .utf8)
        let vote = client.request("POST", "/v1/vote", body: "{\"votes\": \(votes), \"meeting\": \(attendees)}")
        XCTAssertEqual(vote?.status, 200)
        let cliVote = try Probity.run(["vote", "--format", "json", "--meeting", "Examples/meetings/bexley-board-2021-09-30.json", "--votes", "Examples/votes/bexley-board-2021-09-30.json"])
        XCTAssertEqual(try Self.object(XCTUnwrap(vote?.body)) as NSDictionary, try Self.object(cliVote.stdout) as NSDictionary)

        let paper = try XCTUnwrap(client.request("POST", "/v1/meeting/paper?format=markdown", body: agenda))
        let cliPaper = try Probity.run(["report", "--register", Self.register, "Examples/agendas/lcp-board-2023-11-23.json"])
        XCTAssertEqual(paper.body, cliPaper.stdout)
        let htmlPaper = try XCTUnwrap(client.request("POST", "/v1/meeting/paper?format=html", body: agenda))
        XCTAssertEqual(htmlPaper.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(htmlPaper.body.hasPrefix("<!DOCTYPE html>"))

        let decision = try String(contentsOf: Probity.root.appendingPathComponent("Examples/decisions/bromley-community-services-stw-2023-11.json"), encoding: .utf8)
        let screen = try XCTUnwrap(client.request("POST", "/v1/screen", body: decision))
        XCTAssertEqual(try Self.object(screen.body)["format"] as? String, "probity.screening/1")
        let explain = try XCTUnwrap(client.request("POST", "/v1/explain", body: decision))
        XCTAssertEqual(try Self.object(explain.body)["format"] as? String, "probity.explanation/1")

        let scheme = try Self.object(XCTUnwrap(client.request("GET", "/v1/scheme")).body)
        XCTAssertEqual(scheme["format"] as? String, "probity.scheme/1")
        XCTAssertFalse((scheme["fields"] as? [Any] ?? []).isEmpty)
        XCTAssertFalse((scheme["bodies"] as? [Any] ?? []).isEmpty)
        XCTAssertEqual((scheme["digest"] as? String)?.count, 64)

        let tree = try XCTUnwrap(client.request("GET", "/v1/scheme/tree.svg"))
        XCTAssertEqual(tree.headers["content-type"], "image/svg+xml; charset=utf-8")
        XCTAssertEqual(tree.body, try Probity.run(["graph", "tree"]).stdout)
        let ladder = try XCTUnwrap(client.request("GET", "/v1/scheme/ladder.svg?kind=contract-award&on=2024-01-01"))
        XCTAssertEqual(ladder.body, try Probity.run(["graph", "ladder", "contract-award", "--on", "2024-01-01"]).stdout)
        XCTAssertEqual(client.request("GET", "/v1/scheme/ladder.svg?kind=no-such-kind&on=2024-01-01")?.status, 400)

        let page = try XCTUnwrap(client.request("GET", "/"))
        XCTAssertTrue(page.body.contains("<form id=\"decision-form\""))
        XCTAssertEqual(try XCTUnwrap(client.request("GET", "/app.js")).headers["content-type"], "text/javascript; charset=utf-8")

        let metrics = try XCTUnwrap(client.request("GET", "/metrics")).body
        XCTAssertTrue(metrics.contains("probity_http_requests_total{endpoint=\"meeting\",status=\"200\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("probity_decisions_total{outcome="), metrics)
        XCTAssertTrue(metrics.contains("probity_http_request_duration_seconds_bucket{le=\"+Inf\"}"), metrics)
    }

    func testBatchStreamsOneLinePerDecisionWithErrorsInPlace() throws {
        let server = try ServedProbity([])
        let one = try String(contentsOf: Probity.root.appendingPathComponent("Examples/decisions/s75-new-agreement-below-1m.json"), encoding: .utf8)
        let compact = one.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        let response = try XCTUnwrap(server.client().request("POST", "/v1/check/batch", body: "\(compact)\n{\"id\": 3}\n\(compact)\n"))
        XCTAssertEqual(response.headers["transfer-encoding"], "chunked")
        let lines = response.body.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(try Self.object(lines[0])["format"] as? String, "probity.report/1")
        let error = try Self.object(lines[1])
        XCTAssertEqual(error["format"] as? String, "probity.error/1")
        XCTAssertEqual(error["line"] as? Int, 2)
    }

    func testBadRequestsGetProbityErrorsWith4xx() throws {
        let server = try ServedProbity([])
        let client = try server.client()
        for (method, path, body, status) in [
            ("POST", "/v1/check", "{not json", 400), ("POST", "/v1/check", "{\"id\":\"x\",\"colour\":\"red\"}", 400),
            ("GET", "/../../etc/passwd", nil, 404), ("GET", "/Rules/", nil, 404), ("DELETE", "/v1/check", nil, 405),
            ("POST", "/v1/screen", "{}", 409), ("POST", "/v1/meeting", "{}", 409),
        ] as [(String, String, String?, Int)] {
            let response = try XCTUnwrap(client.request(method, path, body: body), "\(method) \(path)")
            XCTAssertEqual(response.status, status, "\(method) \(path)")
            XCTAssertEqual(try Self.object(response.body)["format"] as? String, "probity.error/1")
        }
        // The message echoes what was sent only inside JSON strings: markup stays text.
        let echoed = try XCTUnwrap(client.request("POST", "/v1/check", body: "{\"id\":\"x\",\"date\":\"2024-01-01\",\"<script>\":1}"))
        XCTAssertEqual(echoed.status, 400)
        XCTAssertTrue(echoed.body.contains("<script>") == false || echoed.headers["content-type"] == "application/json")
        let foreign = try XCTUnwrap(client.request("POST", "/v1/check", body: "{}", headers: ["Origin": "http://evil.example"]))
        XCTAssertEqual(foreign.status, 403)
    }

    func testLimitsAreAnsweredWithTheirStatus() throws {
        let server = try ServedProbity([])
        let big = try XCTUnwrap(server.client().request("GET", "/" + String(repeating: "a", count: 9000)))
        XCTAssertEqual(big.status, 414)
        let headers = Dictionary(uniqueKeysWithValues: (0..<70).map { ("X-\($0)", "1") })
        XCTAssertEqual(try server.client().request("GET", "/health", headers: headers)?.status, 431)
        let client = try server.client()
        client.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 413)
    }

    func testDecisionLogHasOneLinePerDecision() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("probity-decisions-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: log) }
        let server = try ServedProbity(["--decision-log", log.path])
        let decision = try String(contentsOf: Probity.root.appendingPathComponent("Examples/decisions/s75-new-agreement-above-1m.json"), encoding: .utf8)
        let client = try server.client()
        for _ in 0..<3 { XCTAssertEqual(client.request("POST", "/v1/check", body: decision)?.status, 200) }
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        let entry = try Self.object(String(lines[0]))
        XCTAssertEqual(entry["format"] as? String, "probity.decision-log/1")
        XCTAssertEqual(entry["decision"] as? String, "lbb-s75-new-hospital-discharge")
        XCTAssertEqual(entry["outcome"] as? String, "authorised")
        let time = try XCTUnwrap(entry["time"] as? String)
        XCTAssertNotNil(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/), time)
        XCTAssertEqual(((entry["scheme"] as? [String: Any])?["digest"] as? String)?.count, 64)
        XCTAssertEqual((entry["answer"] as? [String: Any])?["format"] as? String, "probity.report/1")
    }

    func testADecisionLogThatCannotBeWrittenIsReportedNeverIgnored() throws {
        // /dev/full takes the open and fails every write with ENOSPC: a full disk.
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let server = try ServedProbity(["--decision-log", "/dev/full"])
        let decision = try String(contentsOf: Probity.root.appendingPathComponent("Examples/decisions/s75-new-agreement-above-1m.json"), encoding: .utf8)
        let client = try server.client()
        let response = try XCTUnwrap(client.request("POST", "/v1/check", body: decision))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["probity-decision-log"], "failed")
        let health = try Self.object(XCTUnwrap(client.request("GET", "/health")).body)
        XCTAssertEqual(health["status"] as? String, "degraded")
        XCTAssertEqual(health["decision_log_errors"] as? Int, 1)
        XCTAssertTrue(try XCTUnwrap(client.request("GET", "/metrics")).body.contains("probity_decision_log_errors_total 1"))
        let stderr = server.stop()
        XCTAssertTrue(stderr.contains("error[P1706]: cannot write to decision log `/dev/full`: No space left on device"), stderr)
    }

    func testAFailedReloadKeepsTheOldSchemeAndSaysWhy() throws {
        let manager = FileManager.default
        let rules = manager.temporaryDirectory.appendingPathComponent("probity-rules-\(UUID())")
        try manager.copyItem(at: Probity.root.appendingPathComponent("Rules"), to: rules)
        defer { try? manager.removeItem(at: rules) }
        let server = try ServedProbity(["--rules", rules.path])
        let client = try server.client()
        let before = try Self.object(XCTUnwrap(client.request("GET", "/v1/scheme")).body)["digest"] as? String

        // Break a rule file: the old scheme keeps serving, and the page, the API and stderr say why.
        let file = try XCTUnwrap(manager.enumerator(atPath: rules.path)?.compactMap { $0 as? String }.first { $0.hasSuffix(".probity") })
        let path = rules.appendingPathComponent(file)
        let good = try String(contentsOf: path, encoding: .utf8)
        try (good + "\nrule BROKEN {\n").write(to: path, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        let health = try Self.waitFor(client) { ($0["last_reload"] as? [String: Any])?["succeeded"] as? Bool == false }
        XCTAssertEqual(health["status"] as? String, "degraded")
        XCTAssertFalse((((health["last_reload"] as? [String: Any])?["diagnostics"] as? String) ?? "").isEmpty)
        XCTAssertEqual(try Self.object(XCTUnwrap(client.request("GET", "/v1/scheme")).body)["digest"] as? String, before)

        // Mend it with a change: the watcher reloads without a signal.
        try (good + "\n").write(to: path, atomically: true, encoding: .utf8)
        let mended = try Self.waitFor(client) { ($0["last_reload"] as? [String: Any])?["succeeded"] as? Bool == true }
        XCTAssertEqual(mended["status"] as? String, "ok")
        XCTAssertNotEqual((mended["scheme"] as? [String: Any])?["digest"] as? String, before)
        let stderr = server.stop()
        XCTAssertTrue(stderr.contains("failed; the previous scheme is still serving"), stderr)
        XCTAssertEqual(server.status, 0)
    }

    func testEveryEndpointAndServerCodeIsDocumented() throws {
        let api = try String(contentsOf: Probity.root.appendingPathComponent("docs/api.md"), encoding: .utf8)
        let diagnostics = try String(contentsOf: Probity.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let routes = try String(contentsOf: Probity.root.appendingPathComponent("Sources/ProbityCLI/Serve/ServeAPI.swift"), encoding: .utf8)
        for route in ["POST /v1/check", "POST /v1/check/batch", "POST /v1/screen", "POST /v1/meeting", "POST /v1/meeting/paper", "POST /v1/vote",
                      "POST /v1/explain", "GET /v1/scheme", "GET /v1/scheme/tree.svg", "GET /v1/scheme/ladder.svg", "GET /health", "GET /metrics", "GET /"] {
            XCTAssertTrue(routes.contains("\"\(route)\""), "\(route) is not routed")
            XCTAssertTrue(api.contains("`\(route)"), "\(route) is not in docs/api.md")
        }
        // Every code the server reports is named from the catalogue, which DiagnosticCodeCatalogTests
        // holds equal to docs/diagnostics.md; here, that the server has its section there.
        XCTAssertTrue(diagnostics.contains("| P1700 |"), "the server's codes are not in docs/diagnostics.md")
    }

    // MARK: Helpers

    private static func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// Polls `/health` (up to 10 s) until `condition` holds.
    private static func waitFor(_ client: LoopbackClient, _ condition: ([String: Any]) -> Bool) throws -> [String: Any] {
        for _ in 0..<100 {
            let health = try object(XCTUnwrap(client.request("GET", "/health")).body)
            if condition(health) { return health }
            usleep(100_000)
        }
        XCTFail("the condition never held")
        return [:]
    }
}

/// `probity serve --port 0 …` running in the background; stopped with SIGTERM.
final class ServedProbity {
    let process = Process()
    let port: Int
    private let errors = Pipe()
    private(set) var status: Int32 = -1

    init(_ arguments: [String]) throws {
        process.executableURL = Probity.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = Probity.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var text = ""
        while !text.contains("listening on"), process.isRunning || !text.isEmpty {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
              let port = Int(text[range].dropFirst("http://127.0.0.1:".count).dropLast()) else {
            process.terminate()
            throw NSError(domain: "ServedProbity", code: 1, userInfo: [NSLocalizedDescriptionKey: "no address in: \(text)"])
        }
        self.port = port
    }

    func client() throws -> LoopbackClient { try LoopbackClient(port: port) }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Stops the server gracefully and returns what it wrote to standard error.
    @discardableResult
    func stop() -> String {
        if process.isRunning { signal(SIGTERM) }
        // A server that does not stop must fail the test, not hang the whole run.
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            XCTFail("probity serve did not stop within 15 s of SIGTERM")
            signal(SIGKILL)
        }
        process.waitUntilExit()
        status = process.terminationStatus
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit { if process.isRunning { stop() } }
}
