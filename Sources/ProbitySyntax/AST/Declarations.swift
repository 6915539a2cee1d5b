/// A parsed rule file.
public struct FileSyntax: Sendable {
    public var file: FileID
    public var declarations: [Declaration]

    public init(file: FileID, declarations: [Declaration]) {
        self.file = file
        self.declarations = declarations
    }
}

/// A top-level declaration.
public enum Declaration: Sendable {
    case scheme(SchemeSyntax)
    case include(IncludeSyntax)
    case fields(FieldsSyntax)
    case constant(ConstantSyntax)
    case body(BodySyntax)
    case procedure(ProcedureSyntax)
    case rule(RuleSyntax)
    case organisation(OrganisationSyntax)
    case conflicts(ConflictsSyntax)
    case members(MembersSyntax)
    case quorum(QuorumSyntax)
    case voting(VotingSyntax)
    case test(TestSyntax)
    case calendar(CalendarSyntax)
    case papers(PapersSyntax)
    case audit(AuditSyntax)
    case aliasShapes(AliasShapesSyntax)

    public var range: SourceRange {
        switch self {
        case .scheme(let d): d.range
        case .include(let d): d.range
        case .fields(let d): d.range
        case .constant(let d): d.range
        case .body(let d): d.range
        case .procedure(let d): d.range
        case .rule(let d): d.range
        case .organisation(let d): d.range
        case .conflicts(let d): d.range
        case .members(let d): d.range
        case .quorum(let d): d.range
        case .voting(let d): d.range
        case .test(let d): d.range
        case .calendar(let d): d.range
        case .papers(let d): d.range
        case .audit(let d): d.range
        case .aliasShapes(let d): d.range
        }
    }
}

/// `calendar "England and Wales bank holidays"` with the days working days skip, as data:
/// `covers FROM until UNTIL` (the days it is known for), `holidays DATE, …`, `source`.
public struct CalendarSyntax: Sendable {
    public var title: StringLiteral
    public var covers: EffectivePeriod?
    public var holidays: [Int32]
    public var source: StringLiteral?
    public var range: SourceRange
}

/// `papers BODY at least 5 working days before`: how long before a meeting of the body its
/// papers must be circulated.
public struct PapersSyntax: Sendable {
    public var body: Name
    public var notice: Duration?
    public var source: StringLiteral?
    public var range: SourceRange
}

/// `scheme "name" version "v" effective from … until …`
public struct SchemeSyntax: Sendable {
    public var name: StringLiteral
    public var version: StringLiteral?
    public var effective: EffectivePeriod?
    public var source: StringLiteral?
    public var range: SourceRange
}

/// `include "path"`
public struct IncludeSyntax: Sendable {
    public var path: StringLiteral
    public var range: SourceRange
}

/// The type of a decision field, as written.
public indirect enum TypeSyntax: Sendable {
    case money, date, number, text, organisation, body
    case oneOf([Name])
    case setOf(TypeSyntax)
    case invalid
}

public struct FieldSyntax: Sendable {
    public var name: Name
    public var type: TypeSyntax
    public var isRequired: Bool
    public var range: SourceRange
}

/// `fields` followed by field declarations.
public struct FieldsSyntax: Sendable {
    public var fields: [FieldSyntax]
    public var range: SourceRange
}

/// `let NAME = literal placeholder "reason"`
public struct ConstantSyntax: Sendable {
    public var name: Name
    public var value: Literal?
    public var valueRange: SourceRange
    public var placeholder: StringLiteral?
    public var range: SourceRange
}

/// A body (`body`) or officer (`officer`) in the delegation tree.
public struct BodySyntax: Sendable {
    public enum Kind: String, Sendable { case body, officer }
    public var kind: Kind
    public var name: Name
    public var title: StringLiteral
    /// `committee of X` or `reports to X`.
    public var parent: Name?
    /// `advises X`: the body may recommend to X but never approve.
    public var advises: Name?
    /// `advises X, Y`: the bodies after the first.
    public var alsoAdvises: [Name] = []
    public var source: StringLiteral?
    /// Lint findings accepted on this body on purpose.
    public var accepts: [AcceptSyntax] = []
    /// `exists from DATE [until DATE]`: when the body (or officer) existed, inclusive.
    public var exists: EffectivePeriod?
    public var range: SourceRange
}

/// `procedure NAME "title"`
public struct ProcedureSyntax: Sendable {
    public var name: Name
    public var title: StringLiteral
    public var source: StringLiteral?
    public var range: SourceRange
}

/// What a rule requires when it fires.
public enum RequirementSyntax: Sendable {
    case approval([Name], SourceRange)
    case recommendation([Name], SourceRange)
    case procedure([Name], SourceRange)
    case notice([Name], deemedApprovedAfter: Duration?, SourceRange)

    public var range: SourceRange {
        switch self {
        case .approval(_, let r), .recommendation(_, let r), .procedure(_, let r), .notice(_, _, let r): r
        }
    }
}

/// `overlaps A, B because "reason"`: an overlap the author intends.
public struct OverlapSyntax: Sendable {
    public var rules: [Name]
    public var reason: StringLiteral
    public var range: SourceRange
}

/// `accept P0902 because "reason"`: a lint finding accepted on purpose.
public struct AcceptSyntax: Sendable {
    public var code: Name
    public var reason: StringLiteral
    public var range: SourceRange
}

/// `rule ID "title"` and its clauses.
public struct RuleSyntax: Sendable {
    public var name: Name
    public var title: StringLiteral
    public var source: StringLiteral?
    public var effective: EffectivePeriod?
    /// Several `when` clauses are joined with `and`.
    public var conditions: [Expression]
    public var requirements: [RequirementSyntax]
    public var overlaps: [OverlapSyntax]
    public var accepts: [AcceptSyntax]
    public var range: SourceRange
    /// `approvals in order A, B`: when this rule fires and both are required, A's approval
    /// comes before B's whatever their places in the delegation tree.
    public var approvalOrder: [Name] = []
    /// `steps in order procedure P, approval by A, notice to N, …`: when this rule fires, the
    /// steps required among these come in this order, across kinds (the paper's order).
    public var stepOrder: [StepSyntax] = []
}

/// What a step of a decision is: a recommendation, an approval, a procedure or a notice.
public enum StepKind: String, Sendable {
    case recommendation, approval, procedure, notice
}

/// One step in a `steps in order` list: `approval by council-executive`, `procedure p`.
public struct StepSyntax: Sendable {
    public var kind: StepKind
    public var name: Name
    public var range: SourceRange

    public init(kind: StepKind, name: Name, range: SourceRange) {
        self.kind = kind
        self.name = name
        self.range = range
    }

    /// The step as written: "approval by council-executive".
    public var text: String {
        switch kind {
        case .recommendation: "recommendation by \(name.text)"
        case .approval: "approval by \(name.text)"
        case .procedure: "procedure \(name.text)"
        case .notice: "notice to \(name.text)"
        }
    }
}

/// Typed relations between organisations.
public enum OrganisationRelation: String, CaseIterable, Hashable, Sendable {
    case memberOf = "member-of"
    case ownedBy = "owned-by"
    case shareholderOf = "shareholder-of"
    case holdsContractFrom = "holds-contract-from"
    case partOf = "part-of"
    case subsidiaryOf = "subsidiary-of"

    /// The words that introduce the relation in an `organisation` declaration.
    public var words: [String] { rawValue.split(separator: "-").map(String.init) }
}

public struct RelationSyntax: Sendable {
    public var relation: OrganisationRelation
    public var target: Name
}

/// `organisation NAME "official name"` with aliases and relations.
public struct OrganisationSyntax: Sendable {
    public var name: Name
    public var title: StringLiteral
    public var aliases: [StringLiteral]
    public var relations: [RelationSyntax]
    public var source: StringLiteral?
    public var range: SourceRange
}

/// `aliases "Councillor in {place}", "Cllr, {place}" for organisations named "London Borough of
/// {place}"`: aliases of one shape for every organisation whose name has another shape, so a
/// register's office-holder phrasing ("Husband is a Councillor in Southwark") names the council
/// for every borough the rules declare, with no alias written per borough.
public struct AliasShapesSyntax: Sendable {
    /// The aliases to give, each with one `{word}` hole.
    public var shapes: [StringLiteral]
    /// The shapes of the names (or `aka` aliases) of the organisations that get them, with the
    /// same hole: what fills it there fills it in `shapes`.
    public var named: [StringLiteral]
    public var source: StringLiteral?
    public var range: SourceRange

    public init(shapes: [StringLiteral], named: [StringLiteral], source: StringLiteral?, range: SourceRange) {
        self.shapes = shapes
        self.named = named
        self.source = source
        self.range = range
    }
}

/// Kinds of interest that a `conflicts` block maps to recusal levels.
public enum InterestKind: String, CaseIterable, Hashable, Sendable {
    case financial
    case indirect
    case nonFinancialProfessional = "non-financial-professional"
    case nonFinancialPersonal = "non-financial-personal"
    /// The person's employer or position on the register, whether or not they declared it.
    case employment
    /// A declaration whose type column was left empty.
    case unspecified
}

/// Recusal levels, ordered: `declare` < `no-vote` < `exclude`.
public enum RecusalLevel: String, CaseIterable, Comparable, Hashable, Sendable {
    case declare
    case noVote = "no-vote"
    case exclude

    public var rank: Int {
        switch self {
        case .declare: 1
        case .noVote: 2
        case .exclude: 3
        }
    }

    public static func < (a: RecusalLevel, b: RecusalLevel) -> Bool { a.rank < b.rank }
}

public struct InterestLevelSyntax: Sendable {
    public var kind: InterestKind
    public var level: RecusalLevel
    public var range: SourceRange
}

/// Which way an interest travels along a relation `A relation B`: `forward` from A to B (an
/// interest in a member is an interest in the body it belongs to), `backward` from B to A, or
/// both ways (across a corporate group).
public enum CarryDirection: String, Sendable {
    case forward
    case backward
    case bothWays = "both ways"
}

/// `carry member-of, shareholder-of forward within 2 steps`: relations an interest travels
/// along, which way, and how long a chain using them may be.
public struct CarrySyntax: Sendable {
    public var relations: [OrganisationRelation]
    public var direction: CarryDirection
    /// Nil: as far as `related within` allows.
    public var steps: Int?
    public var range: SourceRange
}

/// `employment by ORG, … does not count when CONDITION because "…"`: decisions in which working
/// for an organisation is no interest (a partner's representatives on the partners' own s75
/// agreement).
public struct EmploymentExemptionSyntax: Sendable {
    /// Empty: employment by any organisation.
    public var organisations: [Name]
    public var condition: Expression
    public var because: StringLiteral?
    public var range: SourceRange
}

/// The `conflicts` block.
public struct ConflictsSyntax: Sendable {
    public var relevantFields: [Name]
    public var relationSteps: Int?
    public var relations: [OrganisationRelation]?
    /// `carry` clauses; when there are any, only the relations they name carry an interest.
    public var carries: [CarrySyntax] = []
    public var employmentExemptions: [EmploymentExemptionSyntax] = []
    public var levels: [InterestLevelSyntax]
    public var lookBack: Duration?
    /// `unmatched organisations block`: a decision naming an organisation that matches nothing
    /// declared or on the register may not proceed (the scheme's `--strict`).
    public var unmatchedOrganisationsBlock = false
    public var source: StringLiteral?
    public var range: SourceRange
}

public struct MemberSyntax: Sendable {
    public var person: StringLiteral
    public var organisation: Name?
    public var role: Name?
    public var group: Name?
    public var isVoting: Bool
    public var isChair: Bool
    public var deputyFor: StringLiteral?
    /// `own-vote`: votes in their own right, not as a share of their organisation's vote.
    public var ownVote = false
    public var range: SourceRange
}

/// `members BODY` followed by `member` lines.
public struct MembersSyntax: Sendable {
    public var body: Name
    public var members: [MemberSyntax]
    public var range: SourceRange
    /// `chair not role A, B`: roles whose holder may not chair the body.
    public var chairExcludedRoles: [Name] = []
    /// `chair succession role A, B, C`: who chairs, in order: the holder of A; when they are
    /// absent (or may not take part in an item), the holder of B; and so on.
    public var chairSuccession: [Name] = []
}

public enum QuorumClauseSyntax: Sendable {
    /// `at least 50% of voting members`
    case share(percent: Int, votingOnly: Bool, SourceRange)
    /// `at least 6 of members`
    case count(Int, votingOnly: Bool, SourceRange)
    /// `at least 1 of role icb-chair, icb-chief-executive`
    case roles(Int, [Name], SourceRange)
    /// `at least 2 of group elected-member`
    case group(Int, Name, SourceRange)

    public var range: SourceRange {
        switch self {
        case .share(_, _, let r), .count(_, _, let r), .roles(_, _, let r), .group(_, _, let r): r
        }
    }
}

public enum QuorumFallbackSyntax: Sendable {
    case referTo(Name)
    case deferItem
}

/// `quorum BODY` and its clauses.
public struct QuorumSyntax: Sendable {
    public var body: Name
    public var clauses: [QuorumClauseSyntax]
    public var conflictedMembersCount: Bool?
    public var deputiesCount: Bool?
    /// `deputies count when agreed by the chair`: only deputies whose attendance the chair agreed.
    public var deputiesNeedAgreement = false
    public var whenNotMet: QuorumFallbackSyntax?
    public var source: StringLiteral?
    public var range: SourceRange
}

/// What a majority is a majority of: the words of the terms of reference.
public enum MajorityBase: String, Sendable {
    /// "a simple majority of members present": more than half the votes of the members present
    /// and entitled to vote, so an abstention counts against.
    case membersPresent = "members present"
    /// "a simple majority" of the votes cast: more for than against; abstentions do not count.
    case thoseVoting = "those voting"
    /// "a majority of all members": more than half the votes of the whole body, absent included.
    case allMembers = "all members"
}

/// `voting BODY` and its clauses.
public struct VotingSyntax: Sendable {
    public var body: Name
    public var perOrganisation: Bool?
    public var groupShares: [(group: Name, votes: Int)]
    /// `group NAME has one vote each up to N`: each member present votes, the group at most N.
    public var groupCaps: [(group: Name, votes: Int)] = []
    public var majority: MajorityBase?
    public var chairHasCastingVote: Bool
    public var emailNeedsQuorumInFavour: Bool
    public var source: StringLiteral?
    public var range: SourceRange
}

/// A value written in a test's `decision { … }`.
public enum TestValueSyntax: Sendable {
    case literal(Literal, SourceRange)
    case name(Name)
    case list([TestValueSyntax], SourceRange)

    public var range: SourceRange {
        switch self {
        case .literal(_, let r), .list(_, let r): r
        case .name(let n): n.range
        }
    }
}

public struct TestFieldSyntax: Sendable {
    public var name: Name
    public var value: TestValueSyntax
}

public enum ExpectationSyntax: Sendable {
    case outcome(Name, SourceRange)
    case approval(Name, negated: Bool, SourceRange)
    case recommendation(Name, negated: Bool, SourceRange)
    case procedure(Name, negated: Bool, SourceRange)
    case notice(Name, after: Duration?, negated: Bool, SourceRange)
    case recusal(StringLiteral, RecusalLevel, SourceRange)
    case noRecusal(StringLiteral, SourceRange)
    case quorum(met: Bool, SourceRange)
    /// `expect approvals in order A, B`: both approve, A's approval listed before B's.
    case approvalOrder([Name], SourceRange)
    /// `expect steps in order procedure P, approval by A, …`: each is required, in this order.
    case stepOrder([StepSyntax], SourceRange)
    /// `expect vote carried` / `expect vote not carried`: whether the test's vote carried in the
    /// only sense a report may say so (quorate, every name understood).
    case voteCarried(Bool, SourceRange)
    /// `expect vote result tied-lost`: the count's own result, whatever the quorum.
    case voteResult(Name, SourceRange)
    /// `expect vote quorate` / `expect vote inquorate`: the quorum the vote was counted with.
    case voteQuorate(Bool, SourceRange)
    /// `expect votes for 5 against "9/2" abstain 0 present 10`: the weights counted, each a whole
    /// number or an exact fraction in quotes.
    case voteCounts([(side: Name, weight: String)], SourceRange)
    /// `expect casting vote by "Name"`, or `expect no casting vote` (nil).
    case castingVote(StringLiteral?, SourceRange)
    /// `expect chair "Name"`: who chairs the test's meeting (or the item, when the chair must
    /// stand aside for it), or `expect no chair` when the record cannot say (nil).
    case chair(StringLiteral?, SourceRange)
    /// `expect finding P1131` / `expect no finding P1131`: a finding of the check, the meeting
    /// or the vote, by code.
    case finding(Name, negated: Bool, SourceRange)

    public var range: SourceRange {
        switch self {
        case .outcome(_, let r), .approval(_, _, let r), .recommendation(_, _, let r), .procedure(_, _, let r),
             .notice(_, _, _, let r), .recusal(_, _, let r), .noRecusal(_, let r), .quorum(_, let r), .approvalOrder(_, let r),
             .stepOrder(_, let r),
             .voteCarried(_, let r), .voteResult(_, let r), .voteQuorate(_, let r), .voteCounts(_, let r), .castingVote(_, let r),
             .chair(_, let r), .finding(_, _, let r):
            r
        }
    }
}

/// A test's `votes` clause: how each member voted, and for a decision by email the date replies
/// had to arrive by and the date of each reply (`"Name" on DATE`).
public struct TestVotesSyntax: Sendable {
    public struct Ballot: Sendable {
        /// `for`, `against` or `abstain`.
        public var side: Name
        public var person: StringLiteral
        /// The day the reply arrived, for a decision by email.
        public var replied: Int32?
    }
    /// For a decision by email: the day replies had to arrive by.
    public var repliesBy: Int32?
    public var ballots: [Ballot]
    public var range: SourceRange
}

/// `deputy "Name" for "Member" [agreed by the chair]` in a test's meeting.
public struct TestDeputySyntax: Sendable {
    public var name: StringLiteral
    public var deputisingFor: StringLiteral
    public var agreedByChair: Bool
}

public enum TestAttendeesSyntax: Sendable {
    case fromRegister
    case names([StringLiteral])
}

/// `test "title"` and its clauses.
public struct TestSyntax: Sendable {
    public var title: StringLiteral
    public var decision: [TestFieldSyntax]
    public var decisionRange: SourceRange?
    public var register: StringLiteral?
    public var meetingBody: Name?
    public var attendees: TestAttendeesSyntax?
    public var expectations: [ExpectationSyntax]
    public var range: SourceRange
    /// `deputy "Name" for "Member" …`: deputies the meeting record names.
    public var deputies: [TestDeputySyntax] = []
    /// `papers sent DATE`: when the meeting's papers went out.
    public var papersSent: Int32? = nil
    /// `holder ROLE "Name"`: who holds a role at the meeting that the members block names nobody for.
    public var roleHolders: [(role: Name, person: StringLiteral)] = []
    /// `votes …`: a recorded vote, counted as `probity vote` counts it.
    public var votes: TestVotesSyntax? = nil
    /// `chair "Name"`: who the vote record says chaired.
    public var voteChair: StringLiteral? = nil
    /// `withdrew "Name", …`: members the vote record says left for the item (a conflict).
    public var withdrew: [StringLiteral] = []
}
