// Decision lines against the shipped rules: the fast byte reader may decline a line, but when it
// answers it answers exactly as the full decoder does (damaged lines included).
import ProbityEngine
import ProbitySemantics

nonisolated(unsafe) let decisionDecoder: DecisionDecoder = {
    guard let program = Checker.check(path: shippedRulesPath()).program else { fatalError("the shipped rules do not check") }
    return DecisionDecoder(program: program)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecision(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let full = decisionDecoder.decode(json: bytes)
    for meetingKey in [false, true] {
        guard let flat = decisionDecoder.decodeFlat(bytes, meetingKey: meetingKey) else { continue }
        if meetingKey, flat.attendees != nil { continue }   // a meeting member the full decoder does not read
        guard case .success(let decision) = full else {
            invariant(false, "the fast reader accepted a line the full decoder refuses: \(full)")
            return 0
        }
        let fast = flat.decision
        invariant(fast.id == decision.id && fast.date == decision.date && fast.isPresent == decision.isPresent
                  && fast.scalars == decision.scalars && fast.sets == decision.sets && fast.texts == decision.texts
                  && fast.nameLists == decision.nameLists,
                  "the fast and full decoders disagree on \(String(decoding: bytes, as: UTF8.self))")
    }
    return 0
}
