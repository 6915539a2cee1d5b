import ProbitySemantics
import ProbitySupport

extension BodyRoster {
    /// The same roster, its texts and tables in storage of their own, for a batch worker's
    /// screener (``ConflictScreener/replica()``). A meeting's seats hold their body's roster, and
    /// each line that names the body copies it and writes its members' names into the report
    /// (the voters, the chair): two workers holding one roster retained the same objects on
    /// every such line (with the names memo, 50 retains a line by whichever worker retained
    /// each shared object less, with a board's meeting on every line: docs/performance.md,
    /// item 37).
    var withOwnStorage: BodyRoster {
        BodyRoster(replicating: self)
    }

    private init(replicating other: BodyRoster) {
        bodyID = other.bodyID.withOwnStorage
        members = other.members.map { member in
            var own = member
            own.name = member.name.withOwnStorage
            own.role = member.role?.withOwnStorage
            own.group = member.group?.withOwnStorage
            own.deputyFor = member.deputyFor?.withOwnStorage
            return own
        }
        seatOf = other.seatOf.withOwnStorage
        names = other.names.replica()
        quorum = other.quorum.map { quorum in
            var own = quorum
            own.clauses = quorum.clauses.map { clause in
                switch clause {
                case .roles(let count, let roles, let range): .roles(count, roles.map(\.withOwnStorage), range)
                case .group(let count, let group, let range): .group(count, group.withOwnStorage, range)
                case .share, .count: clause
                }
            }
            own.source = quorum.source?.withOwnStorage
            return own
        }
        voting = other.voting.map { voting in
            var own = voting
            own.groupShares = Dictionary(uniqueKeysWithValues: voting.groupShares.map { ($0.key.withOwnStorage, $0.value) })
            own.groupCaps = Dictionary(uniqueKeysWithValues: voting.groupCaps.map { ($0.key.withOwnStorage, $0.value) })
            own.source = voting.source?.withOwnStorage
            return own
        }
        organisationNames = other.organisationNames.map(\.withOwnStorage)
        whenNotMet = other.whenNotMet?.withOwnStorage
        agreedByChair = other.agreedByChair.withOwnStorage
        succession = other.succession.map(\.withOwnStorage)
        chairExcludedRoles = other.chairExcludedRoles.map(\.withOwnStorage)
    }
}
