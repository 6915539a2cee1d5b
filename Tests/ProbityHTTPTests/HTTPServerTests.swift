import Foundation
import Glibc
import Testing
@testable import ProbityHTTP

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

/// A blocking loopback client that reads responses (Content-Length or chunked).
final class LoopbackClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct ConnectError: Error {}

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            close(fd)
            throw ConnectError()
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    private func line() -> String? {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                let text = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .init(charactersIn: "\r"))
                buffer.removeFirst(end + 1)
                return text
            }
            guard fill() else { return nil }
        }
    }

    private func take(_ count: Int) -> [UInt8]? {
        while buffer.count < count { guard fill() else { return nil } }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    func readResponse() -> Response? {
        guard let statusLine = line() else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers: [String: String] = [:]
        while let field = line(), !field.isEmpty {
            guard let colon = field.firstIndex(of: ":") else { return nil }
            headers[field[..<colon].lowercased()] = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if status == 100 { return Response(status: 100, headers: headers, body: "") }
        var body: [UInt8] = []
        if headers["transfer-encoding"] == "chunked" {
            while let sizeLine = line(), let size = Int(sizeLine, radix: 16) {
                if size == 0 { _ = line(); break }
                guard let data = take(size) else { return nil }
                body += data
                _ = line()
            }
        } else if let length = Int(headers["content-length"] ?? "0") {
            guard let data = take(length) else { return nil }
            body = data
        }
        return Response(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }

    func readToEnd() -> [UInt8] {
        while fill() {}
        defer { buffer = [] }
        return buffer
    }
}
