import Foundation
import ProbityEvaluation
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Loading the rules for a command: `--rules PATH`, or the rules bundled with the binary.
enum RuleSet {
    /// The rules shipped with probity, copied into the binary's resource bundle at build time.
    static var bundledPath: String? {
        Bundle.module.resourceURL.map { $0.appendingPathComponent("Rules").path }
    }

    /// Loads and checks rules, printing diagnostics to stderr. Nil when they have errors.
    static func load(_ path: String?, showWarnings: Bool = false) -> Program? {
        let display: String?
        let location: String
        if let path {
            location = path
            display = nil
        } else if let bundled = bundledPath {
            location = bundled
            display = "Rules"
        } else {
            Output.error("error: no rules given and none are bundled; pass --rules PATH\n")
            return nil
        }
        let (program, diagnostics, sources) = Checker.check(path: location, displayPath: display)
        let shown = diagnostics.filter { $0.severity == .error || showWarnings }
        if !shown.isEmpty {
            Output.error(DiagnosticRenderer(sources: sources).render(shown))
        }
        if program == nil {
            let count = diagnostics.filter { $0.severity == .error }.count
            Output.error("error: the rules have \(count) error\(count == 1 ? "" : "s"); nothing was evaluated\n")
        }
        return program
    }

    /// Reads a whole input file (`-`: standard input). Nil, after writing
    /// `error[CODE]: cannot read WHAT file `PATH`: REASON` to standard error, when it cannot.
    static func readFile(_ path: String, code: String, what: String) -> [UInt8]? {
        switch readFile(path) {
        case .success(let bytes): return bytes
        case .failure(let error):
            let name = path == "-" ? "from standard input" : "`\(path)`"
            Output.error("error[\(code)]: cannot read \(what) file \(name): \(error.reason)\n")
            return nil
        }
    }

    /// Reads a whole input file (`-`: standard input) through calls that report their errors.
    static func readFile(_ path: String) -> Result<[UInt8], FileError> {
        guard path == "-" else { return FileIO.read(path: path) }
        if Output.inputWasClosed { return .failure(FileError(reason: "standard input is closed", code: EBADF)) }
        return FileIO.readAll(descriptor: STDIN_FILENO)
    }
}
