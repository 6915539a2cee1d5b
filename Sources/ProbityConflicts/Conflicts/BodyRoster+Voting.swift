import ProbitySemantics
import ProbitySyntax

extension BodyRoster {
    /// A member who may vote on an item, and with what weight.
    struct WeightedVoter: Sendable {
        var seat: Int
        /// The member present: the seat's member, or their deputy.
        var occupant: Int
        var person: String
        var weight: VoteWeight
        /// The organisation (or shared group) the vote belongs to, for reports.
        var organisation: String?
    }

    /// Who may vote and with what weight, under the body's voting rule.
    ///
    /// Non-voting members, and members recused with `no-vote` or `exclude`, have no vote. A group
    /// sharing N votes splits them equally among its members present and entitled to vote (one
    /// PCN representative present carries both of the PCNs' 2 votes); a group with one vote each
    /// up to N gives each member present one vote, split equally when more than N are present
    /// (one PCN representative present carries one vote). A member with `own-vote` votes in
    /// their own right. With one vote per organisation, an organisation's vote is split equally
    /// among its other representatives present. Otherwise each member has one vote.
    func voters(_ present: [PresentSeat]) -> [WeightedVoter] {
        let eligible = present.filter { members[$0.seat].isVoting && $0.level != .noVote && $0.level != .exclude }
        return eligible.map { seat in
            let member = members[seat.seat]
            let name = members[seat.occupant].name
            let organisation = member.organisation.map { organisationNames[$0] }
            if let group = member.group, let shared = voting?.groupShares[group] {
                let sharing = eligible.filter { members[$0.seat].group == group }.count
                return WeightedVoter(seat: seat.seat, occupant: seat.occupant, person: name, weight: VoteWeight(shared, over: sharing),
                                     organisation: "group \(group)")
            }
            if let group = member.group, let cap = voting?.groupCaps[group] {
                let sharing = eligible.filter { members[$0.seat].group == group }.count
                return WeightedVoter(seat: seat.seat, occupant: seat.occupant, person: name,
                                     weight: VoteWeight(min(cap, sharing), over: sharing), organisation: "group \(group)")
            }
            if member.ownVote {
                return WeightedVoter(seat: seat.seat, occupant: seat.occupant, person: name, weight: VoteWeight(1),
                                     organisation: "own vote")
            }
            if voting?.perOrganisation == true, let own = member.organisation {
                let sharing = eligible.filter { other in
                    members[other.seat].organisation == own && !isInSharedGroup(members[other.seat])
                }.count
                return WeightedVoter(seat: seat.seat, occupant: seat.occupant, person: name, weight: VoteWeight(1, over: sharing), organisation: organisation)
            }
            return WeightedVoter(seat: seat.seat, occupant: seat.occupant, person: name, weight: VoteWeight(1), organisation: organisation)
        }
    }

    /// The votes the whole body has when every seat is filled: the base of a majority of members.
    var totalVotes: VoteWeight {
        var total = VoteWeight.zero
        var groups: Set<String> = []
        var organisations: Set<Int> = []
        for seat in members.indices where members[seat].deputyFor == nil && members[seat].isVoting {
            let member = members[seat]
            if let group = member.group, let shared = voting?.groupShares[group] {
                if groups.insert(group).inserted { total = total + VoteWeight(shared) }
            } else if let group = member.group, let cap = voting?.groupCaps[group] {
                // One vote per seat in the group, at most the cap.
                if groups.insert(group).inserted {
                    let seats = members.filter { $0.group == group && $0.deputyFor == nil && $0.isVoting }.count
                    total = total + VoteWeight(min(cap, seats))
                }
            } else if member.ownVote {
                total = total + VoteWeight(1)
            } else if voting?.perOrganisation == true, let own = member.organisation {
                if organisations.insert(own).inserted { total = total + VoteWeight(1) }
            } else {
                total = total + VoteWeight(1)
            }
        }
        return total
    }

    /// Whether the member votes outside their organisation's one vote: in a group with its own
    /// votes, or in their own right.
    private func isInSharedGroup(_ member: Member) -> Bool {
        member.ownVote || (member.group.map { voting?.groupShares[$0] != nil || voting?.groupCaps[$0] != nil } ?? false)
    }
}
