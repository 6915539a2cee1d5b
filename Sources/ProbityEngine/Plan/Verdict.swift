import ProbitySyntax

/// What a decision needs, as indices into the program: the evaluator's whole answer before any
/// text is made. ``Plan/decide(_:into:)`` fills one; ``ReportBuilder`` turns it into a
/// ``Report`` only when there is something to print.
///
/// A verdict is meant to be reused across decisions (its arrays keep their capacity), so the
/// hot path allocates nothing once it has warmed up.
package struct Verdict: Sendable {
    /// An approval or recommendation: by which body, and the first rule (in rule order) requiring it.
    public struct Approval: Equatable, Sendable {
        public var body: Int32
        public var action: ApprovalAction
        public var rule: Int32
    }

    public struct Procedure: Equatable, Sendable {
        public var procedure: Int32
        public var rule: Int32
    }

    public struct Notice: Equatable, Sendable {
        public var to: Int32
        public var rule: Int32
        /// The day silence becomes authority, or nil with no deemed-approval period.
        public var deemedApprovedOn: Int32?
    }

    /// The rules that fired, and those undecided for want of a field.
    public var matches = RuleMatches()
    public var outcome = DecisionOutcome.authorised
    /// In report order: recommendations before approvals, lower bodies before higher ones.
    public var approvals: [Approval] = []
    /// In report order: by procedure id.
    public var procedures: [Procedure] = []
    /// In report order: by recipient id. A recipient two rules notify gets the later date.
    public var notices: [Notice] = []
    /// The decision's `decided_by`, when it names one.
    public var decider: Int32?
    /// Every requirement in the order to take it, across kinds, when a fired rule's `steps in
    /// order` puts some in the paper's order; empty otherwise (then the order is approvals,
    /// procedures, notices, as listed).
    public var steps: [Step] = []
    /// The fired rules whose `steps in order` gave `steps` its order.
    public var stepsOrderedBy: [Int32] = []

    /// A requirement by its place in ``approvals`` (recommendations too), ``procedures`` or ``notices``.
    public struct Step: Equatable, Sendable {
        public enum Kind: UInt8, Sendable { case approval, procedure, notice }
        public var kind: Kind
        public var index: Int32
    }

    public init() {}

    /// The bodies whose approval (not recommendation) is required, in report order.
    public var approvers: some Collection<Int32> {
        approvals.lazy.filter { $0.action == .approve }.map(\.body)
    }

    mutating func reset() {
        outcome = .authorised
        approvals.removeAll(keepingCapacity: true)
        procedures.removeAll(keepingCapacity: true)
        notices.removeAll(keepingCapacity: true)
        steps.removeAll(keepingCapacity: true)
        stepsOrderedBy.removeAll(keepingCapacity: true)
        decider = nil
    }
}
