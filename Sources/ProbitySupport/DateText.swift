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
        // In place where the text's bytes are contiguous (a native string, small or not),
        // which `withUTF8` on a copy may not reuse.
        if let reading = text.utf8.withContiguousStorageIfAvailable(read) { return reading }
        var text = text
        return text.withUTF8(read)
    }

    /// The same reading from the text's UTF-8 bytes, in one pass and without allocating: a
    /// register has a date or two on every row, and this is on its load path.
    ///
    /// A date in any form is three runs of one to four ASCII digits split by two of one
    /// separator (`-`, `/` or `.`) and nothing else. With `-` and a four-digit year first it
    /// is year first (ISO only when the month and day have two digits and the day exists);
    /// otherwise, with a four-digit year last and a day and month of one or two digits, it
    /// is day first.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        if bytes.count == 10, let reading = readTenBytes(bytes) { return reading }
        return readByParts(bytes)
    }

    /// The reading of the two ten-byte forms registers are written in, `dd/mm/yyyy` (or with
    /// `.` or `-`) and `yyyy-mm-dd`, by the places of their digits and separators; nil for any
    /// other ten bytes, which ``readByParts(_:)`` reads. Each gives what `readByParts` gives.
    @inline(__always)
    static func readTenBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
        @inline(__always) func digit(_ index: Int) -> Int? {
            let value = bytes[index] &- 0x30
            return value < 10 ? Int(value) : nil
        }
        @inline(__always) func isSeparator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        if isSeparator(bytes[2]), bytes[5] == bytes[2],
           let d0 = digit(0), let d1 = digit(1), let m0 = digit(3), let m1 = digit(4),
           let y0 = digit(6), let y1 = digit(7), let y2 = digit(8), let y3 = digit(9) {
            let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
            if let found = Day(year: year, month: month, day: day) { return .dayFirst(found) }
            return .noSuchDay(year: year, month: month, day: day)
        }
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
           let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) {
            let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
            if let found = Day(year: year, month: month, day: day) { return .iso(found) }
            return .noSuchDay(year: year, month: month, day: day)
        }
        return nil
    }

    /// The reading of any text, by splitting it into its three runs of digits.
    static func readByParts(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        guard bytes.count >= 5, bytes.count <= 14 else { return .unreadable }
        var values = (0, 0, 0), digits = (0, 0, 0)
        var part = 0
        var separator: UInt8 = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                let digit = Int(byte &- 0x30)
                switch part {
                case 0: values.0 = values.0 * 10 + digit; digits.0 += 1
                case 1: values.1 = values.1 * 10 + digit; digits.1 += 1
                default: values.2 = values.2 * 10 + digit; digits.2 += 1
                }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
                if separator == 0 { separator = byte } else if byte != separator { return .unreadable }
                part += 1
                if part > 2 { return .unreadable }
            } else {
                return .unreadable
            }
        }
        guard part == 2, (1...4).contains(digits.0), (1...4).contains(digits.1), (1...4).contains(digits.2) else {
            return .unreadable
        }
        if separator == UInt8(ascii: "-"), digits.0 == 4, digits.1 <= 2, digits.2 <= 2 {
            if digits.1 == 2, digits.2 == 2, let day = Day(year: values.0, month: values.1, day: values.2) { return .iso(day) }
            return .noSuchDay(year: values.0, month: values.1, day: values.2)
        }
        if digits.2 == 4, digits.0 <= 2, digits.1 <= 2 {
            if let day = Day(year: values.2, month: values.1, day: values.0) { return .dayFirst(day) }
            return .noSuchDay(year: values.2, month: values.1, day: values.0)
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
}
