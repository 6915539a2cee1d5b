import Foundation
import ProbityAudit
import ProbityPapers
import Testing

/// The audit report in the board papers' style: the shipped HTML golden passes the same
/// structural check as the papers, and a report's own text (file names, messages, register
/// quotes) can never break the markup or the Markdown.
@Suite struct AuditPaperTests {
    /// An audit of nothing, with one finding whose every text is hostile.
    static func hostileReport() -> AuditReport {
        let auditor = HistoryAuditor(program: Papers.program, historyFile: "<h>&\"x\".jsonl", register: nil, registerFile: nil,
                                     votes: [], threads: 1, asOf: nil)
        var report = auditor.finish()
        let record = AuditFinding.Record(kind: .registerRow, file: "r<1>.tsv", line: 3, person: "A & <B>", detail: "shares in *Acme* | Co </li>")
        let rule = AuditFinding.RuleCitation(id: "R<1>", title: "a \"title\" & <more>", source: "minutes <p>", location: "Rules/x.probity:1")
        report.findings = [AuditFinding(category: .registerHealth, code: "P1830", severity: .warning,
                                        message: "`<script>` declared **nothing** | at all", rules: [rule], records: [record])]
        return report
    }

    @Test func theShippedHTMLIsWellFormedAndSelfContained() throws {
        let html = try String(contentsOf: Papers.root.appendingPathComponent("Examples/audit/history-2019-2025.report.html"), encoding: .utf8)
        #expect(MarkupCheck.problems(html) == [])
        #expect(html.contains("<html lang=\"en-GB\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("@page { size: A4;"), "the papers' print stylesheet is inlined")
        // The summary comes before any section of findings.
        let summary = try #require(html.range(of: "id=\"summary\""))
        let firstSection = try #require(html.range(of: "id=\"split-contract\""))
        #expect(summary.lowerBound < firstSection.lowerBound)
    }

    @Test func hostileTextIsEscapedInHTML() {
        let html = Self.hostileReport().html
        #expect(MarkupCheck.problems(html) == [])
        #expect(!html.contains("<script"))
        #expect(html.contains("<code>&lt;script&gt;</code>"))
        #expect(html.contains("&lt;h&gt;&amp;&quot;x&quot;.jsonl"))
        #expect(html.contains("&lt;/li&gt;"))
        #expect(html.contains("<a href=\"#register-health\">Register health</a>"))
    }

    @Test func hostileTextIsEscapedInMarkdown() {
        let markdown = Self.hostileReport().markdown
        #expect(markdown.contains("- **warning\\[P1830\\]**: `<script>` declared \\*\\*nothing\\*\\* \\| at all\n"))
        #expect(markdown.contains("| Register health | 1 |\n"))
        #expect(markdown.contains("\\*Acme\\*"))
        // Every finding line is a list item; nothing a register says can open a table row.
        for line in markdown.split(separator: "\n") where line.contains("Acme") {
            #expect(line.hasPrefix("  - register row"), "\(line)")
            #expect(line.contains("\\*Acme\\* \\| Co"))
        }
        #expect(markdown.hasSuffix("\n") && !markdown.hasSuffix("\n\n"))
    }

    @Test func theSameReportRendersTheSameTwice() {
        #expect(Self.hostileReport().html == Self.hostileReport().html)
        #expect(Self.hostileReport().markdown == Self.hostileReport().markdown)
    }
}
