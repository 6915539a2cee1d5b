// ProbityHTTP's request parser on arbitrary bytes (scripts/fuzz-http, or issue 13's
// scripts/fuzz with the line `http: ProbityHTTP` in Fuzz/targets). Beyond "never crashes or traps", it checks the parser's contract with the server:
// - a request never claims more bytes than it was given;
// - the bytes it claimed parse alone to the same request;
// - every shorter prefix of an accepted request asks for more bytes (the server feeds the
//   parser whatever has arrived, so a request split anywhere must not be refused).
import ProbityHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = HTTPLimits()
    // Small limits, so the fuzzer reaches them.
    limits.maxRequestLineBytes = 256
    limits.maxHeaderBytes = 1024
    limits.maxHeaderCount = 16
    limits.maxBodyBytes = 4096
    let parser = HTTPRequestParser(limits: limits)
    guard case .request(let request, let consumed) = parser.parse(bytes) else { return 0 }
    precondition(consumed <= bytes.count, "claimed \(consumed) of \(bytes.count) bytes")
    guard case .request(let again, let againConsumed) = parser.parse(Array(bytes[0..<consumed])) else {
        preconditionFailure("the claimed bytes alone do not parse")
    }
    precondition(againConsumed == consumed && again.body == request.body && again.target == request.target, "re-parse differs")
    for cut in stride(from: 0, to: consumed, by: max(1, consumed / 64)) {
        if case .needMore = parser.parse(Array(bytes[0..<cut])) { continue }
        preconditionFailure("a prefix of \(cut) bytes of an accepted request was not asked to wait for more")
    }
    return 0
}
