/// Watches the compiled conditions being evaluated, node by node, as OPA's `topdown` evaluator
/// reports to its `QueryTracer`: there is one evaluator (``ConditionProgram/evaluate(_:_:tracer:)``),
/// and everything that says *why* (explanations, near misses, test coverage) is read from what
/// it reports, so no second interpreter can disagree with the answer.
///
/// The evaluator is generic over its tracer. The hot path passes ``NoTracer``, whose calls are
/// empty and whose ``visitsEveryPart`` is a constant `false`; the compiler specialises the
/// evaluator for it and removes them, so deciding stays allocation-free and no slower.
package protocol ConditionTracer {
    /// Whether `all` and `any` go on evaluating their parts after one has decided the result
    /// (a part that is false, or true): the result is the same, and every node of the tree is
    /// then reported exactly once, which coverage (every branch seen) and explanations need.
    static var visitsEveryPart: Bool { get }

    /// Called once for every node evaluated, after its parts, with the truth it came to.
    mutating func evaluated(_ node: Int32, _ truth: Truth)
}

/// The tracer of the hot path: it records nothing, and lets `all` and `any` stop early.
package struct NoTracer: ConditionTracer {
    package static var visitsEveryPart: Bool { false }

    package init() {}

    @inline(__always)
    package mutating func evaluated(_ node: Int32, _ truth: Truth) {}
}
