import ProbityRegister
import ProbitySyntax

/// Per register person, per interest they declared, the kind the rules' `conflicts` block names
/// it by: what a screening reads to find an interest's level.
///
/// One array for the whole register, each person's kinds a run of it, not an array a person:
/// making 25,000 small arrays was most of the 20.7 M instructions this took on a register of
/// 100,481 rows (docs/performance.md, item 33).
struct InterestKindTable: Sendable {
    /// Every person's kinds, person after person, in the order of their interests.
    private let kinds: [InterestKind]
    /// Where each person's kinds start in `kinds`, and, last, its count.
    private let starts: [Int]

    /// The kinds of every interest on `register`.
    init(register: Register) {
        var starts: [Int] = []
        starts.reserveCapacity(register.people.count + 1)
        var total = 0
        for index in register.people.indices { total += register.people[index].interests.count }
        var kinds: [InterestKind] = []
        kinds.reserveCapacity(total)
        for index in register.people.indices {
            starts.append(kinds.count)
            for interest in register.people[index].interests { kinds.append(Self.kind(of: interest.type)) }
        }
        starts.append(kinds.count)
        self.kinds = kinds
        self.starts = starts
    }

    /// The kind of `person`'s interest numbered `interest` (both as the register numbers them).
    subscript(person: Int, interest: Int) -> InterestKind {
        // The scan numbers interests as the register does, so the index is always one of the
        // person's. Checked in debug builds only: in release builds the check made the
        // screener's callers larger and the compiler inlined less around them (3.5 K
        // instructions a line with every shipped bidder named, scripts/cliffs s-bidders-all).
        assert(interest >= 0 && starts[person] + interest < starts[person + 1], "no such interest")
        return kinds[starts[person] + interest]
    }

    /// The kind the rules' `conflicts` block names a register's interest type by. A switch, not
    /// `InterestKind(rawValue: type.rawValue)`: matching the name's string for each interest was
    /// 16 M instructions of a batch's start-up on the benchmark workload's register of 20,088 rows.
    static func kind(of type: InterestType) -> InterestKind {
        switch type {
        case .financial: .financial
        case .indirect: .indirect
        case .nonFinancialProfessional: .nonFinancialProfessional
        case .nonFinancialPersonal: .nonFinancialPersonal
        case .unspecified: .unspecified
        }
    }
}
