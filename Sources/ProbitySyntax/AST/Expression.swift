import ProbitySupport

/// A literal value in a rule file. Money is in pence and dates are day numbers.
public enum Literal: Hashable, Sendable {
    case money(Int64)
    case date(Int32)
    case number(Int64)
    case string(String)
    case boolean(Bool)
}

/// Comparison operators.
public enum ComparisonOperator: String, Hashable, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// The operator that holds when this one fails (`<` ↔ `>=`), for explanations.
    public var negated: ComparisonOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        }
    }

    /// Whether `x OP y` holds, for amounts, dates and numbers alike (all are integers).
    public func holds(_ x: Int64, _ y: Int64) -> Bool {
        switch self {
        case .equal: x == y
        case .notEqual: x != y
        case .less: x < y
        case .lessOrEqual: x <= y
        case .greater: x > y
        case .greaterOrEqual: x >= y
        }
    }
}

/// One end of an interval such as `(£250k .. £1m]`.
public struct IntervalBound: Hashable, Sendable {
    public var value: Expression
    public var isClosed: Bool

    public init(value: Expression, isClosed: Bool) {
        self.value = value
        self.isClosed = isClosed
    }
}

/// A condition or operand in a `when` clause, as parsed.
public indirect enum Expression: Hashable, Sendable {
    case name(Name)
    case literal(Literal, SourceRange)
    case set([Expression], SourceRange)
    case interval(lower: IntervalBound?, upper: IntervalBound?, SourceRange)
    case comparison(ComparisonOperator, Expression, Expression, SourceRange)
    /// `x in s`, or `x not in s` when `negated`.
    case membership(Expression, Expression, negated: Bool, SourceRange)
    /// `s contains x`.
    case contains(Expression, Expression, SourceRange)
    /// `f is present`, or `f is not present` when `negated`.
    case presence(Expression, negated: Bool, SourceRange)
    case and(Expression, Expression, SourceRange)
    case or(Expression, Expression, SourceRange)
    case not(Expression, SourceRange)
    /// Stands in for an expression that could not be parsed; the checker skips it quietly.
    case invalid(SourceRange)

    public var range: SourceRange {
        switch self {
        case .name(let name): name.range
        case .literal(_, let range), .set(_, let range), .interval(_, _, let range),
             .comparison(_, _, _, let range), .membership(_, _, _, let range), .contains(_, _, let range),
             .presence(_, _, let range), .and(_, _, let range), .or(_, _, let range), .not(_, let range),
             .invalid(let range):
            range
        }
    }
}
