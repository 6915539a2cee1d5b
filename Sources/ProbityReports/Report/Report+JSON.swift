import ProbitySupport
import ProbitySyntax

extension Report {
    /// The report format identifier; readers check it before trusting the keys.
    public static let format = "probity.report/1"
    static let encodedFormat = EncodedJSONString(format)

    /// Writes the report as JSON (`probity.report/1`). Keys appear in a fixed order and lists in
    /// the order the report gives them, so the same input gives byte-identical output. This is
    /// the format's one definition: bytes and trees are both written through it.
    public func writeJSON<Output: JSONOutput>(to out: inout Output) {
        out.object { out in
            out.member("format", encoded: Report.encodedFormat)
            out.member("decision", decision)
            out.member("date", Day(number: date).iso)
            out.member("outcome", outcome.rawValue)
            out.member("can_proceed", canProceed)
            let schemeTexts = schemeTexts ?? SchemeTexts(scheme)
            out.member("scheme") { out in
                out.member("name", encoded: schemeTexts.name)
                out.member("version", encoded: schemeTexts.version)
                out.member("digest", encoded: schemeTexts.digest)
            }
            if let decidedBy { out.member("decided_by", decidedBy) }
            out.member("approvals", array: approvals) { out, approval in
                out.object { out in
                    out.member("by", encoded: approval.approver.id)
                    out.member("by_title", encoded: approval.approver.title)
                    out.member("action", approval.action.rawValue)
                    out.member("rule", encoded: approval.rule.texts.id)
                    out.member("rule_title", encoded: approval.rule.texts.title)
                    out.member("source", encoded: approval.rule.texts.location)
                    out.member("citation", encoded: approval.rule.texts.citation)
                    out.member("rules", encodedStrings: approval.ruleIDs)
                }
            }
            out.member("procedures", array: procedures) { out, procedure in
                out.object { out in
                    out.member("id", encoded: procedure.procedure.id)
                    out.member("title", encoded: procedure.procedure.title)
                    out.member("rule", encoded: procedure.rule.texts.id)
                    out.member("source", encoded: procedure.rule.texts.location)
                }
            }
            out.member("notices", array: notices) { out, notice in
                out.object { out in
                    out.member("to", encoded: notice.recipient.id)
                    out.member("to_title", encoded: notice.recipient.title)
                    out.member("deemed_approved_after", notice.deemedApprovedAfter?.description)
                    out.member("deemed_approved_after_days", integer: notice.deemedApprovedAfterDays)
                    out.member("deemed_approved_on", notice.deemedApprovedOn.map { Day(number: $0).iso })
                    out.member("rule", encoded: notice.rule.texts.id)
                    out.member("source", encoded: notice.rule.texts.location)
                }
            }
            if !steps.isEmpty {
                out.member("steps", array: steps) { out, step in
                    out.object { out in
                        switch step {
                        case .approval(let index):
                            out.member("step", approvals[index].action == .recommend ? "recommendation" : "approval")
                            out.member("id", encoded: approvals[index].approver.id)
                        case .procedure(let index):
                            out.member("step", "procedure")
                            out.member("id", encoded: procedures[index].procedure.id)
                        case .notice(let index):
                            out.member("step", "notice")
                            out.member("id", encoded: notices[index].recipient.id)
                        }
                    }
                }
                out.member("steps_ordered_by", array: stepsOrderedBy) { out, rule in out.string(encoded: rule.texts.id) }
            }
            out.member("rules_fired", array: rulesFired) { out, rule in rule.writeJSON(to: &out) }
            out.member("undecided", array: undecided) { out, entry in
                out.object { out in
                    out.member("rule", encoded: entry.rule.texts.id)
                    out.member("title", encoded: entry.rule.texts.title)
                    out.member("source", encoded: entry.rule.texts.location)
                    out.member("missing_fields", strings: entry.missingFields)
                }
            }
            if outcome == .noAuthority {
                out.member("near_misses", array: nearMisses) { out, miss in
                    out.object { out in
                        out.member("rule", encoded: miss.rule.texts.id)
                        out.member("title", encoded: miss.rule.texts.title)
                        out.member("source", encoded: miss.rule.texts.location)
                        out.member("failed", miss.reason)
                    }
                }
            }
            if !placeholders.isEmpty {
                out.member("placeholders", array: placeholders) { out, use in
                    out.object { out in
                        out.member("name", use.name)
                        out.member("value", use.value)
                        out.member("rules", strings: use.rules)
                        out.member("replace_with", use.replaceWith)
                    }
                }
            }
            if !undeclaredOrganisations.isEmpty {
                out.member("undeclared_organisations", array: undeclaredOrganisations) { out, entry in
                    out.object { out in
                        out.member("field", entry.field)
                        out.member("written", entry.written)
                    }
                }
            }
            conflicts?.writeJSONMembers(to: &out)
            out.member("findings", array: findings) { out, finding in finding.writeJSON(to: &out) }
        }
    }

    /// Writes the report into bytes. The same as ``writeJSON(to:)``, compiled here for the
    /// stream writer, so `check --batch` writes each report without generic dispatch.
    public func write(to writer: inout JSONStreamWriter) {
        writeJSON(to: &writer)
    }

    /// The report as a JSON tree, to inspect or to embed in a larger document.
    public var json: JSONValue {
        var builder = JSONTreeBuilder()
        writeJSON(to: &builder)
        return builder.value
    }
}

extension Report.Finding {
    /// The finding as every report writes it.
    public func writeJSON<Output: JSONOutput>(to out: inout Output) {
        out.object { out in
            out.member("severity", severity.rawValue)
            out.member("code", code.description)
            out.member("message", message)
            out.member("blocking", isBlocking)
        }
    }

    public var json: JSONValue {
        var builder = JSONTreeBuilder()
        writeJSON(to: &builder)
        return builder.value
    }
}

extension Report.RuleReference {
    func writeJSON<Output: JSONOutput>(to out: inout Output) {
        out.object { out in
            out.member("id", encoded: texts.id)
            out.member("title", encoded: texts.title)
            out.member("source", encoded: texts.location)
            out.member("citation", encoded: texts.citation)
        }
    }
}

extension ConflictsReport {
    /// `recusals`, `quorum`, `voters` and the screening details, as members of the report.
    public func writeJSONMembers<Output: JSONOutput>(to out: inout Output) {
        out.member("recusals", array: recusals) { out, recusal in
            out.object { out in
                out.member("person", recusal.person)
                out.member("level", recusal.level.rawValue)
                out.member("reasons", array: recusal.reasons) { out, reason in
                    out.object { out in
                        out.member("interest", reason.kind.rawValue)
                        out.member("level", reason.level.rawValue)
                        out.member("organisation", reason.organisation)
                        out.member("link", reason.link)
                        out.member("declaration", reason.declaration)
                        out.member("valid_from", reason.validFrom.map { Day(number: $0).iso })
                        out.member("valid_to", reason.validTo.map { Day(number: $0).iso })
                        // Null for an interest with no line to cite (a JSON register's nested shape).
                        out.member("register_line", integer: reason.line > 0 ? reason.line : nil)
                        if let lookBack = reason.lookBack { out.member("look_back", lookBack) }
                        if let alias = reason.shapedAlias { out.member("shaped_alias", alias) }
                    }
                }
            }
        }
        if !notCounted.isEmpty {
            out.member("employment_not_counted", array: notCounted) { out, spared in
                out.object { out in
                    out.member("person", spared.person)
                    out.member("organisation", spared.organisation)
                    out.member("declaration", spared.declaration)
                    out.member("reason", spared.reason)
                }
            }
        }
        if let quorum {
            out.member("quorum") { out in
                out.member("body", quorum.body)
                out.member("met", quorum.met)
                out.member("failed_clauses", strings: quorum.failedClauses)
                out.member("when_not_met", quorum.whenNotMet)
                out.member("present", integer: quorum.present)
                out.member("counted", integer: quorum.counted)
            }
        }
        if let voters {
            out.member("voters", array: voters) { out, voter in
                out.object { out in
                    out.member("person", voter.person)
                    out.key("weight")
                    out.number(Self.weightText(voter.weight))
                    out.member("organisation", voter.organisation)
                }
            }
        }
        out.member("screening") { out in
            out.member("register", registerScreened)
            out.member("organisations", strings: organisationsScreened)
            out.member("unresolved_attendees", strings: unresolvedAttendees)
            if !unmatchedOrganisations.isEmpty {
                out.member("unmatched_organisations", array: unmatchedOrganisations) { out, entry in
                    out.object { out in
                        out.member("written", entry.written)
                        out.member("as", entry.role)
                        out.member("screened_by", "exact text")
                        out.member("did_you_mean", array: entry.suggestions) { out, suggestion in
                            out.object { out in
                                out.member("name", suggestion.name)
                                if let organisation = suggestion.organisation { out.member("organisation", organisation) }
                                if let line = suggestion.registerLine { out.member("register_line", integer: line) }
                            }
                        }
                    }
                }
            }
            if attendeeSuggestions.contains(where: { !$0.isEmpty }) {
                out.member("attendee_suggestions", array: Array(zip(unresolvedAttendees, attendeeSuggestions)).filter { !$0.1.isEmpty }) { out, entry in
                    out.object { out in
                        out.member("written", entry.0)
                        out.member("did_you_mean", strings: entry.1)
                    }
                }
            }
            out.member("ambiguous_attendees", array: ambiguousAttendees) { out, entry in
                out.object { out in
                    out.member("written", entry.written)
                    out.member("candidates", strings: entry.candidates)
                }
            }
            out.member("not_screenable", array: notScreenable) { out, entry in
                out.object { out in
                    out.member("person", entry.person)
                    out.member("declared_on", entry.pointer)
                }
            }
        }
    }

    /// A vote weight with at most three decimals and no binary noise (`0.25`, `1`, `0.333`).
    ///
    /// Written byte by byte: a meeting's voters are written on every line of a batch that names
    /// it, and interpolating the digits cost about 700 instructions a voter, 17 K a line for a
    /// board of 23 (docs/performance.md, item 37).
    public static func weightText(_ weight: Double) -> String {
        let thousandths = Int((weight * 1000).rounded())
        let whole = Int(thousandths.magnitude / 1000), fraction = Int(thousandths.magnitude % 1000)
        // A sign, at most 19 digits, a point and three decimals.
        return String(unsafeUninitializedCapacity: 24) { out in
            var at = 0
            if thousandths < 0 {
                out[at] = UInt8(ascii: "-")
                at += 1
            }
            let width = whole.decimalWidth
            out.writeDigits(of: whole, from: at, width: width)
            at += width
            if fraction > 0 {
                out[at] = UInt8(ascii: ".")
                out.writeDigits(of: fraction, from: at + 1, width: 3)
                at += 4
                // No trailing zeros: `0.25`, not `0.250`.
                while out[at - 1] == UInt8(ascii: "0") { at -= 1 }
            }
            return at
        }
    }

}
