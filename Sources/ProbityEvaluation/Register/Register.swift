/// A person on a register of interests, with every interest they declared.
public struct RegisterPerson: Sendable, Equatable {
    /// The name as first written on the register, trimmed.
    public var name: String
    /// `PersonName.normalise(name)`: the form used to match the name elsewhere.
    public var key: String
    /// "Who do you currently work for". Employment counts as an interest
    /// even when nothing was declared.
    public var employer: String
    /// "Position / Relationship with ICB".
    public var position: String
    /// The interests declared on this register.
    public var interests: [DeclaredInterest]
    /// Texts saying the interests are declared on another register. Such a
    /// person may have interests this register cannot show.
    public var pointers: [String]
    /// Every line the person's rows were read from, in order.
    public var lines: [Int]

    public init(name: String, key: String? = nil, employer: String = "", position: String = "",
                interests: [DeclaredInterest] = [], pointers: [String] = [], lines: [Int] = []) {
        self.name = name
        self.key = key ?? PersonName.normalise(name)
        self.employer = employer
        self.position = position
        self.interests = interests
        self.pointers = pointers
        self.lines = lines
    }
}

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

/// A register of interests, as imported.
public struct Register: Sendable {
    /// The people, in the order they first appear.
    public var people: [RegisterPerson]
    /// What the importer noticed, in line order.
    public var issues: [RegisterIssue]
    /// The name of the file the register came from, for messages.
    public var fileName: String

    public init(people: [RegisterPerson], issues: [RegisterIssue], fileName: String) {
        self.people = people
        self.issues = issues
        self.fileName = fileName
    }
}

/// Why a register could not be loaded at all. Problems with single rows
/// are `RegisterIssue`s instead, and loading goes on.
public enum RegisterLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadableFile(path: String, reason: String)
    /// No line looked like a register header.
    case noRecognisableHeader(fileName: String)
    /// The file looked like JSON but was not valid JSON, or not shaped like a register.
    case badJSON(fileName: String, reason: String)

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
        }
    }

    public var description: String { message }
}
