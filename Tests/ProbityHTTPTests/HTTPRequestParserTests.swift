import Testing
@testable import ProbityHTTP

/// The request parser against RFC 9112's cases: framing, line endings, limits and refusals.
struct HTTPRequestParserTests {
    let parser = HTTPRequestParser()

    private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        HTTPRequestParser(limits: limits).parse(Array(text.utf8))
    }

    private func parsed(_ text: String) -> (HTTPRequest, Int)? {
        if case .request(let request, let consumed) = parse(text) { return (request, consumed) }
        return nil
    }

    private func status(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
        if case .failure(let error) = parse(text, limits: limits) { return error.status.code }
        return nil
    }

    private func needsMore(_ text: String) -> Bool {
        if case .needMore = parse(text) { return true }
        return false
    }

    @Test func simpleGet() throws {
        let (request, consumed) = try #require(parsed("GET /v1/scheme?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.path == "/v1/scheme")
        #expect(request.query == "x=1")
        #expect(request.minorVersion == 1)
        #expect(request.header("host") == "localhost")
        #expect(request.header("ACCEPT") == "*/*")
        #expect(request.keepAlive)
        #expect(consumed == 61)
    }

    @Test func bodyByContentLength() throws {
        let (request, _) = try #require(parsed("POST /v1/check HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"))
        #expect(request.body == Array("hello".utf8))
    }

    @Test func incompleteHeadAndBodyNeedMore() {
        #expect(needsMore("GET / HTTP/1.1\r\nHost: a\r\n"))
        #expect(needsMore("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"))
        #expect(needsMore("GET / HTT"))
    }

    @Test func expectContinueIsSignalledUntilTheBodyArrives() {
        guard case .needMore(let expects) = parse("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n") else {
            Issue.record("expected needMore")
            return
        }
        #expect(expects)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nExpect: something-else\r\n\r\n") == 417)
    }

    @Test func pipelinedRequestsAreSeparated() throws {
        let two = "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n"
        let (first, consumed) = try #require(parsed(two))
        #expect(first.path == "/a")
        let rest = String(decoding: Array(two.utf8).dropFirst(consumed), as: UTF8.self)
        #expect(try #require(parsed(rest)).0.path == "/b")
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        #expect(try #require(parsed("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")).0.path == "/")
    }

    @Test func chunkedBodiesAreDecoded() throws {
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n"
        let (request, consumed) = try #require(parsed(text))
        #expect(request.body == Array("Wikipedia".utf8))
        #expect(consumed == text.utf8.count)
        #expect(needsMore("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWi"))
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n") == 400)
    }

    @Test func connectionPersistence() throws {
        #expect(try #require(parsed("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).0.keepAlive == false)
        #expect(try #require(parsed("GET / HTTP/1.0\r\n\r\n")).0.keepAlive == false)
        #expect(try #require(parsed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")).0.keepAlive == true)
    }

    // §3.2: an HTTP/1.1 request without Host, or with two, is a 400.
    @Test func hostIsRequiredOnce() {
        #expect(status("GET / HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
    }

    // §6.3: framing that could smuggle a request is refused.
    @Test func ambiguousFramingIsRefused() {
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == 501)
        #expect(status("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") == 400)
        // Identical repeated lengths are one length (§6.3 item 5).
        #expect(parsed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nok")?.0.body == Array("ok".utf8))
    }

    // §2.2, §5.1, §5.2: line endings, whitespace before a colon, folded lines, control characters.
    @Test func malformedHeadsAreRefused() {
        #expect(status("GET / HTTP/1.1\nHost: a\n\n") == 400)
        #expect(status("GET / HTTP/1.1\rHost: a\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: a\u{01}b\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nNo colon here\r\n\r\n") == 400)
        #expect(status("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(status("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET http://x/ HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1x\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET / FTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505)
    }

    @Test func limitsAreAnsweredWithTheirStatus() {
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = 32
        limits.maxHeaderBytes = 128
        limits.maxHeaderCount = 3
        limits.maxBodyBytes = 10
        #expect(status("GET /" + String(repeating: "a", count: 64), limits: limits) == 414)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "b", count: 200), limits: limits) == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == 431)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n", limits: limits) == 413)
    }

    /// The request-line limit is the same whether the line arrives whole or in pieces: the
    /// server parses whatever has come, so a line it would accept whole must never be refused
    /// while its CRLF is still on the way (found by the `http` fuzz target, Fuzz/Findings).
    @Test func requestLineLimitIsTheSameWholeOrInPieces() {
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = 32
        for length in 28...36 {
            let line = "GET /" + String(repeating: "a", count: length - 14) + " HTTP/1.1"
            #expect(line.utf8.count == length)
            let whole = "\r\n" + line + "\r\nHost: a\r\n\r\n"
            let wholeRefused = status(whole, limits: limits) == 414
            #expect(wholeRefused == (length > 32), "a request line of \(length) bytes against a limit of 32")
            for cut in 0..<whole.utf8.count {
                let prefix = String(decoding: Array(whole.utf8)[0..<cut], as: UTF8.self)
                if status(prefix, limits: limits) == 414 {
                    #expect(wholeRefused, "a \(cut)-byte prefix refused though the whole request is accepted")
                }
            }
        }
    }

    /// Seeded random damage to good requests: the parser answers every time, never traps, and a
    /// request it accepts never claims more bytes than it was given.
    @Test func damagedRequestsNeverCrash() {
        let seed: UInt64 = 0x5eed_1616
        print("HTTPRequestParserTests.damagedRequestsNeverCrash seed \(seed)")
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let seeds = [
            "POST /v1/check HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n0\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        ].map { Array($0.utf8) }
        for round in 0..<20_000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(next() % 4)) {
                let at = Int(next() % UInt64(bytes.count))
                switch next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.remove(at: at)
                default: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
                }
                if bytes.isEmpty { break }
            }
            if case .request(_, let consumed) = parser.parse(bytes) {
                #expect(consumed <= bytes.count)
            }
        }
    }
}
