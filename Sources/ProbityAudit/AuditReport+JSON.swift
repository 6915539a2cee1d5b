import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension AuditReport {
    /// The report as JSON, format `probity.audit/1` (documented in `docs/report-format.md`).
    public var json: JSONValue {
        .object([
            ("format", .string("probity.audit/1")),
            ("scheme", .object([
                ("name", .string(scheme.name)),
                ("version", .string(scheme.version)),
                ("digest", .string(scheme.digest)),
            ])),
            ("summary", .object([
                ("findings", .integer(findings.count)),
                ("by_category", .object(countsByCategory.map { ($0.category.rawValue, .integer($0.count)) })),
                ("by_code", .object(countsByCode.map { ($0.code, .integer($0.count)) })),
            ])),
            ("read", .object([
                ("history", .string(historyFile)),
                ("decisions", .integer(decisionsRead)),
                ("lines_unread", .integer(linesUnread)),
                ("with_decided_by", .integer(decisionsWithDecider)),
                ("under_a_threshold", .integer(decisionsInSplitSearch)),
                ("register", registerFile.map(JSONValue.string) ?? .null),
                ("register_people", .integer(registerPeople)),
                ("vote_files", .integer(voteFiles)),
                ("as_of", auditDate.map { .string(Day(number: $0).iso) } ?? .null),
            ])),
            ("not_checked", .array(limitations.map(JSONValue.string))),
            ("findings", .array(findings.map(\.json))),
        ])
    }
}

extension AuditFinding {
    var json: JSONValue {
        .object([
            ("category", .string(category.rawValue)),
            ("code", .string(code)),
            ("severity", .string(severity.rawValue)),
            ("message", .string(message)),
            ("date", date.map { .string(Day(number: $0).iso) } ?? .null),
            ("rules", .array(rules.map { rule in
                .object([
                    ("id", .string(rule.id)),
                    ("title", .string(rule.title)),
                    ("location", .string(rule.location)),
                    ("source", rule.source.map(JSONValue.string) ?? .null),
                ])
            })),
            ("records", .array(records.map { record in
                .object([
                    ("kind", .string(record.kind.rawValue)),
                    ("file", .string(record.file)),
                    ("line", record.line > 0 ? .integer(record.line) : .null),
                    ("id", record.id.map(JSONValue.string) ?? .null),
                    ("date", record.date.map { .string(Day(number: $0).iso) } ?? .null),
                    ("value", record.value.map { .string(Money(pence: $0).plainDecimal) } ?? .null),
                    ("person", record.person.map(JSONValue.string) ?? .null),
                    ("detail", record.detail.map(JSONValue.string) ?? .null),
                ])
            })),
        ])
    }
}
