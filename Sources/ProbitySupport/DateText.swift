/// How Probity reads a date written in a file, one set of rules for decisions and registers
/// (documented in `docs/dates.md`):
///
/// - `YYYY-MM-DD` (ISO 8601) is read everywhere.
/// - `DD/MM/YYYY` (day first, as British papers write it; one-digit day or month allowed, and
///   `.` or `-` in place of `/`) is what registers are written in, so a register reads it. A
///   decision is written for Probity and must use ISO: it is told the ISO form to write.
/// - A year has four digits: `1/4/25` is never guessed at.
/// - A date in either form whose day does not exist (`2024-02-30`) is an error that says so,
///   never read as a nearby day.
public enum DateText {
    /// What a date's text comes to.
    public enum Reading: Equatable, Sendable {
        /// An ISO date of a day that exists.
        case iso(Day)
        /// A day-first British date of a day that exists (`31/03/2024`).
        case dayFirst(Day)
        /// The shape of a date, but no such day: the year, month and day as written.
        case noSuchDay(year: Int, month: Int, day: Int)
        /// Not a date in any form Probity reads.
        case unreadable
    }

    public static func read(_ text: String) -> Reading {
        if let day = Day.parseISO(text) { return .iso(day) }
        if let parts = components(text, separator: UInt8(ascii: "-"), yearFirst: true) {
            return .noSuchDay(year: parts.year, month: parts.month, day: parts.day)
        }
        for separator in [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")] {
            guard let parts = components(text, separator: separator, yearFirst: false) else { continue }
            if let day = Day(year: parts.year, month: parts.month, day: parts.day) { return .dayFirst(day) }
            return .noSuchDay(year: parts.year, month: parts.month, day: parts.day)
        }
        return .unreadable
    }

    /// Why there is no such day, for messages: "February 2024 has 29 days", "there is no month 13".
    public static func whyNoSuchDay(year: Int, month: Int, day: Int) -> String {
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        guard Day.supportedYears.contains(year) else { return "the year \(year) is out of range" }
        let days = Day.daysInMonth(year: year, month: month)
        if day < 1 { return "there is no day 0" }
        return "\(monthNames[month - 1]) \(year) has \(days) days"
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Year, month and day from `YYYY-MM-DD` (year first) or `D/M/YYYY` (day first), digits
    /// only, with no check that the day exists.
    private static func components(_ text: String, separator: UInt8, yearFirst: Bool) -> (year: Int, month: Int, day: Int)? {
        let parts = text.utf8.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return nil }
        let numbers = parts.map { $0.reduce(0) { $0 * 10 + Int($1 - 48) } }
        if yearFirst {
            guard parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 else { return nil }
            return (numbers[0], numbers[1], numbers[2])
        }
        guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        return (numbers[2], numbers[1], numbers[0])
    }
}
