import Foundation
import ProbitySupport
import ProbitySyntax

/// Loads a register of interests from CSV, TSV or JSON.
///
/// The format is recognised from the content, not the file name: JSON
/// starts with `[` or `{`, anything else is a table whose separator the
/// header line shows. A row that cannot be read becomes an error diagnostic
/// and loading goes on; only a file with no usable shape fails.
public enum RegisterLoader {
    /// The most rows after the header: 5,000,000 (a million-row register loads in seconds).
    public static let maximumRows = 5_000_000
    /// The most columns in the header.
    public static let maximumColumns = 1_000

    /// Reads a register from its bytes, failing only when the file has no
    /// recognisable shape: no header, or JSON that is invalid or not a register.
    public static func read(_ bytes: [UInt8], fileName: String) -> Result<Register, RegisterLoadError> {
        if looksLikeJSON(bytes) {
            let withoutMark = hasByteOrderMark(bytes) ? Array(bytes.dropFirst(3)) : bytes
            return RegisterJSONImport.read(withoutMark, fileName: fileName)
        }
        return RegisterTableImport.read(bytes, fileName: fileName)
    }

    /// Reads a register from its bytes. When the file has no recognisable
    /// shape the register is empty and its one issue, an error, says why.
    public static func parse(_ bytes: [UInt8], fileName: String) -> Register {
        switch read(bytes, fileName: fileName) {
        case .success(let register):
            return register
        case .failure(let error):
            return Register(people: [], issues: [error.diagnostic], fileName: fileName)
        }
    }

    /// Reads the register at `path` from `files` (by default, the disk). The register's
    /// `fileName` is the last component of the path.
    ///
    /// With `sharing`, a thread that calls its ``RegisterReadSharing/help()`` meanwhile may read
    /// part of a table (the register is the same either way). The file is then read whole
    /// before it is split, rather than a chunk at a time.
    public static func load(path: String, files: any FileProvider = DiskFiles(),
                            sharing: RegisterReadSharing? = nil) -> Result<Register, RegisterLoadError> {
        let fileName = FilePath.name(of: path)
        let absolute = files.absolute(path)
        switch files.kind(of: absolute) {
        case nil: return .failure(.unreadableFile(path: path, reason: "no such file"))
        case .folder: return .failure(.unreadableFile(path: path, reason: "it is a folder"))
        case .file: break
        }
        if let sharing {
            switch files.read(absolute, limit: FileIO.maximumFileSize) {
            case .failure(let error):
                return .failure(.unreadableFile(path: path, reason: error.reason))
            case .success(let bytes):
                return read(bytes, fileName: fileName, sharing: sharing)
            }
        }
        // A table is split as its chunks arrive and never held whole, and so is JSON.
        var head: [UInt8] = []                  // the bytes before the format is known
        var json: RegisterJSONImport?
        var records: CSVRecordStream?
        var rows = RegisterTableImport(fileName: fileName)
        let reading = files.forEachChunk(absolute, limit: FileIO.maximumFileSize) { chunk in
            if json != nil { return json!.take(chunk) }
            var goOn = true
            if records == nil {
                head.append(contentsOf: chunk)
                guard let isJSON = format(of: head, isWhole: false) else { return true }
                if isJSON {
                    json = RegisterJSONImport(fileName: fileName)
                    let mark = hasByteOrderMark(head) ? 3 : 0
                    goOn = head.withUnsafeBufferPointer { json!.take(UnsafeBufferPointer(rebasing: $0[mark...])) }
                } else {
                    records = CSVRecordStream()
                    records!.appendFields(head) { record in goOn = rows.take(record) && goOn }
                }
                head = []
                return goOn
            }
            records!.appendFields(chunk) { record in goOn = rows.take(record) && goOn }
            return goOn
        }
        if case .failure(let error) = reading {
            return .failure(.unreadableFile(path: path, reason: error.reason))
        }
        if var json { return json.finish() }
        guard var records else { return read(head, fileName: fileName) }   // too short to tell: read whole
        records.finishFields { record in _ = rows.take(record) }
        return rows.finish()
    }

    /// Reads a whole file's bytes as ``read(_:fileName:)`` does, sharing the rows of a table or
    /// of a JSON array with a thread that calls `sharing`'s ``RegisterReadSharing/help()``.
    static func read(_ bytes: [UInt8], fileName: String, sharing: RegisterReadSharing,
                     chunkSize: Int = 1 << 18) -> Result<Register, RegisterLoadError> {
        if looksLikeJSON(bytes) {
            let withoutMark = hasByteOrderMark(bytes) ? Array(bytes.dropFirst(3)) : bytes
            return RegisterJSONImport.read(withoutMark, fileName: fileName, sharing: sharing, chunkSize: chunkSize)
        }
        return RegisterTableImport.read(bytes, fileName: fileName, sharing: sharing, chunkSize: chunkSize)
    }

    /// What ``read(_:fileName:)`` gives, read as two threads sharing the file read it when the
    /// helper takes the part from byte `split` (the reading thread reading `chunkSize` bytes at
    /// a time, and reading on itself when the part cannot be taken in): the same register, byte
    /// for byte, which the register's fuzz target checks on every input.
    package static func read(_ bytes: [UInt8], fileName: String, splittingAt split: Int, chunkSize: Int) -> Result<Register, RegisterLoadError> {
        read(bytes, fileName: fileName, sharing: RegisterReadSharing(splittingAt: split), chunkSize: chunkSize)
    }

    /// Whether the first visible character opens a JSON array or object.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        format(of: bytes, isWhole: true) ?? false
    }

    /// Whether the first visible character of a file beginning with `bytes` opens a JSON array
    /// or object; nil when `bytes` (not `isWhole`, the file) has no visible character yet.
    static func format(of bytes: [UInt8], isWhole: Bool) -> Bool? {
        // Three bytes at least, so that a byte order mark is seen whole.
        if bytes.count < 3 && !isWhole { return nil }
        var index = hasByteOrderMark(bytes) ? 3 : 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                index += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                return true
            default:
                return false
            }
        }
        return isWhole ? false : nil
    }

    private static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
