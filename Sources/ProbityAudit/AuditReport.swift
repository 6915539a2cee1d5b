import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// What `probity audit` found in a history of decisions, recorded votes and a register.
public struct AuditReport: Sendable {
    /// The scheme the history was judged by.
    public var scheme: SchemeInfo
    /// The history file's name, as given.
    public var historyFile: String
    /// Decisions read from the history; lines that could not be read are findings.
    public var decisionsRead: Int
    public var linesUnread: Int
    /// Decisions that record who decided (`decided_by`) and so were checked for delegation.
    public var decisionsWithDecider: Int
    /// Decisions that took part in the split search (eligible for some threshold).
    public var decisionsInSplitSearch: Int
    public var registerFile: String?
    public var registerPeople: Int
    public var voteFiles: Int
    /// The last date in the history or the votes: the day declarations are judged stale on.
    public var auditDate: Int32?
    /// What the audit could not check, and why (no split window set, no register given …).
    public var limitations: [String]
    /// Sorted: by section, date, code, first record.
    public var findings: [AuditFinding]

    /// Findings per section, every section listed (zero included), in report order.
    public var countsByCategory: [(category: AuditFinding.Category, count: Int)] {
        AuditFinding.Category.allCases.map { category in (category, findings.count(where: { $0.category == category })) }
    }

    /// Findings per code, in code order.
    public var countsByCode: [(code: DiagnosticCode, count: Int)] {
        var counts: [DiagnosticCode: Int] = [:]
        for finding in findings { counts[finding.code, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether anything at warning or error level was found.
    public var hasFindings: Bool { findings.contains { $0.severity >= .warning } }
}
