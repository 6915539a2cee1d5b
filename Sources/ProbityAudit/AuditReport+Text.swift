import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension AuditReport {
    /// The report as text: what was read and the counts first, then each section's findings,
    /// each with its rules and records.
    public var text: String {
        var out = ""
        writeText { out += String(decoding: $0, as: UTF8.self) }
        return out
    }

    /// The text, handed to `sink` in pieces of about `chunk` bytes, finding by finding.
    public func writeText(chunk: Int = 1 << 20, to sink: ([UInt8]) -> Void) {
        var out = "audit of \(historyFile): \(findings.count) finding\(findings.count == 1 ? "" : "s")\n"
        // The digest is in the JSON report; the text stays the same while unrelated rules change.
        out += "scheme: \(scheme.name)\(scheme.version.isEmpty ? "" : " (\(scheme.version))")\n"
        out += "read: \(decisionsRead) decision\(decisionsRead == 1 ? "" : "s")"
        if linesUnread > 0 { out += " (\(linesUnread) line\(linesUnread == 1 ? "" : "s") unread)" }
        out += ", \(decisionsWithDecider) with `decided_by`, \(decisionsInSplitSearch) under a threshold"
        out += "; register \(registerFile.map { "\($0), \(registerPeople) people" } ?? "none")"
        out += "; \(voteFiles) vote file\(voteFiles == 1 ? "" : "s")"
        out += auditDate.map { "; as of \(Day(number: $0).iso)" } ?? ""
        out += "\n\nsummary:\n"
        for (category, count) in countsByCategory {
            out += "  \(category.heading): \(count)\n"
        }
        if !limitations.isEmpty {
            out += "\nnot checked:\n"
            for limitation in limitations { out += "  - \(limitation)\n" }
        }
        var current: AuditFinding.Category?
        for finding in findings {
            // Findings are sorted by category: a new one opens its section.
            if finding.category != current {
                current = finding.category
                out += "\n\(finding.category.heading)\n"
            }
            out += finding.text
            if out.utf8.count >= chunk {
                sink(Array(out.utf8))
                out = ""
            }
        }
        sink(Array(out.utf8))
    }
}

extension AuditFinding {
    /// One finding: the message, then its rules and records, indented.
    var text: String {
        var out = "  \(severity.rawValue)[\(code)]: \(message)\n"
        for rule in rules {
            out += "    rule \(rule.id) \"\(rule.title)\", \(rule.location)\(rule.source.map { " — \($0)" } ?? "")\n"
        }
        for record in records { out += "    \(record.text)\n" }
        return out
    }
}

extension AuditFinding.Record {
    /// `decision s75-1, 2024-01-02, £90,000 (history.jsonl:3)`: the record as the text report
    /// cites it, names in backticks. Public so the Markdown and HTML reports cite it the same way.
    public var text: String {
        var parts: [String] = []
        switch kind {
        case .decision: parts.append("decision \(id.map { "`\($0)`" } ?? "")")
        case .vote: parts.append("vote\(person.map { " of `\($0)`" } ?? "")\(detail.map { ": \($0)" } ?? "")")
        case .registerRow: parts.append("register row\(person.map { " of `\($0)`" } ?? "")")
        case .member: parts.append("member `\(person ?? "")`")
        case .historyLine: parts.append("history line")
        }
        if let date { parts.append(Day(number: date).iso) }
        if let value { parts.append(Money(pence: value).description) }
        var text = parts.joined(separator: ", ")
        if kind == .registerRow, let detail { text += ": \"\(detail)\"" }
        if kind != .member { text += " (\(file)\(line > 0 ? ":\(line)" : ""))" } else { text += " (\(file))" }
        return text
    }
}
