// Rule files: lexer, parser, checker, linter and formatter on arbitrary bytes. None may crash,
// and formatting is stable: what the formatter writes parses without errors and formats to itself.
import ProbitySemantics
import ProbitySyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let loaded = RuleLoader.load(text: text)
    let (program, _) = Checker.check(loaded)
    // The linter analyses the rules as a whole, and its cost grows faster than the input: on
    // whole library files it would hold the fuzzer to a few runs a second, so it sees the small
    // inputs, where mutations are dense.
    if let program, bytes.count <= 4096 {
        _ = Linter().lint(program, syntax: loaded.files)
    }
    if case .success(let formatted) = Formatter.format(bytes) {
        switch Formatter.format(formatted) {
        case .success(let again): invariant(again == formatted, "formatting is not stable:\n\(formatted)\n---\n\(again)")
        case .failure(let failure): invariant(false, "formatted text does not parse: \(failure.diagnostics.map(\.message))\n\(formatted)")
        }
    }
    return 0
}
