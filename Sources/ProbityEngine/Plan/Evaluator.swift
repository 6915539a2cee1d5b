import ProbitySemantics

/// Which rules fired for one decision. Reused across decisions to avoid allocation.
public struct RuleMatches: Sendable {
    /// Rules whose condition held on the decision's date, in rule order.
    public var fired: [Int32] = []
    /// Rules in their period whose condition could not be decided for want of a field.
    public var undecided: [Int32] = []

    public init() {}

    mutating func reset() {
        fired.removeAll(keepingCapacity: true)
        undecided.removeAll(keepingCapacity: true)
    }
}

extension Plan {
    /// Finds the rules that fire for a decision: the hot path. It reads the index and the
    /// compiled conditions only, and allocates nothing once `matches` has grown to size.
    public func match(_ decision: Decision, into matches: inout RuleMatches) {
        matches.reset()
        let lists = index.candidates(for: decision).lists
        consider(lists.unbounded, decision, &matches)
        consider(lists.bounded, decision, &matches)
        consider(lists.namedUnbounded, decision, &matches)
        consider(lists.namedBounded, decision, &matches)
        consider(lists.unkeyedUnbounded, decision, &matches)
        consider(lists.unkeyedBounded, decision, &matches)
        // The candidate lists are each in rule order; merge them back into one order.
        let nonEmpty = (lists.unbounded.isEmpty ? 0 : 1) + (lists.bounded.isEmpty ? 0 : 1)
            + (lists.namedUnbounded.isEmpty ? 0 : 1) + (lists.namedBounded.isEmpty ? 0 : 1)
            + (lists.unkeyedUnbounded.isEmpty ? 0 : 1) + (lists.unkeyedBounded.isEmpty ? 0 : 1)
        if nonEmpty > 1 {
            matches.fired.sort()
            matches.undecided.sort()
        }
    }

    public func match(_ decision: Decision) -> RuleMatches {
        var matches = RuleMatches()
        match(decision, into: &matches)
        return matches
    }

    /// Evaluates the rules at `candidates` in the rule index's ``RuleIndex/members``.
    private func consider(_ candidates: Range<Int>, _ decision: Decision, _ matches: inout RuleMatches) {
        let day = decision.date
        for position in candidates {
            let rule = index.members[position]
            let known = facts[Int(rule)]
            guard known.isInEffect(on: day) else { continue }
            switch known.root < 0 ? .yes : conditions.evaluate(known.root, decision) {
            case .yes: matches.fired.append(rule)
            case .unknown: matches.undecided.append(rule)
            case .no: break
            }
        }
    }
}
