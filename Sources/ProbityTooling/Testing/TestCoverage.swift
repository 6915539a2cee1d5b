import ProbityEngine
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
    /// Per rule: the index of its first branch in `branches` (its branches follow in order).
    private var firstBranch: [Int]

    public init(program: Program) {
        ruleFired = Array(repeating: false, count: program.rules.count)
        branches = []
        firstBranch = []
        for (index, rule) in program.rules.enumerated() {
            firstBranch.append(branches.count)
            for branch in rule.condition?.branches ?? [] {
                branches.append(Branch(rule: index, condition: branch))
            }
        }
    }

    /// Records what `decision` exercised, as the compiled plan evaluates it: the rules it made
    /// fire, and the truth of every branch, read from a trace of each rule's evaluation (a
    /// branch over a field the decision leaves out is seen neither way).
    package mutating func record(_ decision: Decision, plan: Plan) {
        let matches = plan.match(decision)
        for rule in matches.fired { ruleFired[Int(rule)] = true }
        for rule in firstBranch.indices {
            let nodes = plan.branchNodes(ofRule: rule)
            guard !nodes.isEmpty else { continue }
            let (_, trace) = plan.trace(rule: rule, decision)
            for (offset, node) in nodes.enumerated() {
                switch trace.truth(of: node) {
                case .yes: branches[firstBranch[rule] + offset].seenTrue = true
                case .no: branches[firstBranch[rule] + offset].seenFalse = true
                case .unknown, nil: break
                }
            }
        }
    }
}
