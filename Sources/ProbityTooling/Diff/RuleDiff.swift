import ProbitySemantics
import ProbitySupport

/// `probity diff`'s result: what changed in the rules, and which past decisions it changes.
public struct RuleDiff: Sendable {
    public var oldName: String
    public var newName: String
    public var rules: RuleChanges
    public var impact: DecisionImpact

    public init(oldName: String, newName: String, rules: RuleChanges, impact: DecisionImpact) {
        self.oldName = oldName
        self.newName = newName
        self.rules = rules
        self.impact = impact
    }

    public static let format = "probity.diff/1"

    public var text: String {
        var out = "rules: \(oldName) → \(newName)\n"
        if rules.isEmpty {
            out += "  no rule, body, procedure or field changed\n"
        }
        for rule in rules.rulesAdded { out += "  rule added: \(rule.id) \"\(rule.title)\", \(rule.location)\n" }
        for rule in rules.rulesRemoved { out += "  rule removed: \(rule.id) \"\(rule.title)\", \(rule.location)\n" }
        for rule in rules.rulesChanged {
            out += "  rule changed: \(rule.id) \"\(rule.title)\", \(rule.location)\n"
            for change in rule.changes { out += "    \(change)\n" }
        }
        for (label, items) in [("body added", rules.bodiesAdded), ("body removed", rules.bodiesRemoved),
                               ("procedure added", rules.proceduresAdded), ("procedure removed", rules.proceduresRemoved),
                               ("field added", rules.fieldsAdded), ("field removed", rules.fieldsRemoved),
                               ("field changed", rules.fieldsRetyped)] {
            for item in items { out += "  \(label): \(item)\n" }
        }
        let changed = impact.changes.count
        out += "\ndecisions: \(impact.read) read, \(impact.compared) evaluated under both versions, "
            + "\(changed) changed\n"
        for group in impact.groups {
            out += "\n\(group.kind.heading) (\(group.entries.count)):\n"
            for entry in group.entries {
                let change = entry.change
                let outcome = change.oldOutcome == change.newOutcome ? change.newOutcome.rawValue
                    : "\(change.oldOutcome.rawValue) → \(change.newOutcome.rawValue)"
                out += "  - \(change.decision) (line \(change.line), \(Day(number: change.date).iso)): \(outcome)"
                if group.kind != .authorityLost, group.kind != .authorityGained, group.kind != .outcomeChanged {
                    out += "; " + entry.details.joined(separator: "; ")
                }
                out += "\n"
            }
        }
        for (name, invalid) in [(oldName, impact.invalidUnderOld), (newName, impact.invalidUnderNew)] where !invalid.isEmpty {
            out += "\nlines that are not valid decisions under \(name) (\(invalid.count)):\n"
            for line in invalid {
                for message in line.messages { out += "  line \(line.line): \(message)\n" }
            }
        }
        return out
    }

    public var json: JSONValue {
        let r = rules
        let strings = { (items: [String]) in JSONValue.array(items.map(JSONValue.string)) }
        let summaries = { (items: [RuleChanges.RuleSummary]) in
            JSONValue.array(items.map { .object([("id", .string($0.id)), ("title", .string($0.title)), ("source", .string($0.location))]) })
        }
        let invalid = { (lines: [DecisionImpact.InvalidLine]) in
            JSONValue.array(lines.map { .object([("line", .integer($0.line)), ("errors", strings($0.messages))]) })
        }
        return .object([
            ("format", .string(RuleDiff.format)),
            ("old", .string(oldName)),
            ("new", .string(newName)),
            ("rules", .object([
                ("added", summaries(r.rulesAdded)),
                ("removed", summaries(r.rulesRemoved)),
                ("changed", .array(r.rulesChanged.map {
                    .object([("id", .string($0.id)), ("title", .string($0.title)), ("source", .string($0.location)), ("changes", strings($0.changes))])
                })),
                ("bodies_added", strings(r.bodiesAdded)),
                ("bodies_removed", strings(r.bodiesRemoved)),
                ("procedures_added", strings(r.proceduresAdded)),
                ("procedures_removed", strings(r.proceduresRemoved)),
                ("fields_added", strings(r.fieldsAdded)),
                ("fields_removed", strings(r.fieldsRemoved)),
                ("fields_changed", strings(r.fieldsRetyped)),
            ])),
            ("decisions", .object([
                ("read", .integer(impact.read)),
                ("compared", .integer(impact.compared)),
                ("changed", .integer(impact.changes.count)),
                ("groups", .array(impact.groups.map { group in
                    .object([
                        ("kind", .string(group.kind.rawValue)),
                        ("decisions", .array(group.entries.map { entry in
                            .object([
                                ("id", .string(entry.change.decision)),
                                ("line", .integer(entry.change.line)),
                                ("date", .string(Day(number: entry.change.date).iso)),
                                ("old_outcome", .string(entry.change.oldOutcome.rawValue)),
                                ("new_outcome", .string(entry.change.newOutcome.rawValue)),
                                ("details", strings(entry.details)),
                            ])
                        })),
                    ])
                })),
                ("invalid_under_old", invalid(impact.invalidUnderOld)),
                ("invalid_under_new", invalid(impact.invalidUnderNew)),
            ])),
        ])
    }
}
