import Dispatch
import ProbityConflicts
import ProbityEngine
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Audits a history of decisions, fed in blocks of lines so memory stays flat however long
/// the history is: each decision is judged as it is read (delegation), and only a few integers
/// and its id are kept for the split search. Recorded votes and the register are read at the
/// end. Within a block the lines are shared among `threads` workers; the answer does not
/// depend on how many.
///
/// ```swift
/// var auditor = HistoryAuditor(program: program, historyFile: "2024.jsonl", register: register, votes: votes)
/// auditor.add(lines)            // as many blocks as there are
/// let report = auditor.finish()
/// ```
public struct HistoryAuditor {
    /// A numbered line of the history.
    public typealias Line = (number: Int, bytes: ArraySlice<UInt8>)

    let program: Program
    let plan: Plan
    let historyFile: String
    let lineAuditor: LineAuditor
    var split: SplitSearch? { lineAuditor.split }
    let register: Register?
    let registerFile: String?
    let votes: [AuditVotes]
    let threads: Int
    /// The day declarations are judged stale on; nil: the latest date in the history or votes.
    let asOf: Int32?

    var findings: [AuditFinding] = []
    var entries: [SplitSearch.Entry] = []
    var masks: [UInt64] = []
    var seriesIDs: [String: Int32] = [:]
    var kept: [String: (decision: Decision, line: Int)] = [:]
    /// For votes that name no decision: the decisions taken by their body on their date.
    var byMeeting: [Int64: [(decision: Decision, line: Int)]] = [:]
    var decidingBodies: Set<Int> = []
    var decisionsRead = 0
    var linesUnread = 0
    var decisionsWithDecider = 0
    var decisionsWithMeeting = 0
    var lastDate: Int32?

    public init(program: Program, historyFile: String, register: Register?, registerFile: String?,
                votes: [AuditVotes], threads: Int = 1, asOf: Int32? = nil) {
        self.asOf = asOf
        self.program = program
        self.plan = Plan(program: program)
        self.historyFile = historyFile
        self.lineAuditor = LineAuditor(
            historyFile: historyFile, decoder: HistoryDecoder(program: program),
            delegation: DelegationAudit(program: program, plan: plan, historyFile: historyFile,
                                        sumField: program.audit?.splitSum ?? program.fieldIndex["value"]),
            split: SplitSearch(program: program, plan: plan),
            wanted: Set(votes.filter { $0.decision == nil }.compactMap(\.decisionID)),
            wantedMeetings: Set(votes.filter { $0.decisionID == nil }.compactMap(\.meetingKey)))
        self.register = register
        self.registerFile = registerFile
        self.votes = votes
        self.threads = max(1, threads)
    }

    typealias SliceResult = LineAuditor.SliceResult

    /// Audits a block of lines. Blank lines are skipped.
    public mutating func add(_ lines: [Line]) {
        let slices = threads == 1 ? 1 : threads * 4
        var results = [SliceResult](repeating: SliceResult(), count: slices)
        let worker = lineAuditor
        results.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let start = lines.count * slice / slices, end = lines.count * (slice + 1) / slices
                base.buffer[slice] = worker.audit(lines[start..<end])
            }
        }
        for result in results { merge(result) }
    }

    /// A line the reader could not take at all (longer than the longest it reads): left out and
    /// reported as any unreadable line is, so every line read is kept or reported.
    public mutating func addUnreadable(line number: Int, reason: String) {
        linesUnread += 1
        findings.append(AuditFinding(
            category: .unreadInput, code: .unreadableHistoryLine, severity: .error,
            message: "history line \(number) could not be read and was left out: \(reason)",
            records: [AuditFinding.Record(kind: .historyLine, file: historyFile, line: number)]))
    }

    private mutating func merge(_ result: SliceResult) {
        findings += result.findings
        for (entry, series) in result.entries {
            var entry = entry
            if let id = seriesIDs[series] {
                entry.series = id
            } else {
                entry.series = Int32(seriesIDs.count)
                seriesIDs[series] = entry.series
            }
            entries.append(entry)
        }
        masks += result.masks
        for (decision, line) in result.kept where kept[decision.id] == nil { kept[decision.id] = (decision, line) }
        for (key, decision, line) in result.atMeetings where byMeeting[key, default: []].count < LineAuditor.meetingCandidates {
            byMeeting[key, default: []].append((decision, line))
        }
        decidingBodies.formUnion(result.deciders)
        decisionsRead += result.read
        linesUnread += result.unread
        decisionsWithDecider += result.withDecider
        decisionsWithMeeting += result.withMeeting
        if let date = result.lastDate { lastDate = max(lastDate ?? .min, date) }
    }

    /// The decision a votes file was cast on: given inline, named by id, or the only decision
    /// of its body on its date.
    private func voted(_ record: AuditVotes) -> VoteAudit.Voted {
        if let decision = record.decision { return .named(decision, line: 0) }
        if let id = record.decisionID {
            guard let (decision, line) = kept[id] else { return .missing(id) }
            return .named(decision, line: line)
        }
        let candidates = record.meetingKey.flatMap { byMeeting[$0] } ?? []
        if candidates.count == 1 { return .matched(candidates[0].decision, line: candidates[0].line) }
        return .unmatched(candidates: candidates.map(\.decision.id))
    }

    /// Searches for splits, screens the votes, checks the register, and sorts everything.
    public func finish() -> AuditReport {
        var all = findings
        var limitations: [String] = []
        if let split {
            all += split.search(entries, masks: masks, historyFile: historyFile)
        } else {
            limitations.append("split contracts not searched: the rules set no `split window` in an `audit` block")
        }
        if decisionsWithMeeting > 0 {
            limitations.append("\(decisionsWithMeeting) decision line(s) carry a `meeting`: its attendees are not screened here (give the recorded votes with `--votes`, or screen the meeting with `probity check --register`)")
        }
        if program.fieldIndex["decided_by"] == nil {
            limitations.append("delegation not checked: the rules declare no `decided_by` field")
        }
        var deciding = decidingBodies
        var auditDate = lastDate
        for record in votes {
            if let body = record.votes.body { deciding.insert(body) }
            if let date = record.votes.date { auditDate = max(auditDate ?? .min, date) }
        }
        if let asOf { auditDate = asOf }
        if let register, let registerFile {
            let screener = ConflictScreener(program: program, register: register)
            let voteAudit = VoteAudit(program: program, screener: screener, registerFile: registerFile, historyFile: historyFile)
            for record in votes {
                all += voteAudit.audit(record, voted: voted(record))
            }
            let health = RegisterHealth(program: program, screener: screener, registerFile: registerFile)
                .audit(decidingBodies: Array(deciding), on: auditDate)
            all += health.findings
            limitations += health.limitations
            if program.conflicts == nil {
                limitations.append("votes not screened: the rules have no `conflicts` block")
            }
        } else {
            if !votes.isEmpty { limitations.append("votes not screened: no register given (`--register FILE`)") }
            limitations.append("register health not checked: no register given (`--register FILE`)")
        }
        all.sort(by: AuditFinding.precedes)
        return AuditReport(
            scheme: program.scheme, historyFile: historyFile, decisionsRead: decisionsRead, linesUnread: linesUnread,
            decisionsWithDecider: decisionsWithDecider, decisionsInSplitSearch: entries.count, registerFile: registerFile,
            registerPeople: register?.people.count ?? 0, voteFiles: votes.count, auditDate: auditDate,
            limitations: limitations, findings: all)
    }
}

/// The part of the auditor that reads lines: everything in it is fixed before the first line,
/// so the workers of a block share it.
struct LineAuditor: Sendable {
    let historyFile: String
    let decoder: HistoryDecoder
    let delegation: DelegationAudit
    let split: SplitSearch?
    /// Decision ids the votes refer to: those decisions are kept whole.
    let wanted: Set<String>
    /// Meetings (body and date) of votes that name no decision: their decisions are kept whole.
    let wantedMeetings: Set<Int64>
    /// Enough decisions per meeting to tell one from several.
    static let meetingCandidates = 10

    /// What one slice of a block gives back, in line order.
    struct SliceResult: Sendable {
        var findings: [AuditFinding] = []
        var entries: [(entry: SplitSearch.Entry, series: String)] = []
        var masks: [UInt64] = []
        var kept: [(decision: Decision, line: Int)] = []
        var atMeetings: [(key: Int64, decision: Decision, line: Int)] = []
        var deciders: Set<Int> = []
        var read = 0
        var unread = 0
        var withDecider = 0
        var withMeeting = 0
        var lastDate: Int32?
    }

    /// Audits lines one after another: the work of one slice.
    func audit(_ lines: ArraySlice<HistoryAuditor.Line>) -> SliceResult {
        var result = SliceResult()
        var verdict = Verdict()
        var mask = [UInt64](repeating: 0, count: split?.words ?? 1)
        var matches = RuleMatches()
        for (number, bytes) in lines {
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            switch decoder.decode(Array(bytes)) {
            case .failure(let errors):
                result.unread += 1
                let message = errors.all.map { "\($0.code) \($0.message)" }.joined(separator: "; ")
                result.findings.append(AuditFinding(
                    category: .unreadInput, code: .unreadableHistoryLine, severity: .error,
                    message: "history line \(number) could not be read and was left out: \(message)",
                    records: [AuditFinding.Record(kind: .historyLine, file: historyFile, line: number)]))
            case .success(let entry):
                result.read += 1
                if entry.hasMeeting { result.withMeeting += 1 }
                var decision = entry.decision
                result.lastDate = max(result.lastDate ?? .min, decision.date)
                let found = delegation.audit(entry, line: number, verdict: &verdict)
                result.findings += found
                if let decider = verdict.decider {
                    result.withDecider += 1
                    result.deciders.insert(Int(decider))
                }
                if wanted.contains(decision.id) { result.kept.append((decision, number)) }
                if !wantedMeetings.isEmpty, let decider = verdict.decider {
                    let key = AuditVotes.meetingKey(body: Int(decider), date: decision.date)
                    if wantedMeetings.contains(key) { result.atMeetings.append((key, decision, number)) }
                }
                if let split, let series = split.seriesKey(decision), split.eligibility(&decision, into: &mask, matches: &matches) {
                    result.entries.append((SplitSearch.Entry(series: 0, date: decision.date, line: Int32(clamping: number),
                                                             value: decision.scalars[split.sumField], id: decision.id), series))
                    result.masks += mask
                }
            }
        }
        return result
    }

}
