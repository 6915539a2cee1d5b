/// Something the importer noticed in a register: a row it could not read
/// (`isError`), or a quirk it worked round (not an error).
public struct RegisterIssue: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the register; 0 when there is no line to point at.
    public var line: Int
    /// What was wrong, in lowercase prose.
    public var message: String
    /// Whether something was lost: the row, or the value, was not used.
    public var isError: Bool

    public init(line: Int, message: String, isError: Bool) {
        self.line = line
        self.message = message
        self.isError = isError
    }

    public var description: String {
        "\(line > 0 ? "line \(line): " : "")\(isError ? "error" : "note"): \(message)"
    }
}
