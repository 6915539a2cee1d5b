import ProbitySyntax

/// What the importer says about a row or a value of a register, as a ``Diagnostic`` located in
/// the register's file (line, and the field for a value). The severity says what became of it:
///
/// - an **error** (`P1920`): the row was not kept, and answers do not rest on it;
/// - a **warning** (`P1921`): the row was kept but a value in it (a date, a column, a key) was
///   not read, and the message says what was taken instead;
/// - a **note** (`P1922`): the row was kept, read in a way the message states (two entries for
///   one person merged, a type taken as unspecified).
///
/// A register that cannot be read at all is a ``RegisterLoadError``, whose ``RegisterLoadError/diagnostic``
/// has the same shape (`P1115`). The row account that follows a load with rows not kept is `P1923`.
public enum RegisterFinding: Sendable {
    case rowNotKept
    case valueNotRead
    case readAs

    public var code: String {
        switch self {
        case .rowNotKept: "P1920"
        case .valueNotRead: "P1921"
        case .readAs: "P1922"
        }
    }

    public var severity: Severity {
        switch self {
        case .rowNotKept: .error
        case .valueNotRead: .warning
        case .readAs: .note
        }
    }

    /// The code of the row account (`12 rows read: 10 kept, 2 not kept`), said when some rows
    /// were not kept.
    public static let accountCode = "P1923"
}

extension Diagnostic {
    /// The line of the input the diagnostic is at; 0 when it has none (a JSON register's
    /// entries, a file that could not be read).
    public var line: Int { input?.line ?? 0 }

    /// Whether the diagnostic is an error: for a register, a row that was not kept.
    public var isError: Bool { severity == .error }
}
