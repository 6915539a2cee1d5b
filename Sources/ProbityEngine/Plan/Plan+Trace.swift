import ProbitySemantics

extension Plan {
    /// Evaluates rule `rule`'s condition (whatever its period) with a recording tracer: the
    /// truth, and every node's truth on the way, for explanations and coverage. The evaluator is
    /// the one `match` and `decide` use; only the tracer differs.
    package func trace(rule: Int, _ decision: Decision) -> (truth: Truth, trace: ConditionTrace) {
        var trace = ConditionTrace(decision: decision)
        let root = roots[rule]
        guard root >= 0 else { return (.yes, trace) }
        let truth = conditions.evaluate(root, decision, tracer: &trace)
        return (truth, trace)
    }

    /// The nodes of rule `rule`'s conjuncts (``Condition/conjuncts``), in order, within the tree
    /// ``trace(rule:_:)`` evaluates.
    package func conjunctNodes(ofRule rule: Int) -> [Int32] { Array(conjunctRoots[rule]) }

    /// The nodes of rule `rule`'s branches (``Condition/branches``), in order, within the tree
    /// ``trace(rule:_:)`` evaluates.
    package func branchNodes(ofRule rule: Int) -> [Int32] { Array(branchRoots[rule]) }

    /// What a compiled node is, as an explanation reads it.
    package enum NodeShape {
        /// Holds when every part holds (the parts are nodes).
        case all([Int32])
        /// Holds when some part holds.
        case any([Int32])
        /// Holds when its part does not.
        case not(Int32)
        /// A test the rule author wrote (a comparison, a membership, presence or a constant),
        /// however the compiler lowered it: an explanation words it as written.
        case written(Condition)
    }

    /// What `node` is: its parts, or the test the author wrote that it was compiled from.
    package func shape(of node: Int32) -> NodeShape {
        if let origin = conditions.origins[Int(node)] {
            switch origin {
            case .all, .any, .not: break
            default: return .written(origin)
            }
        }
        switch conditions.nodes[Int(node)] {
        case .all(let first, let count): return .all(Array(conditions.children[Int(first)..<Int(first + count)]))
        case .any(let first, let count): return .any(Array(conditions.children[Int(first)..<Int(first + count)]))
        case .not(let child): return .not(child)
        default:
            // Unreachable: every leaf the compiler emits has the test it was compiled from.
            return .written(conditions.origins[Int(node)] ?? .constant(false))
        }
    }
}
