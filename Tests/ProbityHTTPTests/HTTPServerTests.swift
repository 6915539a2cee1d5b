import Foundation
import Glibc
import Testing
@testable import ProbityHTTP
import ProbityTestSupport

/// The server over a real loopback socket: keep-alive, pipelining, streaming, limits, slow
/// clients, and a graceful shutdown that finishes the request in flight.
@Suite(.serialized)
struct HTTPServerTests {
    /// Starts a server on an ephemeral loopback port; `body` gets it, then it is shut down.
    private func withServer(limits: HTTPLimits = HTTPLimits(), _ handler: @escaping HTTPServer.Handler,
                            _ body: (HTTPServer) throws -> Void) throws {
        let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: limits, handler: handler)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.run()
            done.signal()
        }
        defer {
            server.shutdown()
            done.wait()
        }
        try body(server)
    }

    private static let echo: HTTPServer.Handler = { request in
        HTTPResponse(headers: [("Content-Type", "text/plain")], text: "\(request.method) \(request.path) \(request.body.count)")
    }

    @Test func servesKeepAliveAndPipelinedRequests() throws {
        try withServer(Self.echo) { server in
            let client = try LoopbackClient(port: server.port)
            client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
            let first = try #require(client.readResponse())
            let second = try #require(client.readResponse())
            #expect(first.status == 200 && first.body == "GET /a 0")
            #expect(second.body == "POST /b 3")
            #expect(second.headers["connection"] == "keep-alive")
        }
    }

    @Test func streamsChunkedResponses() throws {
        try withServer({ _ in
            HTTPResponse(stream: { writer in
                for line in 0..<3 { writer.write(Array("line \(line)\n".utf8)); writer.flush() }
            })
        }) { server in
            let client = try LoopbackClient(port: server.port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.headers["transfer-encoding"] == "chunked")
            #expect(response.body == "line 0\nline 1\nline 2\n")
        }
    }

    @Test func answersLimitsWithTheirStatusAndCloses() throws {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 16
        try withServer(limits: limits, Self.echo) { server in
            let client = try LoopbackClient(port: server.port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 413)
            #expect(response.headers["connection"] == "close")
            #expect(client.readToEnd().isEmpty)
        }
    }

    /// A refused client still sending its body reads the refusal (the server lingers rather
    /// than resetting the connection under it).
    @Test func aRefusedClientStillSendingReadsTheAnswer() throws {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 1024
        try withServer(limits: limits, Self.echo) { server in
            let client = try LoopbackClient(port: server.port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n")
            for _ in 0..<20 { client.send(bytes: [UInt8](repeating: 97, count: 10_000)) }
            #expect(try #require(client.readResponse()).status == 413)
        }
    }

    @Test func answersExpectContinue() throws {
        try withServer(Self.echo) { server in
            let client = try LoopbackClient(port: server.port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
            #expect(try #require(client.readResponse()).status == 100)
            client.send("ok")
            #expect(try #require(client.readResponse()).body == "POST / 2")
        }
    }

    @Test func cutsOffSlowClientsWith408() throws {
        var limits = HTTPLimits()
        limits.requestTimeoutMilliseconds = 300
        try withServer(limits: limits, Self.echo) { server in
            let client = try LoopbackClient(port: server.port)
            client.send("GET / HTTP/1.1\r\nHo")
            let response = try #require(client.readResponse())
            #expect(response.status == 408)
        }
    }

    @Test func refusesConnectionsOverTheCapWith503() throws {
        var limits = HTTPLimits()
        limits.maxConnections = 1
        try withServer(limits: limits, Self.echo) { server in
            let first = try LoopbackClient(port: server.port)
            first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try #require(first.readResponse())
            let second = try LoopbackClient(port: server.port)
            #expect(try #require(second.readResponse()).status == 503)
        }
    }

    @Test func shutdownFinishesTheRequestInFlight() throws {
        let started = DispatchSemaphore(value: 0)
        let server = try HTTPServer(host: "127.0.0.1", port: 0) { _ in
            started.signal()
            usleep(300_000)
            return HTTPResponse(text: "finished")
        }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.run()
            done.signal()
        }
        let client = try LoopbackClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        started.wait()
        server.shutdown()
        let response = try #require(client.readResponse())
        #expect(response.body == "finished")
        #expect(response.headers["connection"] == "close")
        done.wait()
        #expect(throws: (any Error).self) { _ = try LoopbackClient(port: server.port) }
    }
}

