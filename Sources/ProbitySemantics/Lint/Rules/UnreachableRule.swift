import ProbitySupport
import ProbitySyntax

/// P0903: a rule no decision can ever meet: its condition contradicts itself
/// (`value < £100k and value > £1m`, `kind = a and kind = b`) or its effective period does not
/// meet the scheme's (or ends before it starts).
public struct UnreachableRule: LintRule {
    public let code: DiagnosticCode = .unreachableRule
    public let summary = "a rule no decision can meet"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        program.rules.indices.compactMap { index in
            let rule = program.rules[index]
            let region = space.regions[index]
            guard region.isUnreachable else { return nil }
            let clauses = space.layout.rules[index]
            if region.periodIsEmpty {
                let own = DecisionSpace.describePeriod(from: rule.effectiveFrom, until: rule.effectiveUntil)
                let scheme = DecisionSpace.describePeriod(from: program.scheme.effectiveFrom, until: program.scheme.effectiveUntil)
                let why: String
                if let from = rule.effectiveFrom, let until = rule.effectiveUntil, until < from {
                    let day = { (d: Int32) in Day(number: d).iso }
                    if from == program.scheme.effectiveFrom {
                        why = "its effective period ends on \(day(until)), before its scheme's starts on \(day(from))"
                    } else if until == program.scheme.effectiveUntil {
                        why = "its effective period starts on \(day(from)), after its scheme's ends on \(day(until))"
                    } else {
                        why = "its own period and its scheme's do not meet (together they would run \(own))"
                    }
                } else {
                    why = "its effective period (\(own)) lies outside the scheme's (\(scheme))"
                }
                return LintFinding(.warning(code, "rule `\(rule.id)` can never apply: \(why)", at: clauses?.effective ?? rule.range,
                                            notes: [DiagnosticNote("rule `\(rule.id)` is declared here", at: rule.range)]),
                                   rules: [index])
            }
            let at = clauses?.condition ?? rule.condition?.range ?? rule.range
            return LintFinding(.warning(code, "rule `\(rule.id)` can never apply: no decision meets its condition", at: at,
                                        notes: explain(rule, program, space)),
                               rules: [index])
        }
    }

    /// Which conjuncts contradict each other (or the rule's period).
    func explain(_ rule: Rule, _ program: Program, _ space: DecisionSpace) -> [DiagnosticNote] {
        guard let condition = rule.condition else { return [] }
        let parts = condition.conjuncts
        let diagram = space.diagram
        let text = { (c: Condition) in DecisionSpace.text(of: c, in: program).map { "`\($0)`" } ?? "a condition" }
        do {
            let period = try space.diagramNode(of: space.box(space.dateDimension, space.period(of: rule)))
            var truths: [DiagramNode] = []
            var sets: [DiagramNode] = []
            for part in parts {
                guard let truth = space.truth(of: part, in: program) else { return [] }
                truths.append(truth)
                sets.append(try diagram.and(truth, period))
            }
            var running = period
            for (k, part) in parts.enumerated() {
                if sets[k] == DecisionDiagram.empty {
                    let inPeriod = truths[k] == DecisionDiagram.empty ? "" : " in the rule's effective period"
                    return [DiagnosticNote("\(text(part)) cannot hold\(inPeriod)", at: part.range)]
                }
                running = try diagram.and(running, sets[k])
                if running == DecisionDiagram.empty {
                    for i in 0..<k where try !diagram.intersects(sets[i], sets[k]) {
                        return [DiagnosticNote("\(text(parts[i])) and \(text(part)) cannot both hold", at: part.range)]
                    }
                    return [DiagnosticNote("\(text(part)) cannot hold together with the conditions before it", at: part.range)]
                }
            }
        } catch {
            return []
        }
        return []
    }
}
