import ProbitySyntax

/// Why a register could not be loaded at all. Problems with single rows
/// are diagnostics in `Register.issues` instead (``RegisterFinding``), and loading goes on.
public enum RegisterLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadableFile(path: String, reason: String)
    /// No line looked like a register header.
    case noRecognisableHeader(fileName: String)
    /// The file looked like JSON but was not valid JSON, or not shaped like a register.
    case badJSON(fileName: String, reason: String)
    /// More rows or columns than a register may have (docs/robustness.md).
    case tooLarge(fileName: String, reason: String)

    /// The problem in lowercase prose, naming the file.
    public var message: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "cannot read register `\(path)`: \(reason)"
        case let .noRecognisableHeader(fileName):
            return "no recognisable header in register `\(fileName)`: expected columns such as "
                + "name, who do you currently work for, position, declared interest, "
                + "nature of interest, valid from, valid to"
        case let .badJSON(fileName, reason):
            return "register `\(fileName)` is not a usable json register: \(reason)"
        case let .tooLarge(fileName, reason):
            return "register `\(fileName)` is too large: \(reason)"
        }
    }

    public var description: String { message }

    /// The failure as the one diagnostic shape (`P1115`, an error). The message names the
    /// file, so the diagnostic has no position of its own.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, "P1115", message, in: nil)
    }
}
