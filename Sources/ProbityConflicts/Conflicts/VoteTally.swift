import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// A recorded vote counted under the body's voting rule: organisation votes, votes shared by a
/// group, a majority of the members present, of those voting or of all members, and the chair's
/// casting vote on a tie.
public struct VoteTally: Sendable {
    public enum Side: String, Sendable {
        case votedFor = "for", against, abstain
    }

    public enum Outcome: String, Sendable {
        case carried
        case lost
        /// Votes tied; the chair's casting vote was for.
        case tiedCarriedByCastingVote = "tied-carried-by-casting-vote"
        /// Votes tied; the chair's casting vote was against.
        case tiedLostByCastingVote = "tied-lost-by-casting-vote"
        /// Votes tied and nobody had a casting vote to give (or the chair abstained): the motion falls.
        case tiedLost = "tied-lost"
        /// A decision by email that fewer than a quorum supported by the reply date: it does not stand.
        case lostNoQuorumInFavour = "lost-no-quorum-in-favour"

        public var isCarried: Bool { self == .carried || self == .tiedCarriedByCastingVote }
    }

    /// One member's vote with the weight it carried.
    public struct Ballot: Sendable {
        public var person: String
        public var side: Side
        public var weight: VoteWeight
        public var organisation: String?
    }

    public var body: String
    public var result: Outcome
    public var votesFor: VoteWeight = .zero
    public var votesAgainst: VoteWeight = .zero
    public var abstentions: VoteWeight = .zero
    /// "members present", "those voting" or "all members" (``MajorityBase``).
    public var majorityOf: String
    /// With a majority of all members: the votes the whole body has.
    public var totalVotes: VoteWeight?
    /// With a majority of members present: the votes of the members present and entitled to vote.
    public var presentVotes: VoteWeight?
    /// Replies to a decision by email received after the stated date: not counted.
    public var lateReplies: [(person: String, date: Int32)] = []
    /// The member whose casting vote decided a tie.
    public var castingVoteBy: String?
    public var ballots: [Ballot] = []
    public var quorum: ConflictsReport.QuorumResult?
    /// For a decision by email: the date replies had to arrive by (the quorum is then of those in favour).
    public var repliesBy: Int32?
    public var findings: [Report.Finding] = []

    /// Whether the vote carried, the meeting was quorate and every name was understood: the
    /// only sense in which a report may say "carried".
    public var canProceed: Bool {
        result.isCarried && (quorum?.met ?? true) && !findings.contains(where: \.isBlocking)
    }

    /// The first line of a report: the count's result, unless the meeting was inquorate or the
    /// record has errors, in which case it is not carried whatever the count says.
    public var headline: String {
        guard result.isCarried, !canProceed else { return result.rawValue }
        if let quorum, !quorum.met { return "not carried: inquorate (the votes cast were \(result.rawValue))" }
        return "not carried: the vote record has errors (the votes cast were \(result.rawValue))"
    }

    /// Counts `votes` cast at `meeting` of its body under the program's rules.
    ///
    /// Names are matched to the body's members as attendees are. A name that is no member is a
    /// blocking finding (P1120), as is a member voting twice (P1122); a member who is not
    /// present, or has no vote, has their vote left out with a note (P1121).
    public static func count(_ votes: RecordedVotes, at meeting: Meeting, program: Program) -> Result<VoteTally, ConflictsInputError> {
        guard let body = meeting.body ?? votes.body else {
            return .failure(ConflictsInputError(code: "P1113", field: "body", message: "the meeting names no `body`, so there is no voting rule to count under"))
        }
        if let other = votes.body, let own = meeting.body, other != own {
            return .failure(ConflictsInputError(code: "P1113", field: "body",
                message: "the votes are for `\(program.bodies[other].id)` but the meeting is of `\(program.bodies[own].id)`"))
        }
        guard let committee = program.committees[body], !committee.members.isEmpty else {
            return .failure(ConflictsInputError(code: "P1113", field: "body", message: "`\(program.bodies[body].id)` has no `members` block, so its votes cannot be counted"))
        }
        let roster = BodyRoster(program: program, body: body, committee: committee, deputies: meeting.deputies)
        // By email nobody meets: the members who replied are the ones taking part.
        let attendees = votes.byEmail ? votes.voters : meeting.attendees
        // Members who left the room for the item are present at the meeting but not for the vote.
        var withdrawn: Set<Int> = []
        for name in votes.withdrew {
            if case .found(let member) = roster.names.resolve(name) { withdrawn.insert(member) }
        }
        let present = roster.seatsPresent(attendees.map { name -> (String, RecusalLevel?) in
            guard case .found(let member) = roster.names.resolve(name), withdrawn.contains(member) else { return (name, nil) }
            return (name, .exclude)
        })
        let holders = meeting.roleHolders + votes.roleHolders
        let voters = roster.voters(present.seats)
        let rule = committee.voting
        let majority = rule?.majority ?? .membersPresent
        var tally = VoteTally(body: roster.bodyID, result: .lost, majorityOf: majority.rawValue)
        tally.lateReplies = votes.lateReplies
        for name in present.unagreedDeputies {
            tally.findings.append(Report.Finding(severity: .note, code: "P1132",
                message: "deputy \"\(name)\" does not count towards quorum or vote: `\(roster.bodyID)` counts deputies only when the chair agreed their attendance, and the meeting record does not say so (`agreed_by_chair`)",
                isBlocking: false))
        }
        tally.quorum = roster.quorumResult(present.seats)
        tally.repliesBy = votes.byEmail ? votes.repliesBy : nil

        var voted: Set<Int> = []
        var chairSide: Side?
        let (chairMember, chairFindings) = chair(votes, roster: roster, present: present.seats, holders: holders)
        tally.findings += chairFindings
        for late in votes.lateReplies {
            tally.findings.append(Report.Finding(severity: .note, code: "P1131",
                message: "\(late.person) replied on \(Day(number: late.date).iso), after the stated date \(votes.repliesBy.map { Day(number: $0).iso } ?? "?"); the reply is not counted",
                isBlocking: false))
        }
        for (side, names) in [(Side.votedFor, votes.votesFor), (.against, votes.votesAgainst), (.abstain, votes.abstentions)] {
            for name in names {
                let member: Int
                switch roster.names.resolve(name) {
                case .found(let found):
                    member = found
                case .ambiguous(let candidates):
                    // Which member voted is never guessed: the candidates are named instead.
                    tally.findings.append(Report.Finding(severity: .error, code: "P1120",
                        message: "\"\(name)\" voted \(side.rawValue) but matches several members of `\(roster.bodyID)`: "
                            + candidates.map { "\"\(roster.members[$0].name)\"" }.joined(separator: ", ") + "; write the full name", isBlocking: true))
                    continue
                case .notFound:
                    let near = roster.names.suggestions(for: name).map { "\"\(roster.members[$0].name)\"" }
                    tally.findings.append(Report.Finding(severity: .error, code: "P1120",
                        message: "\"\(name)\" voted \(side.rawValue) but is no member of `\(roster.bodyID)`" + NameSuggestions.didYouMean(near), isBlocking: true))
                    continue
                }
                guard voted.insert(member).inserted else {
                    tally.findings.append(Report.Finding(severity: .error, code: "P1122",
                        message: "\(roster.members[member].name) is recorded as voting more than once", isBlocking: true))
                    continue
                }
                guard let voter = voters.first(where: { $0.occupant == member }) else {
                    let why = !roster.members[member].isVoting ? "is a non-voting member"
                        : present.seats.contains(where: { $0.occupant == member }) ? "has no vote here" : "is not among the attendees"
                    tally.findings.append(Report.Finding(severity: .note, code: "P1121",
                        message: "\(roster.members[member].name) \(why); their vote is left out", isBlocking: false))
                    continue
                }
                // Only a chair whose own vote counts has a second one to give.
                if member == chairMember { chairSide = side }
                tally.ballots.append(Ballot(person: voter.person, side: side, weight: voter.weight, organisation: voter.organisation))
                switch side {
                case .votedFor: tally.votesFor = tally.votesFor + voter.weight
                case .against: tally.votesAgainst = tally.votesAgainst + voter.weight
                case .abstain: tally.abstentions = tally.abstentions + voter.weight
                }
            }
        }

        // A majority of a base is more than half of it; exactly half is the tie the chair's
        // second vote decides. Of those voting, the base is the votes cast for and against.
        let tied: Bool
        switch majority {
        case .allMembers, .membersPresent:
            let base = majority == .allMembers ? roster.totalVotes : voters.reduce(VoteWeight.zero) { $0 + $1.weight }
            if majority == .allMembers { tally.totalVotes = base } else { tally.presentVotes = base }
            let doubled = tally.votesFor * 2
            tied = doubled == base && base != .zero
            tally.result = base < doubled ? .carried : .lost
        case .thoseVoting:
            tied = tally.votesFor == tally.votesAgainst
            tally.result = tally.votesAgainst < tally.votesFor ? .carried : .lost
        }
        var chairMayCast = true
        if let chairMember, let role = roster.roles(of: chairMember, holders).sorted().first(where: committee.chairExcludedRoles.contains) {
            chairMayCast = false
            tally.findings.append(Report.Finding(severity: .error, code: "P1135",
                message: "\(roster.members[chairMember].name) may not chair `\(roster.bodyID)`: the rules say the holder of role `\(role)` may not, so no casting vote of theirs counts",
                isBlocking: true))
        }
        if tied {
            if rule?.chairHasCastingVote == true, chairMayCast, let chairMember, let chairSide, chairSide != .abstain {
                tally.castingVoteBy = roster.members[chairMember].name
                tally.result = chairSide == .votedFor ? .tiedCarriedByCastingVote : .tiedLostByCastingVote
            } else {
                tally.result = .tiedLost
                if rule?.chairHasCastingVote == true, chairMayCast, let chairMember, !voters.contains(where: { $0.occupant == chairMember }) {
                    let why = withdrawn.contains(chairMember) ? "they left the room for it"
                        : !roster.members[chairMember].isVoting ? "a non-voting member" : "not among the attendees"
                    tally.findings.append(Report.Finding(severity: .note, code: "P1227",
                        message: "the votes are tied, but \(roster.members[chairMember].name), in the chair, has no vote on this item (\(why)), so no casting vote decides it",
                        isBlocking: false))
                } else if rule?.chairHasCastingVote == true, chairMember == nil,
                   case .unnamed(let role)? = roster.chairInLine(present.seats, holders: holders)?.holder, votes.chair == nil {
                    tally.findings.append(Report.Finding(severity: .error, code: "P1223",
                        message: "the votes are tied and the chair has a casting vote, but it falls to the holder of role `\(role)` under the chair succession of `\(roster.bodyID)`, and the papers name nobody for that role; add `\"chair\"` (or `\"holders\"`) to the votes file",
                        isBlocking: true))
                } else if rule?.chairHasCastingVote == true, chairMember == nil {
                    let chairs = present.seats.filter { roster.members[$0.occupant].isChair }.map { roster.members[$0.occupant].name }
                    let who = chairs.count > 1 ? "several members who may chair were present (\(chairs.joined(separator: ", ")))" : "no member who may chair was present"
                    tally.findings.append(Report.Finding(severity: .error, code: "P1130",
                        message: "the votes are tied and the chair has a casting vote, but the record does not say who chaired: \(who); add `\"chair\"` to the votes file",
                        isBlocking: true))
                }
            }
        }
        if votes.byEmail, rule?.emailNeedsQuorumInFavour == true {
            requireQuorumInFavour(votes, roster: roster, into: &tally)
        }
        return .success(tally)
    }

    /// A decision by email stands only if the members replying in favour by the reply date would
    /// themselves make a quorum (SEL ICP terms of reference, 11.3): the quorum is checked on them.
    private static func requireQuorumInFavour(_ votes: RecordedVotes, roster: BodyRoster, into tally: inout VoteTally) {
        let inFavour = roster.seatsPresent(votes.votesFor.map { ($0, nil) }).seats
        guard let quorum = roster.quorumResult(inFavour) else { return }
        tally.quorum = quorum
        guard !quorum.met else { return }
        let deadline = votes.repliesBy.map { Day(number: $0).iso } ?? "the reply date"
        tally.result = .lostNoQuorumInFavour
        tally.findings.append(Report.Finding(severity: .error, code: "P1123",
            message: "the decision by email does not stand: the members replying in favour by \(deadline) are not a quorum (\(quorum.failedClauses.joined(separator: "; ")))",
            isBlocking: true))
    }

    /// The member in the chair: whoever the votes name (any member: co-chairs alternate); else,
    /// with a `chair succession`, the first in line present and free to take part; else the one
    /// member present who may chair (`chair` in the members block). With several such members
    /// present (co-chairs) and none named, nobody is assumed to have chaired.
    ///
    /// When the record names a chair the succession would not have put there, it is said (P1224):
    /// the record is followed, since minutes say who actually chaired.
    private static func chair(_ votes: RecordedVotes, roster: BodyRoster, present: [BodyRoster.PresentSeat],
                              holders: [(role: String, person: String)]) -> (Int?, [Report.Finding]) {
        let line = roster.chairInLine(present, holders: holders)
        if let named = votes.chair {
            guard case .found(let member) = roster.names.resolve(named) else { return (nil, []) }
            if case .member(let expected, let role)? = line?.holder, expected != member {
                return (member, [Report.Finding(severity: .warning, code: "P1224",
                    message: "the record says \(roster.members[member].name) chaired, but under the chair succession of `\(roster.bodyID)` \(roster.members[expected].name) (role `\(role)`) was present and first in line",
                    isBlocking: false)])
            }
            return (member, [])
        }
        if let line {
            if case .member(let member, _) = line.holder { return (member, []) }
            return (nil, [])
        }
        let chairs = present.filter { roster.members[$0.occupant].isChair && ($0.level ?? .declare) < .noVote }
        return (chairs.count == 1 ? chairs[0].occupant : nil, [])
    }
}
