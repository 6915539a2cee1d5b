extension MeetingPaper {
    /// The papers as Markdown (CommonMark with pipe tables), for pasting into a board pack.
    public var markdown: String {
        var out = "# \(Escaping.markdown(bodyTitle))\(date.map { " — \(DateText.long($0))" } ?? "")\n\n"
        out += "Declarations of interest and potential conflicts of interest for each agenda item, screened against the register "
        out += "`\(registerFile)` with the rules *\(Escaping.markdown(schemeName))*"
        out += schemeVersion.isEmpty ? "" : " (version \(Escaping.markdown(schemeVersion)))"
        out += ", digest `\(schemeDigest.prefix(12))`. Names are spelt as on the register. "
        out += notes.isEmpty ? "No answer here rests on a placeholder or a reading of ours.\n\n"
            : "Placeholders and readings of ours are marked \\[note N\\] and listed under Notes.\n\n"

        out += "## Declarations of interest\n\n"
        out += "| Name | Role | Organisation | Interest | Type | From | To |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for entry in declarations {
            let name = Self.markdownText([.person(entry.name)] + entry.nameNotes.map(Inline.note))
            let role = Escaping.markdown(entry.role), organisation = Escaping.markdown(entry.organisation)
            if let instead = entry.instead, entry.interests.isEmpty {
                out += "| \(name) | \(role) | \(organisation) | \(Self.markdownText(instead)) |  |  |  |\n"
                continue
            }
            // Continuation rows leave the person's columns blank, as board packs print them.
            for (index, interest) in entry.interests.enumerated() {
                let who = index == 0 ? "\(name) | \(role) | \(organisation)" : " |  | "
                let nature = Escaping.markdown(interest.nature) + (interest.hasEnded ? " *(ended before the meeting)*" : "")
                out += "| \(who) | \(nature) | \(Escaping.markdown(interest.type)) | \(interest.from.map(DateText.register) ?? "") | \(interest.to.map(DateText.register) ?? "") |\n"
            }
        }
        out += "\n"
        for problem in registerProblems { out += Self.markdownText(problem) + "\n\n" }

        if !attendance.isEmpty {
            out += "## Attendance and votes\n\n"
            for sentence in attendanceSummary { out += Self.markdownText(sentence) + "\n\n" }
            out += "| Name | Attending as | Votes |\n|---|---|---|\n"
            for entry in attendance {
                out += "| \(Self.markdownText([.person(entry.name)])) | \(Escaping.markdown(entry.attendingAs)) | \(entry.votes ?? "—") |\n"
            }
            out += "\n"
        }

        if !meetingFindings.isEmpty {
            // What is true of the meeting itself (papers sent late): once, not on every item.
            out += "## The meeting\n\n"
            for finding in meetingFindings { out += "- " + Self.markdownText(finding) + "\n" }
            out += "\n"
        }

        out += "## Agenda items\n"
        for item in items {
            out += "\n### \(Escaping.markdown(item.heading))\n\n"
            if let decision = item.decision { out += Self.markdownText(decision) + "\n\n" }
            if let outcome = item.outcome { out += Self.markdownText(outcome) + "\n\n" }
            out += "**Potential conflicts of interest.** " + Self.markdownText(item.conflicts) + "\n"
            if !item.recusals.isEmpty {
                out += "\n"
                for recusal in item.recusals {
                    out += "- **\(Escaping.markdown(recusal.person))**: \(Escaping.markdown(recusal.action)).\n"
                    for reason in recusal.reasons { out += "  - " + Self.markdownText(reason) + "\n" }
                }
            }
            if !item.notCounted.isEmpty {
                out += "\n"
                for sentence in item.notCounted { out += "- " + Self.markdownText(sentence) + "\n" }
            }
            if let unscreened = item.unscreened { out += "\n" + Self.markdownText(unscreened) + "\n" }
            if let quorum = item.quorum { out += "\n" + Self.markdownText(quorum) + "\n" }
            if let voting = item.voting { out += "\n" + Self.markdownText(voting) + "\n" }
            if item.decision != nil {
                if let order = item.requirementsOrder {
                    out += "\n**Approvals, procedures and notices**, " + Self.markdownText(order) + ":\n\n"
                    for (number, requirement) in item.requirements.enumerated() {
                        out += "\(number + 1). " + Self.markdownText(requirement.sentence) + "\n"
                    }
                } else {
                    out += "\n**Approvals, procedures and notices.**\n\n"
                    for requirement in item.requirements { out += "- " + Self.markdownText(requirement.sentence) + "\n" }
                }
            }
            if !item.findings.isEmpty {
                out += "\n**Also found.**\n\n"
                for finding in item.findings { out += "- " + Self.markdownText(finding) + "\n" }
            }
        }

        out += "\n## Appendix: rules applied\n\n"
        out += "| Rule | Title | Source | Where |\n|---|---|---|---|\n"
        for rule in rules {
            let notes = rule.notes.map { " \\[note \($0)\\]" }.joined()
            out += "| `\(rule.id)`\(notes) | \(Escaping.markdown(rule.title)) | \(Escaping.markdown(rule.citation ?? "no source cited")) | `\(rule.location)` |\n"
        }

        if !notes.isEmpty {
            out += "\n## Notes\n\n"
            for note in notes {
                out += "\(note.number). *\(note.kind.rawValue)*: " + Self.markdownText(note.text) + "\n"
            }
        }
        return out
    }

    /// A sentence as Markdown.
    public static func markdownText(_ sentence: Sentence) -> String {
        sentence.map { piece in
            switch piece {
            case .text(let text), .person(let text): Escaping.markdown(text)
            case .strong(let text): "**\(Escaping.markdown(text))**"
            case .code(let text): "`\(text.replacingBackticks)`"
            case .quote(let text): "“\(Escaping.markdown(text))”"
            case .note(let number): " \\[note \(number)\\]"
            case .rule(let id): "`\(id.replacingBackticks)`"
            }
        }.joined()
    }
}

extension String {
    /// Code spans cannot hold a backtick; rule ids never have one, a register text might.
    var replacingBackticks: String { replacingOccurrences(of: "`", with: "'") }
}
