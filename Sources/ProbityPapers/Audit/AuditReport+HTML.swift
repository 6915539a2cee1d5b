import ProbityAudit

extension AuditReport {
    /// The audit report as one self-contained HTML page in the board papers' shell and
    /// stylesheet: the summary on the first screen, then each section's findings with their
    /// rules and records. Well-formed XML, like the papers.
    public var html: String {
        var out = HTMLPage.head(title: paperTitle)
        out += "<header>\n<h1>\(Escaping.xml(paperTitle))</h1>\n"
        out += "<p class=\"meta\">\(MeetingPaper.htmlText(paperIntro))</p>\n</header>\n<main>\n"
        out += "<section id=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">Summary</h2>\n"
        // The attendance table's style (narrow, numbers right-aligned) fits a table of counts; a
        // class of its own would change the stylesheet, and with it every paper's golden file.
        out += "<table class=\"attendance\">\n<caption>Findings in each section of the audit</caption>\n"
        out += "<thead><tr><th scope=\"col\">Section</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n"
        for (category, count) in countsByCategory {
            let heading = Escaping.xml(category.paperHeading)
            // Only sections with findings are printed, so only they can be linked to.
            let name = count > 0 ? "<a href=\"#\(Escaping.anchor(category.rawValue))\">\(heading)</a>" : heading
            out += "<tr><th scope=\"row\">\(name)</th><td class=\"votes\">\(count)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n<p>\(MeetingPaper.htmlText(paperTotal))</p>\n"
        if !limitations.isEmpty {
            out += "<h3>Not checked</h3>\n<ul class=\"limitations\">\n"
            for limitation in limitations { out += "<li>\(MeetingPaper.htmlText(Sentence.message(limitation)))</li>\n" }
            out += "</ul>\n"
        }
        out += "</section>\n"
        for (category, findings) in paperSections {
            let anchor = Escaping.anchor(category.rawValue)
            out += "<section id=\"\(anchor)\" aria-labelledby=\"\(anchor)-heading\">\n"
            out += "<h2 id=\"\(anchor)-heading\">\(Escaping.xml(category.paperHeading))</h2>\n<ul class=\"findings\">\n"
            for finding in findings {
                out += "<li class=\"\(finding.severity.rawValue)\">\(MeetingPaper.htmlText(finding.paperMessage))\n<ul>\n"
                for rule in finding.rules { out += "<li class=\"rule\">\(MeetingPaper.htmlText(rule.paperSentence))</li>\n" }
                for record in finding.records { out += "<li class=\"record\">\(MeetingPaper.htmlText(record.paperSentence))</li>\n" }
                out += "</ul>\n</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        out += "</main>\n" + HTMLPage.tail
        return out
    }
}
