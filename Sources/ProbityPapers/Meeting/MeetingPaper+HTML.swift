extension MeetingPaper {
    /// The papers as one self-contained HTML page: inline CSS, no scripts, nothing fetched.
    /// Written as well-formed XML (every element closed, attributes quoted) so that a plain XML
    /// reader can check it, with print styles for A4.
    public var html: String {
        let title = "\(bodyTitle)\(date.map { " — \(DateText.long($0))" } ?? ""): declarations and conflicts of interest"
        var out = HTMLPage.head(title: title)
        out += "<header>\n<h1>\(Escaping.xml(bodyTitle))\(date.map { "<span class=\"date\"> — \(DateText.long($0))</span>" } ?? "")</h1>\n"
        out += "<p class=\"meta\">Declarations of interest and potential conflicts of interest for each agenda item, screened against the register "
        out += "<code>\(Escaping.xml(registerFile))</code> with the rules <cite>\(Escaping.xml(schemeName))</cite>"
        out += schemeVersion.isEmpty ? "" : " (version \(Escaping.xml(schemeVersion)))"
        out += ", digest <code>\(schemeDigest.prefix(12))</code>. Names are spelt as on the register. "
        // The link only when there is a Notes section to go to.
        out += notes.isEmpty ? "No answer here rests on a placeholder or a reading of ours.</p>\n</header>\n<main>\n"
            : "Placeholders and readings of ours are marked [note N] and listed under <a href=\"#notes\">Notes</a>.</p>\n</header>\n<main>\n"

        out += declarationsSection
        out += attendanceSection
        out += meetingFindingsSection
        out += "<section id=\"items\" aria-labelledby=\"items-heading\">\n<h2 id=\"items-heading\">Agenda items</h2>\n"
        for item in items { out += Self.itemHTML(item) }
        out += "</section>\n"
        out += appendixSection
        out += notesSection
        out += "</main>\n" + HTMLPage.tail
        return out
    }

    private var declarationsSection: String {
        var out = "<section id=\"declarations\" aria-labelledby=\"declarations-heading\">\n<h2 id=\"declarations-heading\">Declarations of interest</h2>\n"
        out += "<table class=\"declarations\">\n<caption>Interests declared on the register by the people attending</caption>\n"
        out += "<colgroup><col class=\"name\"/><col class=\"role\"/><col class=\"organisation\"/><col class=\"interest\"/><col class=\"type\"/><col class=\"day\"/><col class=\"day\"/></colgroup>\n"
        out += "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Organisation</th><th scope=\"col\">Interest</th><th scope=\"col\">Type</th><th scope=\"col\">From</th><th scope=\"col\">To</th></tr></thead>\n<tbody>\n"
        for entry in declarations {
            let name = Self.htmlText([.person(entry.name)] + entry.nameNotes.map(Inline.note))
            let rows = max(entry.interests.count, 1)
            let span = rows > 1 ? " rowspan=\"\(rows)\"" : ""
            var first = "<th scope=\"row\"\(span)>\(name)</th><td\(span)>\(Escaping.xml(entry.role))</td><td\(span)>\(Escaping.xml(entry.organisation))</td>"
            if let instead = entry.instead, entry.interests.isEmpty {
                first += "<td colspan=\"4\" class=\"none\">\(Self.htmlText(instead))</td>"
                out += "<tr class=\"first\">\(first)</tr>\n"
                continue
            }
            for (index, interest) in entry.interests.enumerated() {
                var cells = index == 0 ? first : ""
                let ended = interest.hasEnded ? " <em class=\"ended\">(ended before the meeting)</em>" : ""
                cells += "<td>\(Escaping.xml(interest.nature))\(ended)</td><td>\(Escaping.xml(interest.type))</td>"
                cells += "<td class=\"day\">\(interest.from.map(DateText.register) ?? "")</td><td class=\"day\">\(interest.to.map(DateText.register) ?? "")</td>"
                out += "<tr\(index == 0 ? " class=\"first\"" : "")>\(cells)</tr>\n"
            }
        }
        out += "</tbody>\n</table>\n"
        for problem in registerProblems { out += "<p class=\"register-problem\">\(Self.htmlText(problem))</p>\n" }
        out += "</section>\n"
        return out
    }

    private var attendanceSection: String {
        guard !attendance.isEmpty else { return "" }
        var out = "<section id=\"attendance\" aria-labelledby=\"attendance-heading\">\n<h2 id=\"attendance-heading\">Attendance and votes</h2>\n"
        for sentence in attendanceSummary { out += "<p>\(Self.htmlText(sentence))</p>\n" }
        out += "<table class=\"attendance\">\n<caption>Who attends as a member, and their votes before any recusal</caption>\n"
        out += "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Attending as</th><th scope=\"col\">Votes</th></tr></thead>\n<tbody>\n"
        for entry in attendance {
            out += "<tr><th scope=\"row\">\(Escaping.xml(entry.name))</th><td>\(Escaping.xml(entry.attendingAs))</td><td class=\"votes\">\(entry.votes ?? "—")</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    /// What is true of the meeting itself (papers sent late), said once before the items.
    private var meetingFindingsSection: String {
        guard !meetingFindings.isEmpty else { return "" }
        var out = "<section id=\"meeting\" aria-labelledby=\"meeting-heading\">\n<h2 id=\"meeting-heading\">The meeting</h2>\n<ul class=\"findings\">\n"
        for finding in meetingFindings { out += "<li>\(Self.htmlText(finding))</li>\n" }
        out += "</ul>\n</section>\n"
        return out
    }

    private static func itemHTML(_ item: ItemStatement) -> String {
        let anchor = "item-" + Escaping.anchor(item.id)
        var out = "<section class=\"item\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-heading\">\n"
        out += "<h3 id=\"\(anchor)-heading\">\(Escaping.xml(item.heading))</h3>\n"
        if let decision = item.decision { out += "<p class=\"decision\">\(htmlText(decision))</p>\n" }
        if let outcome = item.outcome { out += "<p class=\"outcome\">\(htmlText(outcome))</p>\n" }
        out += "<div class=\"coi\">\n<h4>Potential conflicts of interest</h4>\n<p>\(htmlText(item.conflicts))</p>\n"
        if !item.recusals.isEmpty {
            out += "<ul class=\"recusals\">\n"
            for recusal in item.recusals {
                out += "<li class=\"\(Escaping.anchor(recusal.level))\"><strong>\(Escaping.xml(recusal.person))</strong>: \(Escaping.xml(recusal.action)).\n<ul>\n"
                for reason in recusal.reasons { out += "<li>\(htmlText(reason))</li>\n" }
                out += "</ul>\n</li>\n"
            }
            out += "</ul>\n"
        }
        if !item.notCounted.isEmpty {
            out += "<ul class=\"not-counted\">\n"
            for sentence in item.notCounted { out += "<li>\(htmlText(sentence))</li>\n" }
            out += "</ul>\n"
        }
        if let unscreened = item.unscreened { out += "<p>\(htmlText(unscreened))</p>\n" }
        if let quorum = item.quorum { out += "<p>\(htmlText(quorum))</p>\n" }
        if let voting = item.voting { out += "<p>\(htmlText(voting))</p>\n" }
        out += "</div>\n"
        if item.decision != nil {
            if let order = item.requirementsOrder {
                out += "<h4>Approvals, procedures and notices, \(htmlText(order))</h4>\n<ol class=\"requirements\">\n"
            } else {
                out += "<h4>Approvals, procedures and notices</h4>\n<ul class=\"requirements\">\n"
            }
            for requirement in item.requirements { out += "<li>\(htmlText(requirement.sentence))</li>\n" }
            out += item.requirementsOrder == nil ? "</ul>\n" : "</ol>\n"
        }
        if !item.findings.isEmpty {
            out += "<h4>Also found</h4>\n<ul class=\"findings\">\n"
            for finding in item.findings { out += "<li>\(htmlText(finding))</li>\n" }
            out += "</ul>\n"
        }
        out += "</section>\n"
        return out
    }

    private var appendixSection: String {
        var out = "<section id=\"rules\" aria-labelledby=\"rules-heading\">\n<h2 id=\"rules-heading\">Appendix: rules applied</h2>\n"
        out += "<table class=\"rules\">\n<caption>Each rule cited above, with the paper it encodes</caption>\n"
        out += "<colgroup><col class=\"rule\"/><col class=\"title\"/><col class=\"source\"/><col class=\"where\"/></colgroup>\n"
        out += "<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Title</th><th scope=\"col\">Source</th><th scope=\"col\">Where</th></tr></thead>\n<tbody>\n"
        for rule in rules {
            let notes = rule.notes.map { Self.htmlText([.note($0)]) }.joined()
            out += "<tr id=\"rule-\(Escaping.anchor(rule.id))\"><th scope=\"row\"><code>\(Escaping.xml(rule.id))</code>\(notes)</th>"
            out += "<td>\(Escaping.xml(rule.title))</td><td>\(Escaping.xml(rule.citation ?? "no source cited"))</td><td><code>\(Escaping.xml(rule.location))</code></td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    private var notesSection: String {
        guard !notes.isEmpty else { return "" }
        var out = "<section id=\"notes\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\">Notes</h2>\n<ol class=\"notes\">\n"
        for note in notes {
            out += "<li id=\"note-\(note.number)\"><em>\(note.kind.rawValue)</em>: \(Self.htmlText(note.text))</li>\n"
        }
        out += "</ol>\n</section>\n"
        return out
    }

    /// A sentence as HTML.
    public static func htmlText(_ sentence: Sentence) -> String {
        sentence.map { piece in
            switch piece {
            case .text(let text), .person(let text): Escaping.xml(text)
            case .strong(let text): "<strong>\(Escaping.xml(text))</strong>"
            case .code(let text): "<code>\(Escaping.xml(text))</code>"
            case .quote(let text): "<q>\(Escaping.xml(text))</q>"
            case .note(let number): " <a class=\"note\" href=\"#note-\(number)\">[note \(number)]</a>"
            case .rule(let id): "<a class=\"rule\" href=\"#rule-\(Escaping.anchor(id))\"><code>\(Escaping.xml(id))</code></a>"
            }
        }.joined()
    }
}
