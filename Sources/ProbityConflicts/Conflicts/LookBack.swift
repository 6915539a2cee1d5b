import ProbitySupport
import ProbitySyntax

/// The rule file's `look back` period: how long an ended interest still counts.
struct LookBack: Sendable {
    let period: Duration?

    /// The last day an interest that ended on `end` still counts.
    func lastDay(after end: Day) -> Day {
        guard let period else { return end }
        return end.adding(period)
    }
}
