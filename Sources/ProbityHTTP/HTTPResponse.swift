/// A response: status, header fields, and a body either whole or written as it is made.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Written in chunks (`Transfer-Encoding: chunked`) as the closure produces them; the
        /// closure gets a writer whose `write` returns false once the client has gone.
        case stream(@Sendable (HTTPBodyWriter) -> Void)
    }

    public var status: HTTPStatus
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: HTTPStatus = .ok, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    public init(status: HTTPStatus = .ok, headers: [(name: String, value: String)] = [], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }

    public init(status: HTTPStatus = .ok, headers: [(name: String, value: String)] = [], stream: @escaping @Sendable (HTTPBodyWriter) -> Void) {
        self.status = status
        self.headers = headers
        self.body = .stream(stream)
    }

    /// The status line and header section, with the framing header and `Connection` added.
    func head(keepAlive: Bool, date: String) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reason)\r\nDate: \(date)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        switch body {
        case .bytes(let bytes): text += "Content-Length: \(bytes.count)\r\n"
        case .stream: text += "Transfer-Encoding: chunked\r\n"
        }
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }
}

/// Writes a streamed body's chunks to the client.
public final class HTTPBodyWriter: @unchecked Sendable {
    // Used by one connection thread only, for the duration of one response.
    private let send: ([UInt8]) -> Bool
    private var failed = false
    private var pending: [UInt8] = []
    /// Chunks smaller than this are gathered before being sent, so many short lines are one write.
    private let gather = 16 * 1024

    init(send: @escaping ([UInt8]) -> Bool) {
        self.send = send
    }

    /// Queues `bytes` as part of the body. False once the client can no longer be written to.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        guard !failed else { return false }
        pending.append(contentsOf: bytes)
        if pending.count >= gather { flush() }
        return !failed
    }

    /// Sends what is queued as one chunk.
    public func flush() {
        guard !failed, !pending.isEmpty else { return }
        var chunk = Array(String(pending.count, radix: 16).utf8) + [13, 10]
        chunk.append(contentsOf: pending)
        chunk += [13, 10]
        pending.removeAll(keepingCapacity: true)
        if !send(chunk) { failed = true }
    }

    /// Sends the rest and the last chunk. True when the whole body was delivered.
    func finish() -> Bool {
        flush()
        guard !failed else { return false }
        return send(Array("0\r\n\r\n".utf8))
    }
}
