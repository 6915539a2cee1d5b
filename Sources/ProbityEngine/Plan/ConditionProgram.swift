import ProbitySemantics
import ProbitySyntax

/// Three-valued truth: a condition over a field the decision leaves out is `unknown`.
public enum Truth: UInt8, Sendable {
    case no = 0, yes = 1, unknown = 2

    static func and(_ a: Truth, _ b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        if a == .unknown || b == .unknown { return .unknown }
        return .yes
    }

    static func or(_ a: Truth, _ b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        if a == .unknown || b == .unknown { return .unknown }
        return .no
    }

    package var negated: Truth {
        switch self {
        case .no: .yes
        case .yes: .no
        case .unknown: .unknown
        }
    }
}

/// One node of a compiled condition. Conditions are stored as a flat array of nodes with child
/// indices, so evaluation walks plain data: no syntax trees, no strings, no allocation.
///
/// Every ordered comparison is lowered to a closed integer range `lower...upper`: money, dates
/// and numbers are integers, so `value > £1m` is `value in [£1m + 1p, max]`.
enum ConditionNode: Sendable {
    case all(first: Int32, count: Int32)
    case any(first: Int32, count: Int32)
    case not(Int32)
    case range(field: Int32, lower: Int64, upper: Int64, negated: Bool)
    /// An enumeration (or body) value in a set of at most 64 ordinals.
    case mask(field: Int32, bits: UInt64, negated: Bool)
    /// A value in a general set, `values[first ..< first + count]`, sorted.
    case oneOf(field: Int32, first: Int32, count: Int32, negated: Bool)
    case compareFields(Int32, ComparisonOperator, Int32)
    case text(field: Int32, value: Int32, equal: Bool)
    case memberOfField(field: Int32, setField: Int32, negated: Bool)
    case contains(setField: Int32, value: Int64)
    case present(field: Int32, negated: Bool)
    case constant(Bool)
}

/// The nodes of every rule's condition, with the constants they refer to.
package struct ConditionProgram: Sendable {
    package init() {}

    var nodes: [ConditionNode] = []
    /// Children of `all`/`any` nodes, by node index.
    var children: [Int32] = []
    var values: [Int64] = []
    var texts: [String] = []
    /// Per node: the condition the rule author wrote that it was compiled from, or nil for a
    /// node the compiler made up (one equality of a text `one of`, the test under a text `!=`).
    /// Explanations word a traced node by what was written, not by how it was lowered.
    var origins: [Condition?] = []

    /// A rule's condition compiled: its root, the roots of its conjuncts (``Condition/conjuncts``)
    /// and of its branches (``Condition/branches``), all nodes of the one tree, so a trace of the
    /// root reports each of them.
    package struct CompiledCondition: Sendable {
        package var root: Int32
        package var conjuncts: [Int32]
        package var branches: [Int32]
    }

    /// Compiles a rule's checked condition. Its conjuncts become the parts of one `all` (nested
    /// `all`s flattened, which changes neither the truth nor the order parts are evaluated in).
    package mutating func compileRule(_ condition: Condition) -> CompiledCondition {
        var branches: [Int32] = []
        let conjuncts = condition.conjuncts.map { compile($0, branches: &branches) }
        let root: Int32
        if case .all = condition {
            let first = Int32(children.count)
            children += conjuncts
            root = append(.all(first: first, count: Int32(conjuncts.count)), origin: condition)
        } else {
            root = conjuncts[0]
        }
        return CompiledCondition(root: root, conjuncts: conjuncts, branches: branches)
    }

    /// Compiles a checked condition and returns its root node; the node of every comparison
    /// the author wrote (each branch) is added to `branches`, in source order.
    private mutating func compile(_ condition: Condition, branches: inout [Int32]) -> Int32 {
        let node = lower(condition, branches: &branches)
        origins[Int(node)] = condition
        switch condition {
        case .all, .any, .not, .constant: break
        default: branches.append(node)
        }
        return node
    }

    private mutating func lower(_ condition: Condition, branches: inout [Int32]) -> Int32 {
        switch condition {
        case .all(let parts):
            return group(parts, branches: &branches) { .all(first: $0, count: $1) }
        case .any(let parts):
            return group(parts, branches: &branches) { .any(first: $0, count: $1) }
        case .not(let inner):
            let child = compile(inner, branches: &branches)
            return append(.not(child))
        case .compare(let field, let op, .integer(let value), _):
            let f = Int32(field)
            switch op {
            case .equal: return append(.range(field: f, lower: value, upper: value, negated: false))
            case .notEqual: return append(.range(field: f, lower: value, upper: value, negated: true))
            // Nothing is below the least value or above the greatest: an empty range (which still
            // needs the field, as any comparison does), never a bound moved past the end.
            case .less: return append(value == .min ? ConditionProgram.emptyRange(f) : .range(field: f, lower: .min, upper: value - 1, negated: false))
            case .lessOrEqual: return append(.range(field: f, lower: .min, upper: value, negated: false))
            case .greater: return append(value == .max ? ConditionProgram.emptyRange(f) : .range(field: f, lower: value + 1, upper: .max, negated: false))
            case .greaterOrEqual: return append(.range(field: f, lower: value, upper: .max, negated: false))
            }
        case .compare(let field, let op, .text(let text), let range):
            texts.append(text)
            // Under a `!=`, the equality is the compiler's; it is worded as one all the same.
            let equal = append(.text(field: Int32(field), value: Int32(texts.count - 1), equal: true),
                               origin: .compare(field: field, .equal, .text(text), range))
            return op == .notEqual ? append(.not(equal)) : equal
        case .compareFields(let a, let op, let b, _):
            return append(.compareFields(Int32(a), op, Int32(b)))
        case .oneOf(let field, let members, let negated, _):
            let integers = members.compactMap { if case .integer(let n) = $0 { n } else { nil } }
            if integers.count == members.count, integers.allSatisfy({ $0 >= 0 && $0 < 64 }) {
                let bits = integers.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
                return append(.mask(field: Int32(field), bits: bits, negated: negated))
            }
            if integers.count == members.count {
                let first = Int32(values.count)
                values += integers.sorted()
                return append(.oneOf(field: Int32(field), first: first, count: Int32(integers.count), negated: negated))
            }
            // Text members: an `any` of equalities, nodes of the compiler's own (no branches).
            var madeUp: [Int32] = []
            let alternatives = members.map { Condition.compare(field: field, .equal, $0, SourceRange(file: FileID(0), start: 0, end: 0)) }
            let node = lower(.any(alternatives), branches: &madeUp)
            return negated ? append(.not(node)) : node
        case .interval(let field, let lower, let upper, let negated, _):
            // Open bounds move inward by one unit: the values are integers. An open bound at the
            // end of the range holds nothing beyond it: the interval is empty.
            guard let (low, high) = Bound.closedRange(lower: lower, upper: upper) else {
                return append(.range(field: Int32(field), lower: 1, upper: 0, negated: negated))
            }
            return append(.range(field: Int32(field), lower: low, upper: high, negated: negated))
        case .memberOfField(let field, let setField, let negated, _):
            return append(.memberOfField(field: Int32(field), setField: Int32(setField), negated: negated))
        case .contains(let setField, .integer(let value), _):
            return append(.contains(setField: Int32(setField), value: value))
        case .contains(_, .text, _):
            return append(.constant(false))
        case .present(let field, let negated, _):
            return append(.present(field: Int32(field), negated: negated))
        case .constant(let flag):
            return append(.constant(flag))
        }
    }

    /// A range no value lies in (its lower bound above its upper).
    static func emptyRange(_ field: Int32) -> ConditionNode {
        .range(field: field, lower: 1, upper: 0, negated: false)
    }

    private mutating func append(_ node: ConditionNode, origin: Condition? = nil) -> Int32 {
        nodes.append(node)
        origins.append(origin)
        return Int32(nodes.count - 1)
    }

    private mutating func group(_ parts: [Condition], branches: inout [Int32], _ make: (Int32, Int32) -> ConditionNode) -> Int32 {
        let compiled = parts.map { compile($0, branches: &branches) }
        let first = Int32(children.count)
        children += compiled
        return append(make(first, Int32(compiled.count)))
    }

    /// Evaluates the condition rooted at `root` against a decision: the hot path, untraced.
    @inline(__always)
    package func evaluate(_ root: Int32, _ decision: Decision) -> Truth {
        var tracer = NoTracer()
        return evaluate(root, decision, tracer: &tracer)
    }

    /// Evaluates the condition rooted at `root` against a decision, telling `tracer` the truth
    /// of every node as it is found: the one evaluator, traced or not (see ``ConditionTracer``).
    ///
    /// Written so that, for ``NoTracer``, it compiles to the untraced evaluator: every exit goes
    /// through ``traced(_:_:_:)`` (an empty call), and the `seenFalse`/`seenTrue` flags that a
    /// tracer visiting every part needs are constants (never set) when it does not.
    package func evaluate<Tracer: ConditionTracer>(_ root: Int32, _ decision: Decision, tracer: inout Tracer) -> Truth {
        switch nodes[Int(root)] {
        case .all(let first, let count):
            var result = Truth.yes
            var seenFalse = false
            for i in first..<(first + count) {
                let part = evaluate(children[Int(i)], decision, tracer: &tracer)
                if part == .no {
                    if !Tracer.visitsEveryPart { return traced(root, .no, &tracer) }
                    seenFalse = true
                }
                if part == .unknown { result = .unknown }
            }
            return traced(root, seenFalse ? .no : result, &tracer)
        case .any(let first, let count):
            var result = Truth.no
            var seenTrue = false
            for i in first..<(first + count) {
                let part = evaluate(children[Int(i)], decision, tracer: &tracer)
                if part == .yes {
                    if !Tracer.visitsEveryPart { return traced(root, .yes, &tracer) }
                    seenTrue = true
                }
                if part == .unknown { result = .unknown }
            }
            return traced(root, seenTrue ? .yes : result, &tracer)
        case .not(let child):
            return traced(root, evaluate(child, decision, tracer: &tracer).negated, &tracer)
        case .range(let field, let lower, let upper, let negated):
            guard decision.isPresent[Int(field)] else { return traced(root, .unknown, &tracer) }
            let value = decision.scalars[Int(field)]
            return traced(root, ((value >= lower && value <= upper) != negated) ? .yes : .no, &tracer)
        case .mask(let field, let bits, let negated):
            guard decision.isPresent[Int(field)] else { return traced(root, .unknown, &tracer) }
            let value = decision.scalars[Int(field)]
            let isIn = value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0
            return traced(root, (isIn != negated) ? .yes : .no, &tracer)
        case .oneOf(let field, let first, let count, let negated):
            guard decision.isPresent[Int(field)] else { return traced(root, .unknown, &tracer) }
            let value = decision.scalars[Int(field)]
            let isIn = values[Int(first)..<Int(first + count)].contains(value)
            return traced(root, (isIn != negated) ? .yes : .no, &tracer)
        case .compareFields(let a, let op, let b):
            guard decision.isPresent[Int(a)], decision.isPresent[Int(b)] else { return traced(root, .unknown, &tracer) }
            return traced(root, op.holds(decision.scalars[Int(a)], decision.scalars[Int(b)]) ? .yes : .no, &tracer)
        case .text(let field, let value, let equal):
            guard decision.isPresent[Int(field)], let text = decision.texts[Int(field)] else { return traced(root, .unknown, &tracer) }
            return traced(root, ((text == texts[Int(value)]) == equal) ? .yes : .no, &tracer)
        case .memberOfField(let field, let setField, let negated):
            guard decision.isPresent[Int(field)], decision.isPresent[Int(setField)] else { return traced(root, .unknown, &tracer) }
            let isIn = decision.sets[Int(setField)].contains(decision.scalars[Int(field)])
            return traced(root, (isIn != negated) ? .yes : .no, &tracer)
        case .contains(let setField, let value):
            guard decision.isPresent[Int(setField)] else { return traced(root, .unknown, &tracer) }
            return traced(root, decision.sets[Int(setField)].contains(value) ? .yes : .no, &tracer)
        case .present(let field, let negated):
            return traced(root, (decision.isPresent[Int(field)] != negated) ? .yes : .no, &tracer)
        case .constant(let flag):
            return traced(root, flag ? .yes : .no, &tracer)
        }
    }

    /// Tells `tracer` that `node` came to `truth`, and returns it.
    @inline(__always)
    private func traced<Tracer: ConditionTracer>(_ node: Int32, _ truth: Truth, _ tracer: inout Tracer) -> Truth {
        tracer.evaluated(node, truth)
        return truth
    }
}
