import ProbitySemantics

extension Plan {
    /// Whether rule `rule`'s condition holds for `decision`, whatever its period: for saying
    /// which rule would have applied had the decision been taken while it was in force.
    public func conditionHolds(rule: Int, for decision: Decision) -> Bool {
        guard rule >= 0, rule < roots.count else { return false }
        return truth(ofRule: rule, decision) == .yes
    }
}
