import ProbitySupport
import ProbitySyntax

/// Describing parts of the decision space in the words of a scheme of delegation:
/// "contract-award, budget icb-delegated, value from £1,000,000.01 to £5,000,000, from 2024-01-01".
extension DecisionSpace {
    /// The dimensions in the order they are described: enumerations and other categories first,
    /// then amounts, then atoms, the decision date last.
    public var displayOrder: [Int] {
        func rank(_ d: Int) -> Int {
            if d == dateDimension { return 3 }
            switch dimensions[d].kind {
            case .categorical: return 0
            case .ordered: return 1
            case .atom: return 2
            }
        }
        return dimensions.indices.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    /// A phrase for each dimension in which `box` is narrower than `context`, skipping `skip`.
    public func describe(_ box: Box, within context: Box, skip: Set<Int> = [], program: Program) -> [String] {
        displayOrder.compactMap { d in
            guard !skip.contains(d), box.sets[d] != context.sets[d] else { return nil }
            return describe(box.sets[d], on: d, program: program)
        }
    }

    /// One dimension's set as words: "budget icb-central or council", "value up to £250,000".
    public func describe(_ set: IntervalSet, on d: Int, program: Program, withName: Bool = true) -> String {
        let dimension = dimensions[d]
        let prefix = withName && d != dateDimension ? dimension.name + " " : ""
        if set.isEmpty { return "\(prefix)nothing" }
        var parts: [String]
        switch dimension.kind {
        case .atom(let text):
            if set.intervals.isEmpty { return "\(text) undecided (a field it needs not given)" }
            let truths = set.values
            parts = [truths == [1] ? text : truths == [0] ? "not \(text)" : "\(text) or not"]
            if set.missing { parts.append("undecided") }
            return parts.joined(separator: " or ")
        case .categorical(let labels):
            let chosen = set.values.map { Int($0) }.filter { $0 < labels.count }.map { labels[$0] }
            let all = Int(dimension.domain.upperBound - dimension.domain.lowerBound + 1)
            if chosen.isEmpty {
                parts = []
            } else if chosen.count > 4, all - chosen.count <= 3, all - chosen.count > 0 {
                let others = labels.indices.filter { !set.contains(Int64($0)) }.map { labels[$0] }
                parts = ["other than \(Self.list(others, "or"))"]
            } else if chosen.count > 6 {
                parts = [chosen.prefix(5).joined(separator: ", ") + " or \(chosen.count - 5) others"]
            } else {
                parts = [Self.list(chosen, "or")]
            }
        case .ordered(let type):
            parts = set.intervals.map { describe($0, type: type, domain: dimension.domain, isDecisionDate: d == dateDimension) }
        }
        if set.missing { parts.append("not given") }
        return prefix + Self.list(parts, "or")
    }

    func describe(_ r: ClosedRange<Int64>, type: FieldType, domain: ClosedRange<Int64>, isDecisionDate: Bool) -> String {
        func show(_ n: Int64) -> String {
            switch type {
            case .money: Money(pence: n).description
            case .date: Day(number: Int32(clamping: n)).iso
            default: "\(n)"
            }
        }
        let isDate = type == .date
        switch (r.lowerBound == domain.lowerBound, r.upperBound == domain.upperBound) {
        case (true, true): return isDate ? "on any day" : "any amount"
        case (true, false): return isDate ? "until \(show(r.upperBound))" : "up to \(show(r.upperBound))"
        case (false, true): return isDate ? "from \(show(r.lowerBound))" : "above \(show(r.lowerBound - 1))"
        case (false, false):
            if r.lowerBound == r.upperBound { return isDate ? "on \(show(r.lowerBound))" : "exactly \(show(r.lowerBound))" }
            return "from \(show(r.lowerBound)) to \(show(r.upperBound))"
        }
    }

    /// A region as words for a message: "contract-award, value above £1,000,000", or
    /// "decisions from 2024-07-01" when only the date is narrowed, "every decision" when nothing
    /// is. `lead` (the kind a gap is about) comes first.
    public func describeRegion(_ box: Box, within context: Box, skip: Set<Int> = [], lead: String? = nil, program: Program) -> String {
        var words = describe(box, within: context, skip: skip, program: program)
        if let lead { words.insert(lead, at: 0) }
        if words.isEmpty { return "every decision" }
        let onlyDate = lead == nil && displayOrder.allSatisfy { $0 == dateDimension || skip.contains($0) || box.sets[$0] == context.sets[$0] }
        return (onlyDate ? "decisions " : "") + Self.joinPhrases(words)
    }

    /// Phrases for several dimensions: joined with commas, or semicolons when a phrase has a comma.
    public static func joinPhrases(_ phrases: [String]) -> String {
        phrases.joined(separator: phrases.contains { $0.contains(", ") } ? "; " : ", ")
    }

    static func list(_ items: [String], _ conjunction: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
        }
    }

    /// A period as words: "from 2024-01-01 to 2025-03-31", "always".
    public static func describePeriod(from: Int32?, until: Int32?) -> String {
        switch (from, until) {
        case let (f?, u?): "from \(Day(number: f).iso) to \(Day(number: u).iso)"
        case let (f?, nil): "from \(Day(number: f).iso)"
        case let (nil, u?): "until \(Day(number: u).iso)"
        case (nil, nil): "always"
        }
    }

    /// The text of a condition as written.
    public static func text(of condition: Condition, in program: Program) -> String? {
        // A checked `not` keeps only its operand's place in the source: put the `not` back.
        if case .not(let inner) = condition { return text(of: inner, in: program).map { "not (\($0))" } }
        guard let range = condition.range else { return nil }
        let text = program.sources[range.file].text(in: range)
        return text.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
    }

    /// A rule's requirements in brief: "approval by lcp-board; recommendation by cpag".
    public static func requirements(of rule: Rule, in program: Program) -> String {
        var parts: [String] = []
        let ids = { (bodies: [Int]) in bodies.map { "`\(program.bodies[$0].id)`" }.joined(separator: ", ") }
        if !rule.approvals.isEmpty { parts.append("approval by \(ids(rule.approvals))") }
        if !rule.recommendations.isEmpty { parts.append("recommendation by \(ids(rule.recommendations))") }
        if !rule.procedures.isEmpty { parts.append("procedure \(rule.procedures.map { "`\(program.procedures[$0].id)`" }.joined(separator: ", "))") }
        if !rule.notices.isEmpty { parts.append("notice to \(ids(rule.notices.map(\.to)))") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: "; ")
    }
}
