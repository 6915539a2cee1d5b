import ProbitySemantics

/// A program compiled for evaluation: conditions as flat node arrays, rules indexed by their
/// discriminating fields. Built once; evaluating a decision then reads only this data.
public struct Plan: Sendable {
    public let program: Program
    let conditions: ConditionProgram
    /// Per rule: the root node of its condition, or -1 when it has none.
    let roots: [Int32]
    /// Per rule: its effective period as inclusive day numbers.
    let effectiveFrom: [Int32]
    let effectiveUntil: [Int32]
    let index: RuleIndex
    /// Per rule: whether it requires any approval (only those can authorise).
    let approves: [Bool]

    /// Compiles a checked program.
    public init(program: Program) {
        self.program = program
        var conditions = ConditionProgram()
        var roots: [Int32] = []
        for rule in program.rules {
            roots.append(rule.condition.map { conditions.compile($0) } ?? -1)
        }
        self.conditions = conditions
        self.roots = roots
        self.effectiveFrom = program.rules.map { $0.effectiveFrom ?? .min }
        self.effectiveUntil = program.rules.map { $0.effectiveUntil ?? .max }
        self.index = RuleIndex(rules: program.rules, fields: program.fields)
        self.approves = program.rules.map { !$0.approvals.isEmpty }
    }

    /// The truth of rule `rule`'s condition for a decision, ignoring its period.
    func truth(ofRule rule: Int, _ decision: Decision) -> Truth {
        let root = roots[rule]
        return root < 0 ? .yes : conditions.evaluate(root, decision)
    }
}
