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
    if let program {
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
