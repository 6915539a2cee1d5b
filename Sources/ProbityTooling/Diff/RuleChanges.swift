import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// What changed between two versions of the rules, compared by id: rules added, removed and
/// changed (title, condition, period, requirements), bodies, procedures and fields added or
/// removed, and fields whose type changed.
public struct RuleChanges: Sendable {
    public struct RuleSummary: Sendable {
        public var id: String
        public var title: String
        public var location: String
    }

    public struct ChangedRule: Sendable {
        public var id: String
        public var title: String
        /// `file:line` in the new version.
        public var location: String
        /// One line per aspect that changed: "condition: `…` → `…`".
        public var changes: [String]
    }

    public var rulesAdded: [RuleSummary] = []
    public var rulesRemoved: [RuleSummary] = []
    public var rulesChanged: [ChangedRule] = []
    public var bodiesAdded: [String] = []
    public var bodiesRemoved: [String] = []
    public var proceduresAdded: [String] = []
    public var proceduresRemoved: [String] = []
    public var fieldsAdded: [String] = []
    public var fieldsRemoved: [String] = []
    /// "value: money → number"
    public var fieldsRetyped: [String] = []

    public var isEmpty: Bool {
        rulesAdded.isEmpty && rulesRemoved.isEmpty && rulesChanged.isEmpty && bodiesAdded.isEmpty && bodiesRemoved.isEmpty
            && proceduresAdded.isEmpty && proceduresRemoved.isEmpty && fieldsAdded.isEmpty && fieldsRemoved.isEmpty && fieldsRetyped.isEmpty
    }

    public init(old: Program, new: Program) {
        let summary = { (program: Program, rule: Rule) in
            RuleSummary(id: rule.id, title: rule.title, location: program.sources.citation(of: rule.range))
        }
        for rule in new.rules where old.ruleIndex[rule.id] == nil { rulesAdded.append(summary(new, rule)) }
        for rule in old.rules where new.ruleIndex[rule.id] == nil { rulesRemoved.append(summary(old, rule)) }
        for rule in new.rules {
            guard let index = old.ruleIndex[rule.id] else { continue }
            let before = old.rules[index]
            var changes: [String] = []
            if before.title != rule.title { changes.append("title: \"\(before.title)\" → \"\(rule.title)\"") }
            let (c0, c1) = (RuleChanges.conditionText(before, old), RuleChanges.conditionText(rule, new))
            if c0 != c1 { changes.append("condition: \(c0) → \(c1)") }
            let (p0, p1) = (RuleChanges.periodText(before), RuleChanges.periodText(rule))
            if p0 != p1 { changes.append("period: \(p0) → \(p1)") }
            for (label, a, b) in [
                ("recommendation by", before.recommendations.map { old.bodies[$0].id }, rule.recommendations.map { new.bodies[$0].id }),
                ("approval by", before.approvals.map { old.bodies[$0].id }, rule.approvals.map { new.bodies[$0].id }),
                ("procedure", before.procedures.map { old.procedures[$0].id }, rule.procedures.map { new.procedures[$0].id }),
                ("notice to", before.notices.map { RuleChanges.noticeText($0, old) }, rule.notices.map { RuleChanges.noticeText($0, new) }),
            ] where a.sorted() != b.sorted() {
                changes.append("\(label): \(RuleChanges.list(a)) → \(RuleChanges.list(b))")
            }
            if !changes.isEmpty {
                rulesChanged.append(ChangedRule(id: rule.id, title: rule.title, location: new.sources.citation(of: rule.range), changes: changes))
            }
        }
        bodiesAdded = new.bodies.map(\.id).filter { old.bodyIndex[$0] == nil }
        bodiesRemoved = old.bodies.map(\.id).filter { new.bodyIndex[$0] == nil }
        proceduresAdded = new.procedures.map(\.id).filter { old.procedureIndex[$0] == nil }
        proceduresRemoved = old.procedures.map(\.id).filter { new.procedureIndex[$0] == nil }
        fieldsAdded = new.fields.map(\.name).filter { old.fieldIndex[$0] == nil }
        fieldsRemoved = old.fields.map(\.name).filter { new.fieldIndex[$0] == nil }
        for field in new.fields {
            guard let index = old.fieldIndex[field.name] else { continue }
            let before = old.fields[index]
            if before.type != field.type { fieldsRetyped.append("\(field.name): \(RuleChanges.typeText(before.type)) → \(RuleChanges.typeText(field.type))") }
            else if before.isRequired != field.isRequired { fieldsRetyped.append("\(field.name): \(before.isRequired ? "required" : "optional") → \(field.isRequired ? "required" : "optional")") }
        }
    }

    /// The condition as written (comments dropped, whitespace collapsed), in backquotes.
    static func conditionText(_ rule: Rule, _ program: Program) -> String {
        guard let condition = rule.condition, let range = condition.range else { return "none" }
        let raw = program.sources[range.file].text(in: range)
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var inString = false
            for index in line.indices {
                if line[index] == "\"" { inString.toggle() }
                if line[index] == "#", !inString { return line[..<index] }
            }
            return line
        }
        let words = lines.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        return "`" + words.joined(separator: " ") + "`"
    }

    static func periodText(_ rule: Rule) -> String {
        switch (rule.effectiveFrom, rule.effectiveUntil) {
        case let (from?, until?): "from \(Day(number: from).iso) until \(Day(number: until).iso)"
        case let (from?, nil): "from \(Day(number: from).iso)"
        case let (nil, until?): "until \(Day(number: until).iso)"
        case (nil, nil): "always"
        }
    }

    static func noticeText(_ notice: NoticeRequirement, _ program: Program) -> String {
        let to = program.bodies[notice.to].id
        return notice.deemedApprovedAfter.map { "\(to) (deemed approved after \($0))" } ?? to
    }

    static func typeText(_ type: FieldType) -> String {
        switch type {
        case .enumeration(let values): "one of \(values.joined(separator: ", "))"
        case .set(let element): "set of \(typeText(element))"
        default: type.description
        }
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }
}
