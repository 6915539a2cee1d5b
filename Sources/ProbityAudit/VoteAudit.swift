import ProbityConflicts
import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Conflicts in recorded votes: screens the decision voted on with the existing screener,
/// against the register as of the meeting (interests in force on the meeting's date), and
/// lists members who voted though the rules bar them from voting (`no-vote`) or exclude them
/// (`exclude`: even an abstention means they stayed for the item).
struct VoteAudit: Sendable {
    let program: Program
    let screener: ConflictScreener
    let registerFile: String
    let historyFile: String

    /// How the decision voted on was found.
    enum Voted {
        /// Named by id (or given inline, line 0) and found.
        case named(Decision, line: Int)
        /// Not named: the history's only decision by the votes' body on their date.
        case matched(Decision, line: Int)
        /// Named by id, and the history does not hold it.
        case missing(String)
        /// Not named, and the history has none, or several, by that body on that date.
        case unmatched(candidates: [String])
    }

    func audit(_ record: AuditVotes, voted: Voted) -> [AuditFinding] {
        let votes = record.votes
        let body = votes.body.map { program.bodies[$0].id } ?? "the body"
        let voteRecord = AuditFinding.Record(kind: .vote, file: record.file, line: 0, id: record.decisionID, date: votes.date,
                                             detail: record.item.map { "item \($0)" })
        let found: Decision, line: Int, matchedNote: String
        switch voted {
        case .named(let decision, let at): (found, line, matchedNote) = (decision, at, "")
        case .matched(let decision, let at):
            (found, line, matchedNote) = (decision, at, " (the votes name no decision; this is the history's only decision by `\(body)` that day)")
        case .missing(let id):
            return [AuditFinding(category: .conflictedVote, code: .votesWithoutDecision, severity: .warning,
                                 message: "`\(record.file)` records votes on `\(id)`, which the history does not hold, so they cannot be screened",
                                 date: votes.date, records: [voteRecord])]
        case .unmatched(let candidates):
            let day = votes.date.map { Day(number: $0).iso } ?? "its date"
            let which = candidates.isEmpty
                ? "the history has no decision by `\(body)` on \(day)"
                : "the history has \(candidates.count) decisions by `\(body)` on \(day) (\(candidates.map { "`\($0)`" }.joined(separator: ", ")))"
            return [AuditFinding(category: .conflictedVote, code: .votesWithoutDecision, severity: .warning,
                                 message: "`\(record.file)` names no `decision` and \(which), so the votes cannot be screened; expected `\"decision\": ID`",
                                 date: votes.date, records: [voteRecord])]
        }
        let id = found.id
        let date = votes.date ?? found.date
        // The register as of the meeting: interests in force on the day of the vote.
        var asOfMeeting = found
        asOfMeeting.date = date
        let day = Day(number: date).iso
        let decisionRecord = AuditFinding.Record(kind: .decision, file: historyFile, line: line, id: found.id, date: found.date,
                                                 value: nil)
        var findings: [AuditFinding] = []
        for (side, names, barredFrom) in [("for", votes.votesFor, RecusalLevel.noVote), ("against", votes.votesAgainst, .noVote),
                                          ("abstained", votes.abstentions, .exclude)] where !names.isEmpty {
            let meeting = Meeting(body: votes.body, date: date, attendees: names)
            let report = screener.screen(asOfMeeting, meeting: meeting)
            for recusal in report.recusals where recusal.level >= barredFrom {
                let verb = side == "abstained" ? "abstained on" : "voted \(side) on"
                let rule = recusal.level == .exclude ? "the rules exclude them from the item" : "the rules bar them from voting on it"
                let reasons = recusal.reasons.filter { $0.level >= barredFrom }
                var why: [String] = []
                for reason in reasons {
                    let text = "\(reason.kind.rawValue) interest in \(reason.organisation) (\(reason.link))"
                    if !why.contains(text) { why.append(text) }
                }
                var records = [AuditFinding.Record(kind: .vote, file: record.file, line: 0, id: id, date: date, person: recusal.person,
                                                   detail: side), decisionRecord]
                records += reasons.map { reason in
                    AuditFinding.Record(kind: .registerRow, file: registerFile, line: reason.line, person: recusal.person,
                                        detail: reason.declaration)
                }
                findings.append(AuditFinding(
                    category: .conflictedVote, code: .barredVote, severity: .error,
                    message: "`\(recusal.person)` \(verb) `\(id)` at `\(body)` on \(day), though \(rule): \(why.joined(separator: "; "))\(matchedNote)",
                    date: date, rules: conflictCitations(Set(reasons.map(\.kind))), records: records))
            }
            for name in report.unresolvedAttendees {
                findings.append(unscreened(name, "is not on the register `\(registerFile)`", side: side, id: id, record: record, date: date))
            }
            for (name, candidates) in report.ambiguousAttendees {
                findings.append(unscreened(name, "matches several people on the register (\(candidates.joined(separator: ", ")))", side: side, id: id, record: record, date: date))
            }
            for (person, pointer) in report.notScreenable {
                findings.append(unscreened(person, "declares on another register (\"\(pointer)\")", side: side, id: id, record: record, date: date))
            }
        }
        return findings
    }

    private func unscreened(_ name: String, _ why: String, side: String, id: String, record: AuditVotes, date: Int32?) -> AuditFinding {
        AuditFinding(category: .conflictedVote, code: .voterUnscreened, severity: .warning,
                     message: "`\(name)` \(side == "abstained" ? "abstained on" : "voted \(side) on") `\(id)` but \(why), so could not be screened",
                     date: date,
                     rules: program.conflicts.map { policy in
                         [AuditFinding.RuleCitation(id: "conflicts", title: "voters are screened against the register", source: policy.source,
                                                    location: program.sources.citation(of: policy.range))]
                     } ?? [],
                     records: [AuditFinding.Record(kind: .vote, file: record.file, line: 0, id: id, date: date, person: name, detail: side)])
    }

    /// The `conflicts` block's clauses for these kinds of interest.
    private func conflictCitations(_ kinds: Set<InterestKind>) -> [AuditFinding.RuleCitation] {
        guard let policy = program.conflicts else { return [] }
        let location = program.sources.citation(of: policy.range)
        return kinds.sorted { $0.rawValue < $1.rawValue }.map { kind in
            AuditFinding.RuleCitation(id: "conflicts", title: "\(kind.rawValue) -> \((policy.levels[kind] ?? .declare).rawValue)",
                                      source: policy.source, location: location)
        }
    }
}
