// Meetings, agendas and recorded votes against the shipped rules: no crash on any input.
import ProbityConflicts
import ProbityEngine
import ProbitySemantics

nonisolated(unsafe) let meetingProgram: Program = {
    guard let program = Checker.check(path: shippedRulesPath()).program else { fatalError("the shipped rules do not check") }
    return program
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMeeting(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    _ = MeetingDecoder(program: meetingProgram).decode(json: bytes)
    _ = Agenda.decode(json: bytes, program: meetingProgram)
    _ = RecordedVotes.decode(json: bytes, program: meetingProgram)
    return 0
}
