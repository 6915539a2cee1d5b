// Registers (CSV, TSV, JSON) on arbitrary bytes: no crash, and every row read is kept or reported.
import ProbityRegister

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegister(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard case .success(let register) = RegisterLoader.read(bytes, fileName: "fuzz.csv") else { return 0 }
    let rows = register.rows
    invariant(rows.read == rows.kept + rows.reported, "\(rows): read is not kept + reported")
    invariant(register.issues.filter(\.isError).count >= rows.reported, "\(rows) but fewer error issues")
    return 0
}
