import ProbityReports

/// The meeting's roll, for papers that print it once rather than under every item.
extension ConflictScreener {
    /// An attendee as written on the attendance list, and who they are on the register.
    public struct RollEntry: Sendable, Equatable {
        /// The name as the attendance list writes it.
        public var written: String
        /// The register's index of the person, when exactly one person matches.
        public var person: Int?
        /// The register people the name could mean, when it matches several (ascending).
        public var candidates: [Int]
    }

    /// The meeting as it stands before any item: quorum and voting weights with nobody recused.
    public struct Baseline: Sendable {
        public var quorum: ConflictsReport.QuorumResult?
        public var voters: [ConflictsReport.Voter]?
        /// Attendees who are not members of the meeting's body, as written.
        public var nonMembers: [String]
    }

    /// Each attendee resolved against the register, in the order written.
    public func roll(_ meeting: Meeting) -> [RollEntry] {
        resolveAttendees(meeting).map { match in
            var candidates: [Int] = []
            if case .ambiguous(let found) = match.resolution { candidates = found }
            return RollEntry(written: match.written, person: match.person, candidates: candidates)
        }
    }

    /// The register's spelling of `written` (an attendee or a member named in the rules), when
    /// it means exactly one person on the register; nil otherwise. Papers print one spelling
    /// per person, and it is the register's.
    public func registerName(_ written: String) -> String? {
        if case .found(let person) = people.resolve(written) { return register.people[person].name }
        return nil
    }

    /// Quorum and voting weights of `meeting` with nobody recused; nil parts when its body has
    /// no `members` block.
    public func baseline(_ meeting: Meeting) -> Baseline {
        guard let body = meeting.body, let roster = rosters[body] else {
            return Baseline(quorum: nil, voters: nil, nonMembers: [])
        }
        let present = roster.seatsPresent(meeting.attendees.map { ($0, nil) })
        let voters = roster.voters(present.seats).map { voter in
            ConflictsReport.Voter(person: voter.person, weight: voter.weight.value, organisation: voter.organisation)
        }
        return Baseline(quorum: roster.quorumResult(present.seats), voters: voters, nonMembers: present.nonMembers)
    }
}
