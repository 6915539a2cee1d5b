import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Split contracts: series of decisions in one series (same counterparty, same requirement …)
/// within the window, each under a threshold their sum crosses.
///
/// Only what the search needs is kept of each decision (a few integers and its id), so a year
/// of a large ICB fits in memory. The search sorts once and then walks each series with two
/// pointers per threshold: linear in the decisions of a series, never quadratic.
struct SplitSearch: Sendable {
    /// What is kept of one decision that could be part of a split.
    struct Entry: Sendable {
        var series: Int32
        var date: Int32
        var line: Int32
        var value: Int64
        var id: String
    }

    let program: Program
    let plan: Plan
    let policy: AuditPolicy
    let window: Duration
    let sumField: Int
    let thresholds: SplitThresholds
    /// Threshold bits per entry.
    let words: Int
    /// The thresholds grouped by the sum that crosses them, lowest first.
    let crossings: [(crossing: Int64, thresholds: [Int])]
    /// At most this many decisions of a series are listed in its finding (the message gives
    /// the count and the sum of all of them), so one long series cannot fill the memory.
    static let recordLimit = 100

    init?(program: Program, plan: Plan) {
        guard let policy = program.audit, let window = policy.splitWindow, let sumField = policy.splitSum,
              !policy.splitBy.isEmpty else { return nil }
        self.program = program
        self.plan = plan
        self.policy = policy
        self.window = window
        self.sumField = sumField
        self.thresholds = SplitThresholds(program: program, sumField: sumField)
        self.words = max(1, (thresholds.all.count + 63) / 64)
        var groups: [Int64: [Int]] = [:]
        for (index, threshold) in thresholds.all.enumerated() { groups[threshold.crossing, default: []].append(index) }
        self.crossings = groups.keys.sorted().map { ($0, groups[$0]!) }
    }

    /// The series a decision belongs to, as text, or nil when it leaves out the first `split by`
    /// field (nothing says it went to the same counterparty as anything else).
    func seriesKey(_ decision: Decision) -> String? {
        var key = ""
        for (position, field) in policy.splitBy.enumerated() {
            guard decision.isPresent[field] else {
                if position == 0 { return nil }
                key += "\u{1F}-"
                continue
            }
            if position > 0 { key += "\u{1F}" }
            switch program.fields[field].type {
            case .organisation where decision.scalars[field] >= 0:
                key += "o\(decision.scalars[field])"
            case .organisation, .text:
                key += "t" + SplitSearch.fold(decision.texts[field] ?? "")
            default:
                key += "i\(decision.scalars[field])"
            }
        }
        return key
    }

    /// Case and runs of spaces do not make two names different series.
    static func fold(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Sets the threshold bits for which a decision counts: its value is under the bound and
    /// the rule would fire were the value just over it (so kind, budget, place and date fit).
    /// The plan is asked once per distinct bound (several rules share one), through its rule
    /// index. Returns false when no bit is set. `decision` is restored before returning.
    func eligibility(_ decision: inout Decision, into mask: inout [UInt64], matches: inout RuleMatches) -> Bool {
        for w in mask.indices { mask[w] = 0 }
        guard decision.isPresent[sumField] else { return false }
        let value = decision.scalars[sumField]
        var any = false
        for group in crossings where value < group.crossing {
            decision.scalars[sumField] = group.crossing
            plan.match(decision, into: &matches)
            for index in group.thresholds where matches.fired.contains(Int32(thresholds.all[index].rule)) {
                mask[index >> 6] |= 1 << UInt64(index & 63)
                any = true
            }
        }
        decision.scalars[sumField] = value
        return any
    }

    /// The first day after the window that opens on `date`.
    func windowEnd(_ date: Int32) -> Int32 {
        let day = Day(number: date)
        switch window.unit {
        case .days: return day.adding(days: window.amount).number
        case .workingDays: return day.adding(workingDays: window.amount).number
        case .months: return day.adding(months: window.amount).number
        case .years: return day.adding(years: window.amount).number
        }
    }

    /// Every split series among `entries` (whose threshold bits are `masks`, `words` per entry).
    func search(_ entries: [Entry], masks: [UInt64], historyFile: String) -> [AuditFinding] {
        // Sorted on one packed integer per entry (series, then date; entries are in line order,
        // so the index breaks ties by line): no strings touched while sorting a million.
        var keyed = entries.indices.map { index in
            let entry = entries[index]
            return (key: UInt64(UInt32(bitPattern: entry.series)) << 32 | UInt64(UInt32(bitPattern: entry.date) ^ 0x8000_0000),
                    index: Int32(index))
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        let order = keyed.map { Int($0.index) }
        keyed = []
        // Series found per (entries, crossing), with every rule whose bound gives it.
        var found: [[Int]: [SplitThresholds.Threshold]] = [:]
        var foundOrder: [[Int]] = []
        var eligible: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count, entries[order[end]].series == entries[order[start]].series { end += 1 }
            defer { start = end }
            guard end - start >= 2 else { continue }
            for (t, threshold) in thresholds.all.enumerated() {
                let word = t >> 6, bit = UInt64(1) << UInt64(t & 63)
                eligible.removeAll(keepingCapacity: true)
                for position in start..<end where masks[order[position] * words + word] & bit != 0 {
                    eligible.append(order[position])
                }
                guard eligible.count >= 2 else { continue }
                for run in runs(eligible, entries: entries, crossing: threshold.crossing) {
                    if found[run] != nil {
                        found[run]!.append(threshold)
                    } else {
                        found[run] = [threshold]
                        foundOrder.append(run)
                    }
                }
            }
        }
        return foundOrder.map { run in
            finding(run, entries: entries, thresholds: found[run]!, historyFile: historyFile)
        }
    }

    /// Two pointers over one series' eligible entries (sorted by date): for each entry as the
    /// end, the earliest entry still in its window is the start; when their sum crosses, the
    /// series is every eligible entry of the window opened by the start, and the search goes
    /// on after it. Each entry is passed at most twice.
    func runs(_ eligible: [Int], entries: [Entry], crossing: Int64) -> [[Int]] {
        var result: [[Int]] = []
        var left = 0, right = 0
        var sum: Int64 = 0
        while right < eligible.count {
            let date = entries[eligible[right]].date
            while left < right, windowEnd(entries[eligible[left]].date) <= date {
                sum -= entries[eligible[left]].value
                left += 1
            }
            let (total, overflow) = sum.addingReportingOverflow(entries[eligible[right]].value)
            sum = total
            if overflow || sum >= crossing, right > left {
                let end = windowEnd(entries[eligible[left]].date)
                var last = right
                while last + 1 < eligible.count, entries[eligible[last + 1]].date < end { last += 1 }
                result.append(Array(eligible[left...last]))
                left = last + 1
                right = last + 1
                sum = 0
                continue
            }
            right += 1
        }
        return result
    }

    private func finding(_ run: [Int], entries: [Entry], thresholds: [SplitThresholds.Threshold], historyFile: String) -> AuditFinding {
        // One series can be under several bounds at once: name each with the rules setting it.
        var bounds: [(crossing: Int64, description: String, rules: [Int])] = []
        for threshold in thresholds {
            if let at = bounds.firstIndex(where: { $0.crossing == threshold.crossing }) {
                if !bounds[at].rules.contains(threshold.rule) { bounds[at].rules.append(threshold.rule) }
            } else {
                bounds.append((threshold.crossing, threshold.description, [threshold.rule]))
            }
        }
        bounds.sort { $0.crossing < $1.crossing }
        let rules = bounds.flatMap(\.rules).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        var total: Int64 = 0
        for index in run { total = total.addingReportingOverflow(entries[index].value).overflow ? .max : total + entries[index].value }
        let first = entries[run[0]], last = entries[run[run.count - 1]]
        let bound = bounds.map { bound in
            bound.rules.sorted().map { "`\(program.rules[$0].id)`" }.joined(separator: ", ") + " (`\(program.fields[sumField].name)` \(bound.description))"
        }.joined(separator: " and of ")
        let listed = run.count > SplitSearch.recordLimit ? "; the first \(SplitSearch.recordLimit) of \(run.count) are listed" : ""
        let message = "\(run.count) decisions within \(window) (\(Day(number: first.date).iso) to \(Day(number: last.date).iso)), each under the threshold of \(bound), add up to \(Money(pence: total))\(listed)"
        var citations = rules.sorted().map { program.citation(ofRule: $0) }
        if let range = policy.range {
            citations.append(AuditFinding.RuleCitation(id: "audit", title: "split window \(window)", source: policy.source,
                                                       location: program.sources.citation(of: range)))
        }
        let records = run.prefix(SplitSearch.recordLimit).map { index in
            let entry = entries[index]
            return AuditFinding.Record(kind: .decision, file: historyFile, line: Int(entry.line), id: entry.id,
                                       date: entry.date, value: entry.value)
        }
        return AuditFinding(category: .splitContract, code: .splitContracts, severity: .warning, message: message,
                            date: first.date, rules: citations, records: records)
    }
}
