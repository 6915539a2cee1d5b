import ProbityEvaluation
import ProbitySemantics
import ProbitySyntax

/// Which rules and condition branches the tests exercised.
///
/// A rule is covered when some test makes it fire. A branch is one comparison in a rule's
/// condition; it is covered when the tests have seen it both hold and fail, so both sides of
/// every threshold and effective date are tested.
public struct TestCoverage: Sendable {
    public struct Branch: Sendable {
        public var rule: Int
        public var condition: Condition
        public var seenTrue = false
        public var seenFalse = false
        public var isCovered: Bool { seenTrue && seenFalse }
    }

    public private(set) var ruleFired: [Bool]
    public private(set) var branches: [Branch]
    private let explainer: ConditionExplainer

    public init(program: Program) {
        ruleFired = Array(repeating: false, count: program.rules.count)
        branches = []
        explainer = ConditionExplainer(program: program)
        for (index, rule) in program.rules.enumerated() {
            guard let condition = rule.condition else { continue }
            for leaf in TestCoverage.leaves(of: condition) {
                branches.append(Branch(rule: index, condition: leaf))
            }
        }
    }

    static func leaves(of condition: Condition) -> [Condition] {
        switch condition {
        case .all(let parts), .any(let parts): parts.flatMap(leaves)
        case .not(let inner): leaves(of: inner)
        case .constant: []
        default: [condition]
        }
    }

    package mutating func record(_ decision: Decision, plan: Plan) {
        let matches = plan.match(decision)
        for rule in matches.fired { ruleFired[Int(rule)] = true }
        for index in branches.indices {
            switch explainer.explain(branches[index].condition, decision).truth {
            case .yes: branches[index].seenTrue = true
            case .no: branches[index].seenFalse = true
            case .unknown: break
            }
        }
    }
}
