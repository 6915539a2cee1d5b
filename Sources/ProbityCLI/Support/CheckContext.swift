import ProbityEvaluation
import ProbitySemantics
import ProbitySupport

/// Everything needed to check decisions, built once per run: the compiled plan, the decoder,
/// and (with `--register`) the conflicts screener.
struct CheckContext: Sendable {
    let plan: Plan
    let decoder: DecisionDecoder
    let builder: ReportBuilder

    static func make(program: Program, arguments: Arguments) throws(UsageError) -> CheckContext {
        let plan = Plan(program: program)
        return CheckContext(plan: plan, decoder: DecisionDecoder(program: program), builder: ReportBuilder(plan: plan))
    }

    /// Decodes and checks one decision.
    func check(json bytes: [UInt8]) -> Result<Report, DecisionErrors> {
        decoder.decode(json: bytes).map(check)
    }

    func check(_ decision: Decision) -> Report {
        let matches = plan.match(decision)
        return builder.build(decision, matches)
    }
}
