import ProbitySupport

/// A register's date cell as the builder takes it: read already, so that a date given as bytes
/// (``RegisterCellText/date(_:field:)``) is never made into text unless it is not a date.
enum RegisterDateCell: Equatable {
    /// Nothing written: the date is open.
    case empty
    /// The day the cell names (in either form `DateText` reads).
    case day(Day)
    /// A cell that names no day, as written (trimmed), for the message saying so.
    case notADay(String)

    /// The date in `text`, which is trimmed already.
    init(text: String) {
        if text.isEmpty {
            self = .empty
            return
        }
        switch DateText.read(text) {
        case .iso(let day), .dayFirst(let day): self = .day(day)
        case .noSuchDay, .unreadable: self = .notADay(text)
        }
    }

    /// Whether nothing was written.
    var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }
}
