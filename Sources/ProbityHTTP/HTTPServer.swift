import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on Glibc sockets: one thread accepts, one thread serves each connection
/// (at most `limits.maxConnections` at once; one more is answered 503 and closed). Keep-alive
/// and pipelined requests are served in order, up to `maxRequestsPerConnection`; a client slower
/// than the request timeout gets 408, one idle longer than the idle timeout is closed, one that
/// does not take its response within the write timeout is cut off.
///
/// `shutdown()` stops accepting, lets every request in flight finish (its response says
/// `Connection: close`), closes idle connections, and makes `run()` return once they are done or
/// the drain timeout has passed.
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    /// Where the server listens, as `host:port` (`[::1]:port` for IPv6).
    public let address: String
    public let port: Int
    public let limits: HTTPLimits

    private let handler: Handler
    private let refusal: @Sendable (HTTPParseError) -> HTTPResponse
    private let listener: Int32
    /// A pipe `shutdown()` writes to, waking the accept loop.
    private let wake: (read: Int32, write: Int32)
    private let stopping = Atomic<Bool>(false)
    private let open = Atomic<Int>(0)

    /// Binds `host`:`port` (0: any free port). `refusal` renders the response for a request the
    /// server refuses before the handler sees it (a limit, a malformed head).
    public init(host: String, port: Int, limits: HTTPLimits = HTTPLimits(),
                refusal: @escaping @Sendable (HTTPParseError) -> HTTPResponse = HTTPServer.plainRefusal,
                handler: @escaping Handler) throws(HTTPServerError) {
        guard (0...65535).contains(port) else { throw HTTPServerError("port \(port) is out of range; expected 0 to 65535") }
        let bound: (fd: Int32, address: String, port: Int)
        switch Socket.listen(host: host, port: port, backlog: 512) {
        case .failure(let error): throw error
        case .success(let value): bound = value
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(bound.fd)
            throw HTTPServerError("cannot make a pipe: \(Socket.errorText())")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        listener = bound.fd
        address = bound.address
        self.port = bound.port
        wake = (fds[0], fds[1])
        self.limits = limits
        self.handler = handler
        self.refusal = refusal
    }

    /// A refusal as plain text: the status and what was wrong.
    public static let plainRefusal: @Sendable (HTTPParseError) -> HTTPResponse = { error in
        HTTPResponse(status: error.status, headers: [("Content-Type", "text/plain; charset=utf-8")], text: error.message + "\n")
    }

    /// Connections open now.
    public var openConnections: Int { open.load(ordering: .relaxed) }

    /// Accepts and serves until `shutdown()`, then waits for the connections to finish.
    public func run() {
        var entries = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while !stopping.load(ordering: .acquiring) {
            let ready = poll(&entries, 2, -1)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            if entries[1].revents != 0 { break }
            guard entries[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                // The client gave up (ECONNABORTED), or descriptors ran out: wait rather than spin.
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            if open.load(ordering: .relaxed) >= limits.maxConnections {
                let busy = refusal(HTTPParseError(.serviceUnavailable, "the server has \(limits.maxConnections) connections open; try again shortly"))
                refuse(client, busy)
                continue
            }
            open.add(1, ordering: .relaxed)
            Thread.detachNewThread { [self] in
                serve(client)
                close(client)
                open.subtract(1, ordering: .releasing)
            }
        }
        close(listener)
        // Drain: requests in flight finish; idle connections notice `stopping` and close.
        let deadline = Self.now() + limits.drainTimeoutMilliseconds
        while open.load(ordering: .acquiring) > 0 && Self.now() < deadline { usleep(10_000) }
    }

    /// Begins a graceful shutdown (safe to call from any thread, more than once).
    public func shutdown() {
        stopping.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Whether a shutdown has begun.
    public var isStopping: Bool { stopping.load(ordering: .relaxed) }

    // MARK: Connections

    private func refuse(_ client: Int32, _ response: HTTPResponse) {
        if case .bytes(let body) = response.body {
            _ = Socket.sendAll(client, response.head(keepAlive: false, date: Socket.httpDate()) + body, timeout: 100)
        }
        close(client)
    }

    /// Serves one connection until it closes, misbehaves, or the server stops.
    private func serve(_ client: Int32) {
        let parser = HTTPRequestParser(limits: limits)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var served = 0
        var sentContinue = false
        // A request's clock starts with its first byte; before that the connection is idle.
        var requestStarted: Int?
        var idleSince = Self.now()
        while true {
            if !buffer.isEmpty {
                switch parser.parse(buffer) {
                case .failure(let error):
                    if send(refusal(error), to: client, keepAlive: false, headOnly: false) { linger(client) }
                    return
                case .request(let request, let consumed):
                    served += 1
                    let response = handler(request)
                    // Decided after the handler: a shutdown during it closes the connection after.
                    let keepAlive = request.keepAlive && served < limits.maxRequestsPerConnection && !isStopping
                    guard send(response, to: client, keepAlive: keepAlive, headOnly: request.method == "HEAD"), keepAlive else { return }
                    buffer.removeFirst(consumed)
                    sentContinue = false
                    requestStarted = buffer.isEmpty ? nil : Self.now()
                    idleSince = Self.now()
                    continue
                case .needMore(let expectsContinue):
                    if expectsContinue && !sentContinue {
                        guard Socket.sendAll(client, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), timeout: limits.writeTimeoutMilliseconds) else { return }
                        sentContinue = true
                    }
                }
            }
            // Wait for bytes in short slices, so a shutdown is noticed by idle connections.
            let deadline = requestStarted.map { $0 + limits.requestTimeoutMilliseconds } ?? idleSince + limits.idleTimeoutMilliseconds
            var readable = false
            while !readable {
                if requestStarted == nil && isStopping { return }
                let left = deadline - Self.now()
                if left <= 0 {
                    if requestStarted != nil {
                        _ = send(refusal(HTTPParseError(.requestTimeout, "the request did not arrive within \(limits.requestTimeoutMilliseconds) ms")),
                                 to: client, keepAlive: false, headOnly: false)
                    }
                    return
                }
                readable = Socket.wait(client, milliseconds: min(left, 200))
            }
            let received = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return }   // closed by the client, or reset
            if requestStarted == nil { requestStarted = Self.now() }
            buffer.append(contentsOf: chunk[0..<received])
        }
    }

    /// After a refusal the client may still be sending (a body too large to read): closing with
    /// its bytes unread would reset the connection, which can destroy the answer before the
    /// client reads it (RFC 9112 §9.6). So stop writing, and read and drop what comes for a
    /// moment (at most a second, 1 MiB).
    private func linger(_ client: Int32) {
        _ = Glibc.shutdown(client, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        let deadline = Self.now() + 1000
        var drained = 0
        while drained < 1 << 20, Self.now() < deadline, Socket.wait(client, milliseconds: deadline - Self.now()) {
            let received = scratch.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return }
            drained += received
        }
    }

    /// Writes a response. False when the client could not take it.
    private func send(_ response: HTTPResponse, to client: Int32, keepAlive: Bool, headOnly: Bool) -> Bool {
        let head = response.head(keepAlive: keepAlive, date: Socket.httpDate())
        switch response.body {
        case .bytes(let body):
            return Socket.sendAll(client, headOnly ? head : head + body, timeout: limits.writeTimeoutMilliseconds)
        case .stream(let produce):
            guard Socket.sendAll(client, head, timeout: limits.writeTimeoutMilliseconds) else { return false }
            if headOnly { return true }
            let timeout = limits.writeTimeoutMilliseconds
            let writer = HTTPBodyWriter { Socket.sendAll(client, $0, timeout: timeout) }
            produce(writer)
            return writer.finish()
        }
    }

    /// Milliseconds on a monotonic clock.
    static func now() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return spec.tv_sec * 1000 + spec.tv_nsec / 1_000_000
    }
}
