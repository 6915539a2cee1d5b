import ProbitySemantics

/// A program compiled for evaluation: conditions as flat node arrays, rules indexed by their
/// discriminating fields. Built once; evaluating a decision then reads only this data.
package struct Plan: Sendable {
    public let program: Program
    package let conditions: ConditionProgram
    /// Per rule: the root node of its condition, or -1 when it has none.
    package let roots: [Int32]
    /// Per rule: its effective period as inclusive day numbers.
    package let effectiveFrom: [Int32]
    package let effectiveUntil: [Int32]
    /// Per rule: what the evaluator reads of every candidate rule, in one record (see ``RuleFacts``).
    package let facts: [RuleFacts]
    let index: RuleIndex
    /// Per rule: the nodes of its top-level conjuncts within its condition's tree, so near
    /// misses can be scored (how many conjuncts hold) and explanations read each from a trace.
    /// One list per rule in one table: a table per rule was an allocation per rule, each copied
    /// again for every batch worker (``replica()``).
    package let conjunctRoots: RuleLists
    /// Per rule: the nodes of its condition's branches (``Condition/branches``) within its
    /// condition's tree, so test coverage reads them from a trace of this evaluator.
    let branchRoots: RuleLists
    /// Each rule's requirements as indices, and the orders reports list them in.
    package let requirements: RequirementTables

    /// Compiles a checked program.
    public init(program: Program) {
        self.program = program
        var conditions = ConditionProgram()
        var roots: [Int32] = []
        var conjunctRoots: [[Int32]] = []
        var branchRoots: [[Int32]] = []
        // By index, the rules read field by field: `for rule in program.rules` copied each whole,
        // retaining every field (docs/performance.md, item 38).
        for rule in program.rules.indices {
            let compiled = program.rules[rule].condition.map { conditions.compileRule($0) }
            roots.append(compiled?.root ?? -1)
            conjunctRoots.append(compiled?.conjuncts ?? [])
            branchRoots.append(compiled?.branches ?? [])
        }
        self.conjunctRoots = RuleLists(conjunctRoots)
        self.branchRoots = RuleLists(branchRoots)
        self.conditions = conditions
        self.roots = roots
        self.effectiveFrom = program.rules.indices.map { program.rules[$0].effectiveFrom ?? .min }
        self.effectiveUntil = program.rules.indices.map { program.rules[$0].effectiveUntil ?? .max }
        self.facts = program.rules.indices.map { rule in
            RuleFacts(effectiveFrom: program.rules[rule].effectiveFrom ?? .min, effectiveUntil: program.rules[rule].effectiveUntil ?? .max,
                      root: roots[rule],
                      readsRecord: !program.rules[rule].notices.isEmpty || !program.rules[rule].approvalOrder.isEmpty
                          || !program.rules[rule].stepOrder.isEmpty)
        }
        self.index = RuleIndex(rules: program.rules, fields: program.fields)
        self.requirements = RequirementTables(program: program)
    }

    /// Visits the rules of the decision's own key value for its near misses, the band-ranked
    /// ones only from the bands nearest its value (see ``RuleIndex/forEachNearRuleOfOwnKey(_:isBandRanked:_:)``).
    package func forEachNearRuleOfOwnKey<Visitor: NearRuleVisitor>(_ decision: Decision, isBandRanked: [Bool], _ visitor: inout Visitor) -> Bool {
        index.forEachNearRuleOfOwnKey(decision, isBandRanked: isBandRanked, &visitor)
    }

    /// Whether `conjunct` bounds the ordered field the rule index splits its kinds by (in
    /// practice `value`).
    package func boundsRangeField(_ conjunct: Condition) -> Bool {
        index.boundsRangeField(conjunct)
    }

    /// The ordered field the rule index splits its kinds by, if any.
    package var rangeField: Int? { index.rangeField }

    /// The truth of rule `rule`'s condition for a decision, ignoring its period.
    package func truth(ofRule rule: Int, _ decision: Decision) -> Truth {
        let root = roots[rule]
        return root < 0 ? .yes : conditions.evaluate(root, decision)
    }
}

/// What the evaluator reads of every candidate rule on every line, side by side in one small
/// record: its period, its condition's root, and whether it needs its full ``Rule`` at all.
///
/// With ten times the rules, a line still reads only the rules of its own kind, but from tables
/// ten times the size: the period and root were three arrays (three cache lines a rule), and the
/// `Rule` record read for its notices and orders was another, far apart. One record keeps what a
/// line touches to one line for a few rules, so the cost per line stays that of its own rules.
package struct RuleFacts: Sendable {
    package var effectiveFrom: Int32
    package var effectiveUntil: Int32
    /// The root node of its condition, or -1 when it has none.
    package var root: Int32
    /// Whether it asks for a notice or an order of approvals or steps: only then is its `Rule` read.
    package var readsRecord: Bool

    /// Whether it is in effect on day `day`.
    @inline(__always) package func isInEffect(on day: Int32) -> Bool { day >= effectiveFrom && day <= effectiveUntil }
}

extension Condition {
    /// The comparisons a condition is made of, in source order: every part that is not `all`,
    /// `any`, `not` or a constant. Test coverage asks that each be seen both true and false.
    package var branches: [Condition] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.branches)
        case .not(let inner): inner.branches
        case .constant: []
        default: [self]
        }
    }
}
