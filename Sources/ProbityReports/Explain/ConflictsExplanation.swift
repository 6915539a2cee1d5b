import ProbitySupport
import ProbitySyntax

/// Every person the conflicts screening considered for a decision, and for each of their
/// interests whether it counted and why ("ended on 2022-03-31, more than 6 months before …",
/// "names Oxleas NHS Foundation Trust, which is not at stake").
public struct ConflictsExplanation: Sendable {
    public struct Interest: Sendable {
        /// The interest as the register gives it (type and nature), or the employer.
        public var declaration: String
        public var line: Int
        public var kind: InterestKind
        /// Whether the interest counts for this decision, and at which level.
        public var level: RecusalLevel?
        public var reason: String

        package init(declaration: String, line: Int, kind: InterestKind, level: RecusalLevel? = nil, reason: String) {
            self.declaration = declaration
            self.line = line
            self.kind = kind
            self.level = level
            self.reason = reason
        }
    }

    public struct Person: Sendable {
        public var name: String
        /// As the meeting wrote the name, when screening a meeting.
        public var writtenAs: String?
        /// The highest level among the interests that count; nil when none does.
        public var level: RecusalLevel?
        public var interests: [Interest]

        package init(name: String, writtenAs: String? = nil, level: RecusalLevel? = nil, interests: [ConflictsExplanation.Interest]) {
            self.name = name
            self.writtenAs = writtenAs
            self.level = level
            self.interests = interests
        }
    }

    /// Whether the rules have a `conflicts` block at all.
    public var hasPolicy: Bool
    /// The organisations at stake, each with how it relates to the decision.
    public var organisationsAtStake: [(name: String, link: String)]
    /// The people considered: the meeting's attendees, or everyone on the register whose entry
    /// names an organisation at stake.
    public var people: [Person]
    /// Without a meeting: how many other people are on the register, none of whose entries names
    /// an organisation at stake.
    public var othersOnRegister: Int
    /// Attendees not on the register, or matching several people.
    public var unresolved: [String]

    public init(hasPolicy: Bool, organisationsAtStake: [(name: String, link: String)], people: [Person],
                othersOnRegister: Int, unresolved: [String]) {
        self.hasPolicy = hasPolicy
        self.organisationsAtStake = organisationsAtStake
        self.people = people
        self.othersOnRegister = othersOnRegister
        self.unresolved = unresolved
    }

    var text: String {
        var out = "\nconflicts of interest considered:\n"
        guard hasPolicy else { return out + "  the rules have no `conflicts` block: no interest is relevant\n" }
        if organisationsAtStake.isEmpty {
            out += "  no organisation is at stake: the decision names none in its relevant fields\n"
        } else {
            out += "  organisations at stake:\n"
            for entry in organisationsAtStake { out += "    - \(entry.name) (\(entry.link))\n" }
        }
        for person in people {
            let written = person.writtenAs.map { $0 == person.name ? "" : " (attending as \"\($0)\")" } ?? ""
            out += "  - \(person.name)\(written): \(person.level.map { "\($0.rawValue)" } ?? "no recusal")\n"
            if person.interests.isEmpty { out += "     nothing on the register for them\n" }
            for interest in person.interests {
                let verdict = interest.level.map { "counts, \(interest.kind.rawValue) → \($0.rawValue)" } ?? "does not count"
                let line = interest.line > 0 ? " [register line \(interest.line)]" : ""
                out += "     \(verdict): \(interest.declaration)\(line)\n       \(interest.reason)\n"
            }
        }
        for name in unresolved { out += "  ! attendee \"\(name)\" could not be screened: \(name.isEmpty ? "no name" : "not found once on the register")\n" }
        if othersOnRegister > 0 {
            out += "  \(othersOnRegister) other \(othersOnRegister == 1 ? "person" : "people") on the register: nothing they declared names an organisation at stake\n"
        }
        return out
    }

    var json: JSONValue {
        .object([
            ("has_policy", .bool(hasPolicy)),
            ("organisations_at_stake", .array(organisationsAtStake.map { .object([("name", .string($0.name)), ("link", .string($0.link))]) })),
            ("people", .array(people.map { person in
                .object([
                    ("person", .string(person.name)),
                    ("written_as", person.writtenAs.map(JSONValue.string) ?? .null),
                    ("level", person.level.map { .string($0.rawValue) } ?? .null),
                    ("interests", .array(person.interests.map { interest in
                        .object([
                            ("declaration", .string(interest.declaration)),
                            ("line", .integer(interest.line)),
                            ("kind", .string(interest.kind.rawValue)),
                            ("counts", .bool(interest.level != nil)),
                            ("level", interest.level.map { .string($0.rawValue) } ?? .null),
                            ("reason", .string(interest.reason)),
                        ])
                    })),
                ])
            })),
            ("others_on_register", .integer(othersOnRegister)),
            ("unresolved_attendees", .array(unresolved.map(JSONValue.string))),
        ])
    }
}
