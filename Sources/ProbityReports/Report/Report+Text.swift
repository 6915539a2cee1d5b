import ProbityRegister
import ProbitySupport
import ProbitySyntax

extension Report {
    /// The report as a person reads it in a terminal.
    public var text: String {
        var out = "decision \(decision) (\(Day(number: date).iso)): \(outcome.rawValue)"
        if !placeholders.isEmpty { out += " on placeholder limits" }
        out += canProceed ? " — may proceed with the approvals below\n" : " — may not proceed as proposed\n"
        for use in placeholders {
            out += "placeholder: `\(use.name)` = \(use.value) (\(use.rules.joined(separator: ", "))), to be replaced with \(use.replaceWith)\n"
        }
        for entry in undeclaredOrganisations {
            out += "not understood: `\(entry.field)` \"\(entry.written)\" is no organisation the rules declare; the rules testing it took it as none of them\n"
        }
        for note in conflicts?.headlineNotes ?? [] { out += note + "\n" }
        out += "scheme: \(scheme.name)\(scheme.version.isEmpty ? "" : " (\(scheme.version))"), digest \(scheme.digest.prefix(12))\n"
        if let decidedBy { out += "proposed decider: \(decidedBy)\n" }
        if !steps.isEmpty {
            let rules = stepsOrderedBy.map { "\($0.id), \($0.location)" }.joined(separator: "; ")
            out += "\nsteps, in the order the rules give (rule \(rules); the rules' reading of the paper they cite):\n"
            for (number, step) in steps.enumerated() {
                out += "  \(number + 1). \(describe(step))\n"
            }
        }
        if !approvals.isEmpty {
            out += "\napprovals, in order:\n"
            for (number, approval) in approvals.enumerated() {
                out += "  \(number + 1). \(approval.action == .recommend ? "recommendation by" : "approval by") \(approval.by) (\(approval.byTitle))\n"
                out += "     rule \(approval.rule.id) \"\(approval.rule.title)\", \(approval.rule.location)\(cited(approval.rule))\n"
                if approval.rules.count > 1 { out += "     also required by \(approval.rules.dropFirst().joined(separator: ", "))\n" }
            }
        }
        if !procedures.isEmpty {
            out += "\nprocedures:\n"
            for procedure in procedures {
                out += "  - \(procedure.id): \(procedure.title)\n"
                out += "     rule \(procedure.rule.id) \"\(procedure.rule.title)\", \(procedure.rule.location)\(cited(procedure.rule))\n"
            }
        }
        if !notices.isEmpty {
            out += "\nnotices:\n"
            for notice in notices {
                out += "  - notice to \(notice.to) (\(notice.toTitle))"
                if let period = notice.deemedApprovedAfter, let on = notice.deemedApprovedOn {
                    out += ": deemed approved after \(period) without objection, on \(Day(number: on).iso)"
                }
                out += "\n     rule \(notice.rule.id) \"\(notice.rule.title)\", \(notice.rule.location)\(cited(notice.rule))\n"
            }
        }
        if !nearMisses.isEmpty {
            out += "\nnearest rules:\n"
            for miss in nearMisses {
                out += "  - \(miss.rule.id) \"\(miss.rule.title)\", \(miss.rule.location): \(miss.reason)\n"
            }
        }
        if !undecided.isEmpty {
            out += "\nundecided for want of a field:\n"
            for entry in undecided {
                out += "  - \(entry.rule.id) \"\(entry.rule.title)\" needs \(entry.missingFields.map { "`\($0)`" }.joined(separator: ", "))\n"
            }
        }
        if let conflicts { out += conflicts.text }
        if !findings.isEmpty {
            out += "\nfindings:\n"
            for finding in findings { out += "  \(finding.line)\n" }
        }
        return out
    }

    private func cited(_ rule: RuleReference) -> String {
        rule.citation.map { " — \($0)" } ?? ""
    }
}

extension ConflictsReport {
    public var text: String { text(withAttendeeIssues: true) }

    /// What the screening rests on that a reader must see first: each name screened by its
    /// exact text only, because it matched nothing.
    public var headlineNotes: [String] {
        unmatchedOrganisations.map { entry in
            "screened by exact text only: \"\(entry.written)\" (\(entry.role)) matched no declared organisation, alias or register entry"
        }
    }

    /// The conflicts part as text. An agenda states the attendee issues (names not on the
    /// register, people who cannot be screened) once for the meeting, so leaves them out per item.
    public func text(withAttendeeIssues: Bool) -> String {
        var out = "\nconflicts of interest"
        if !organisationsScreened.isEmpty { out += " (screened against \(organisationsScreened.joined(separator: ", ")))" }
        out += ":\n"
        if !registerScreened {
            out += "  no register was given: nobody was screened, only the quorum was checked\n"
        } else if recusals.isEmpty && unmatchedOrganisations.isEmpty {
            out += "  nobody must recuse\n"
        } else if recusals.isEmpty {
            out += "  nobody was found to recuse, but not every name was understood:\n"
        }
        for spared in notCounted {
            out += "  - \(spared.person): not counted: \(spared.declaration) [\(spared.organisation)]: \(spared.reason)\n"
        }
        for recusal in recusals {
            out += "  - \(recusal.person): \(recusal.level.rawValue)\n"
            for reason in recusal.reasons {
                out += "     \(reason.kind.rawValue) → \(reason.level.rawValue): \(reason.declaration) [\(reason.organisation), \(reason.link)\(reason.line > 0 ? "; register line \(reason.line)" : "")]"
                out += (reason.shapedAlias.map { " (\"\($0)\" read as \(reason.organisation): an office held in it, by the rules' `aliases` shape)" } ?? "")
                out += (reason.lookBack.map { " (\($0))" } ?? "") + "\n"
            }
        }
        for entry in unmatchedOrganisations {
            out += "  ! \"\(entry.written)\" (\(entry.role)) matches no declared organisation, alias or register entry: screened by its exact text only"
            out += NameSuggestions.didYouMean(entry.suggestions.map(\.text)) + "\n"
        }
        if withAttendeeIssues {
            for (index, name) in unresolvedAttendees.enumerated() {
                let suggestions = index < attendeeSuggestions.count ? attendeeSuggestions[index] : []
                out += "  ! attendee \"\(name)\" is not on the register\(NameSuggestions.didYouMean(suggestions.map { "\"\($0)\"" }))\n"
            }
            for entry in ambiguousAttendees {
                out += "  ! attendee \"\(entry.written)\" matches several people: \(entry.candidates.joined(separator: "; "))\n"
            }
            for entry in notScreenable { out += "  ! \(entry.person) cannot be screened here: \(entry.pointer)\n" }
        }
        if let quorum {
            out += "quorum of \(quorum.body): \(quorum.met ? "met" : "NOT met") (\(quorum.counted) counted of \(quorum.present) present)\n"
            for clause in quorum.failedClauses { out += "  failed: \(clause)\n" }
            if !quorum.met, let action = quorum.whenNotMet { out += "  when not met: \(action)\n" }
        }
        if let voters {
            out += voters.isEmpty ? "nobody present may vote\n" : "who may vote:\n"
            for voter in voters {
                let votes = Self.weightText(voter.weight)
                out += "  - \(voter.person): \(votes) vote\(votes == "1" ? "" : "s")\(voter.organisation.map { " (\($0))" } ?? "")\n"
            }
        }
        return out
    }
}
