import Probity

/// `probity vote --meeting MEETING.json --votes VOTES.json`: counts a recorded vote under the
/// body's voting rule and says carried, lost, or tied and decided by the chair's casting vote.
/// A decision by email (`"by_email": true` in the votes file) needs no meeting file.
enum VoteCommand {
    static let options: Set<String> = ["rules", "format", "meeting", "votes"]

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try ReportFormat(arguments.value("format"))
        guard let votesPath = arguments.value("votes") else { throw UsageError("`vote` needs `--votes VOTES.json`") }
        guard arguments.positionals.isEmpty else { throw UsageError("`vote` takes no other files") }
        guard let scheme = RuleSet.load(arguments.value("rules")) else { return .badInput }
        let engine = Engine(scheme: scheme)
        guard let bytes = RuleSet.readFile(votesPath, code: .unreadableMeeting, what: "votes") else { return .badInput }
        let votes: RecordedVotes
        switch engine.votes(json: bytes) {
        case .failure(let errors):
            Output.error(errors.diagnostics(in: votesPath))
            return .badInput
        case .success(let decoded):
            votes = decoded
        }
        // A decision by email has no meeting: the replies are the participation.
        var meeting: Meeting?
        if let meetingPath = arguments.value("meeting") {
            guard let loaded = CheckContext.loadMeeting(meetingPath, engine: engine) else { return .badInput }
            meeting = loaded
        } else if !votes.byEmail {
            throw UsageError("`vote` needs `--meeting MEETING.json` (or a votes file with `\"by_email\": true`)")
        }
        switch engine.vote(votes, at: meeting) {
        case .failure(let error):
            Output.error([error.diagnostic(in: votesPath)])
            return .badInput
        case .success(let tally):
            switch format {
            case .text: Output.write(text(tally))
            case .json: Output.write(JSONWriter.pretty(json(tally)) + "\n")
            }
            return tally.canProceed ? .success : .failure
        }
    }

    private static func text(_ tally: VoteTally) -> String {
        var out = "vote of \(tally.body): \(tally.headline)\n"
        if let deadline = tally.repliesBy { out += "  a decision by email: replies received by \(Day(number: deadline).iso)\n" }
        out += "  for \(weight(tally.votesFor)), against \(weight(tally.votesAgainst)), abstaining \(weight(tally.abstentions))"
        if let total = tally.totalVotes {
            out += "; a majority of all members' \(weight(total)) votes needed"
        } else if let present = tally.presentVotes {
            out += "; a majority of the \(weight(present)) votes of members present needed"
        } else {
            out += "; a majority of those voting needed"
        }
        out += "\n"
        if let chair = tally.castingVoteBy { out += "  tie decided by the casting vote of \(chair)\n" }
        for ballot in tally.ballots {
            out += "  - \(ballot.person): \(ballot.side.rawValue), \(weight(ballot.weight))\(ballot.organisation.map { " (\($0))" } ?? "")\n"
        }
        if let quorum = tally.quorum {
            let counted = tally.repliesBy == nil ? "\(quorum.counted) counted of \(quorum.present) present" : "\(quorum.counted) members in favour"
            out += "quorum\(tally.repliesBy == nil ? "" : " in favour") of \(quorum.body): \(quorum.met ? "met" : "NOT met") (\(counted))\n"
            for clause in quorum.failedClauses { out += "  failed: \(clause)\n" }
            if !quorum.met, let action = quorum.whenNotMet { out += "  when not met: \(action)\n" }
        }
        for finding in tally.findings { out += "\(finding.line)\n" }
        return out
    }

    static func json(_ tally: VoteTally) -> JSONValue {
        .object([
            ("format", .string("probity.vote/1")),
            ("body", .string(tally.body)),
            ("result", .string(tally.result.rawValue)),
            ("carried", .bool(tally.canProceed)),
            ("headline", .string(tally.headline)),
            ("can_proceed", .bool(tally.canProceed)),
            ("for", .number(weight(tally.votesFor))),
            ("against", .number(weight(tally.votesAgainst))),
            ("abstain", .number(weight(tally.abstentions))),
            ("majority_of", .string(tally.majorityOf)),
            ("total_votes", tally.totalVotes.map { .number(weight($0)) } ?? .null),
            ("present_votes", tally.presentVotes.map { .number(weight($0)) } ?? .null),
            ("casting_vote_by", tally.castingVoteBy.map(JSONValue.string) ?? .null),
            ("by_email_replies_by", tally.repliesBy.map { .string(Day(number: $0).iso) } ?? .null),
            ("ballots", .array(tally.ballots.map { ballot in
                .object([
                    ("person", .string(ballot.person)),
                    ("vote", .string(ballot.side.rawValue)),
                    ("weight", .number(weight(ballot.weight))),
                    ("organisation", ballot.organisation.map(JSONValue.string) ?? .null),
                ])
            })),
            ("quorum", tally.quorum.map { quorum in
                .object([
                    ("body", .string(quorum.body)),
                    ("met", .bool(quorum.met)),
                    ("failed_clauses", .array(quorum.failedClauses.map(JSONValue.string))),
                    ("when_not_met", quorum.whenNotMet.map(JSONValue.string) ?? .null),
                ])
            } ?? .null),
            ("findings", .array(tally.findings.map(\.json))),
        ])
    }

    /// A weight as the reports write it (`0.5`, `2`).
    private static func weight(_ weight: VoteWeight) -> String {
        ConflictsReport.weightText(weight.value)
    }
}
