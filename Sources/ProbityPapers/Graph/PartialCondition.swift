import ProbitySemantics
import ProbitySyntax

/// A rule's condition with some fields fixed (the decision kind, the date, anything the reader
/// assumes), split into the cases a ladder draws: each case a range of the money field and the
/// conditions still open, quoted from the rule file.
///
/// The condition is brought into negation normal form, fixed fields are evaluated, a
/// disjunction that does not involve the money field is kept whole as one open condition, and
/// what is left is multiplied out into cases (at most ``caseLimit``).
struct PartialCondition {
    struct Case: Equatable {
        var range: ValueRange
        var open: [String]
    }

    let program: Program
    let moneyField: Int
    /// Fixed fields and their values (ordinals for enumerations, indices for bodies and
    /// organisations, day numbers for dates).
    let fixed: [Int: Int64]

    static let caseLimit = 16

    /// The cases in which `condition` holds; empty when it cannot hold given the fixed fields.
    /// Nil when it has more than ``caseLimit`` cases.
    func cases(_ condition: Condition?) -> [Case]? {
        guard let condition else { return [Case(range: .everything, open: [])] }
        return expand(simplify(condition, negated: false))
    }

    /// What is left of a condition once fixed fields are known.
    indirect enum Residual {
        case constant(Bool)
        case range(ValueRange)
        case open(String)
        case all([Residual])
        case any([Residual])

        var mentionsMoney: Bool {
            switch self {
            case .range: true
            case .constant, .open: false
            case .all(let parts), .any(let parts): parts.contains(where: \.mentionsMoney)
            }
        }

        /// The residual as the rule file would say it, for a disjunction kept whole.
        var text: String {
            switch self {
            case .constant(let value): value ? "true" : "false"
            case .range(let range): range.describe(field: "value")
            case .open(let text): text
            case .all(let parts): parts.map(\.text).joined(separator: " and ")
            case .any(let parts): "(" + parts.map(\.text).joined(separator: " or ") + ")"
            }
        }
    }

    func simplify(_ condition: Condition, negated: Bool) -> Residual {
        switch condition {
        case .all(let parts):
            let simplified = parts.map { simplify($0, negated: negated) }
            return negated ? disjunction(simplified) : conjunction(simplified)
        case .any(let parts):
            let simplified = parts.map { simplify($0, negated: negated) }
            return negated ? conjunction(simplified) : disjunction(simplified)
        case .not(let inner):
            return simplify(inner, negated: !negated)
        case .constant(let value):
            return .constant(value != negated)
        case .compare(let field, let op, let value, let range):
            let op = negated ? op.negated : op
            if field == moneyField, case .integer(let amount) = value { return ranges(op, amount) }
            if let known = fixed[field], case .integer(let amount) = value { return .constant(op.holds(known, amount)) }
            return open(range, negated)
        case .interval(let field, let lower, let upper, let isNegated, let range):
            let holds = ValueRange(lower: lower, upper: upper)
            let negate = isNegated != negated
            if field == moneyField { return negate ? disjunction(holds.complement.map(Residual.range)) : .range(holds) }
            if let known = fixed[field] {
                let inside = !ValueRange(lower: Bound(value: known, isClosed: true), upper: Bound(value: known, isClosed: true)).intersection(holds).isEmpty
                return .constant(inside != negate)
            }
            return open(range, negated)
        case .oneOf(let field, let values, let isNegated, let range):
            if let known = fixed[field] {
                let member = values.contains(.integer(known))
                return .constant(member != (isNegated != negated))
            }
            return open(range, negated)
        case .present(let field, let isNegated, let range):
            // A fixed field is present; so is the money field wherever the ladder draws it.
            if fixed[field] != nil || field == moneyField { return .constant(isNegated == negated) }
            return open(range, negated)
        case .compareFields(_, _, _, let range), .memberOfField(_, _, _, let range), .contains(_, _, let range):
            return open(range, negated)
        }
    }

    private func open(_ range: SourceRange, _ negated: Bool) -> Residual {
        let text = program.sources[range.file].text(in: range).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        return .open(negated ? "not (\(text))" : text)
    }

    private func ranges(_ op: ComparisonOperator, _ amount: Int64) -> Residual {
        switch op {
        case .equal: .range(ValueRange(lower: Bound(value: amount, isClosed: true), upper: Bound(value: amount, isClosed: true)))
        case .notEqual: disjunction([.range(ValueRange(lower: nil, upper: Bound(value: amount, isClosed: false))),
                                     .range(ValueRange(lower: Bound(value: amount, isClosed: false), upper: nil))])
        case .less: .range(ValueRange(lower: nil, upper: Bound(value: amount, isClosed: false)))
        case .lessOrEqual: .range(ValueRange(lower: nil, upper: Bound(value: amount, isClosed: true)))
        case .greater: .range(ValueRange(lower: Bound(value: amount, isClosed: false), upper: nil))
        case .greaterOrEqual: .range(ValueRange(lower: Bound(value: amount, isClosed: true), upper: nil))
        }
    }

    private func conjunction(_ parts: [Residual]) -> Residual {
        var kept: [Residual] = []
        for part in parts {
            switch part {
            case .constant(false): return .constant(false)
            case .constant(true): continue
            case .all(let inner): kept += inner
            default: kept.append(part)
            }
        }
        if kept.isEmpty { return .constant(true) }
        return kept.count == 1 ? kept[0] : .all(kept)
    }

    private func disjunction(_ parts: [Residual]) -> Residual {
        var kept: [Residual] = []
        for part in parts {
            switch part {
            case .constant(true): return .constant(true)
            case .constant(false): continue
            case .any(let inner): kept += inner
            default: kept.append(part)
            }
        }
        if kept.isEmpty { return .constant(false) }
        if kept.count == 1 { return kept[0] }
        // A choice that does not move along the money axis is one open condition, not several bands.
        let whole = Residual.any(kept)
        return whole.mentionsMoney ? whole : .open(whole.text)
    }

    /// Multiplies a residual out into cases; nil past the limit.
    private func expand(_ residual: Residual) -> [Case]? {
        switch residual {
        case .constant(let value): return value ? [Case(range: .everything, open: [])] : []
        case .range(let range): return range.isEmpty ? [] : [Case(range: range, open: [])]
        case .open(let text): return [Case(range: .everything, open: [text])]
        case .any(let parts):
            var out: [Case] = []
            for part in parts {
                guard let cases = expand(part) else { return nil }
                out += cases
                if out.count > Self.caseLimit { return nil }
            }
            return out
        case .all(let parts):
            var out = [Case(range: .everything, open: [])]
            for part in parts {
                guard let cases = expand(part) else { return nil }
                var next: [Case] = []
                for left in out {
                    for right in cases {
                        let range = left.range.intersection(right.range)
                        if !range.isEmpty { next.append(Case(range: range, open: left.open + right.open)) }
                    }
                }
                if next.count > Self.caseLimit { return nil }
                out = next
            }
            return out
        }
    }
}
