import ProbitySupport
import ProbitySyntax

/// The conflicts part of a report: who must recuse, and whether the meeting stays quorate.
public struct ConflictsReport: Sendable {
    /// One interest behind a recusal, with the facts that made it count.
    public struct Reason: Sendable, Equatable {
        public var kind: InterestKind
        public var level: RecusalLevel
        /// The organisation at stake that the interest is linked to.
        public var organisation: String
        /// How that organisation relates to the decision ("counterparty", "member of Bromley GP Alliance, the counterparty").
        public var link: String
        /// The declaration as written on the register (type and nature), or the employer.
        public var declaration: String
        public var validFrom: Int32?
        public var validTo: Int32?
        /// Register line the interest was read from.
        public var line: Int
        /// For an interest that ended before the decision and counts only through the rules'
        /// `look back`: the words that say so ("ended on 2024-06-15; counts until 2024-12-15
        /// under the rules' look back of 6 months"), since the look-back is a choice of the rules.
        public var lookBack: String?
        /// For a text that names the organisation only through an alias an `aliases` shape gave
        /// it ("Cllr, Lewisham"): that alias, since reading an office as the organisation is a
        /// choice of the rules.
        public var shapedAlias: String?

        package init(kind: InterestKind, level: RecusalLevel, organisation: String, link: String, declaration: String,
                     validFrom: Int32? = nil, validTo: Int32? = nil, line: Int) {
            self.kind = kind
            self.level = level
            self.organisation = organisation
            self.link = link
            self.declaration = declaration
            self.validFrom = validFrom
            self.validTo = validTo
            self.line = line
        }

        /// The reason, saying the text names the organisation only through a shaped alias.
        package func namedThroughShape(_ alias: String?) -> Reason {
            var reason = self
            reason.shapedAlias = alias
            return reason
        }

        /// The reason with the note that it counts only through the look-back.
        package func countedThroughLookBack(_ note: String?) -> Reason {
            var reason = self
            reason.lookBack = note
            return reason
        }
    }

    public struct Recusal: Sendable {
        /// The person as written on the register.
        public var person: String
        public var level: RecusalLevel
        public var reasons: [Reason]

        package init(person: String, level: RecusalLevel, reasons: [ConflictsReport.Reason]) {
            self.person = person
            self.level = level
            self.reasons = reasons
        }
    }

    public struct QuorumResult: Sendable {
        public var body: String
        public var met: Bool
        /// Each clause that failed, with what was counted.
        public var failedClauses: [String]
        /// What the rules say to do when quorum fails (`refer to icb-board`, `defer`).
        public var whenNotMet: String?
        public var present: Int
        public var counted: Int

        package init(body: String, met: Bool, failedClauses: [String], whenNotMet: String? = nil, present: Int, counted: Int) {
            self.body = body
            self.met = met
            self.failedClauses = failedClauses
            self.whenNotMet = whenNotMet
            self.present = present
            self.counted = counted
        }
    }

    /// A person who may vote on the item and with what weight.
    public struct Voter: Sendable {
        public var person: String
        public var weight: Double
        public var organisation: String?

        package init(person: String, weight: Double, organisation: String? = nil) {
            self.person = person
            self.weight = weight
            self.organisation = organisation
        }
    }

    /// What an unmatched name may have meant: a declared organisation, or a register text.
    public struct Suggestion: Sendable, Equatable {
        /// The name as declared, or the phrase as the register writes it.
        public var name: String
        /// The declared organisation's id, for a declared organisation.
        public var organisation: String?
        /// The register line the phrase was read from, for a register text.
        public var registerLine: Int?

        /// "`bromley-healthcare` (Bromley Healthcare CIC)" or "\"Bromley Healthcare\" (register line 14)".
        public var text: String {
            if let organisation { return "`\(organisation)` (\(name))" }
            return "\"\(name)\"" + (registerLine.map { " (register line \($0))" } ?? "")
        }

        package init(name: String, organisation: String? = nil, registerLine: Int? = nil) {
            self.name = name
            self.organisation = organisation
            self.registerLine = registerLine
        }
    }

    /// An organisation the decision names that matched no declared organisation, alias or
    /// register text: it was screened by its exact text only, and found nobody.
    public struct UnmatchedOrganisation: Sendable {
        public var written: String
        /// How the decision names it ("the counterparty", "one of the bidders").
        public var role: String
        public var suggestions: [Suggestion]

        package init(written: String, role: String, suggestions: [ConflictsReport.Suggestion]) {
            self.written = written
            self.role = role
            self.suggestions = suggestions
        }
    }

    /// Someone whose employment names an organisation at stake but, by a reading the rules
    /// state (`employment … does not count when …`), is no interest in this decision.
    public struct NotCounted: Sendable, Equatable {
        public var person: String
        public var organisation: String
        /// "works for … (position)".
        public var declaration: String
        /// The rules' reading, in words.
        public var reason: String

        package init(person: String, organisation: String, declaration: String, reason: String) {
            self.person = person
            self.organisation = organisation
            self.declaration = declaration
            self.reason = reason
        }
    }

    public var recusals: [Recusal] = []
    /// Employment the rules say is no interest in this decision, with their reason.
    public var notCounted: [NotCounted] = []
    public var quorum: QuorumResult?
    /// Who chairs the item under the body's `chair succession`, when the rules give one and the
    /// record can name them (not printed: findings P1221 and P1222 say it when it matters).
    public var chair: String?
    public var voters: [Voter]?
    /// Attendees not found on the register (as written).
    public var unresolvedAttendees: [String] = []
    /// Attendees matching several people on the register, with the candidates.
    public var ambiguousAttendees: [(written: String, candidates: [String])] = []
    /// People whose interests are declared on another register: they cannot be screened here.
    public var notScreenable: [(person: String, pointer: String)] = []
    /// Organisations the decision names that matched nothing, so were screened by exact text only.
    public var unmatchedOrganisations: [UnmatchedOrganisation] = []
    /// Per unresolved attendee (in the same order): register names they may have meant.
    public var attendeeSuggestions: [[String]] = []
    /// Organisations at stake in the decision, as screened.
    public var organisationsScreened: [String] = []
    /// False when no register was given: nobody was screened and only the quorum was checked.
    public var registerScreened = true

    public init() {}
}
