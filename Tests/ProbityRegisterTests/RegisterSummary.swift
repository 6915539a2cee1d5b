@testable import ProbityRegister

/// A register's model as text, everything the sharing tests compare: its people, its findings in
/// order with their words and places, and its account of rows; or why the file has none.
func registerSummary(_ result: Result<Register, RegisterLoadError>) -> String {
    switch result {
    case .failure(let error): return "failure: \(error)"
    case .success(let register):
        return "\(register.people)\n\(register.issues.map { "\($0.severity)[\($0.code)] \($0.input.map { "\($0)" } ?? ""): \($0.message)" })\n\(register.rows)"
    }
}

/// `bytes` read in two parts, as two threads sharing the file read it when the helper takes the
/// part from byte `split` (``RegisterReadSharing/init(splittingAt:)``), `chunkSize` bytes at a
/// time: the register as text, and whether the later part was taken in.
func readInTwo(_ bytes: [UInt8], fileName: String, split: Int, chunkSize: Int) -> (register: String, shared: Bool) {
    let sharing = RegisterReadSharing(splittingAt: split)
    let register = registerSummary(RegisterLoader.read(bytes, fileName: fileName, sharing: sharing, chunkSize: chunkSize))
    return (register, sharing.wasShared)
}
