/// What one traced evaluation of a rule's condition reported: every node evaluated with its
/// truth, in the order the evaluator finished them (parts before the node they belong to).
///
/// The operands are the decision's values, which the trace keeps: the nodes name the fields
/// they read, so wording a node reads the very values it was evaluated on.
package struct ConditionTrace: ConditionTracer {
    /// One node finished: the node (an index into the plan's compiled conditions) and its truth.
    package struct Event: Equatable, Sendable {
        package var node: Int32
        package var truth: Truth
    }

    /// A recording trace visits every part of `all` and `any`, so every node of the traced
    /// tree has exactly one event and nothing a reason could need is skipped.
    package static var visitsEveryPart: Bool { true }

    package private(set) var events: [Event] = []
    /// The decision evaluated: the operands of every event.
    package let decision: Decision

    package init(decision: Decision) {
        self.decision = decision
    }

    package mutating func evaluated(_ node: Int32, _ truth: Truth) {
        events.append(Event(node: node, truth: truth))
    }

    /// The truth `node` came to, or nil when this trace did not evaluate it (a node of another
    /// rule's condition).
    package func truth(of node: Int32) -> Truth? {
        events.first { $0.node == node }?.truth
    }
}
