/// Why a request was refused, with the status that says so.
public struct HTTPParseError: Error, Equatable, Sendable {
    public var status: HTTPStatus
    public var message: String

    public init(_ status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// What the parser made of the bytes received so far.
public enum HTTPParseResult: Sendable {
    /// Not a whole request yet. `expectsContinue` is true once a complete head asked for
    /// `100 Continue` and its body has not arrived.
    case needMore(expectsContinue: Bool)
    /// A whole request, and how many bytes of the buffer it used (a pipelined request may follow).
    case request(HTTPRequest, consumed: Int)
    case failure(HTTPParseError)
}

/// An HTTP/1.1 request parser over bytes (RFC 9112), strict and bounded.
///
/// It keeps no state between calls: give it everything received since the last request ended,
/// and it answers with a request, a need for more bytes, or a refusal carrying the status to
/// send. Lines end in CRLF (a bare LF or CR is refused); empty lines before a request are skipped
/// (§2.2); folded header lines, whitespace before a colon, control characters, conflicting
/// `Content-Length`s, and a `Content-Length` beside `Transfer-Encoding` (request smuggling) are
/// refused with 400. `Transfer-Encoding: chunked` is decoded; any other coding is 501.
public struct HTTPRequestParser: Sendable {
    public var limits: HTTPLimits

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    private static let cr: UInt8 = 13, lf: UInt8 = 10, space: UInt8 = 32, tab: UInt8 = 9, colon: UInt8 = 58

    public func parse(_ bytes: [UInt8]) -> HTTPParseResult {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPParseResult {
        // §2.2: at least one empty line received before the request line should be ignored.
        var start = 0
        while start + 1 < bytes.count, bytes[start] == Self.cr, bytes[start + 1] == Self.lf { start += 2 }
        if start < bytes.count, bytes[start] == Self.cr, start + 1 == bytes.count { return .needMore(expectsContinue: false) }

        // The request line.
        // The limit counts the line without its CRLF, whether it has arrived whole or not: a CR
        // at the very end may be the first half of the CRLF, so it is not counted.
        let tooLong = HTTPParseError(.uriTooLong, "the request line is longer than \(limits.maxRequestLineBytes) bytes")
        guard let lineEnd = findLineEnd(bytes, from: start, limit: limits.maxRequestLineBytes) else {
            let pending = bytes.count - start - (bytes.count > start && bytes[bytes.count - 1] == Self.cr ? 1 : 0)
            return pending > limits.maxRequestLineBytes ? .failure(tooLong) : .needMore(expectsContinue: false)
        }
        if case .failure(let error) = lineEnd { return .failure(error) }
        guard case .success(let requestLineEnd) = lineEnd else { return .needMore(expectsContinue: false) }
        if requestLineEnd - start > limits.maxRequestLineBytes { return .failure(tooLong) }
        let line: RequestLine
        switch parseRequestLine(bytes, start, requestLineEnd) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): line = parsed
        }

        // The header fields, up to the empty line.
        var headers: [(name: String, value: String)] = []
        var cursor = requestLineEnd + 2
        let headerLimit = start + limits.maxHeaderBytes
        while true {
            let fieldEnd: Int
            switch findLineEnd(bytes, from: cursor, limit: headerLimit - cursor) {
            case nil:
                if bytes.count > headerLimit {
                    return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "the header section is larger than \(limits.maxHeaderBytes) bytes"))
                }
                return .needMore(expectsContinue: false)
            case .failure(let error)?: return .failure(error)
            case .success(let end)?: fieldEnd = end
            }
            if fieldEnd == cursor {
                cursor += 2
                break
            }
            if fieldEnd + 2 > headerLimit {
                return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "the header section is larger than \(limits.maxHeaderBytes) bytes"))
            }
            guard headers.count < limits.maxHeaderCount else {
                return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields"))
            }
            switch parseField(bytes, cursor, fieldEnd) {
            case .failure(let error): return .failure(error)
            case .success(let field): headers.append(field)
            }
            cursor = fieldEnd + 2
        }

        let framing: Framing
        switch Self.framing(of: headers, minorVersion: line.minorVersion, limits: limits) {
        case .failure(let error): return .failure(error)
        case .success(let found): framing = found
        }
        var request = HTTPRequest(method: line.method, target: line.target, minorVersion: line.minorVersion,
                                  headers: headers, keepAlive: framing.keepAlive)
        if let expectation = request.header("expect") {
            guard expectation.lowercased() == "100-continue" else {
                return .failure(HTTPParseError(.expectationFailed, "only `100-continue` is understood in `Expect`"))
            }
        }
        let expectsContinue = request.header("expect") != nil && line.minorVersion == 1

        switch framing.body {
        case .none:
            return .request(request, consumed: cursor)
        case .length(let length):
            guard bytes.count - cursor >= length else { return .needMore(expectsContinue: expectsContinue && bytes.count == cursor) }
            request.body = Array(bytes[cursor..<(cursor + length)])
            return .request(request, consumed: cursor + length)
        case .chunked:
            switch decodeChunked(bytes, from: cursor) {
            case .needMore(let sawData): return .needMore(expectsContinue: expectsContinue && !sawData)
            case .failure(let error): return .failure(error)
            case .done(let body, let end):
                request.body = body
                return .request(request, consumed: end)
            }
        }
    }

    // MARK: Lines

    /// The index of the CR of the next CRLF at or after `from`, looking at most `limit` bytes
    /// ahead. A CR not followed by LF, or an LF without CR, is a 400.
    private func findLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Result<Int, HTTPParseError>? {
        let end = min(bytes.count, from + max(limit, 0) + 2)
        var index = from
        while index < end {
            let byte = bytes[index]
            if byte == Self.lf { return .failure(HTTPParseError(.badRequest, "a line ends in a bare LF; expected CRLF")) }
            if byte == Self.cr {
                guard index + 1 < bytes.count else { return nil }
                guard bytes[index + 1] == Self.lf else { return .failure(HTTPParseError(.badRequest, "a bare CR in the request head; expected CRLF")) }
                return .success(index)
            }
            index += 1
        }
        return nil
    }

    private struct RequestLine {
        var method: String
        var target: String
        var minorVersion: Int
    }

    /// `method SP request-target SP HTTP-version` (§3), with single spaces.
    private func parseRequestLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<RequestLine, HTTPParseError> {
        var firstSpace = start
        while firstSpace < end, bytes[firstSpace] != Self.space { firstSpace += 1 }
        guard firstSpace > start, firstSpace < end else { return .failure(HTTPParseError(.badRequest, "a malformed request line; expected `METHOD TARGET HTTP/1.1`")) }
        for index in start..<firstSpace where !Self.isTokenByte(bytes[index]) {
            return .failure(HTTPParseError(.badRequest, "the method contains a character a token may not"))
        }
        var secondSpace = firstSpace + 1
        while secondSpace < end, bytes[secondSpace] != Self.space { secondSpace += 1 }
        guard secondSpace > firstSpace + 1, secondSpace < end else {
            return .failure(HTTPParseError(.badRequest, "a malformed request line; expected `METHOD TARGET HTTP/1.1`"))
        }
        for index in (firstSpace + 1)..<secondSpace where bytes[index] <= 32 || bytes[index] == 127 {
            return .failure(HTTPParseError(.badRequest, "the request target contains a control character or space"))
        }
        let version = Array(bytes[(secondSpace + 1)..<end])
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard version.count == 8, Array(version[0..<5]) == prefix, Self.isDigit(version[5]), version[6] == 46, Self.isDigit(version[7]) else {
            return .failure(HTTPParseError(.badRequest, "a malformed HTTP version; expected `HTTP/1.1`"))
        }
        guard version[5] == 49 else { return .failure(HTTPParseError(.httpVersionNotSupported, "only HTTP/1.0 and HTTP/1.1 are served")) }
        let target = String(decoding: bytes[(firstSpace + 1)..<secondSpace], as: UTF8.self)
        guard target.hasPrefix("/") || target == "*" else {
            return .failure(HTTPParseError(.badRequest, "the request target must be a path starting with `/`"))
        }
        return .success(RequestLine(method: String(decoding: bytes[start..<firstSpace], as: UTF8.self), target: target,
                                    minorVersion: Int(version[7] - 48)))
    }

    /// `field-name ":" OWS field-value OWS` (§5).
    private func parseField(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<(name: String, value: String), HTTPParseError> {
        if bytes[start] == Self.space || bytes[start] == Self.tab {
            return .failure(HTTPParseError(.badRequest, "a folded header line (obs-fold) is not accepted"))
        }
        var colon = start
        while colon < end, bytes[colon] != Self.colon {
            guard Self.isTokenByte(bytes[colon]) else {
                return .failure(HTTPParseError(.badRequest, bytes[colon] == Self.space || bytes[colon] == Self.tab
                    ? "whitespace between a header name and its colon"
                    : "a header name contains a character a token may not"))
            }
            colon += 1
        }
        guard colon < end, colon > start else { return .failure(HTTPParseError(.badRequest, "a header line without a name and colon")) }
        var valueStart = colon + 1
        var valueEnd = end
        while valueStart < valueEnd, bytes[valueStart] == Self.space || bytes[valueStart] == Self.tab { valueStart += 1 }
        while valueEnd > valueStart, bytes[valueEnd - 1] == Self.space || bytes[valueEnd - 1] == Self.tab { valueEnd -= 1 }
        for index in valueStart..<valueEnd {
            let byte = bytes[index]
            if (byte < 32 && byte != Self.tab) || byte == 127 {
                return .failure(HTTPParseError(.badRequest, "a header value contains a control character"))
            }
        }
        return .success((String(decoding: bytes[start..<colon], as: UTF8.self), String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)))
    }

    // MARK: Framing

    private enum BodyFraming {
        case none, length(Int), chunked
    }

    private struct Framing {
        var body: BodyFraming
        var keepAlive: Bool
    }

    /// How the body is delimited (§6.3), and whether the connection persists (§9.3).
    private static func framing(of headers: [(name: String, value: String)], minorVersion: Int, limits: HTTPLimits) -> Result<Framing, HTTPParseError> {
        var length: Int?
        var transferCodings: [String] = []
        var connectionTokens: [String] = []
        var hosts = 0
        for (name, value) in headers {
            switch name.lowercased() {
            case "content-length":
                // A list of identical values (`5, 5`) is one length; anything else is refused.
                for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = part.trimmingSpaces
                    guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy(isDigit), let parsed = Int(text) else {
                        return .failure(HTTPParseError(.badRequest, "`Content-Length` must be a whole number of bytes"))
                    }
                    if let length, length != parsed {
                        return .failure(HTTPParseError(.badRequest, "conflicting `Content-Length` values"))
                    }
                    length = parsed
                }
            case "transfer-encoding":
                transferCodings += value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            case "connection":
                connectionTokens += value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            case "host":
                hosts += 1
            default:
                break
            }
        }
        if minorVersion == 1 && hosts != 1 {
            return .failure(HTTPParseError(.badRequest, hosts == 0 ? "an HTTP/1.1 request needs a `Host` header" : "more than one `Host` header"))
        }
        let keepAlive = minorVersion == 1 ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive")
        if !transferCodings.isEmpty {
            guard length == nil else {
                return .failure(HTTPParseError(.badRequest, "both `Content-Length` and `Transfer-Encoding`; expected one"))
            }
            guard minorVersion == 1 else { return .failure(HTTPParseError(.badRequest, "`Transfer-Encoding` in an HTTP/1.0 request")) }
            guard transferCodings == ["chunked"] else {
                return .failure(HTTPParseError(.notImplemented, "only the `chunked` transfer coding is understood"))
            }
            return .success(Framing(body: .chunked, keepAlive: keepAlive))
        }
        if let length {
            guard length <= limits.maxBodyBytes else {
                return .failure(HTTPParseError(.contentTooLarge, "the body is larger than \(limits.maxBodyBytes) bytes"))
            }
            return .success(Framing(body: length == 0 ? .none : .length(length), keepAlive: keepAlive))
        }
        return .success(Framing(body: .none, keepAlive: keepAlive))
    }

    // MARK: Chunked bodies

    private enum ChunkedResult {
        /// `sawData`: some of the body has arrived (so `100 Continue` is no longer due).
        case needMore(sawData: Bool)
        case failure(HTTPParseError)
        case done([UInt8], end: Int)
    }

    /// `*chunk last-chunk trailer-section CRLF` (§7.1); chunk extensions are skipped, trailers
    /// dropped; the decoded size is held to the body limit.
    private func decodeChunked(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> ChunkedResult {
        var body: [UInt8] = []
        var cursor = start
        let sawData = bytes.count > start
        while true {
            // chunk-size [ chunk-ext ] CRLF
            var size = 0
            var digits = 0
            while cursor < bytes.count, let digit = Self.hexValue(bytes[cursor]) {
                guard digits < 8 else { return .failure(HTTPParseError(.contentTooLarge, "a chunk size is too large")) }
                size = size * 16 + digit
                digits += 1
                cursor += 1
            }
            guard cursor < bytes.count else { return .needMore(sawData: sawData) }
            guard digits > 0 else { return .failure(HTTPParseError(.badRequest, "a malformed chunk size")) }
            guard body.count + size <= limits.maxBodyBytes else {
                return .failure(HTTPParseError(.contentTooLarge, "the body is larger than \(limits.maxBodyBytes) bytes"))
            }
            let lineLimit = 1024
            switch findLineEnd(bytes, from: cursor, limit: lineLimit) {
            case nil:
                return bytes.count - cursor > lineLimit
                    ? .failure(HTTPParseError(.badRequest, "a chunk extension is longer than \(lineLimit) bytes"))
                    : .needMore(sawData: sawData)
            case .failure(let error)?: return .failure(error)
            case .success(let end)?:
                if end > cursor && bytes[cursor] != 59 && bytes[cursor] != Self.space && bytes[cursor] != Self.tab {
                    return .failure(HTTPParseError(.badRequest, "a malformed chunk size"))
                }
                cursor = end + 2
            }
            if size == 0 {
                // trailer-section CRLF: fields are read and dropped, bounded like the header.
                let trailerStart = cursor
                while true {
                    switch findLineEnd(bytes, from: cursor, limit: limits.maxHeaderBytes) {
                    case nil:
                        return bytes.count - trailerStart > limits.maxHeaderBytes
                            ? .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "the trailer section is larger than \(limits.maxHeaderBytes) bytes"))
                            : .needMore(sawData: sawData)
                    case .failure(let error)?: return .failure(error)
                    case .success(let end)?:
                        if end == cursor { return .done(body, end: end + 2) }
                        if case .failure(let error) = parseField(bytes, cursor, end) { return .failure(error) }
                        cursor = end + 2
                        if cursor - trailerStart > limits.maxHeaderBytes {
                            return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "the trailer section is larger than \(limits.maxHeaderBytes) bytes"))
                        }
                    }
                }
            }
            guard bytes.count - cursor >= size + 2 else { return .needMore(sawData: sawData) }
            body.append(contentsOf: bytes[cursor..<(cursor + size)])
            cursor += size
            guard bytes[cursor] == Self.cr, bytes[cursor + 1] == Self.lf else {
                return .failure(HTTPParseError(.badRequest, "a chunk's data is not followed by CRLF"))
            }
            cursor += 2
        }
    }

    // MARK: Characters

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case 65...70: Int(byte - 55)
        case 97...102: Int(byte - 87)
        default: nil
        }
    }

    /// `tchar` (RFC 9110 §5.6.2).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true
        default: false
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
