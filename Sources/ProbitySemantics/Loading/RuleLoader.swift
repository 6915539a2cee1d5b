import Foundation
import ProbitySupport
import ProbitySyntax

/// Every rule file of a program, read and parsed, with includes followed.
public struct LoadedRules: Sendable {
    public var sources: SourceMap
    public var files: [FileSyntax]
    public var interner: Interner
    public var diagnostics: [Diagnostic]
    /// The folder that includes may not leave, as an absolute path.
    public var rootDirectory: String
    /// Every file's path (relative to the root) and bytes, in path order: what ``digest`` hashes.
    var digestInputs: [(relative: String, bytes: [UInt8])]

    /// SHA-256 over every file's path (relative to the root) and bytes, in path order. Worked
    /// out on each use (the checker asks once, beside its own work when the rules are large:
    /// ``Checker/check(_:)``).
    public var digest: String {
        var hasher = SHA256Hasher()
        for input in digestInputs {
            hasher.update(Array(input.relative.utf8))
            hasher.update([0])
            hasher.update(input.bytes)
            hasher.update([0])
        }
        return SHA256.hex(hasher.finalize())
    }

    /// How many bytes the rule files hold in all.
    var byteCount: Int { digestInputs.reduce(0) { $0 + $1.bytes.count } }
}

/// Reads rule files through a ``FileProvider`` (the disk, or files held in memory). A folder
/// loads its `main.probity` if it has one, otherwise every `.probity` file under it in path
/// order. Each file is loaded once however often it is included; a cycle of includes, or an
/// include that leaves the root folder, is an error.
public struct RuleLoader {
    private var sources = SourceMap()
    private var files: [FileSyntax] = []
    private var interner = Interner()
    private var diagnostics: [Diagnostic] = []
    private var loaded: [String: FileID] = [:]
    private var stack: [String] = []
    private var digestInputs: [(relative: String, bytes: [UInt8])] = []
    private let root: String
    private let displayRoot: String
    private let provider: any FileProvider

    private init(root: String, displayRoot: String, provider: any FileProvider) {
        self.root = root
        self.displayRoot = displayRoot
        self.provider = provider
    }

    /// Loads the rules at `path` (a file or a folder) from `files`. `displayPath` is how the
    /// path is shown in messages and reports (by default, `path` as given).
    public static func load(path: String, displayPath: String? = nil, files provider: any FileProvider = DiskFiles()) -> LoadedRules {
        // The root is the real folder, symbolic links resolved: every file read must lie under it.
        let absolute = provider.resolved(provider.absolute(path))
        let kind = provider.kind(of: absolute)
        let isDirectory = kind == .folder
        let shown = displayPath ?? path
        let root = isDirectory ? absolute : FilePath.folder(of: absolute)
        let displayRoot = isDirectory ? shown : (shown as NSString).deletingLastPathComponent
        var loader = RuleLoader(root: root, displayRoot: displayRoot, provider: provider)
        if kind == nil {
            loader.diagnostics.append(.error(.unreadableRules, "cannot read rules at `\(shown)`: no such file or folder", at: nil))
        } else if isDirectory {
            let main = FilePath.join(absolute, "main.probity")
            if provider.kind(of: main) == .file {
                loader.loadFile(main, includedFrom: nil)
            } else {
                let walk = provider.walk(under: absolute)
                for link in walk.skippedLinks where link.hasSuffix(".probity") || provider.kind(of: link) == .folder {
                    loader.diagnostics.append(.warning(.linkNotFollowed, "`\(loader.displayPath(link))` is a symbolic link to a folder, or to a file outside the rules folder; it was not followed", at: nil))
                }
                for file in walk.files where file.hasSuffix(".probity") { loader.loadFile(file, includedFrom: nil) }
                if loader.files.isEmpty {
                    loader.diagnostics.append(.error(.unreadableRules, "no `.probity` files in `\(shown)`", at: nil))
                }
            }
        } else {
            loader.loadFile(absolute, includedFrom: nil)
        }
        return loader.finish()
    }

    /// Parses rule text held in memory (tests, benchmarks). Includes are not followed; to
    /// follow them, load from ``MemoryFiles``.
    public static func load(text: String, path: String = "rules.probity") -> LoadedRules {
        var loader = RuleLoader(root: FileManager.default.currentDirectoryPath, displayRoot: "", provider: DiskFiles())
        loader.add(bytes: Array(text.utf8), absolute: path, display: path, relative: path)
        return loader.finish()
    }

    private func finish() -> LoadedRules {
        LoadedRules(sources: sources, files: files, interner: interner, diagnostics: diagnostics,
                    rootDirectory: root, digestInputs: digestInputs.sorted(by: { $0.relative < $1.relative }))
    }

    /// Every `.probity` file under `directory`, in path order. Symbolic links are followed only to
    /// files inside `directory`; links to folders are not followed (they could loop or lead out).
    public static func probityFiles(under directory: String) -> [String] {
        DiskFiles().files(under: directory).filter { $0.hasSuffix(".probity") }
    }

    /// The deepest chain of includes (a file including a file including …).
    public static let maximumIncludeDepth = 32
    /// The largest rule file read: 8 MiB.
    public static let maximumFileSize = 8 << 20

    private func relativePath(_ absolute: String) -> String {
        FilePath.relative(absolute, to: root)
    }

    fileprivate func displayPath(_ absolute: String) -> String {
        let relative = relativePath(absolute)
        if relative == absolute || displayRoot.isEmpty || displayRoot == "." { return relative }
        return (displayRoot as NSString).appendingPathComponent(relative)
    }

    private mutating func loadFile(_ absolute: String, includedFrom include: IncludeSyntax?) {
        if loaded[absolute] != nil { return }
        switch provider.read(absolute, limit: RuleLoader.maximumFileSize) {
        case .success(let bytes):
            add(bytes: bytes, absolute: absolute, display: displayPath(absolute), relative: relativePath(absolute))
        case .failure(let error) where error.code == EFBIG:
            diagnostics.append(.error(.ruleFileTooLarge, "rule file `\(displayPath(absolute))` is larger than \(FileIO.describeSize(RuleLoader.maximumFileSize)); expected a smaller file (split it with `include`)", at: include?.path.range))
        case .failure(let error):
            diagnostics.append(.error(.unreadableRules, "cannot read rule file `\(displayPath(absolute))`: \(error.reason)", at: include?.path.range))
        }
    }

    private mutating func add(bytes: [UInt8], absolute: String, display: String, relative: String) {
        let id = sources.add(SourceFile(path: display, bytes: bytes, realPath: absolute))
        loaded[absolute] = id
        digestInputs.append((relative, bytes))
        let (syntax, parseDiagnostics) = Parser.parse(sources[id], id: id, interner: &interner)
        diagnostics += parseDiagnostics
        files.append(syntax)
        stack.append(absolute)
        defer { stack.removeLast() }
        for case .include(let include) in syntax.declarations {
            followInclude(include, from: absolute)
        }
    }

    private mutating func followInclude(_ include: IncludeSyntax, from includer: String) {
        let written = FilePath.join(FilePath.folder(of: includer), include.path.value)
        // Checked as written and again with symbolic links resolved: a link may lead out.
        let target = provider.resolved(written)
        if !FilePath.isInside(written, root) || !FilePath.isInside(target, root) {
            let how = FilePath.isInside(written, root) ? " through a symbolic link" : ""
            diagnostics.append(.error(.includeOutsideRules, "include of `\(include.path.value)` leaves the rules folder\(how); expected a path inside `\(displayRoot.isEmpty ? "." : displayRoot)`", at: include.path.range))
            return
        }
        if stack.count >= RuleLoader.maximumIncludeDepth {
            diagnostics.append(.error(.includesTooDeep, "includes are nested more than \(RuleLoader.maximumIncludeDepth) deep; expected at most \(RuleLoader.maximumIncludeDepth) files each including the next", at: include.path.range))
            return
        }
        if let position = stack.firstIndex(of: target) {
            let cycle = (stack[position...] + [target]).map { "`\(relativePath($0))`" }.joined(separator: " → ")
            diagnostics.append(.error(.includeCycle, "include cycle: \(cycle)", at: include.path.range))
            return
        }
        loadFile(target, includedFrom: include)
    }
}
