/// A register of interests, as imported.
public struct Register: Sendable {
    /// The people, in the order they first appear.
    public var people: [RegisterPerson]
    /// What the importer noticed, in line order.
    public var issues: [RegisterIssue]
    /// The name of the file the register came from, for messages.
    public var fileName: String
    /// How many rows were read, kept and reported: `read == kept + reported`, always.
    public var rows: RegisterRowCount

    public init(people: [RegisterPerson], issues: [RegisterIssue], fileName: String, rows: RegisterRowCount = RegisterRowCount()) {
        self.people = people
        self.issues = issues
        self.fileName = fileName
        self.rows = rows
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

    /// `12 rows read: 10 kept, 2 reported`.
    public var description: String {
        "\(read) row\(read == 1 ? "" : "s") read: \(kept) kept, \(reported) reported"
    }
}
