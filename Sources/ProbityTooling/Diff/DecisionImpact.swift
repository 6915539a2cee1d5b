import ProbityEngine
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// How a change to the rules would have changed past decisions: each decision is evaluated
/// under the old and the new rules, and those whose outcome or requirements differ are kept,
/// with every kind of change that applies.
public struct DecisionImpact: Sendable {
    /// The kinds of change a decision can undergo, in the order reports list them.
    public enum ChangeKind: String, CaseIterable, Sendable {
        case authorityLost = "authority-lost"
        case authorityGained = "authority-gained"
        case outcomeChanged = "outcome-changed"
        case approverAdded = "approver-added"
        case approverRemoved = "approver-removed"
        case recommendationAdded = "recommendation-added"
        case recommendationRemoved = "recommendation-removed"
        case procedureAdded = "procedure-added"
        case procedureRemoved = "procedure-removed"
        case noticeAdded = "notice-added"
        case noticeRemoved = "notice-removed"

        /// The heading a report gives the group.
        public var heading: String {
            switch self {
            case .authorityLost: "authority lost (authorised → no-authority)"
            case .authorityGained: "authority gained (no-authority → authorised)"
            case .outcomeChanged: "outcome changed otherwise"
            case .approverAdded: "approver added"
            case .approverRemoved: "approver removed"
            case .recommendationAdded: "recommendation added"
            case .recommendationRemoved: "recommendation removed"
            case .procedureAdded: "procedure added"
            case .procedureRemoved: "procedure removed"
            case .noticeAdded: "notice added"
            case .noticeRemoved: "notice removed"
            }
        }
    }

    /// One decision whose result changes.
    public struct Change: Sendable {
        public var decision: String
        /// 1-based line in the history file.
        public var line: Int
        public var date: Int32
        public var oldOutcome: Report.Outcome
        public var newOutcome: Report.Outcome
        /// Every kind of change that applies, each with what changed ("lcp-board (rule CA-2)").
        public var kinds: [(kind: ChangeKind, detail: String)]
    }

    /// A history line that could not be read under one version of the rules.
    public struct InvalidLine: Sendable {
        public var line: Int
        public var messages: [String]
    }

    package let old: Plan
    package let new: Plan
    private let oldDecoder: DecisionDecoder
    private let newDecoder: DecisionDecoder
    private let oldBuilder: ReportBuilder
    private let newBuilder: ReportBuilder

    /// Lines read (blank lines are skipped), and decisions evaluated under both versions.
    public private(set) var read = 0
    public private(set) var compared = 0
    public private(set) var changes: [Change] = []
    public private(set) var invalidUnderOld: [InvalidLine] = []
    public private(set) var invalidUnderNew: [InvalidLine] = []

    /// Compares decisions under two versions of the rules, each compiled here.
    package init(old: Program, new: Program) {
        self.init(old: Plan(program: old), new: Plan(program: new))
    }

    package init(old: Plan, new: Plan) {
        self.old = old
        self.new = new
        oldDecoder = DecisionDecoder(program: old.program)
        newDecoder = DecisionDecoder(program: new.program)
        oldBuilder = ReportBuilder(plan: old)
        newBuilder = ReportBuilder(plan: new)
    }

    /// Evaluates one history line (a decision as JSON) under both versions.
    public mutating func add(line: Int, json: [UInt8]) {
        read += 1
        let before = oldDecoder.decode(json: json)
        let after = newDecoder.decode(json: json)
        if case .failure(let errors) = before { invalidUnderOld.append(InvalidLine(line: line, messages: errors.all.map(\.description))) }
        if case .failure(let errors) = after { invalidUnderNew.append(InvalidLine(line: line, messages: errors.all.map(\.description))) }
        guard case .success(let d0) = before, case .success(let d1) = after else { return }
        compared += 1
        let r0 = oldBuilder.build(d0)
        let r1 = newBuilder.build(d1)
        if let change = DecisionImpact.compare(r0, r1, line: line) { changes.append(change) }
    }

    /// The differences between two reports on one decision, or nil when there are none.
    static func compare(_ a: Report, _ b: Report, line: Int) -> Change? {
        var kinds: [(kind: ChangeKind, detail: String)] = []
        switch (a.outcome, b.outcome) {
        case (.authorised, .noAuthority): kinds.append((.authorityLost, "authorised → no-authority"))
        case (.noAuthority, .authorised): kinds.append((.authorityGained, "no-authority → authorised"))
        case let (x, y) where x != y: kinds.append((.outcomeChanged, "\(x.rawValue) → \(y.rawValue)"))
        default: break
        }
        func requirements(_ report: Report, _ action: Report.Action) -> [String: String] {
            Dictionary(report.approvals.filter { $0.action == action }.map { ($0.by, $0.rule.id) }, uniquingKeysWith: { x, _ in x })
        }
        func diff(_ x: [String: String], _ y: [String: String], _ what: String, added: ChangeKind, removed: ChangeKind) {
            for key in y.keys.sorted() where x[key] == nil { kinds.append((added, "\(what) \(key) added (rule \(y[key]!))")) }
            for key in x.keys.sorted() where y[key] == nil { kinds.append((removed, "\(what) \(key) removed (was rule \(x[key]!))")) }
        }
        diff(requirements(a, .approve), requirements(b, .approve), "approval by", added: .approverAdded, removed: .approverRemoved)
        diff(requirements(a, .recommend), requirements(b, .recommend), "recommendation by", added: .recommendationAdded, removed: .recommendationRemoved)
        diff(Dictionary(a.procedures.map { ($0.id, $0.rule.id) }, uniquingKeysWith: { x, _ in x }),
             Dictionary(b.procedures.map { ($0.id, $0.rule.id) }, uniquingKeysWith: { x, _ in x }),
             "procedure", added: .procedureAdded, removed: .procedureRemoved)
        func notices(_ report: Report) -> [String: String] {
            Dictionary(report.notices.map { notice in
                let key = notice.deemedApprovedAfter.map { "\(notice.to), deemed approved after \($0)" } ?? notice.to
                return (key, notice.rule.id)
            }, uniquingKeysWith: { x, _ in x })
        }
        diff(notices(a), notices(b), "notice to", added: .noticeAdded, removed: .noticeRemoved)
        guard !kinds.isEmpty else { return nil }
        return Change(decision: b.decision, line: line, date: b.date, oldOutcome: a.outcome, newOutcome: b.outcome, kinds: kinds)
    }

    /// The changed decisions grouped by kind of change, in ``ChangeKind`` order; a decision
    /// appears in every group that applies.
    public var groups: [(kind: ChangeKind, entries: [(change: Change, details: [String])])] {
        ChangeKind.allCases.compactMap { kind in
            let entries = changes.compactMap { change -> (change: Change, details: [String])? in
                let details = change.kinds.filter { $0.kind == kind }.map(\.detail)
                return details.isEmpty ? nil : (change, details)
            }
            return entries.isEmpty ? nil : (kind, entries)
        }
    }
}
