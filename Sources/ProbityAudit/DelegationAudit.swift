import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Decisions outside delegation: judges a past decision that records who decided it by the
/// rules in force on its date (the plan matches rules by their own effective periods), and,
/// where the history records approvals, recommendations and notices, says which are missing.
struct DelegationAudit: Sendable {
    let program: Program
    let plan: Plan
    let historyFile: String
    let sumField: Int?

    /// The findings for one decision; `verdict` is reused between calls.
    func audit(_ entry: HistoryEntry, line: Int, verdict: inout Verdict) -> [AuditFinding] {
        let decision = entry.decision
        plan.decide(decision, into: &verdict)
        let record = decisionRecord(decision, line: line)
        // With no recorded decider the outcome cannot be judged, but recorded approvals can.
        guard let decider = verdict.decider.map(Int.init) else {
            return missingRecords(entry, decider: nil, verdict: verdict, record: record)
        }
        let deciderID = program.bodies[decider].id
        let day = Day(number: decision.date).iso
        // A body judged on a day it did not exist: say so, with its own dates.
        let body = program.bodies[decider]
        let existence: String
        if body.exists(on: decision.date) {
            existence = ""
        } else {
            let from = body.existsFrom.map { " from \(Day(number: $0).iso)" } ?? ""
            let until = body.existsUntil.map { " until \(Day(number: $0).iso)" } ?? ""
            existence = "; `\(deciderID)` existed only\(from)\(until)"
        }
        switch verdict.outcome {
        case .wrongDecider:
            let approvals = verdict.approvals.filter { $0.action == .approve }
            let needed = approvals.map { "`\(program.bodies[Int($0.body)].id)`" }.joined(separator: " and ")
            let why = program.bodies[decider].isAdvisory ? "`\(deciderID)` is advisory and may not approve; " : ""
            return [AuditFinding(
                category: .outsideDelegation, code: .deciderWithoutAuthority, severity: .error,
                message: "`\(decision.id)` was decided by `\(deciderID)`, which could not approve it under the rules in force on \(day): \(why)it needed approval by \(needed) (or \(approvals.count == 1 ? "a body" : "bodies") above)\(existence)",
                date: decision.date, rules: citations(approvals.map(\.rule)), records: [record])]
        case .noAuthority:
            var message = "`\(decision.id)` was decided by `\(deciderID)`, but no rule in force on \(day) gives any body authority for it\(existence)"
            let recommendations = verdict.approvals.filter { $0.action == .recommend }
            if !recommendations.isEmpty {
                message += "; the rules ask only for a recommendation by " + recommendations.map { "`\(program.bodies[Int($0.body)].id)`" }.joined(separator: ", ")
            }
            if !verdict.matches.undecided.isEmpty {
                let fields = Set(verdict.matches.undecided.flatMap { program.rules[Int($0)].condition?.fieldsRead ?? [] })
                    .filter { !decision.isPresent[$0] }.map { "`\(program.fields[$0].name)`" }.sorted()
                message += "; \(verdict.matches.undecided.count) rule(s) could not be decided for want of \(fields.joined(separator: ", "))"
            }
            // Rules that would give it to someone, but not on this date: the scheme changed.
            let outOfPeriod = program.rules.indices.filter { rule in
                !program.rules[rule].approvals.isEmpty && !program.rules[rule].isEffective(on: decision.date)
                    && plan.conditionHolds(rule: rule, for: decision)
            }
            for rule in outOfPeriod {
                let r = program.rules[rule]
                let from = r.effectiveFrom.map { " from \(Day(number: $0).iso)" } ?? ""
                let until = r.effectiveUntil.map { " until \(Day(number: $0).iso)" } ?? ""
                message += "; `\(r.id)` gave it to \(r.approvals.map { "`\(program.bodies[$0].id)`" }.joined(separator: ", "))\(from)\(until)"
            }
            return [AuditFinding(category: .outsideDelegation, code: .decisionWithoutAuthority, severity: .warning, message: message,
                                 date: decision.date,
                                 rules: citations(recommendations.map(\.rule) + verdict.matches.undecided + outOfPeriod.map(Int32.init)),
                                 records: [record])]
        case .authorised:
            return missingRecords(entry, decider: decider, verdict: verdict, record: record)
        }
    }

    /// Required approvals, recommendations and notices the history says were not given. Only
    /// checked when the history records them: a key left out is "not recorded", not "none".
    private func missingRecords(_ entry: HistoryEntry, decider: Int?, verdict: Verdict, record: AuditFinding.Record) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let id = entry.decision.id
        for approval in verdict.approvals {
            let body = Int(approval.body)
            let bodyID = program.bodies[body].id
            switch approval.action {
            case .approve:
                guard let recorded = entry.approvedBy else { continue }
                if let decider, program.isAtOrAbove(decider, body) { continue }
                if recorded.contains(where: { program.isAtOrAbove($0, body) }) { continue }
                let decidedBy = decider.map { ", decided by `\(program.bodies[$0].id)`" } ?? ""
                findings.append(AuditFinding(
                    category: .outsideDelegation, code: .missingApproval, severity: .error,
                    message: "`\(id)` needed approval by `\(bodyID)` (or a body above it) and the history records none: approved by \(list(recorded))\(decidedBy)",
                    date: entry.decision.date, rules: citations([approval.rule]), records: [record]))
            case .recommend:
                guard let recorded = entry.recommendedBy else { continue }
                if recorded.contains(where: { program.isAtOrAbove($0, body) }) { continue }
                findings.append(AuditFinding(
                    category: .outsideDelegation, code: .missingApproval, severity: .error,
                    message: "`\(id)` needed a recommendation by `\(bodyID)` and the history records none: recommended by \(list(recorded))",
                    date: entry.decision.date, rules: citations([approval.rule]), records: [record]))
            }
        }
        if let notified = entry.notified {
            for notice in verdict.notices where !notified.contains(Int(notice.to)) {
                let deemed = notice.deemedApprovedOn.map { "; silence would have been approval on \(Day(number: $0).iso)" } ?? ""
                findings.append(AuditFinding(
                    category: .outsideDelegation, code: .missingNotice, severity: .error,
                    message: "`\(id)` needed notice to `\(program.bodies[Int(notice.to)].id)` and the history records none: notified \(list(notified))\(deemed)",
                    date: entry.decision.date, rules: citations([notice.rule]), records: [record]))
            }
        }
        return findings
    }

    private func list(_ bodies: [Int]) -> String {
        bodies.isEmpty ? "nobody" : bodies.map { "`\(program.bodies[$0].id)`" }.joined(separator: ", ")
    }

    private func citations(_ rules: [Int32]) -> [AuditFinding.RuleCitation] {
        var seen: [Int32] = []
        for rule in rules where !seen.contains(rule) { seen.append(rule) }
        return seen.sorted().map { program.citation(ofRule: Int($0)) }
    }

    func decisionRecord(_ decision: Decision, line: Int) -> AuditFinding.Record {
        let value = sumField.flatMap { decision.isPresent[$0] ? decision.scalars[$0] : nil }
        return AuditFinding.Record(kind: .decision, file: historyFile, line: line, id: decision.id, date: decision.date, value: value)
    }
}
