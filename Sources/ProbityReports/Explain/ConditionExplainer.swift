import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Evaluates checked conditions directly (not through the compiled plan) and says why each
/// part held or failed, with the values compared: "`value` is £950,000, not above £1,000,000".
///
/// This is the slow, readable path used for explanations and near misses, never per rule on the
/// hot path.
package struct ConditionExplainer: Sendable {
    public let program: Program

    public init(program: Program) {
        self.program = program
    }

    /// The truth of `condition` and a sentence explaining it.
    public func explain(_ condition: Condition, _ decision: Decision) -> (truth: Truth, reason: String) {
        switch condition {
        case .all(let parts):
            let results = parts.map { explain($0, decision) }
            if let failed = results.first(where: { $0.truth == .no }) { return (.no, failed.reason) }
            if let unknown = results.first(where: { $0.truth == .unknown }) { return (.unknown, unknown.reason) }
            return (.yes, results.map(\.reason).joined(separator: " and "))
        case .any(let parts):
            let results = parts.map { explain($0, decision) }
            if let held = results.first(where: { $0.truth == .yes }) { return (.yes, held.reason) }
            if let unknown = results.first(where: { $0.truth == .unknown }) { return (.unknown, unknown.reason) }
            return (.no, results.map(\.reason).joined(separator: ", and "))
        case .not(let inner):
            let (truth, reason) = explain(inner, decision)
            return (truth.negated, truth == .unknown ? reason : "it is not the case that \(reason)")
        case .constant(let flag):
            return (flag ? .yes : .no, flag ? "always" : "never")
        case .present(let field, let negated, _):
            // Presence is decided even when the field is missing.
            let given = decision.isPresent[field]
            return (given != negated ? .yes : .no, "`\(program.fields[field].name)` is \(given ? "" : "not ")given")
        default:
            return explainAtom(condition, decision)
        }
    }

    private func explainAtom(_ condition: Condition, _ decision: Decision) -> (truth: Truth, reason: String) {
        let fields = condition.fieldsRead.sorted()
        if let missing = fields.first(where: { !decision.isPresent[$0] }) {
            return (.unknown, "`\(program.fields[missing].name)` is not given")
        }
        switch condition {
        case .compare(let field, let op, let value, _):
            let actual = describeField(field, decision)
            let expected = program.describe(value, as: program.fields[field].type)
            let holds = compare(decision, field, op, value)
            return (holds ? .yes : .no, sentence(field: program.fields[field].name, actual: actual, holds: holds, op, expected))
        case .compareFields(let a, let op, let b, _):
            let x = decision.scalars[a], y = decision.scalars[b]
            let holds = op.holds(x, y)
            return (holds ? .yes : .no, sentence(field: program.fields[a].name, actual: describeField(a, decision), holds: holds, op,
                                                 "`\(program.fields[b].name)` (\(describeField(b, decision)))"))
        case .oneOf(let field, let members, let negated, _):
            let type = program.fields[field].type
            let isIn = members.contains { compare(decision, field, .equal, $0) }
            let listed = members.map { program.describe($0, as: type) }.joined(separator: ", ")
            let holds = isIn != negated
            return (holds ? .yes : .no, "`\(program.fields[field].name)` is \(describeField(field, decision)), \(isIn ? "" : "not ")one of \(listed)")
        case .interval(let field, let lower, let upper, let negated, _):
            let value = decision.scalars[field]
            let aboveLower = lower.map { $0.isClosed ? value >= $0.value : value > $0.value } ?? true
            let belowUpper = upper.map { $0.isClosed ? value <= $0.value : value < $0.value } ?? true
            let isIn = aboveLower && belowUpper
            let type = program.fields[field].type
            let interval = (lower.map { ($0.isClosed ? "[" : "(") + program.describe(.integer($0.value), as: type) } ?? "(")
                + " .. " + (upper.map { program.describe(.integer($0.value), as: type) + ($0.isClosed ? "]" : ")") } ?? ")")
            return (isIn != negated ? .yes : .no, "`\(program.fields[field].name)` is \(describeField(field, decision)), \(isIn ? "" : "not ")in \(interval)")
        case .memberOfField(let field, let setField, let negated, _):
            let isIn = decision.sets[setField].contains(decision.scalars[field])
            return (isIn != negated ? .yes : .no, "`\(program.fields[field].name)` is \(describeField(field, decision)), \(isIn ? "" : "not ")in `\(program.fields[setField].name)`")
        case .contains(let setField, let value, _):
            let type = program.fields[setField].type
            let has: Bool
            if case .integer(let n) = value { has = decision.sets[setField].contains(n) } else { has = false }
            return (has ? .yes : .no, "`\(program.fields[setField].name)` \(has ? "includes" : "does not include") \(program.describe(value, as: type))")
        default:
            return (.unknown, "")
        }
    }

    /// "`value` is £950,000, not above £1,000,000"; "`kind` is contract-award".
    private func sentence(field: String, actual: String, holds: Bool, _ op: ComparisonOperator, _ expected: String) -> String {
        if op == .equal {
            return holds ? "`\(field)` is \(actual)" : "`\(field)` is \(actual), not \(expected)"
        }
        return "`\(field)` is \(actual), \(holds ? "" : "not ")\(op.words) \(expected)"
    }

    /// A decision field's value as a rule file would write it.
    public func describeField(_ field: Int, _ decision: Decision) -> String {
        guard decision.isPresent[field] else { return "not given" }
        let type = program.fields[field].type
        switch type {
        case .text:
            return "\"\(decision.texts[field] ?? "")\""
        case .organisation where decision.scalars[field] == Decision.unknownOrganisation:
            return "\"\(decision.texts[field] ?? "")\" (not a declared organisation)"
        case .set(let element):
            return "{" + decision.sets[field].map { program.describe(.integer($0), as: element) }.joined(separator: ", ") + "}"
        default:
            return program.describe(.integer(decision.scalars[field]), as: type)
        }
    }

    private func compare(_ decision: Decision, _ field: Int, _ op: ComparisonOperator, _ value: Value) -> Bool {
        switch value {
        case .integer(let n): return op.holds(decision.scalars[field], n)
        case .text(let text):
            let equal = decision.texts[field] == text
            return op == .notEqual ? !equal : equal
        }
    }
}

extension ComparisonOperator {
    /// The operator in words: `value` is £950,000, not *above* £1,000,000.
    var words: String {
        switch self {
        case .equal: ""
        case .notEqual: "other than"
        case .less: "below"
        case .lessOrEqual: "at most"
        case .greater: "above"
        case .greaterOrEqual: "at least"
        }
    }
}
