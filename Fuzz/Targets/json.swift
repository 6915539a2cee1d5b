// The JSON parser on arbitrary bytes: no crash; whatever it accepts, written back out, reads
// back as the same value.
import ProbitySupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard case .success(let value) = JSONParser.parse(bytes) else { return 0 }
    let written = JSONWriter.compact(value)
    switch JSONParser.parse(Array(written.utf8)) {
    case .success(let again): invariant(again == value, "round trip changed the value: \(written)")
    case .failure(let error): invariant(false, "written JSON does not parse (\(error)): \(written)")
    }
    return 0
}
