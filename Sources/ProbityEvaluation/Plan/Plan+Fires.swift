import ProbitySemantics

extension Plan {
    /// Whether rule `rule` fires for `decision`: its period covers the decision's date and its
    /// condition holds. The same test ``match(_:into:)`` makes, for one rule, so an audit asking
    /// "would this rule have applied had the value been higher?" asks the one evaluator.
    public func fires(rule: Int, for decision: Decision) -> Bool {
        guard rule >= 0, rule < roots.count else { return false }
        guard decision.date >= effectiveFrom[rule], decision.date <= effectiveUntil[rule] else { return false }
        return truth(ofRule: rule, decision) == .yes
    }
}

extension Plan {
    /// Whether rule `rule`'s condition holds for `decision`, whatever its period: for saying
    /// which rule would have applied had the decision been taken while it was in force.
    public func conditionHolds(rule: Int, for decision: Decision) -> Bool {
        guard rule >= 0, rule < roots.count else { return false }
        return truth(ofRule: rule, decision) == .yes
    }
}
