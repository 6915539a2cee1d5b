import ProbitySupport

extension Explanation {
    /// The explanation format identifier.
    public static let format = "probity.explanation/1"

    /// The explanation as JSON: every rule's verdict, the conflicts considered, and the report
    /// (`probity.report/1`) under `report`. Keys in a fixed order; rules in rule order.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("format", .string(Explanation.format)),
            ("decision", .string(decision)),
            ("date", .string(Day(number: date).iso)),
            ("outcome", .string(report.outcome.rawValue)),
            ("rules", .array(rules.map { verdict in
                .object([
                    ("id", .string(verdict.rule.id)),
                    ("title", .string(verdict.rule.title)),
                    ("source", .string(verdict.rule.location)),
                    ("status", .string(verdict.status.rawValue)),
                    ("reason", .string(verdict.reason)),
                    ("missing_fields", .array(verdict.missingFields.map(JSONValue.string))),
                    ("requires", .array(verdict.requires.map(JSONValue.string))),
                ])
            })),
        ]
        if let conflicts { members.append(("conflicts", conflicts.json)) }
        members.append(("report", report.json))
        return .object(members)
    }
}
