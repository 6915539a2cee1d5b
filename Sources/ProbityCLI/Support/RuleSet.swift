import Foundation
import ProbityEvaluation
import ProbitySemantics
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

    static func readFile(_ path: String) -> [UInt8]? {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
