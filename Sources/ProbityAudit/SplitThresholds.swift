import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// The money bounds the rules themselves set on the summed field: every `FIELD > X`,
/// `FIELD >= X` and lower end of `FIELD in (X .. Y]` that a rule's condition requires (not
/// under a `not`). Each is a threshold a split series could be kept under.
struct SplitThresholds: Sendable {
    struct Threshold: Sendable {
        /// The rule the bound is written in.
        var rule: Int
        /// The least sum that crosses the bound (`> £250k` is crossed at £250,000.01).
        var crossing: Int64
        /// The bound as the rule sets it: "over £250,000", "£663,540 or more".
        var description: String
    }

    /// In rule order, then by amount; at most one per (rule, amount).
    let all: [Threshold]

    init(program: Program, sumField: Int) {
        var found: [Threshold] = []
        for (index, rule) in program.rules.enumerated() {
            guard let condition = rule.condition else { continue }
            var bounds: [(crossing: Int64, description: String)] = []
            SplitThresholds.lowerBounds(condition, field: sumField, into: &bounds)
            bounds.sort { $0.crossing < $1.crossing }
            for bound in bounds where !found.contains(where: { $0.rule == index && $0.crossing == bound.crossing }) {
                found.append(Threshold(rule: index, crossing: bound.crossing, description: bound.description))
            }
        }
        all = found
    }

    /// Collects the crossing value of every lower bound on `field` that `condition` can require.
    private static func lowerBounds(_ condition: Condition, field: Int, into crossings: inout [(crossing: Int64, description: String)]) {
        func over(_ value: Int64) -> (Int64, String)? { value < .max ? (value + 1, "over \(Money(pence: value))") : nil }
        func atLeast(_ value: Int64) -> (Int64, String) { (value, "\(Money(pence: value)) or more") }
        switch condition {
        case .all(let parts), .any(let parts):
            for part in parts { lowerBounds(part, field: field, into: &crossings) }
        case .not:
            break  // a bound under `not` is an upper bound: nothing is kept under it by splitting
        case .compare(let f, .greater, .integer(let value), _) where f == field:
            if let bound = over(value) { crossings.append(bound) }
        case .compare(let f, .greaterOrEqual, .integer(let value), _) where f == field:
            crossings.append(atLeast(value))
        case .interval(let f, let lower?, _, false, _) where f == field:
            if lower.isClosed { crossings.append(atLeast(lower.value)) } else if let bound = over(lower.value) { crossings.append(bound) }
        default:
            break
        }
    }
}
