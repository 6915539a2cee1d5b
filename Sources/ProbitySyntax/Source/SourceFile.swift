/// Identifies one loaded source file within a ``SourceMap``.
public struct FileID: Hashable, Comparable, Sendable {
    public let index: Int32
    public init(_ index: Int32) { self.index = index }
    public static func < (a: FileID, b: FileID) -> Bool { a.index < b.index }
}

/// A half-open byte range `[start, end)` in one source file.
public struct SourceRange: Hashable, Sendable {
    public var file: FileID
    public var start: Int32
    public var end: Int32

    public init(file: FileID, start: Int, end: Int) {
        self.file = file
        self.start = Int32(start)
        self.end = Int32(max(start, end))
    }

    /// The smallest range covering both (which must be in the same file).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: Int(min(start, other.start)), end: Int(max(end, other.end)))
    }
}

/// One file's bytes, with the line table needed to turn offsets into `line:column`.
public struct SourceFile: Sendable {
    /// The path as it should be shown to a person (relative where possible).
    public let path: String
    /// Where the file really is, absolute, as its file provider knows it: includes and the
    /// registers that tests name are found from here.
    public let realPath: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// A file shown as `path`; `realPath` is where it is (by default, `path` itself).
    public init(path: String, bytes: [UInt8], realPath: String? = nil) {
        self.path = path
        self.realPath = realPath ?? path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, not bytes,
    /// so a caret under `£250k` lines up in a terminal.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(0, offset), bytes.count)
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A continuation byte at the start would over-count; columns start at 1.
        return (low + 1, max(1, column))
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text covered by a range.
    public func text(in range: SourceRange) -> String {
        let start = min(Int(range.start), bytes.count), end = min(Int(range.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Every source file of one run, addressable by ``FileID``.
public struct SourceMap: Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    public mutating func add(_ file: SourceFile) -> FileID {
        files.append(file)
        return FileID(Int32(files.count - 1))
    }

    public subscript(id: FileID) -> SourceFile { files[Int(id.index)] }

    /// `path:line:col` of the start of a range.
    public func position(of range: SourceRange) -> String {
        let file = self[range.file]
        let (line, column) = file.lineAndColumn(of: Int(range.start))
        return "\(file.path):\(line):\(column)"
    }

    /// `path:line` of the start of a range, as reports cite rules.
    public func citation(of range: SourceRange) -> String {
        let file = self[range.file]
        return "\(file.path):\(file.lineAndColumn(of: Int(range.start)).line)"
    }
}
