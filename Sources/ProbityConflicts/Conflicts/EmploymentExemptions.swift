import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// The `conflicts` block's `employment by … does not count when …` clauses, compiled once.
///
/// Employment counts as an interest whether or not it was declared; these clauses say in which
/// decisions working for which organisations does not (a partner's own representatives on an
/// s75 agreement between the partners). Declared interests are never affected.
struct EmploymentExemptions: Sendable {
    private var program = ConditionProgram()
    private var clauses: [(root: Int32, organisations: [Int], reason: String)] = []

    init(policy: ConflictPolicy?) {
        for exemption in policy?.employmentExemptions ?? [] {
            let root = program.compileRule(exemption.condition).root
            clauses.append((root, exemption.organisations, exemption.reason ?? "the rules' `employment … does not count when …`"))
        }
    }

    var isEmpty: Bool { clauses.isEmpty }

    /// The clauses whose condition holds for `decision`, by number: an unknown condition spares
    /// nobody, so a decision missing a field is screened as if there were no clause. Numbers, not
    /// copies of the clauses: a copy retained each clause's list and reason on every line.
    func active(for decision: Decision) -> [Int] {
        clauses.indices.filter { program.evaluate(clauses[$0].root, decision) == .yes }
    }

    /// The reading that spares working for `organisation` (an index; negative for a name no rule
    /// file declares) in a decision whose active clauses are `active`, or nil when it counts.
    func exemption(of organisation: Int32, in active: [Int]) -> String? {
        for clause in active where clauses[clause].organisations.isEmpty
            || (organisation >= 0 && clauses[clause].organisations.contains(Int(organisation))) {
            return clauses[clause].reason
        }
        return nil
    }

    /// The same clauses, their lists and reasons in storage of their own, for a batch worker's
    /// screener (``ConflictScreener/replica()``): a reason is quoted by every report it spares
    /// someone in.
    var withOwnStorage: EmploymentExemptions {
        var copy = self
        copy.clauses = clauses.map { ($0.root, $0.organisations.withOwnStorage, $0.reason.withOwnStorage) }
        return copy
    }
}
