/// A parsed HTTP/1.1 request: the head, and the body with any chunked coding removed.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent (`/v1/check?x=1`).
    public var target: String
    /// The target's path, before any `?`.
    public var path: String
    /// The target's query, after the `?` (empty when there is none).
    public var query: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header fields in the order received; names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Whether the client asked to keep the connection open (HTTP/1.1 default; `Connection: close`
    /// turns it off; HTTP/1.0 needs `Connection: keep-alive`).
    public var keepAlive: Bool

    public init(method: String, target: String, minorVersion: Int = 1, headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], keepAlive: Bool = true) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    /// The value of the first header field named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}
