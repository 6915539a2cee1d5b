/// Why and where a JSON document failed to parse.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, lower-case with no final period, saying what was
    /// expected: "expected `,` or `}` after object member".
    public var message: String
    /// The 0-based byte offset of the problem in the input.
    public var offset: Int
    /// The 1-based line of the problem. Lines are ended by line feeds.
    public var line: Int
    /// The 1-based column of the problem, counted in Unicode scalars so
    /// that a caret lines up under non-ASCII text.
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `line:column: message`, e.g. `3:14: expected `:` after object key`.
    public var description: String {
        "\(line):\(column): \(message)"
    }
}
