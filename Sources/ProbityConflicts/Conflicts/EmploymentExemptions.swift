import ProbityEngine
import ProbitySemantics

/// The `conflicts` block's `employment by … does not count when …` clauses, compiled once.
///
/// Employment counts as an interest whether or not it was declared; these clauses say in which
/// decisions working for which organisations does not (a partner's own representatives on an
/// s75 agreement between the partners). Declared interests are never affected.
struct EmploymentExemptions: Sendable {
    /// One clause that holds for a decision.
    struct Active: Sendable {
        /// Organisation indices; empty: any employer.
        var organisations: [Int]
        var reason: String
    }

    private var program = ConditionProgram()
    private var clauses: [(root: Int32, organisations: [Int], reason: String)] = []

    init(policy: ConflictPolicy?) {
        for exemption in policy?.employmentExemptions ?? [] {
            let root = program.compileRule(exemption.condition).root
            clauses.append((root, exemption.organisations, exemption.reason ?? "the rules' `employment … does not count when …`"))
        }
    }

    var isEmpty: Bool { clauses.isEmpty }

    /// The clauses whose condition holds for `decision`: an unknown condition spares nobody, so a
    /// decision missing a field is screened as if there were no clause.
    func active(for decision: Decision) -> [Active] {
        clauses.compactMap { clause in
            program.evaluate(clause.root, decision) == .yes ? Active(organisations: clause.organisations, reason: clause.reason) : nil
        }
    }

    /// The reading that spares working for `organisation` (an index; negative for a name no rule
    /// file declares) in a decision whose active clauses are `active`, or nil when it counts.
    static func exemption(of organisation: Int32, in active: [Active]) -> String? {
        for clause in active where clause.organisations.isEmpty || (organisation >= 0 && clause.organisations.contains(Int(organisation))) {
            return clause.reason
        }
        return nil
    }
}
