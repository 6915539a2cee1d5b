/// A calendar day, with no time of day and no time zone.
///
/// Delegations start and lapse on days, not instants, so a day is stored
/// as the number of days since 1970-01-01 in the proleptic Gregorian
/// calendar. Conversion to and from year, month and day uses Howard
/// Hinnant's `days_from_civil` and `civil_from_days` algorithms
/// (https://howardhinnant.github.io/date_algorithms.html), which are exact
/// integer arithmetic and need no Foundation calendar.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01; negative for earlier days.
    public var number: Int32

    /// Creates a day from its number of days since 1970-01-01.
    public init(number: Int32) {
        self.number = number
    }

    /// The years a `Day` can be built from by `init(year:month:day:)`.
    /// Far wider than any real delegation needs, and narrow enough that
    /// the day number always fits in an `Int32`.
    public static let supportedYears = -1_000_000...1_000_000

    /// Creates a day from a year, month (1–12) and day of the month,
    /// or returns `nil` if no such day exists (such as 29 February 2023).
    public init?(year: Int, month: Int, day: Int) {
        guard Day.supportedYears.contains(year),
              (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month)
        else { return nil }
        self.number = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.number < rhs.number
    }

    /// The day in ISO 8601 form, `YYYY-MM-DD`.
    public var description: String { iso }
}

// MARK: - Calendar arithmetic

extension Day {
    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month (1–12) of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Hinnant's `days_from_civil`. The year is shifted to start in March
    /// so that the leap day falls at the end, and eras of 400 years
    /// (exactly 146,097 days) make the arithmetic exact for any year.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                    // [0, 399]
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1  // [0, 365]
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // [0, 146096]
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Hinnant's `civil_from_days`, the inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097                                            // [0, 146096]
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365  // [0, 399]
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // [0, 365]
        let shiftedMonth = (5 * dayOfYear + 2) / 153                                // [0, 11], March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1                       // [1, 31]
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9         // [1, 12]
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The year, month (1–12) and day of the month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        Day.civilFromDays(Int(number))
    }

    /// The day of the week, ISO 8601 style: 1 is Monday and 7 is Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4). Use a floored remainder so that
        // days before 1970 work too.
        let shifted = (Int(number) + 3) % 7
        return (shifted < 0 ? shifted + 7 : shifted) + 1
    }

    /// Whether this day is a Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// The day `days` days later (or earlier, if negative).
    ///
    /// Traps if the result is outside the range of `Int32`, which is
    /// nearly six million years from 1970.
    public func adding(days: Int) -> Day {
        Day(number: Int32(Int(number) + days))
    }

    /// The day `days` days later (or earlier), or nil when it falls outside
    /// ``supportedYears``, whatever `days` is: no overflow, no trap.
    public func addingChecked(days: Int) -> Day? {
        let (sum, overflow) = Int(number).addingReportingOverflow(days)
        guard !overflow, sum >= Day.firstSupported.number, sum <= Day.lastSupported.number else { return nil }
        return Day(number: Int32(sum))
    }

    /// The first and last days of ``supportedYears``.
    public static let firstSupported = Day(year: supportedYears.lowerBound, month: 1, day: 1)!
    public static let lastSupported = Day(year: supportedYears.upperBound, month: 12, day: 31)!

    /// The day `workingDays` working days later (or earlier, if negative).
    ///
    /// Only Saturdays and Sundays are skipped: bank holidays differ between
    /// the nations of the UK and change by proclamation, so they are not
    /// known here. Starting from a weekend, one working day later is the
    /// following Monday and one working day earlier is the preceding
    /// Friday. Adding zero working days returns this day unchanged, even
    /// if it is a weekend.
    public func adding(workingDays: Int) -> Day {
        guard workingDays != 0 else { return self }
        var start = self
        // From a weekend, counting forward behaves as if from the Friday
        // before, and counting backward as if from the Monday after. After
        // this, `start` is a weekday, so every whole week of seven days
        // holds exactly five working days.
        if start.isWeekend {
            let weekday = start.weekday
            start = workingDays > 0 ? start.adding(days: 5 - weekday) : start.adding(days: 8 - weekday)
        }
        let weeks = workingDays / 5
        var remainder = workingDays % 5
        var result = start.adding(days: weeks * 7)
        let step = remainder > 0 ? 1 : -1
        while remainder != 0 {
            result = result.adding(days: step)
            if !result.isWeekend { remainder -= step }
        }
        return result
    }

    /// The same day of the month `months` months later (or earlier, if
    /// negative), clamped to the end of a shorter month: 31 January plus
    /// one month is 28 February, or 29 February in a leap year.
    public func adding(months: Int) -> Day {
        let (year, month, day) = components
        // Count months from year 0 so that floored division handles
        // negative offsets that cross a year boundary.
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        let newDay = Swift.min(day, Day.daysInMonth(year: newYear, month: newMonth))
        return Day(number: Int32(Day.daysFromCivil(year: newYear, month: newMonth, day: newDay)))
    }

    /// The same day `years` years later (or earlier, if negative);
    /// 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> Day {
        adding(months: years * 12)
    }

    /// The number of days from this day to `other`: positive when `other`
    /// is later, zero when they are the same day.
    public func days(until other: Day) -> Int {
        Int(other.number) - Int(number)
    }
}

// MARK: - Parsing

extension Day {
    /// Parses a strict ISO 8601 calendar date, `YYYY-MM-DD`: exactly four,
    /// two and two ASCII digits, and a day that exists.
    public static func parseISO<C: Collection>(_ bytes: C) -> Day? where C.Element == UInt8 {
        var index = bytes.startIndex
        let end = bytes.endIndex
        guard let year = readDigits(bytes, &index, end, count: 4),
              expect(UInt8(ascii: "-"), bytes, &index, end),
              let month = readDigits(bytes, &index, end, count: 2),
              expect(UInt8(ascii: "-"), bytes, &index, end),
              let day = readDigits(bytes, &index, end, count: 2),
              index == end
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// Parses a strict ISO 8601 calendar date, `YYYY-MM-DD`.
    public static func parseISO(_ text: String) -> Day? {
        parseISO(text.utf8)
    }

    /// Parses `YYYY-MM-DD` straight from bytes (part of a line being read): the generic
    /// ``parseISO(_:)-(C)``, specialised here, where it is compiled.
    public static func parseISO(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        parseISO(bytes)
    }

    /// Parses a British-style date, `dd/mm/yyyy`, where the day and month
    /// may also be written with a single digit (`1/4/2025`). The year must
    /// have four digits, so `1/4/25` is rejected rather than guessed at.
    public static func parseDayMonthYear<C: Collection>(_ bytes: C) -> Day? where C.Element == UInt8 {
        var index = bytes.startIndex
        let end = bytes.endIndex
        guard let day = readDigits(bytes, &index, end, oneOrTwo: ()),
              expect(UInt8(ascii: "/"), bytes, &index, end),
              let month = readDigits(bytes, &index, end, oneOrTwo: ()),
              expect(UInt8(ascii: "/"), bytes, &index, end),
              let year = readDigits(bytes, &index, end, count: 4),
              index == end
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// Parses a British-style date, `dd/mm/yyyy` or `d/m/yyyy`.
    public static func parseDayMonthYear(_ text: String) -> Day? {
        parseDayMonthYear(text.utf8)
    }

    /// Reads exactly `count` ASCII digits as a number.
    private static func readDigits<C: Collection>(
        _ bytes: C, _ index: inout C.Index, _ end: C.Index, count: Int
    ) -> Int? where C.Element == UInt8 {
        var value = 0
        for _ in 0..<count {
            guard index != end, let digit = digitValue(bytes[index]) else { return nil }
            value = value * 10 + digit
            index = bytes.index(after: index)
        }
        return value
    }

    /// Reads one or two ASCII digits as a number.
    private static func readDigits<C: Collection>(
        _ bytes: C, _ index: inout C.Index, _ end: C.Index, oneOrTwo: Void
    ) -> Int? where C.Element == UInt8 {
        guard index != end, let first = digitValue(bytes[index]) else { return nil }
        index = bytes.index(after: index)
        guard index != end, let second = digitValue(bytes[index]) else { return first }
        index = bytes.index(after: index)
        return first * 10 + second
    }

    /// Consumes `byte` if it is next, reporting whether it was.
    private static func expect<C: Collection>(
        _ byte: UInt8, _ bytes: C, _ index: inout C.Index, _ end: C.Index
    ) -> Bool where C.Element == UInt8 {
        guard index != end, bytes[index] == byte else { return false }
        index = bytes.index(after: index)
        return true
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte &- UInt8(ascii: "0")) : nil
    }
}

// MARK: - Rendering

extension Day {
    /// The day in ISO 8601 form, `YYYY-MM-DD`. Years outside 0000–9999
    /// use the expanded form with an explicit sign, such as `+10000-01-01`.
    public var iso: String {
        let (year, month, day) = components
        // Years 0000–9999 (every date the rules and registers hold): ten ASCII digits and dashes
        // written in place, a small string with no allocation. A batch writes a date or more per
        // line, and joining padded pieces cost about 2% of `check --batch`.
        if (0...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { text in
                text.writeDigits(of: year, from: 0, width: 4)
                text.writeDigits(of: month, from: 5, width: 2)
                text.writeDigits(of: day, from: 8, width: 2)
                text[4] = UInt8(ascii: "-")
                text[7] = UInt8(ascii: "-")
                return 10
            }
        }
        var text: String
        if (0...9999).contains(year) {
            text = Day.padded(year, width: 4)
        } else {
            text = (year < 0 ? "-" : "+") + Day.padded(abs(year), width: 4)
        }
        text += "-" + Day.padded(month, width: 2) + "-" + Day.padded(day, width: 2)
        return text
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
