import ProbitySupport
import ProbitySyntax

extension Day {
    /// The day a period after this one ends: `5 days`, `8 working days` (weekends skipped),
    /// `6 months` (clamped to the month's end), `1 year`.
    func adding(_ period: Duration) -> Day {
        switch period.unit {
        case .days: adding(days: period.amount)
        case .workingDays: adding(workingDays: period.amount)
        case .months: adding(months: period.amount)
        case .years: adding(years: period.amount)
        }
    }
}
