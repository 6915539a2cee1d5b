import ProbitySyntax

/// A checked constant. Money is pence, dates are day numbers, enumeration values are ordinals,
/// bodies and organisations are indices into the program's tables.
public enum Value: Hashable, Sendable {
    case integer(Int64)
    case text(String)
}

/// One end of a checked interval.
public struct Bound: Hashable, Sendable {
    public var value: Int64
    public var isClosed: Bool

    public init(value: Int64, isClosed: Bool) {
        self.value = value
        self.isClosed = isClosed
    }

    /// The interval as closed integer bounds (an open bound moved inward by one), or nil when it
    /// holds no integer at all, such as `(max .. ]`: moving the bound past the end of `Int64`
    /// would wrap round to the other end and make an empty interval hold everything.
    public static func closedRange(lower: Bound?, upper: Bound?) -> (Int64, Int64)? {
        var low = Int64.min, high = Int64.max
        if let lower {
            if lower.isClosed { low = lower.value } else if lower.value == .max { return nil } else { low = lower.value + 1 }
        }
        if let upper {
            if upper.isClosed { high = upper.value } else if upper.value == .min { return nil } else { high = upper.value - 1 }
        }
        return low <= high ? (low, high) : nil
    }
}

/// A rule's condition after name resolution and type checking: every field is a slot number
/// and every constant a ``Value`` of the field's type.
public indirect enum Condition: Hashable, Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// `field op constant`
    case compare(field: Int, ComparisonOperator, Value, SourceRange)
    /// `field op otherField`
    case compareFields(Int, ComparisonOperator, Int, SourceRange)
    /// `field in {a, b}` (or `not in` when negated)
    case oneOf(field: Int, [Value], negated: Bool, SourceRange)
    /// `field in (lower .. upper]`
    case interval(field: Int, lower: Bound?, upper: Bound?, negated: Bool, SourceRange)
    /// `field in setField`
    case memberOfField(field: Int, setField: Int, negated: Bool, SourceRange)
    /// `setField contains constant`
    case contains(setField: Int, Value, SourceRange)
    /// `field is present` (or `is not present` when negated)
    case present(field: Int, negated: Bool, SourceRange)
    case constant(Bool)

    /// The fields the condition reads, for "undecided for want of …" reports.
    public var fieldsRead: Set<Int> {
        var fields = Set<Int>()
        forEachFieldRead { fields.insert($0) }
        return fields
    }

    /// Calls `body` with each field the condition reads (``fieldsRead``), in the order written;
    /// a field read twice is given twice. Makes no set.
    public func forEachFieldRead(_ body: (Int) -> Void) {
        switch self {
        case .all(let parts), .any(let parts): for part in parts { part.forEachFieldRead(body) }
        case .not(let inner): inner.forEachFieldRead(body)
        case .compare(let f, _, _, _), .oneOf(let f, _, _, _), .interval(let f, _, _, _, _), .present(let f, _, _), .contains(let f, _, _):
            body(f)
        case .compareFields(let a, _, let b, _), .memberOfField(let a, let b, _, _):
            body(a)
            body(b)
        case .constant: break
        }
    }

    /// The conjuncts of a condition (itself if it is not an `all`).
    public var conjuncts: [Condition] {
        guard case .all(let parts) = self else { return [self] }
        // The checker flattens nested `and`s, so a checked `all` is nearly always flat: its
        // parts are then the answer, shared, not rebuilt (the index, the plan and the report
        // builder each ask every rule; rebuilding was 40 M instructions at 2,200 rules).
        guard parts.contains(where: \.isAll) else { return parts }
        var flat: [Condition] = []
        flat.reserveCapacity(parts.count)
        Condition.appendConjuncts(of: parts, to: &flat)
        return flat
    }

    private var isAll: Bool {
        if case .all = self { true } else { false }
    }

    private static func appendConjuncts(of parts: [Condition], to flat: inout [Condition]) {
        for part in parts {
            if case .all(let inner) = part { appendConjuncts(of: inner, to: &flat) } else { flat.append(part) }
        }
    }

    public var range: SourceRange? {
        switch self {
        case .compare(_, _, _, let r), .compareFields(_, _, _, let r), .oneOf(_, _, _, let r),
             .interval(_, _, _, _, let r), .memberOfField(_, _, _, let r), .contains(_, _, let r), .present(_, _, let r):
            r
        case .all(let parts), .any(let parts):
            parts.compactMap(\.range).reduce(nil) { (total: SourceRange?, next: SourceRange) in total.map { $0.union(next) } ?? next }
        case .not(let inner): inner.range
        case .constant: nil
        }
    }
}
