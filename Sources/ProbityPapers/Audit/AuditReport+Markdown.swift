import ProbityAudit

extension AuditReport {
    /// The audit report as Markdown (CommonMark with pipe tables), in the board papers' style:
    /// what was read and the counts first, then each section's findings with their rules and
    /// records, as the text report gives them.
    public var markdown: String {
        var out = "# \(Escaping.markdown(paperTitle))\n\n"
        out += MeetingPaper.markdownText(paperIntro) + "\n\n"
        out += "## Summary\n\n| Section | Findings |\n|---|---|\n"
        for (category, count) in countsByCategory {
            out += "| \(Escaping.markdown(category.paperHeading)) | \(count) |\n"
        }
        out += "\n" + MeetingPaper.markdownText(paperTotal) + "\n\n"
        if !limitations.isEmpty {
            out += "### Not checked\n\n"
            for limitation in limitations { out += "- " + MeetingPaper.markdownText(Sentence.message(limitation)) + "\n" }
            out += "\n"
        }
        for (category, findings) in paperSections {
            out += "## \(Escaping.markdown(category.paperHeading))\n\n"
            for finding in findings {
                out += "- " + MeetingPaper.markdownText(finding.paperMessage) + "\n"
                for rule in finding.rules { out += "  - " + MeetingPaper.markdownText(rule.paperSentence) + "\n" }
                for record in finding.records { out += "  - " + MeetingPaper.markdownText(record.paperSentence) + "\n" }
            }
            out += "\n"
        }
        // One newline at the end, not a blank line.
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}
