import ProbityAudit
import ProbitySupport

/// The audit report's text as sentences, shared by its Markdown and HTML renderings so that
/// both say exactly what the text report says, in the board papers' style.
extension AuditReport {
    /// The page's title.
    var paperTitle: String { "Audit of \(historyFile)" }

    /// What was read and against what, for the first screen. The rules' digest is left out, as in
    /// the text report, so the report stays the same while unrelated rules change.
    var paperIntro: Sentence {
        var out: Sentence = [.text("Decisions in "), .code(historyFile), .text(" audited with the rules "), .quote(scheme.name)]
        if !scheme.version.isEmpty { out.append(.text(" (version \(scheme.version))")) }
        if let auditDate { out.append(.text(", as of \(Day(number: auditDate).iso)")) }
        out.append(.text(". Read \(decisionsRead) decision\(decisionsRead == 1 ? "" : "s")"))
        if linesUnread > 0 { out.append(.text(" (\(linesUnread) line\(linesUnread == 1 ? "" : "s") unread)")) }
        out += [.text(", \(decisionsWithDecider) with "), .code("decided_by"), .text(", \(decisionsInSplitSearch) under a threshold; ")]
        if let registerFile {
            out += [.text("register "), .code(registerFile), .text(", \(registerPeople) people; ")]
        } else {
            out.append(.text("no register; "))
        }
        out.append(.text("\(voteFiles) vote file\(voteFiles == 1 ? "" : "s")."))
        return out
    }

    /// The line under the summary table: how many findings in all.
    var paperTotal: Sentence {
        [.strong("\(findings.count) finding\(findings.count == 1 ? "" : "s")"), .text(" in all.")]
    }

    /// Each section with findings, in report order (findings are already sorted by section).
    var paperSections: [(category: AuditFinding.Category, findings: [AuditFinding])] {
        var out: [(category: AuditFinding.Category, findings: [AuditFinding])] = []
        for finding in findings {
            if out.last?.category == finding.category { out[out.count - 1].findings.append(finding) } else { out.append((finding.category, [finding])) }
        }
        return out
    }
}

extension AuditFinding.Category {
    /// The section heading as a paper prints it: the text report's, capitalised.
    var paperHeading: String { heading.prefix(1).uppercased() + heading.dropFirst() }
}

extension AuditFinding {
    /// `warning[P1810]:` then the message, names as code.
    var paperMessage: Sentence { [.strong("\(severity.rawValue)[\(code)]"), .text(": ")] + Sentence.message(message) }
}

extension AuditFinding.RuleCitation {
    /// `rule CA-X “title”, Rules/x.probity:24 — source`, as the text report cites it.
    var paperSentence: Sentence {
        var out: Sentence = [.text("rule "), .code(id), .text(" "), .quote(title), .text(", "), .code(location)]
        if let source { out.append(.text(" — \(source)")) }
        return out
    }
}

extension AuditFinding.Record {
    /// The record as the text report cites it: kind, date, value, then file and line.
    var paperSentence: Sentence { Sentence.message(text) }
}
