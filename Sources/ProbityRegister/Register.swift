import ProbitySyntax

/// A register of interests, as imported.
public struct Register: Sendable {
    /// The people, in the order they first appear.
    public var people: [RegisterPerson]
    /// What the importer noticed, in line order: each a diagnostic in the register's file,
    /// its severity saying whether the row was kept (``RegisterFinding``).
    public var issues: [Diagnostic]
    /// The name of the file the register came from, for messages.
    public var fileName: String
    /// How many rows were read, kept and reported: `read == kept + reported`, always.
    public var rows: RegisterRowCount

    public init(people: [RegisterPerson], issues: [Diagnostic], fileName: String, rows: RegisterRowCount = RegisterRowCount()) {
        self.people = people
        self.issues = issues
        self.fileName = fileName
        self.rows = rows
    }
}

extension Register {
    /// What a person loading the register must be told, shown in `path` (the file as they named
    /// it): the rows not kept (errors) and the values not read (warnings), in line order, then,
    /// when some rows were not kept, the account of rows (`P1923`), so the reader knows how many
    /// rows the answers rest on. Notes (readings such as merged entries) are left to reports.
    public func findings(shownAs path: String) -> [Diagnostic] {
        var findings = issues.filter { $0.severity >= .warning }
        if rows.reported > 0 {
            findings.append(Diagnostic(.warning, RegisterFinding.accountCode,
                                       "\(rows); the answers rest on the \(rows.kept) row\(rows.kept == 1 ? "" : "s") kept",
                                       in: InputPosition(file: fileName)))
        }
        return findings.map { finding in
            var finding = finding
            finding.input?.file = path
            return finding
        }
    }
}

/// The importer's account of its rows. Every non-blank row after the header (in JSON, every
/// row, person and interest) is read, and is either kept (it is in the register) or reported
/// (an error issue says why it was not used): nothing is dropped without a word.
public struct RegisterRowCount: Sendable, Equatable, CustomStringConvertible {
    public var read: Int
    public var kept: Int
    public var reported: Int

    public init(read: Int = 0, kept: Int = 0, reported: Int = 0) {
        self.read = read
        self.kept = kept
        self.reported = reported
    }

    /// `12 rows read: 10 kept, 2 not kept`.
    public var description: String {
        "\(read) row\(read == 1 ? "" : "s") read: \(kept) kept, \(reported) not kept"
    }
}
