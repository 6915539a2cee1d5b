import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension AuditReport {
    /// The report as JSON, format `probity.audit/1` (documented in `docs/report-format.md`).
    public var json: JSONValue {
        header(findings: .array(findings.map(\.json)))
    }

    /// The JSON text, as ``json`` would print pretty, handed to `sink` in pieces of about
    /// `chunk` bytes: the findings are written one at a time, so a report with a hundred
    /// thousand findings is never held as one tree or one string.
    public func writeJSON(chunk: Int = 1 << 20, to sink: ([UInt8]) -> Void) {
        var buffer: [UInt8] = []
        JSONWriter.appendPretty(header(findings: .array([])), to: &buffer)
        guard !findings.isEmpty else {
            sink(buffer + [UInt8(ascii: "\n")])
            return
        }
        // The header ends `"findings": []` and the closing brace: open the array instead.
        let tail = Array("[]\n}".utf8)
        precondition(buffer.suffix(tail.count).elementsEqual(tail), "the findings are the report's last member")
        buffer.removeLast(tail.count)
        buffer.append(UInt8(ascii: "["))
        for (index, finding) in findings.enumerated() {
            buffer.append(contentsOf: Array((index == 0 ? "\n    " : ",\n    ").utf8))
            JSONWriter.appendPretty(finding.json, to: &buffer, indent: 2)
            if buffer.count >= chunk {
                sink(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: Array("\n  ]\n}\n".utf8))
        sink(buffer)
    }

    private func header(findings list: JSONValue) -> JSONValue {
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
                ("by_code", .object(countsByCode.map { ($0.code.description, .integer($0.count)) })),
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
            ("findings", list),
        ])
    }
}

extension AuditFinding {
    var json: JSONValue {
        .object([
            ("category", .string(category.rawValue)),
            ("code", .string(code.description)),
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
