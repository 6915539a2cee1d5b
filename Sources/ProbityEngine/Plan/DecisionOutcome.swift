/// The answer's headline: whether the decision is authorised as proposed. The plan decides it;
/// reports print it (``Report`` calls it `Report.Outcome`).
public enum DecisionOutcome: String, Sendable {
    case authorised
    case noAuthority = "no-authority"
    case wrongDecider = "wrong-decider"
}

/// What a rule asks of a body: to recommend the decision or to approve it.
public enum ApprovalAction: String, Sendable {
    case recommend, approve
}
