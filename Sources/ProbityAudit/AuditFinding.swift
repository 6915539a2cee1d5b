import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// One thing the audit found, with the rule and the records it rests on.
public struct AuditFinding: Sendable, Equatable {
    /// The sections of the report, in the order they are printed.
    public enum Category: String, CaseIterable, Sendable, Comparable {
        case splitContract = "split-contract"
        case outsideDelegation = "outside-delegation"
        case conflictedVote = "conflicted-vote"
        case registerHealth = "register-health"
        case unreadInput = "unread-input"

        /// The section heading in the text report.
        public var heading: String {
            switch self {
            case .splitContract: "split contracts"
            case .outsideDelegation: "decisions outside delegation"
            case .conflictedVote: "conflicts in recorded votes"
            case .registerHealth: "register health"
            case .unreadInput: "records that could not be read"
            }
        }

        var rank: Int { Category.allCases.firstIndex(of: self)! }
        public static func < (a: Category, b: Category) -> Bool { a.rank < b.rank }
    }

    public var category: Category
    /// A stable code from `docs/diagnostics.md` (P1810 …).
    public var code: DiagnosticCode
    public var severity: Severity
    /// What was found, in lowercase prose, names in backticks.
    public var message: String
    /// The day the finding is about (a decision's or meeting's date), for ordering.
    public var date: Int32?
    /// The rules (or the clauses of the `conflicts` and `audit` blocks) the finding rests on.
    public var rules: [RuleCitation]
    /// The records the finding rests on: decisions, votes, register rows.
    public var records: [Record]

    public init(category: Category, code: DiagnosticCode, severity: Severity, message: String, date: Int32? = nil,
                rules: [RuleCitation] = [], records: [Record] = []) {
        self.category = category
        self.code = code
        self.severity = severity
        self.message = message
        self.date = date
        self.rules = rules
        self.records = records
    }

    /// A rule, or a clause of a block, with where it is written.
    public struct RuleCitation: Sendable, Equatable {
        /// The rule's id, or the block (`conflicts`, `audit`).
        public var id: String
        public var title: String
        public var source: String?
        /// `path:line` in the rule files.
        public var location: String

        public init(id: String, title: String, source: String?, location: String) {
            self.id = id
            self.title = title
            self.source = source
            self.location = location
        }
    }

    /// A record a finding rests on.
    public struct Record: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case decision, vote, registerRow = "register-row", member, historyLine = "history-line"
        }

        public var kind: Kind
        /// The file the record is in.
        public var file: String
        /// Its 1-based line in that file (0 when the file has no useful lines).
        public var line: Int
        /// A decision's id.
        public var id: String?
        public var date: Int32?
        /// A decision's value, in pence.
        public var value: Int64?
        /// A person on the register, a member, a voter.
        public var person: String?
        /// Anything else worth quoting: a declaration, how someone voted.
        public var detail: String?

        public init(kind: Kind, file: String, line: Int, id: String? = nil, date: Int32? = nil, value: Int64? = nil,
                    person: String? = nil, detail: String? = nil) {
            self.kind = kind
            self.file = file
            self.line = line
            self.id = id
            self.date = date
            self.value = value
            self.person = person
            self.detail = detail
        }
    }

    /// Report order: by section, then date, then code, then the first record, then the message.
    static func precedes(_ a: AuditFinding, _ b: AuditFinding) -> Bool {
        if a.category != b.category { return a.category < b.category }
        if a.date != b.date { return (a.date ?? .min) < (b.date ?? .min) }
        if a.code != b.code { return a.code < b.code }
        let ra = a.records.first, rb = b.records.first
        if ra?.file != rb?.file { return (ra?.file ?? "") < (rb?.file ?? "") }
        if ra?.line != rb?.line { return (ra?.line ?? 0) < (rb?.line ?? 0) }
        if ra?.person != rb?.person { return (ra?.person ?? "") < (rb?.person ?? "") }
        return a.message < b.message
    }
}

extension Program {
    /// A rule as findings cite it.
    func citation(ofRule rule: Int) -> AuditFinding.RuleCitation {
        let r = rules[rule]
        return AuditFinding.RuleCitation(id: r.id, title: r.title, source: r.source, location: sources.citation(of: r.range))
    }
}
