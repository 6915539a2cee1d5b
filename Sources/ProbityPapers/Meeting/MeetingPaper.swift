import ProbitySupport

/// The board papers for one meeting, as values: the declarations-of-interest table for the
/// attendees, a "Potential conflicts of interest" statement per agenda item, the rules the
/// statements rest on, and numbered notes for every placeholder and reading of ours. Built by
/// ``MeetingPaper/build(_:engine:)`` from the engine's screening; rendered by ``MeetingPaper/markdown``
/// and ``MeetingPaper/html``.
public struct MeetingPaper: Sendable {
    /// One person's rows in the declarations table, as the register has them.
    public struct DeclarationEntry: Sendable {
        /// The name as the register spells it, or as the attendance list writes it when the
        /// person is not on the register (then `onRegister` is false).
        public var name: String
        public var onRegister: Bool
        public var role: String
        public var organisation: String
        public var interests: [InterestRow]
        /// What the table says instead of interests ("No interests declared", a pointer to
        /// another register, "not on the register").
        public var instead: Sentence?
        /// Notes on the person's entry: the attendance list spelling the name differently,
        /// what the register's importer noticed in the person's rows.
        public var nameNotes: [Int]
    }

    public struct InterestRow: Sendable {
        public var nature: String
        public var type: String
        public var from: Day?
        public var to: Day?
        /// Ended before the meeting: printed, but marked as ended.
        public var hasEnded: Bool
    }

    /// An attendee as the meeting counts them: member or not, and their vote before any recusal.
    public struct AttendanceEntry: Sendable {
        public var name: String
        /// "member (NHS South East London ICB)", "in attendance, not a member".
        public var attendingAs: String
        /// The vote before any recusal ("1", "1/3"), nil for a non-voting attendee.
        public var votes: String?
    }

    /// Who declared what on one item, and what the chair should do about it.
    public struct Recusal: Sendable {
        public var person: String
        /// What the chair asks of them, in words ("declare the interest and leave the room for this item").
        public var action: String
        /// The recusal level as the rules name it: `declare`, `no-vote` or `exclude`.
        public var level: String
        /// Why, one sentence per interest, each a chain from the declaration to the decision.
        public var reasons: [Sentence]
    }

    /// What an item needs: an approval, a recommendation, a procedure or a notice.
    public struct Requirement: Sendable {
        public var sentence: Sentence
    }

    /// The statement for one agenda item's cover sheet.
    public struct ItemStatement: Sendable {
        public var id: String
        public var title: String
        /// Nil for an item that takes no decision.
        public var decision: Sentence?
        public var outcome: Sentence?
        /// The opening of the conflicts paragraph: what was screened and what was found.
        public var conflicts: Sentence
        public var recusals: [Recusal]
        /// Employment that names an organisation at stake but that the rules say is no
        /// interest in this decision, each with the rules' reason.
        public var notCounted: [Sentence]
        /// Attendees the register could not screen, whom the chair should ask directly.
        public var unscreened: Sentence?
        public var quorum: Sentence?
        public var voting: Sentence?
        public var requirements: [Requirement]
        /// When the rules' `steps in order` put ``requirements`` in a paper's order: the words
        /// after the heading ("in the order the rules give (rule S75-BOROUGH-DIRECTOR) [note 3]"),
        /// with the note that the order is the rules' reading of the paper. Nil when the list is
        /// section by section (approvals, procedures, notices).
        public var requirementsOrder: Sentence?
        public var findings: [Sentence]

        /// "11. Bromley Healthcare Contract", or "Item 11" for an item with no title.
        public var heading: String { title.isEmpty ? "Item \(id)" : "\(id). \(title)" }
    }

    /// A rule the statements cite, for the appendix.
    public struct RuleEntry: Sendable {
        public var id: String
        public var title: String
        public var location: String
        public var citation: String?
        public var notes: [Int]
    }

    public struct Note: Sendable {
        public enum Kind: String, Sendable {
            case placeholder
            case reading = "our reading"
            case notScreened = "not screened"
        }
        public var number: Int
        public var kind: Kind
        public var text: Sentence
    }

    public var bodyTitle: String
    public var bodyID: String?
    public var date: Day?
    public var registerFile: String
    public var schemeName: String
    public var schemeVersion: String
    public var schemeDigest: String
    public var declarations: [DeclarationEntry]
    /// Register rows that could not be read, said under the table: a row dropped is never silent.
    public var registerProblems: [Sentence]
    public var attendance: [AttendanceEntry]
    /// Quorum before any item, and any attendee the register could not place.
    public var attendanceSummary: [Sentence]
    /// Findings about the meeting itself (papers sent late), said once before the items.
    public var meetingFindings: [Sentence] = []
    public var items: [ItemStatement]
    public var rules: [RuleEntry]
    public var notes: [Note]
}
