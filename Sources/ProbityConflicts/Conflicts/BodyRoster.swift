import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySyntax

/// A body's members, prepared once for matching attendees: each member's seat (a deputy fills
/// the seat of the member they deputise for) and an index of their names.
struct BodyRoster: Sendable {
    let bodyID: String
    let members: [Member]
    /// Per member: the member whose seat they fill — themselves, or for a deputy the member
    /// named in `deputy for` (-1 when that name is no member).
    let seatOf: [Int]
    let names: PeopleIndex
    let quorum: Quorum?
    let voting: VotingRule?
    let organisationNames: [String]
    let whenNotMet: String?
    /// Per member: whether the chair agreed their attendance as a deputy (from the meeting record).
    let agreedByChair: [Bool]
    /// The roles whose holders chair, first to last (`chair succession role …`).
    let succession: [String]
    /// Roles whose holder may not chair (`chair not role …`).
    let chairExcludedRoles: [String]

    /// The roster of `body`; a meeting's own `deputies` are added as deputies of the members
    /// they stand in for, taking their seat, role and vote.
    init(program: Program, body: Int, committee: Committee, deputies: [Meeting.Deputy] = []) {
        bodyID = program.bodies[body].id
        var members = committee.members
        var agreed = [Bool](repeating: false, count: members.count)
        let declared = PeopleIndex(members.map { RegisterPerson(name: $0.name) })
        for deputy in deputies {
            if case .found(let existing) = declared.resolve(deputy.name) {
                agreed[existing] = deputy.agreedByChair
                continue
            }
            guard case .found(let principal) = declared.resolve(deputy.deputisingFor) else { continue }
            var member = members[principal]
            member.name = deputy.name
            member.deputyFor = members[principal].name
            member.isChair = false
            members.append(member)
            agreed.append(deputy.agreedByChair)
        }
        self.members = members
        agreedByChair = agreed
        names = PeopleIndex(members.map { RegisterPerson(name: $0.name) })
        let names = self.names
        seatOf = members.indices.map { index in
            guard let principal = members[index].deputyFor else { return index }
            if case .found(let seat) = names.resolve(principal), members[seat].deputyFor == nil { return seat }
            return -1
        }
        quorum = committee.quorum
        voting = committee.voting
        succession = committee.chairSuccession
        chairExcludedRoles = committee.chairExcludedRoles
        organisationNames = program.organisations.map(\.name)
        switch committee.quorum?.whenNotMet {
        case .referTo(let other)?: whenNotMet = "refer to \(program.bodies[other].id)"
        case .deferItem?: whenNotMet = "defer"
        case nil: whenNotMet = nil
        }
    }

    /// A seat filled at the meeting, by its member or a deputy, with the occupant's recusal.
    struct PresentSeat: Sendable {
        /// The member whose seat it is (their role, group, organisation and vote).
        var seat: Int
        /// The member actually present.
        var occupant: Int
        var level: RecusalLevel?
        /// The attendee who took the seat, by position in the list given to ``seatsPresent(_:)``:
        /// whose recusal the seat carries, when the seats are worked out once for a meeting and
        /// each item's recusals are put on them afterwards.
        var attendee: Int = -1
    }

    /// The seats the attendees fill, in member order, the attendees who are no member, and the
    /// deputies left out because the chair's agreement to their attendance is not recorded.
    ///
    /// A deputy fills their principal's seat only when the quorum rule lets deputies count (and,
    /// with `deputies count when agreed by the chair`, only when the chair agreed), and only
    /// when the principal is not there too.
    func seatsPresent(_ attendees: [(written: String, level: RecusalLevel?)])
        -> (seats: [PresentSeat], nonMembers: [String], unagreedDeputies: [String]) {
        // By seat, in an array: a dictionary hashed each seat and was sorted afterwards, for every
        // line of a batch at a body's meeting.
        var bySeat = [PresentSeat?](repeating: nil, count: members.count)
        var nonMembers: [String] = []
        var unagreed: [String] = []
        let deputiesCount = quorum?.deputiesCount ?? true
        let needsAgreement = quorum?.deputiesNeedAgreement ?? false
        for (position, attendee) in attendees.enumerated() {
            guard case .found(let member) = names.resolve(attendee.written) else {
                nonMembers.append(attendee.written)
                continue
            }
            let seat = seatOf[member]
            let isDeputy = members[member].deputyFor != nil
            if isDeputy && (!deputiesCount || seat < 0) { continue }
            if isDeputy && needsAgreement && !agreedByChair[member] {
                unagreed.append(members[member].name)
                continue
            }
            // A deputy never displaces anyone; a principal displaces their deputy.
            if let taken = bySeat[seat], isDeputy || taken.occupant == member { continue }
            bySeat[seat] = PresentSeat(seat: seat, occupant: member, level: attendee.level, attendee: position)
        }
        return (bySeat.compactMap { $0 }, nonMembers, unagreed)
    }

    /// Whether a member in this seat counts towards quorum for the item. A conflicted member is
    /// one who may not vote on it (`no-vote`) or must leave the room (`exclude`): a quorum is
    /// there to make the decision, and they take no part in it. One who only declares counts.
    private func counts(_ seat: PresentSeat) -> Bool {
        guard let level = seat.level, level >= .noVote else { return true }
        return quorum?.conflictedMembersCount ?? false
    }

    /// The body's seats: every member who is not a deputy.
    private var seats: [Int] { members.indices.filter { members[$0].deputyFor == nil } }

    /// Quorum with the seats present, after recusals; nil when the body has no quorum rule.
    ///
    /// Members who may not vote (`no-vote`) or must leave the room (`exclude`) do not count
    /// unless the rule says `conflicted members count`. Each failed clause is named with its numbers.
    func quorumResult(_ present: [PresentSeat]) -> ConflictsReport.QuorumResult? {
        guard let quorum else { return nil }
        let counted = present.filter(counts)
        var failed: [String] = []
        for clause in quorum.clauses {
            let have: Int, needs: Int
            switch clause {
            case .share(let percent, let votingOnly, _):
                let base = seats.filter { !votingOnly || members[$0].isVoting }.count
                needs = (percent * base + 99) / 100
                have = counted.filter { !votingOnly || members[$0.seat].isVoting }.count
            case .count(let n, let votingOnly, _):
                needs = n
                have = counted.filter { !votingOnly || members[$0.seat].isVoting }.count
            case .roles(let n, let roles, _):
                needs = n
                have = counted.filter { members[$0.seat].role.map(roles.contains) ?? false }.count
            case .group(let n, let group, _):
                needs = n
                have = counted.filter { members[$0.seat].group == group }.count
            }
            if have < needs { failed.append("\(clause.description): \(have) of \(seatsDescribed(clause)) counted, needs \(needs)") }
        }
        return ConflictsReport.QuorumResult(body: bodyID, met: failed.isEmpty, failedClauses: failed,
                                            whenNotMet: whenNotMet, present: present.count, counted: counted.count)
    }

    /// How many seats a clause is measured against, for its message.
    private func seatsDescribed(_ clause: QuorumClause) -> String {
        switch clause {
        case .share(_, let votingOnly, _), .count(_, let votingOnly, _):
            return "\(seats.filter { !votingOnly || members[$0].isVoting }.count)"
        case .roles(_, let roles, _):
            return "\(seats.filter { members[$0].role.map(roles.contains) ?? false }.count)"
        case .group(_, let group, _):
            return "\(seats.filter { members[$0].group == group }.count)"
        }
    }
}
