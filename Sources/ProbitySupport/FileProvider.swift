import Foundation
import Glibc

/// What a path names: a file, a folder, or nothing.
public enum FileKind: Sendable {
    case file, folder
}

/// Where rule files, registers and the files they refer to are read from: the disk, or files
/// held in memory (a program embedding the engine, a test). Paths given to a provider are
/// absolute and normalised (see ``FilePath``).
public protocol FileProvider: Sendable {
    /// `path` made absolute and normalised, as the provider's other methods expect it.
    func absolute(_ path: String) -> String
    /// What is at `path`, or nil when nothing is.
    func kind(of path: String) -> FileKind?
    /// The bytes of the file at `path`, or nil when it cannot be read.
    func contents(of path: String) -> [UInt8]?
    /// Every file below `folder`, at any depth, as absolute paths in path order.
    func files(under folder: String) -> [String]
    /// `path` with symbolic links resolved (a provider without links returns it unchanged).
    func resolved(_ path: String) -> String
    /// The files below `folder` (as ``files(under:)``) and the symbolic links not followed.
    func walk(under folder: String) -> (files: [String], skippedLinks: [String])
    /// The bytes of the file at `path`, at most `limit` of them, or why they cannot be read.
    func read(_ path: String, limit: Int) -> Result<[UInt8], FileError>
    /// The bytes of the file at `path` handed to `body` a chunk at a time (`body` returns
    /// `false` to stop), at most `limit` of them in all, or why they cannot be read. A provider
    /// holding the file whole hands it on as one chunk.
    func forEachChunk(_ path: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Result<Void, FileError>
}

extension FileProvider {
    public func resolved(_ path: String) -> String { path }
    public func walk(under folder: String) -> (files: [String], skippedLinks: [String]) { (files(under: folder), []) }
    public func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        guard let bytes = contents(of: path) else {
            return .failure(FileError(reason: kind(of: path) == .folder ? "it is a folder" : "no such file", code: ENOENT))
        }
        return bytes.count > limit ? .failure(FileError(reason: "it is larger than \(FileIO.describeSize(limit))", code: EFBIG)) : .success(bytes)
    }
    public func forEachChunk(_ path: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Result<Void, FileError> {
        read(path, limit: limit).map { bytes in _ = bytes.withUnsafeBufferPointer(body) }
    }
}

/// Files on disk; relative paths are taken from the current directory.
public struct DiskFiles: FileProvider {
    public init() {}

    public func absolute(_ path: String) -> String {
        FilePath.join(FileManager.default.currentDirectoryPath, path)
    }

    public func kind(of path: String) -> FileKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .folder : .file
    }

    public func contents(of path: String) -> [UInt8]? {
        try? FileIO.read(path: path).get()
    }

    public func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        FileIO.read(path: path, limit: limit)
    }

    public func forEachChunk(_ path: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Result<Void, FileError> {
        FileIO.forEachChunk(path: path, limit: limit, body)
    }

    /// Follows symbolic links only to files inside `folder`: links to folders could loop or
    /// lead anywhere, and a link to a file outside would read what the folder does not hold.
    public func files(under folder: String) -> [String] {
        walk(under: folder).files
    }

    public func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(decoding: UnsafeRawBufferPointer(start: real, count: strlen(real)), as: UTF8.self)
    }

    public func walk(under folder: String) -> (files: [String], skippedLinks: [String]) {
        let root = resolved(folder)
        var files: [String] = [], skipped: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names {
                // Joined as written, not through `FilePath.join` (which makes paths absolute from
                // `/`): a relative folder's files stay relative to the current directory.
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFLNK:
                    let target = resolved(path)
                    if kind(of: target) == .file, FilePath.isInside(target, root) { files.append(path) } else { skipped.append(path) }
                default: files.append(path)
                }
            }
        }
        return (files.sorted(), skipped.sorted())
    }
}

/// Files held in memory, by path. Relative paths are taken from `/`, so `["main.probity": …]`
/// holds `/main.probity`; folders are implied by the files' paths.
public struct MemoryFiles: FileProvider {
    private let bytesByPath: [String: [UInt8]]

    public init(_ files: [String: [UInt8]]) {
        var normalised: [String: [UInt8]] = [:]
        for (path, bytes) in files { normalised[FilePath.join("/", path)] = bytes }
        bytesByPath = normalised
    }

    /// Files given as text (UTF-8).
    public init(texts: [String: String]) {
        self.init(texts.mapValues { Array($0.utf8) })
    }

    public func absolute(_ path: String) -> String { FilePath.join("/", path) }

    public func kind(of path: String) -> FileKind? {
        if bytesByPath[path] != nil { return .file }
        let prefix = path == "/" ? "/" : path + "/"
        return bytesByPath.keys.contains { $0.hasPrefix(prefix) } ? .folder : nil
    }

    public func contents(of path: String) -> [UInt8]? { bytesByPath[path] }

    public func files(under folder: String) -> [String] {
        let prefix = folder == "/" ? "/" : folder + "/"
        return bytesByPath.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}

/// Paths worked out by their text alone (no symbolic links followed), as the loaders need
/// them for files on disk and in memory alike.
public enum FilePath {
    /// `path` resolved against the folder `base` (unless it is absolute), with `.` and `..`
    /// components and repeated or trailing slashes removed. A `..` above `/` is kept (`/../x`),
    /// so that a path climbing out of `/` is still seen to leave it.
    public static func join(_ base: String, _ path: String) -> String {
        let full = path.hasPrefix("/") ? path : base + "/" + path
        var components: [Substring] = []
        for component in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if let last = components.last, last != ".." { components.removeLast() } else { components.append(component) }
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// The folder holding `path` (`/` for a file at the top).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    public static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Whether `path` lies below the folder `root`.
    public static func isInside(_ path: String, _ root: String) -> Bool {
        if path == "/.." || path.hasPrefix("/../") { return false }
        return root == "/" ? path.hasPrefix("/") && path != "/" : path.hasPrefix(root + "/")
    }

    /// `path` relative to `root` when it lies below it, otherwise `path` unchanged.
    public static func relative(_ path: String, to root: String) -> String {
        guard isInside(path, root) else { return path }
        return String(path.dropFirst(root == "/" ? 1 : root.count + 1))
    }
}

/// Files from another provider, with folders mounted at other paths: a path below a mount's
/// `at` is read from the same place below its `from`. The rules bundled into the binary use
/// it to find, at `Examples/registers` beside them, the registers their tests name.
public struct MountedFiles: FileProvider {
    public let base: any FileProvider
    /// Each mount: the folder it appears at, and the folder it is read from.
    public let mounts: [(at: String, from: String)]

    public init(_ base: any FileProvider, mounts: [(at: String, from: String)]) {
        self.base = base
        self.mounts = mounts.map { (base.absolute($0.at), base.absolute($0.from)) }
    }

    /// Where `path` is really read from.
    private func resolve(_ path: String) -> String {
        for mount in mounts {
            if path == mount.at { return mount.from }
            if FilePath.isInside(path, mount.at) { return FilePath.join(mount.from, FilePath.relative(path, to: mount.at)) }
        }
        return path
    }

    public func absolute(_ path: String) -> String { base.absolute(path) }
    public func kind(of path: String) -> FileKind? { base.kind(of: resolve(path)) }
    public func contents(of path: String) -> [UInt8]? { base.contents(of: resolve(path)) }
    public func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> { base.read(resolve(path), limit: limit) }
    public func forEachChunk(_ path: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Result<Void, FileError> {
        base.forEachChunk(resolve(path), limit: limit, body)
    }

    public func files(under folder: String) -> [String] {
        let real = resolve(folder)
        return base.files(under: real).map { FilePath.join(folder, FilePath.relative($0, to: real)) }
    }
}
