import ProbitySyntax

/// P0905: a body or officer with no part in any decision: no rule requires its approval,
/// recommendation or notice, no condition names it, no quorum refers to it, and no body below
/// it in the delegation tree has a part either (a body may decide anything required of a body
/// below it, so a parent of a decider is in use).
public struct UnusedBodyRule: LintRule {
    public let code: DiagnosticCode = .unusedBody
    public let summary = "a body or officer with no path to any approval"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        var used = Set<Int>()
        for rule in program.rules {
            used.formUnion(rule.approvals)
            used.formUnion(rule.recommendations)
            used.formUnion(rule.notices.map(\.to))
            if let condition = rule.condition { used.formUnion(bodies(named: condition, program)) }
        }
        for committee in program.committees.values {
            if case .referTo(let body) = committee.quorum?.whenNotMet { used.insert(body) }
        }
        // Everything at or above a used body has a path to a decision.
        var reaches = Set<Int>()
        for body in used {
            var current: Int? = body
            var steps = 0
            while let b = current, steps <= program.bodies.count, reaches.insert(b).inserted {
                current = program.bodies[b].parent
                steps += 1
            }
        }
        return program.bodies.indices.filter { !reaches.contains($0) }.map { index in
            let body = program.bodies[index]
            let what = body.kind == .officer ? "officer" : "body"
            var finding = LintFinding(.warning(code, "\(what) `\(body.id)` (\(body.title)) has no part in any decision: no rule requires its approval, recommendation or notice, and nothing below it has one",
                                               at: body.range))
            // A body that only meets, or only advises, may be declared on purpose: it can say so.
            finding.bodies = [index]
            return finding
        }
    }

    /// Bodies a condition compares a `body` field with.
    func bodies(named condition: Condition, _ program: Program) -> Set<Int> {
        switch condition {
        case .all(let parts), .any(let parts): return parts.reduce(into: []) { $0.formUnion(bodies(named: $1, program)) }
        case .not(let inner): return bodies(named: inner, program)
        case .compare(let f, _, .integer(let n), _), .contains(let f, .integer(let n), _):
            return isBody(f, program) ? [Int(n)] : []
        case .oneOf(let f, let values, _, _):
            guard isBody(f, program) else { return [] }
            return Set(values.compactMap { if case .integer(let n) = $0 { Int(n) } else { nil } })
        default: return []
        }
    }

    func isBody(_ field: Int, _ program: Program) -> Bool {
        let type = program.fields[field].type
        return type == .body || type == .set(.body)
    }
}
