import ProbitySyntax

/// P0908: a rule whose condition has too many cases for lint to analyse exactly (its
/// disjunctive normal form exceeds ``DecisionSpace/boxLimit`` boxes). Gaps, overlaps and dead
/// code involving it are not reported; for gaps it is taken to cover everything.
public struct TooComplexRule: LintRule {
    public let code = "P0908"
    public let summary = "a rule too complex to analyse exactly"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        program.rules.indices.filter { space.regions[$0].boxes == nil }.map { index in
            LintFinding(Diagnostic(.note, code, "rule `\(program.rules[index].id)` is too complex for lint to analyse exactly (more than \(DecisionSpace.boxLimit) cases); gaps, overlaps and dead conditions involving it are not reported",
                                   at: program.rules[index].range),
                        rules: [index])
        }
    }
}
