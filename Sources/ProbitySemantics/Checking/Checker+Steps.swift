import ProbitySyntax

extension Checker {
    /// The steps of a `steps in order` list, resolved: bodies for recommendations, approvals and
    /// notices, procedures for procedures. A step listed twice is an error (P1207): its place
    /// would be ambiguous.
    mutating func resolveSteps(_ syntax: [StepSyntax]) -> [Step] {
        var steps: [Step] = []
        var seen: [Step: SourceRange] = [:]
        for step in syntax {
            let resolved: Step?
            switch step.kind {
            case .recommendation: resolved = resolveBody(step.name).map(Step.recommendation)
            case .approval: resolved = resolveBody(step.name).map(Step.approval)
            case .notice: resolved = resolveBody(step.name).map(Step.notice)
            case .procedure: resolved = resolve(step.name, in: procedureIndex, kind: "procedure").map(Step.procedure)
            }
            guard let resolved else { continue }
            if let first = seen[resolved] {
                error(.stepListedTwice, "`\(step.text)` is listed twice in one order; expected each step once", at: step.range,
                      notes: [DiagnosticNote("first listed here", at: first)])
                continue
            }
            seen[resolved] = step.range
            steps.append(resolved)
        }
        return steps
    }

    /// A `steps in order` naming a step no rule requires can never place it (P1206): most likely
    /// a misspelt kind (`approval by` for a body that only recommends) or a rule not written yet.
    mutating func checkStepOrders() {
        var required: Set<Step> = []
        // By index, field by field: `for rule in rules` copied each rule whole (docs/performance.md, item 38).
        for rule in rules.indices {
            rules[rule].recommendations.forEach { required.insert(.recommendation($0)) }
            rules[rule].approvals.forEach { required.insert(.approval($0)) }
            rules[rule].procedures.forEach { required.insert(.procedure($0)) }
            rules[rule].notices.forEach { required.insert(.notice($0.to)) }
        }
        for rule in rules.indices {
            for step in rules[rule].stepOrder where !required.contains(step) {
                warning(.orderedStepNeverRequired, "rule `\(rules[rule].id)` orders `\(describe(step))`, which no rule requires; expected a step some rule requires (`require …`)",
                        at: rules[rule].range)
            }
        }
    }

    func describe(_ step: Step) -> String {
        switch step {
        case .recommendation(let body): "recommendation by \(bodies[body].id)"
        case .approval(let body): "approval by \(bodies[body].id)"
        case .procedure(let procedure): "procedure \(procedures[procedure].id)"
        case .notice(let body): "notice to \(bodies[body].id)"
        }
    }
}
