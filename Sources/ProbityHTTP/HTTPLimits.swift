/// The hard limits a server holds every client to. Each limit, when exceeded, is answered with
/// its own status (see `docs/api.md`, "Limits") and the connection is closed.
public struct HTTPLimits: Sendable {
    /// The request line (method, target, version). Longer: 414 URI Too Long.
    public var maxRequestLineBytes = 8 * 1024
    /// The whole header section, request line included. Larger: 431.
    public var maxHeaderBytes = 16 * 1024
    /// Header fields per request. More: 431.
    public var maxHeaderCount = 64
    /// A request body (after chunked decoding). Larger: 413 Content Too Large.
    public var maxBodyBytes = 8 * 1024 * 1024
    /// Open connections. One more is answered 503 Service Unavailable and closed.
    public var maxConnections = 512
    /// Requests served on one keep-alive connection before the server closes it.
    public var maxRequestsPerConnection = 10_000
    /// From a request's first byte to its last. Slower: 408 Request Timeout.
    public var requestTimeoutMilliseconds = 10_000
    /// How long a keep-alive connection may sit idle between requests before it is closed.
    public var idleTimeoutMilliseconds = 5_000
    /// How long a client may take to accept a response's bytes before the connection is cut.
    public var writeTimeoutMilliseconds = 10_000
    /// How long a graceful shutdown waits for requests in flight.
    public var drainTimeoutMilliseconds = 10_000

    public init() {}
}
