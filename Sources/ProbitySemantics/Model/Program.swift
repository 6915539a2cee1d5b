import ProbitySupport
import ProbitySyntax

/// The scheme a program was loaded as, for reports and audit.
public struct SchemeInfo: Sendable {
    public var name: String
    public var version: String
    /// Inclusive day numbers; nil is open.
    public var effectiveFrom: Int32?
    public var effectiveUntil: Int32?
    /// SHA-256 of the rule sources, hex.
    public var digest: String
}

/// A body (board, committee, group) or officer in the delegation tree.
public struct Body: Sendable {
    public var id: String
    public var title: String
    public var kind: BodySyntax.Kind
    /// The body above this one (`committee of`, `reports to`).
    public var parent: Int?
    /// The body this one advises; an advisory body may recommend but never approve.
    public var advises: Int?
    /// Further bodies it advises (`advises lcp-board, one-bromley-executive`).
    public var alsoAdvises: [Int] = []
    /// When the body existed (inclusive day numbers); nil is open. A decision dated outside it
    /// cannot be the body's.
    public var existsFrom: Int32?
    public var existsUntil: Int32?
    /// Distance from the root of the tree: higher numbers are lower bodies.
    public var depth: Int
    public var source: String?
    /// Lint codes accepted on this body, with the reason.
    public var acceptedFindings: [String: String] = [:]
    public var range: SourceRange

    public var isAdvisory: Bool { advises != nil }

    /// Every body this one advises, the first (its parent) first.
    public var advised: [Int] { (advises.map { [$0] } ?? []) + alsoAdvises }

    /// Whether the body existed on `day`.
    public func exists(on day: Int32) -> Bool {
        if let from = existsFrom, day < from { return false }
        if let until = existsUntil, day > until { return false }
        return true
    }
}

public struct Procedure: Sendable {
    public var id: String
    public var title: String
    public var source: String?
    public var range: SourceRange
}

/// A notice a rule requires, with the period after which silence is authority.
public struct NoticeRequirement: Hashable, Sendable {
    public var to: Int
    public var deemedApprovedAfter: Duration?
}

/// One step a decision may need, by index: a body's recommendation, approval or notice, or a
/// procedure. A rule's `steps in order` is a list of them.
public enum Step: Hashable, Sendable {
    case recommendation(Int)
    case approval(Int)
    case procedure(Int)
    case notice(Int)
}

/// A checked rule.
public struct Rule: Sendable {
    public var id: String
    public var title: String
    public var source: String?
    public var range: SourceRange
    /// The rule's own period intersected with its file's scheme period (inclusive day numbers).
    public var effectiveFrom: Int32?
    public var effectiveUntil: Int32?
    /// Nil: the rule applies to every decision in its period.
    public var condition: Condition?
    public var approvals: [Int]
    public var recommendations: [Int]
    public var procedures: [Int]
    public var notices: [NoticeRequirement]
    /// Rules this one is declared to overlap with on purpose.
    public var intendedOverlaps: [Int]
    /// `approvals in order A, B`: bodies whose approvals, when required, come in this order.
    public var approvalOrder: [Int] = []
    /// `steps in order …`: steps of any kind that, when required, come in this order.
    public var stepOrder: [Step] = []
    /// Lint codes accepted on this rule, with the reason.
    public var acceptedFindings: [String: String]

    public func isEffective(on day: Int32) -> Bool {
        if let from = effectiveFrom, day < from { return false }
        if let until = effectiveUntil, day > until { return false }
        return true
    }
}

/// A `let` constant, kept for lint (placeholders) and explanations.
public struct Constant: Sendable {
    public var name: String
    public var value: Literal
    public var placeholder: String?
    public var range: SourceRange
}

public struct Organisation: Sendable {
    public var id: String
    public var name: String
    /// Every other name it answers to: the `aka` aliases, then those an `aliases` shape gave it.
    public var aliases: [String]
    public var relations: [(relation: OrganisationRelation, target: Int)]
    public var range: SourceRange
    /// The aliases an `aliases … for organisations named …` shape gave it ("Councillor in
    /// Southwark"), also in `aliases`. They name a place, so a register text continuing them
    /// into a hyphenated word ("Councillor in Bromley-by-Bow") is another place, not this one.
    public var shapedAliases: [String] = []
}

/// How an interest travels along one kind of relation `A relation B`, each way with its own reach.
public struct RelationCarry: Sendable, Equatable {
    /// How long a chain may be that carries an interest in A to B's decisions (a member's people
    /// in the body it belongs to) through this relation; 0: it does not carry that way.
    public var forwardSteps: Int
    /// How long a chain may be that carries an interest in B to A's decisions; 0: it does not.
    public var backwardSteps: Int

    public init(forwardSteps: Int, backwardSteps: Int) {
        self.forwardSteps = forwardSteps
        self.backwardSteps = backwardSteps
    }

    /// The same reach both ways it carries.
    public init(forward: Bool, backward: Bool, steps: Int) {
        self.init(forwardSteps: forward ? steps : 0, backwardSteps: backward ? steps : 0)
    }

    /// An interest in A is an interest in B's decisions.
    public var forward: Bool { forwardSteps > 0 }
    /// An interest in B is an interest in A's decisions.
    public var backward: Bool { backwardSteps > 0 }
}

/// Decisions in which working for an organisation is no interest (`employment by … does not
/// count when …`).
public struct EmploymentExemption: Sendable {
    /// The employers it covers, by organisation index; empty: any employer.
    public var organisations: [Int]
    public var condition: Condition
    /// The reading in words, shown wherever it spares someone.
    public var reason: String?
    public var range: SourceRange
}

/// What the `conflicts` block says.
public struct ConflictPolicy: Sendable {
    /// Organisation-typed decision fields whose organisations are at stake.
    public var relevantFields: [Int]
    /// How many relation steps from a named organisation still make another one relevant.
    public var relationSteps: Int
    /// The relations an interest travels along (the keys of `carrying`).
    public var relations: Set<OrganisationRelation>
    /// Per relation, which way and how far an interest travels along it. Without `carry`
    /// clauses every relation of `related within … via …` carries both ways.
    public var carrying: [OrganisationRelation: RelationCarry]
    /// Whether the block says per relation which way an interest travels (`carry` clauses).
    public var isDirected: Bool
    public var levels: [InterestKind: RecusalLevel]
    /// How long an ended interest still counts.
    public var lookBack: Duration?
    public var employmentExemptions: [EmploymentExemption] = []
    /// `unmatched organisations block`: an organisation a decision names that matches no declared
    /// name, alias or register text (P1150) blocks the decision, as `--strict` does.
    public var unmatchedOrganisationsBlock = false
    public var source: String?
    public var range: SourceRange
}

public struct Member: Sendable {
    public var name: String
    public var organisation: Int?
    public var role: String?
    public var group: String?
    public var isVoting: Bool
    public var isChair: Bool
    public var deputyFor: String?
    /// Votes in their own right, not as a share of their organisation's vote (`own-vote`).
    public var ownVote = false
    public var range: SourceRange
}

public enum QuorumClause: Sendable {
    case share(percent: Int, votingOnly: Bool, SourceRange)
    case count(Int, votingOnly: Bool, SourceRange)
    case roles(Int, [String], SourceRange)
    case group(Int, String, SourceRange)

    public var range: SourceRange {
        switch self {
        case .share(_, _, let r), .count(_, _, let r), .roles(_, _, let r), .group(_, _, let r): r
        }
    }

    /// The clause as a rule file would say it.
    public var description: String {
        switch self {
        case .share(let percent, let votingOnly, _): "at least \(percent)% of \(votingOnly ? "voting " : "")members"
        case .count(let n, let votingOnly, _): "at least \(n) of \(votingOnly ? "voting " : "")members"
        case .roles(let n, let roles, _): "at least \(n) of role \(roles.joined(separator: ", "))"
        case .group(let n, let group, _): "at least \(n) of group \(group)"
        }
    }
}

public enum QuorumFallback: Sendable, Equatable {
    case referTo(Int)
    case deferItem
}

public struct Quorum: Sendable {
    public var clauses: [QuorumClause]
    /// Whether members recused with `exclude` still count towards quorum.
    public var conflictedMembersCount: Bool
    public var deputiesCount: Bool
    /// Deputies count only when the meeting records that the chair agreed their attendance.
    public var deputiesNeedAgreement = false
    public var whenNotMet: QuorumFallback?
    public var source: String?
    public var range: SourceRange
}

public struct VotingRule: Sendable {
    public var perOrganisation: Bool
    public var groupShares: [String: Int]
    /// Groups whose members present have one vote each, the group at most this many.
    public var groupCaps: [String: Int] = [:]
    /// What a majority is of; `members present` when the block does not say.
    public var majority: MajorityBase
    /// Whether the block wrote its `majority of` clause (otherwise the default is a reading of ours).
    public var majorityIsStated: Bool
    public var majorityOfMembers: Bool { majority == .allMembers }
    public var chairHasCastingVote: Bool
    public var emailNeedsQuorumInFavour: Bool
    public var source: String?
    public var range: SourceRange
}

/// A body's membership and meeting rules.
public struct Committee: Sendable {
    public var members: [Member] = []
    public var quorum: Quorum?
    public var voting: VotingRule?
    /// `papers BODY at least N days before`: how long before a meeting its papers must go out.
    public var papers: PapersRule?
    /// `chair not role …`: roles whose holder may not chair the body.
    public var chairExcludedRoles: [String] = []
    /// `chair succession role …`: the roles whose holders chair, first to last; empty when the
    /// members block marks its chairs with `chair` instead.
    public var chairSuccession: [String] = []
}

/// How long before a meeting its papers must be circulated.
public struct PapersRule: Sendable {
    public var notice: Duration
    public var source: String?
    public var range: SourceRange
}

/// The days working days skip besides weekends (bank holidays), as the rule files give them,
/// and the period they are known for.
public struct HolidayCalendar: Sendable {
    public var name: String
    /// Inclusive day numbers; nil is open.
    public var coversFrom: Int32?
    public var coversUntil: Int32?
    /// Sorted, each once.
    public var holidays: [Int32]
    public var source: String?

    public init(name: String, coversFrom: Int32?, coversUntil: Int32?, holidays: [Int32], source: String?) {
        self.name = name
        self.coversFrom = coversFrom
        self.coversUntil = coversUntil
        self.holidays = Array(Set(holidays)).sorted()
        self.source = source
    }

    /// Whether `day` is a holiday in the calendar.
    public func isHoliday(_ day: Int32) -> Bool {
        var low = 0, high = holidays.count
        while low < high {
            let middle = (low + high) / 2
            if holidays[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low < holidays.count && holidays[low] == day
    }

    /// Whether the calendar knows the holidays of every day from `a` to `b` (either order).
    public func covers(_ a: Int32, _ b: Int32) -> Bool {
        let (low, high) = (min(a, b), max(a, b))
        if let from = coversFrom, low < from { return false }
        if let until = coversUntil, high > until { return false }
        return true
    }
}

/// A `test` block with the file it came from.
public struct TestCase: Sendable {
    public var syntax: TestSyntax
    public var file: FileID
}

/// A checked program: every rule file loaded, every name resolved, every condition typed.
/// The evaluator compiles this once into a plan.
public struct Program: Sendable {
    public var sources: SourceMap
    /// The folder against which relative paths in the program (e.g. test registers) resolve: the entry file's folder.
    public var rootDirectory: String
    public var scheme: SchemeInfo
    public var fields: [Field]
    public var bodies: [Body]
    public var procedures: [Procedure]
    public var rules: [Rule]
    public var constants: [Constant]
    public var organisations: [Organisation]
    public var conflicts: ConflictPolicy?
    /// Keyed by body index.
    public var committees: [Int: Committee]
    public var tests: [TestCase]

    public var fieldIndex: [String: Int]
    public var bodyIndex: [String: Int]
    public var procedureIndex: [String: Int]
    public var ruleIndex: [String: Int]
    public var organisationIndex: [String: Int]
    /// The bank holidays working days skip (`calendar`), if the rules give them.
    public var calendar: HolidayCalendar? = nil
    /// The `audit` block, when the program has one.
    public var audit: AuditPolicy? = nil

    /// Is `upper` the same body as `lower` or above it in the delegation tree?
    public func isAtOrAbove(_ upper: Int, _ lower: Int) -> Bool {
        var current: Int? = lower
        var steps = 0
        while let body = current, steps <= bodies.count {
            if body == upper { return true }
            current = bodies[body].parent
            steps += 1
        }
        return false
    }

    /// Shows a checked value the way a rule file writes it (`£1,000,000`, `2024-01-01`, `contract-award`).
    public func describe(_ value: Value, as type: FieldType) -> String {
        switch (value, type) {
        case (.text(let text), _): return "\"\(text)\""
        case (.integer(let n), .money): return Money(pence: n).description
        case (.integer(let n), .date): return Day(number: Int32(truncatingIfNeeded: n)).iso
        case (.integer(let n), .enumeration(let values)): return n >= 0 && n < values.count ? values[Int(n)] : "\(n)"
        case (.integer(let n), .body): return n >= 0 && n < bodies.count ? bodies[Int(n)].id : "\(n)"
        case (.integer(let n), .organisation): return n >= 0 && n < organisations.count ? organisations[Int(n)].name : "\(n)"
        case (.integer(let n), .set(let element)): return describe(.integer(n), as: element)
        case (.integer(let n), _): return "\(n)"
        }
    }
}
