// Registers (CSV, TSV, JSON) on arbitrary bytes: no crash, every row read is kept or reported,
// and the register read in two parts, as two threads sharing the file read it, is the one read
// whole (the split and the reading thread's chunks chosen by the input's first and last bytes).
import ProbityRegister

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegister(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let whole = RegisterLoader.read(bytes, fileName: "fuzz.csv")
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) * bytes.count / 256
    let shared = RegisterLoader.read(bytes, fileName: "fuzz.csv", splittingAt: split, chunkSize: 1 + Int(bytes.last ?? 0))
    invariant(describe(whole) == describe(shared), "read in two parts at byte \(split), not as read whole")
    guard case .success(let register) = whole else { return 0 }
    let rows = register.rows
    invariant(rows.read == rows.kept + rows.reported, "\(rows): read is not kept + reported")
    invariant(register.issues.filter(\.isError).count >= rows.reported, "\(rows) but fewer error issues")
    return 0
}

/// Everything a register holds, as text: its people, its findings in order, its rows.
private func describe(_ result: Result<Register, RegisterLoadError>) -> String {
    switch result {
    case .failure(let error): return "failure: \(error)"
    case .success(let register): return "\(register.people)\n\(register.issues)\n\(register.rows)"
    }
}
