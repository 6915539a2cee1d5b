import ProbitySemantics
import ProbitySyntax

extension BodyRoster {
    /// Who is in the chair under the body's `chair succession`, and why those before them are not.
    struct ChairInLine: Sendable {
        enum Holder: Sendable, Equatable {
            /// The member in the chair, and the role they chair under.
            case member(Int, role: String)
            /// The next in line holds a role that no member has and the record does not fill
            /// (`holders`): the papers name nobody for it, so who chairs is not known here.
            case unnamed(role: String)
            /// Nobody in the line of succession is present and free to chair.
            case nobody
        }
        var holder: Holder
        /// Those earlier in the line who do not chair, each with why ("not present", "must
        /// leave the room for this item").
        var passedOver: [(name: String, role: String, why: String)] = []
        /// Names given as holders of a role in the record that match no member of the body.
        var unknownHolders: [String] = []
    }

    /// Every member who holds `role`: by the members block, or by the record's `holders`.
    private func holders(of role: String, _ recorded: [(role: String, person: String)]) -> (members: [Int], unknown: [String]) {
        var found = members.indices.filter { members[$0].deputyFor == nil && members[$0].role == role }
        var unknown: [String] = []
        for entry in recorded where entry.role == role {
            if case .found(let member) = names.resolve(entry.person) {
                if !found.contains(member) { found.append(member) }
            } else {
                unknown.append(entry.person)
            }
        }
        return (found, unknown)
    }

    /// The roles `member` holds: their own, and any the record's `holders` give them.
    func roles(of member: Int, _ recorded: [(role: String, person: String)]) -> Set<String> {
        var roles: Set<String> = members[member].role.map { [$0] } ?? []
        for entry in recorded {
            if case .found(let holder) = names.resolve(entry.person), holder == member { roles.insert(entry.role) }
        }
        return roles
    }

    /// Walks the line of succession: the first holder of the first role who is present and may
    /// take part (a member recused with `no-vote` or `exclude` cannot give the chair's second
    /// vote, and one who leaves the room cannot chair the item). Nil when the body has no
    /// succession.
    func chairInLine(_ present: [PresentSeat], holders recorded: [(role: String, person: String)]) -> ChairInLine? {
        guard !succession.isEmpty else { return nil }
        var line = ChairInLine(holder: .nobody)
        for role in succession {
            let (candidates, unknown) = holders(of: role, recorded)
            line.unknownHolders += unknown
            if candidates.isEmpty {
                line.holder = .unnamed(role: role)
                return line
            }
            for candidate in candidates {
                guard let seat = present.first(where: { $0.occupant == candidate }) else {
                    line.passedOver.append((members[candidate].name, role, "not present"))
                    continue
                }
                if let level = seat.level, level >= .noVote {
                    let why = level == .exclude ? "must leave the room for this item" : "may not vote on this item"
                    line.passedOver.append((members[candidate].name, role, why))
                    continue
                }
                line.holder = .member(candidate, role: role)
                return line
            }
        }
        return line
    }
}
