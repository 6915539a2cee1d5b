import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension Plan {
    /// Decides what `decision` needs: the rules that fire, their requirements collected,
    /// de-duplicated and put in report order, and the outcome. The hot path: it compares
    /// integers only and allocates nothing once `verdict` has grown to size.
    public func decide(_ decision: Decision, into verdict: inout Verdict) {
        verdict.reset()
        match(decision, into: &verdict.matches)
        for fired in verdict.matches.fired {
            let rule = Int(fired)
            requirements.recommendations.forEach(rule) { add($0, .recommend, rule: fired, to: &verdict) }
            requirements.approvals.forEach(rule) { add($0, .approve, rule: fired, to: &verdict) }
            requirements.procedures.forEach(rule) { procedure in
                if !verdict.procedures.contains(where: { $0.procedure == procedure }) {
                    verdict.procedures.append(Verdict.Procedure(procedure: procedure, rule: fired))
                }
            }
            // The rule's own record (far bigger, and apart from its neighbours') is read only
            // when it asks for a notice or an order: most rules ask for neither.
            guard facts[rule].readsRecord else { continue }
            for notice in program.rules[rule].notices {
                let on = notice.deemedApprovedAfter.map { Plan.deemedApproval(after: $0, from: decision.date, calendar: program.calendar) }
                let candidate = Verdict.Notice(to: Int32(notice.to), rule: fired, deemedApprovedOn: on)
                if let at = verdict.notices.firstIndex(where: { $0.to == candidate.to }) {
                    // Two rules asking for the same notice: the later date is the safe one.
                    if (verdict.notices[at].deemedApprovedOn ?? .min) < (on ?? .min) { verdict.notices[at] = candidate }
                } else {
                    verdict.notices.append(candidate)
                }
            }
        }
        // Each sort reads its ranks through a buffer pointer: a comparator reading the shared
        // tables' arrays retained and released them on every comparison (16 times a line), and
        // every worker of a batch writes those counts (docs/performance.md, item 21).
        if verdict.approvals.count > 1 {
            requirements.approvalRank.withUnsafeBufferPointer { rank in
                verdict.approvals.sort { a, b in
                    if a.action != b.action { return a.action == .recommend }
                    return rank[Int(a.body)] < rank[Int(b.body)]
                }
            }
        }
        for fired in verdict.matches.fired where facts[Int(fired)].readsRecord && !program.rules[Int(fired)].approvalOrder.isEmpty {
            Plan.impose(program.rules[Int(fired)].approvalOrder, on: &verdict.approvals)
        }
        if verdict.procedures.count > 1 {
            requirements.procedureRank.withUnsafeBufferPointer { rank in
                verdict.procedures.sort { rank[Int($0.procedure)] < rank[Int($1.procedure)] }
            }
        }
        if verdict.notices.count > 1 {
            requirements.noticeRank.withUnsafeBufferPointer { rank in
                verdict.notices.sort { rank[Int($0.to)] < rank[Int($1.to)] }
            }
        }
        for fired in verdict.matches.fired where facts[Int(fired)].readsRecord && !program.rules[Int(fired)].stepOrder.isEmpty {
            if verdict.steps.isEmpty { Plan.listSteps(&verdict) }
            if Plan.impose(program.rules[Int(fired)].stepOrder, on: &verdict) { verdict.stepsOrderedBy.append(fired) }
        }
        // An order that placed fewer than two steps changed nothing: the sections' order stands.
        if verdict.stepsOrderedBy.isEmpty { verdict.steps.removeAll(keepingCapacity: true) }
        decideOutcome(decision, &verdict)
    }

    /// Every requirement of `verdict` in the order the sections list them.
    static func listSteps(_ verdict: inout Verdict) {
        for index in verdict.approvals.indices { verdict.steps.append(Verdict.Step(kind: .approval, index: Int32(index))) }
        for index in verdict.procedures.indices { verdict.steps.append(Verdict.Step(kind: .procedure, index: Int32(index))) }
        for index in verdict.notices.indices { verdict.steps.append(Verdict.Step(kind: .notice, index: Int32(index))) }
    }

    /// Puts the steps of `order` that the verdict requires in that order, as one run where the
    /// first of them stands, the other steps keeping their places around it: the s75's "in the
    /// first instance by the Bromley ICB (group)", then the Executive, the Leader and the
    /// Portfolio Holder, then the Borough Director. Returns whether two or more were placed.
    static func impose(_ order: [Step], on verdict: inout Verdict) -> Bool {
        func position(of step: Verdict.Step) -> Int? {
            let index = Int(step.index)
            switch step.kind {
            case .approval:
                let approval = verdict.approvals[index]
                let wanted: Step = approval.action == .approve ? .approval(Int(approval.body)) : .recommendation(Int(approval.body))
                return order.firstIndex(of: wanted)
            case .procedure: return order.firstIndex(of: .procedure(Int(verdict.procedures[index].procedure)))
            case .notice: return order.firstIndex(of: .notice(Int(verdict.notices[index].to)))
            }
        }
        let placed = verdict.steps.indices.compactMap { at in position(of: verdict.steps[at]).map { (at: at, rank: $0) } }
        guard placed.count > 1, let first = placed.first?.at else { return false }
        let run = placed.sorted { $0.rank < $1.rank }.map { verdict.steps[$0.at] }
        let placedAt = Set(placed.map(\.at))
        let before = Array(verdict.steps[..<first])
        let after = verdict.steps.indices.filter { $0 > first && !placedAt.contains($0) }.map { verdict.steps[$0] }
        verdict.steps = before + run + after
        return true
    }

    /// Puts the approvals by the bodies of `order` in that order among themselves, in the places
    /// they already hold: a rule's `approvals in order` (s75: "taken first through Executive")
    /// overrides the tree's lower-first order for those bodies only.
    static func impose(_ order: [Int], on approvals: inout [Verdict.Approval]) {
        let slots = approvals.indices.filter { approvals[$0].action == .approve && order.contains(Int(approvals[$0].body)) }
        guard slots.count > 1 else { return }
        let ordered = slots.map { approvals[$0] }.sorted { a, b in
            (order.firstIndex(of: Int(a.body)) ?? 0) < (order.firstIndex(of: Int(b.body)) ?? 0)
        }
        for (slot, approval) in zip(slots, ordered) { approvals[slot] = approval }
    }

    public func decide(_ decision: Decision) -> Verdict {
        var verdict = Verdict()
        decide(decision, into: &verdict)
        return verdict
    }

    private func add(_ body: Int32, _ action: ApprovalAction, rule: Int32, to verdict: inout Verdict) {
        if !verdict.approvals.contains(where: { $0.body == body && $0.action == action }) {
            verdict.approvals.append(Verdict.Approval(body: body, action: action, rule: rule))
        }
    }

    /// `authorised` needs an approval; a named decider must be an approver or above one.
    private func decideOutcome(_ decision: Decision, _ verdict: inout Verdict) {
        let hasApprover = verdict.approvals.contains { $0.action == .approve }
        guard hasApprover else {
            verdict.outcome = .noAuthority
            if let field = requirements.deciderField, decision.isPresent[field] { verdict.decider = Int32(decision.scalars[field]) }
            return
        }
        guard let field = requirements.deciderField, decision.isPresent[field] else { return }
        let decider = Int(decision.scalars[field])
        verdict.decider = Int32(decider)
        let mayDecide = !program.bodies[decider].isAdvisory
            && verdict.approvers.contains { program.isAtOrAbove(decider, Int($0)) }
        if !mayDecide { verdict.outcome = .wrongDecider }
    }

    /// The day silence becomes authority: `date` plus the period (working days skip weekends).
    static func deemedApproval(after period: Duration, from date: Int32, calendar: HolidayCalendar? = nil) -> Int32 {
        Day(number: date).adding(period, calendar: calendar).number
    }
}

/// Each rule's requirements as index arrays, and the orders reports list them in, worked out
/// once when the plan is compiled.
///
/// A class, so the hot path's sort comparators share it by one reference instead of copying
/// (and retaining) each of its arrays per decision; they read its ranks through buffer pointers.
package final class RequirementTables: Sendable {
    package let approvals: RuleLists
    package let recommendations: RuleLists
    let procedures: RuleLists
    /// Per body: its place among approvals (deeper in the delegation tree first, then by id).
    let approvalRank: [Int32]
    /// Per procedure: its place by id.
    let procedureRank: [Int32]
    /// Per body: its place by id, for notices.
    let noticeRank: [Int32]
    /// The `decided_by` field, when the scheme declares it as a body.
    let deciderField: Int?

    init(program: Program) {
        // Field by field: `program.rules.map` copied each rule whole (docs/performance.md, item 38).
        approvals = RuleLists(program.rules.indices.map { program.rules[$0].approvals.map(Int32.init) })
        recommendations = RuleLists(program.rules.indices.map { program.rules[$0].recommendations.map(Int32.init) })
        procedures = RuleLists(program.rules.indices.map { program.rules[$0].procedures.map(Int32.init) })
        let bodies = program.bodies
        approvalRank = RequirementTables.ranks(bodies.indices) { a, b in
            bodies[a].depth != bodies[b].depth ? bodies[a].depth > bodies[b].depth : bodies[a].id < bodies[b].id
        }
        noticeRank = RequirementTables.ranks(bodies.indices) { bodies[$0].id < bodies[$1].id }
        procedureRank = RequirementTables.ranks(program.procedures.indices) { program.procedures[$0].id < program.procedures[$1].id }
        deciderField = program.fieldIndex["decided_by"].flatMap { program.fields[$0].type == .body ? $0 : nil }
    }

    /// The same tables in storage of their own (see ``Plan/replica()``).
    init(replicating other: RequirementTables) {
        approvals = other.approvals.withOwnStorage
        recommendations = other.recommendations.withOwnStorage
        procedures = other.procedures.withOwnStorage
        approvalRank = other.approvalRank.withOwnStorage
        procedureRank = other.procedureRank.withOwnStorage
        noticeRank = other.noticeRank.withOwnStorage
        deciderField = other.deciderField
    }

    /// For each index, its position when the indices are sorted by `precedes`.
    static func ranks(_ indices: Range<Int>, by precedes: (Int, Int) -> Bool) -> [Int32] {
        var rank = [Int32](repeating: 0, count: indices.count)
        for (position, index) in indices.sorted(by: precedes).enumerated() { rank[index] = Int32(position) }
        return rank
    }
}
