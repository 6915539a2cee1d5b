import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Words a traced evaluation of the compiled plan: why a node came out as the trace says, in
/// the terms the rule author wrote, with the values compared ("`value` is £950,000, not above
/// £1,000,000").
///
/// It evaluates nothing. Every truth is the one the plan's evaluator reported to the trace; the
/// decision's values are read only to be shown. So a reason can never describe an answer other
/// than the one given: there is one evaluator, and this is its commentary.
package struct ConditionWording: Sendable {
    public let plan: Plan

    public init(plan: Plan) {
        self.plan = plan
    }

    var program: Program { plan.program }

    /// Why conjunct `conjunct` of rule `rule` came out as it did for `decision`, from a trace of
    /// the rule's evaluation (for near misses, which word one conjunct per rule).
    public func reason(ofConjunct conjunct: Int, rule: Int, _ decision: Decision) -> String {
        let (_, trace) = plan.trace(rule: rule, decision)
        return reason(plan.conjunctNodes(ofRule: rule)[conjunct], in: trace)
    }

    /// Why `node` came out as `trace` reports: for `all`, the first part that was false (or
    /// unknown), or every part when all held; for `any`, the part that held, the first unknown,
    /// or every part when none did; for a written test, the values it compared.
    public func reason(_ node: Int32, in trace: ConditionTrace) -> String {
        // Every node of a traced rule has its event (the recording tracer visits every part).
        let truth = trace.truth(of: node) ?? .unknown
        let truths = { (parts: [Int32]) in parts.map { trace.truth(of: $0) ?? .unknown } }
        switch plan.shape(of: node) {
        case .all(let parts):
            let partTruths = truths(parts)
            if truth != .yes, let at = partTruths.firstIndex(of: truth) { return reason(parts[at], in: trace) }
            return parts.map { reason($0, in: trace) }.joined(separator: " and ")
        case .any(let parts):
            let partTruths = truths(parts)
            if truth != .no, let at = partTruths.firstIndex(of: truth) { return reason(parts[at], in: trace) }
            return parts.map { reason($0, in: trace) }.joined(separator: ", and ")
        case .not(let part):
            let inner = reason(part, in: trace)
            return truth == .unknown ? inner : "it is not the case that \(inner)"
        case .written(let condition):
            return written(condition, truth, trace.decision)
        }
    }

    /// A test as written, with the decision's values and the truth the evaluator found.
    private func written(_ condition: Condition, _ truth: Truth, _ decision: Decision) -> String {
        let holds = truth == .yes
        switch condition {
        case .constant(let flag):
            return flag ? "always" : "never"
        case .present(let field, _, _):
            // Presence is decided even when the field is missing.
            return "`\(program.fields[field].name)` is \(decision.isPresent[field] ? "" : "not ")given"
        default:
            break
        }
        // A test of one field: the pieces a near miss also words from (one wording for both).
        if let test = FieldTestWording(condition, program: program) {
            return test.words(truth, isGiven: decision.isPresent[test.field]) { describeField(test.field, decision) }
        }
        if let missing = condition.fieldsRead.sorted().first(where: { !decision.isPresent[$0] }) {
            return "`\(program.fields[missing].name)` is not given"
        }
        switch condition {
        case .compareFields(let a, let op, let b, _):
            return sentence(field: program.fields[a].name, actual: describeField(a, decision), holds: holds, op,
                            "`\(program.fields[b].name)` (\(describeField(b, decision)))")
        case .memberOfField(let field, let setField, let negated, _):
            let isIn = holds != negated
            return "`\(program.fields[field].name)` is \(describeField(field, decision)), \(isIn ? "" : "not ")in `\(program.fields[setField].name)`"
        case .compare, .oneOf, .interval, .contains, .all, .any, .not, .constant, .present:
            return ""
        }
    }

    /// "`a` is 5, not above `b` (7)": a test comparing two fields.
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
