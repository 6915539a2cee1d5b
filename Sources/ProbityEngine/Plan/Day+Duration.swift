import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension Day {
    /// The day a period after this one ends: `5 days`, `8 working days` (weekends skipped),
    /// `6 months` (clamped to the month's end), `1 year`.
    package func adding(_ period: Duration) -> Day {
        switch period.unit {
        case .days: adding(days: period.amount)
        case .workingDays: adding(workingDays: period.amount)
        case .months: adding(months: period.amount)
        case .years: adding(years: period.amount)
        }
    }

    /// The day `period` later (earlier, if negative), with working days skipping the
    /// calendar's bank holidays as well as weekends. Past the calendar's holidays only weekends
    /// are skipped: whether that is right is for the caller to say (``HolidayCalendar/covers``).
    package func adding(_ period: Duration, calendar: HolidayCalendar?) -> Day {
        guard period.unit == .workingDays, let calendar, let first = calendar.holidays.first, let last = calendar.holidays.last,
              period.amount != 0 else { return adding(period) }
        let step = period.amount > 0 ? 1 : -1
        var remaining = abs(period.amount)
        var day = self
        // One day at a time while holidays lie ahead (a few years of days at most); beyond the
        // last of them the weekend-only arithmetic is exact and quick.
        while remaining > 0 {
            if (step > 0 && day.number >= last) || (step < 0 && day.number <= first) {
                return day.adding(workingDays: remaining * step)
            }
            day = day.adding(days: step)
            if !day.isWeekend && !calendar.isHoliday(day.number) { remaining -= 1 }
        }
        return day
    }
}
