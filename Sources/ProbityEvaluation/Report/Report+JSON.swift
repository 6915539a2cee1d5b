import ProbitySupport
import ProbitySyntax

extension Report {
    /// The report format identifier; readers check it before trusting the keys.
    public static let format = "probity.report/1"

    /// The report as JSON (`probity.report/1`). Keys appear in a fixed order and lists in the
    /// order the report gives them, so the same input gives byte-identical output.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("format", .string(Report.format)),
            ("decision", .string(decision)),
            ("date", .string(Day(number: date).iso)),
            ("outcome", .string(outcome.rawValue)),
            ("can_proceed", .bool(canProceed)),
            ("scheme", .object([
                ("name", .string(scheme.name)),
                ("version", .string(scheme.version)),
                ("digest", .string(scheme.digest)),
            ])),
        ]
        if let decidedBy { members.append(("decided_by", .string(decidedBy))) }
        members.append(("approvals", .array(approvals.map { approval in
            .object([
                ("by", .string(approval.by)),
                ("by_title", .string(approval.byTitle)),
                ("action", .string(approval.action.rawValue)),
                ("rule", .string(approval.rule.id)),
                ("rule_title", .string(approval.rule.title)),
                ("source", .string(approval.rule.location)),
                ("citation", approval.rule.citation.map(JSONValue.string) ?? .null),
                ("rules", .array(approval.rules.map(JSONValue.string))),
            ])
        })))
        members.append(("procedures", .array(procedures.map { procedure in
            .object([
                ("id", .string(procedure.id)),
                ("title", .string(procedure.title)),
                ("rule", .string(procedure.rule.id)),
                ("source", .string(procedure.rule.location)),
            ])
        })))
        members.append(("notices", .array(notices.map { notice in
            .object([
                ("to", .string(notice.to)),
                ("to_title", .string(notice.toTitle)),
                ("deemed_approved_after", notice.deemedApprovedAfter.map { .string($0.description) } ?? .null),
                ("deemed_approved_after_days", notice.deemedApprovedAfterDays.map { .integer($0) } ?? .null),
                ("deemed_approved_on", notice.deemedApprovedOn.map { .string(Day(number: $0).iso) } ?? .null),
                ("rule", .string(notice.rule.id)),
                ("source", .string(notice.rule.location)),
            ])
        })))
        members.append(("rules_fired", .array(rulesFired.map(\.json))))
        members.append(("undecided", .array(undecided.map { entry in
            .object([
                ("rule", .string(entry.rule.id)),
                ("title", .string(entry.rule.title)),
                ("source", .string(entry.rule.location)),
                ("missing_fields", .array(entry.missingFields.map(JSONValue.string))),
            ])
        })))
        if outcome == .noAuthority {
            members.append(("near_misses", .array(nearMisses.map { miss in
                .object([
                    ("rule", .string(miss.rule.id)),
                    ("title", .string(miss.rule.title)),
                    ("source", .string(miss.rule.location)),
                    ("failed", .string(miss.reason)),
                ])
            })))
        }
        if let conflicts {
            members += conflicts.jsonMembers
        }
        members.append(("findings", .array(findings.map(\.json))))
        return .object(members)
    }
}

extension Report.Finding {
    /// The finding as every report writes it.
    public var json: JSONValue {
        .object([
            ("severity", .string(severity.rawValue)),
            ("code", .string(code)),
            ("message", .string(message)),
            ("blocking", .bool(isBlocking)),
        ])
    }
}

extension Report.RuleReference {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("title", .string(title)),
            ("source", .string(location)),
            ("citation", citation.map(JSONValue.string) ?? .null),
        ])
    }
}

extension ConflictsReport {
    /// `recusals`, `quorum` and the screening details, as report members.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.append(("recusals", .array(recusals.map { recusal in
            .object([
                ("person", .string(recusal.person)),
                ("level", .string(recusal.level.rawValue)),
                ("reasons", .array(recusal.reasons.map { reason in
                    .object([
                        ("interest", .string(reason.kind.rawValue)),
                        ("level", .string(reason.level.rawValue)),
                        ("organisation", .string(reason.organisation)),
                        ("link", .string(reason.link)),
                        ("declaration", .string(reason.declaration)),
                        ("valid_from", reason.validFrom.map { .string(Day(number: $0).iso) } ?? .null),
                        ("valid_to", reason.validTo.map { .string(Day(number: $0).iso) } ?? .null),
                        ("register_line", .integer(reason.line)),
                    ])
                })),
            ])
        })))
        if let quorum {
            members.append(("quorum", .object([
                ("body", .string(quorum.body)),
                ("met", .bool(quorum.met)),
                ("failed_clauses", .array(quorum.failedClauses.map(JSONValue.string))),
                ("when_not_met", quorum.whenNotMet.map(JSONValue.string) ?? .null),
                ("present", .integer(quorum.present)),
                ("counted", .integer(quorum.counted)),
            ])))
        }
        if let voters {
            members.append(("voters", .array(voters.map { voter in
                .object([
                    ("person", .string(voter.person)),
                    ("weight", .number(Self.weightText(voter.weight))),
                    ("organisation", voter.organisation.map(JSONValue.string) ?? .null),
                ])
            })))
        }
        members.append(("screening", .object([
            ("register", .bool(registerScreened)),
            ("organisations", .array(organisationsScreened.map(JSONValue.string))),
            ("unresolved_attendees", .array(unresolvedAttendees.map(JSONValue.string))),
            ("ambiguous_attendees", .array(ambiguousAttendees.map { entry in
                .object([("written", .string(entry.written)), ("candidates", .array(entry.candidates.map(JSONValue.string)))])
            })),
            ("not_screenable", .array(notScreenable.map { entry in
                .object([("person", .string(entry.person)), ("declared_on", .string(entry.pointer))])
            })),
        ])))
        return members
    }

    /// A vote weight with at most three decimals and no binary noise (`0.25`, `1`).
    public static func weightText(_ weight: Double) -> String {
        let thousandths = Int((weight * 1000).rounded())
        let whole = thousandths / 1000, fraction = thousandths % 1000
        if fraction == 0 { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
