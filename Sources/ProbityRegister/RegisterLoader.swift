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
    public static func load(path: String, files: any FileProvider = DiskFiles()) -> Result<Register, RegisterLoadError> {
        let fileName = FilePath.name(of: path)
        let absolute = files.absolute(path)
        switch files.kind(of: absolute) {
        case nil: return .failure(.unreadableFile(path: path, reason: "no such file"))
        case .folder: return .failure(.unreadableFile(path: path, reason: "it is a folder"))
        case .file: break
        }
        switch files.read(absolute, limit: FileIO.maximumFileSize) {
        case .success(let bytes): return read(bytes, fileName: fileName)
        case .failure(let error): return .failure(.unreadableFile(path: path, reason: error.reason))
        }
    }

    /// Whether the first visible character opens a JSON array or object.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
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
        return false
    }

    private static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
