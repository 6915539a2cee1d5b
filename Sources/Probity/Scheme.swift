import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// A scheme of delegation: rule files read (includes followed), checked, and ready to build an
/// ``Engine`` from. Loading never stops at the first problem: every diagnostic found is kept,
/// and the scheme is refused only when one of them is an error.
///
/// ```swift
/// let scheme = try Scheme.load(at: "Rules").get()
/// let engine = Engine(scheme: scheme)
/// ```
public struct Scheme: Sendable {
    /// The checked rules, as the evaluator reads them.
    public let program: Program
    /// Warnings and notes found while loading (a scheme with errors is not made).
    public let diagnostics: [Diagnostic]
    /// Where the rule files were read from: registers named by the rules' tests are read from
    /// the same place.
    public let files: any FileProvider

    /// Every rule file read, for rendering diagnostics and citing rules.
    public var sources: SourceMap { program.sources }

    /// Loads the rules at `path` — a folder (its `main.probity`, or every `.probity` file under
    /// it) or one file — from `files` (by default, the disk). `shownAs` is how the path appears
    /// in messages and reports (by default, as given).
    public static func load(at path: String, shownAs: String? = nil, files: any FileProvider = DiskFiles()) -> Result<Scheme, SchemeError> {
        let loaded = RuleLoader.load(path: path, displayPath: shownAs, files: files)
        let (program, diagnostics) = Checker.check(loaded)
        guard let program else { return .failure(SchemeError(diagnostics: diagnostics, sources: loaded.sources)) }
        return .success(Scheme(program: program, diagnostics: diagnostics, files: files))
    }

    /// Loads rules held in memory, by path (`["main.probity": "…", "parts/fees.probity": "…"]`).
    /// The folder of all of them is loaded: `main.probity` if there is one, otherwise every
    /// file; includes between them are followed.
    public static func load(texts: [String: String]) -> Result<Scheme, SchemeError> {
        load(at: "/", shownAs: ".", files: MemoryFiles(texts: texts))
    }
}

/// Why a scheme could not be loaded: every diagnostic found (errors, and any warnings), with the
/// sources they point into.
public struct SchemeError: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic found: the errors, and any warnings.
    public let diagnostics: [Diagnostic]
    /// The rule files the diagnostics point into, for rendering them.
    public let sources: SourceMap

    /// The errors among the diagnostics.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The diagnostics as a person reads them: `path:line:col`, the line and a caret.
    public func rendered(includingWarnings: Bool = false) -> String {
        DiagnosticRenderer(sources: sources).render(includingWarnings ? diagnostics : errors)
    }

    /// The errors, rendered as ``rendered(includingWarnings:)`` does.
    public var description: String { rendered() }
}
