import Foundation
import Probity
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Loading the rules for a command: `--rules PATH`, or the rules bundled with the binary.
enum RuleSet {
    /// The rules shipped with probity, copied into the binary's resource bundle at build time.
    static let bundledPath: String? = besideTheExecutable() ?? Bundle.module.resourceURL.map { $0.appendingPathComponent("Rules").path }

    /// The resource folder's rules where SwiftPM puts them on Linux, beside the executable. Found
    /// without Foundation's `Bundle`, whose start-up was about 8 of the 31 ms of CPU a single `check`
    /// on the shipped rules took; `Bundle.module` stays the way on other systems, and for a
    /// binary moved away from its resources.
    private static func besideTheExecutable() -> String? {
        #if os(Linux)
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let rules = FilePath.join(FilePath.folder(of: executable), "Probity_ProbityCLI.resources/Rules")
        return DiskFiles().kind(of: rules) == .folder ? rules : nil
        #else
        return nil
        #endif
    }

    /// Loads and checks rules, printing diagnostics to stderr. Nil when they have errors.
    static func load(_ path: String?, showWarnings: Bool = false) -> Scheme? {
        let display: String?
        let location: String
        var files: any FileProvider = DiskFiles()
        if let path {
            location = path
            display = nil
        } else if let bundled = bundledPath {
            location = bundled
            display = "Rules"
            // The rules' tests name `../../Examples/registers/…`, as in the repository; the
            // bundle holds that folder as `registers`.
            let bundle = FilePath.folder(of: bundled)
            files = MountedFiles(files, mounts: [(at: FilePath.join(bundle, "Examples/registers"), from: FilePath.join(bundle, "registers"))])
        } else {
            Output.error("error: no rules given and none are bundled; pass --rules PATH\n")
            return nil
        }
        switch Scheme.load(at: location, shownAs: display, files: files) {
        case .success(let scheme):
            if showWarnings, !scheme.diagnostics.isEmpty {
                Output.error(DiagnosticRenderer(sources: scheme.sources).render(scheme.diagnostics))
            }
            return scheme
        case .failure(let failure):
            Output.error(showWarnings ? failure.diagnostics : failure.errors, sources: failure.sources)
            let count = failure.errors.count
            Output.error("error: the rules have \(count) error\(count == 1 ? "" : "s"); nothing was evaluated\n")
            return nil
        }
    }

    /// The shipped rules, or nil, saying nothing (for `--version`).
    static func loadQuietly() -> Scheme? {
        guard let bundled = bundledPath, case .success(let scheme) = Scheme.load(at: bundled, shownAs: "Rules") else { return nil }
        return scheme
    }

    /// Reads a whole input file (`-`: standard input). Nil, after writing
    /// `error[CODE]: cannot read WHAT file `PATH`: REASON` to standard error, when it cannot.
    static func readFile(_ path: String, code: DiagnosticCode, what: String) -> [UInt8]? {
        switch readInput(path) {
        case .success(let bytes): return bytes
        case .failure(let error):
            let name = path == "-" ? "from standard input" : "`\(path)`"
            Output.error(code, "cannot read \(what) file \(name): \(error.reason)")
            return nil
        }
    }

    /// Reads a whole input file (`-`: standard input); nil when it cannot be read (callers
    /// that say why use ``readFile(_:code:what:)``).
    static func readFile(_ path: String) -> [UInt8]? {
        try? readInput(path).get()
    }

    /// Reads a whole input file (`-`: standard input) through calls that report their errors.
    static func readInput(_ path: String) -> Result<[UInt8], FileError> {
        guard path == "-" else { return FileIO.read(path: path) }
        if Output.inputWasClosed { return .failure(FileError(reason: "standard input is closed", code: EBADF)) }
        return FileIO.readAll(descriptor: STDIN_FILENO)
    }
}
