import ProbitySupport

/// Dates as papers print them.
enum DateText {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// `01/07/2022`, as the register prints its "Valid From" and "Valid To" columns.
    static func register(_ day: Day) -> String {
        let (year, month, date) = day.components
        return "\(String(date).leftPadded(to: 2))/\(String(month).leftPadded(to: 2))/\(year)"
    }

    /// `23 November 2023`, for titles and running text.
    static func long(_ day: Day) -> String {
        let (year, month, date) = day.components
        return "\(date) \(months[month - 1]) \(year)"
    }
}
