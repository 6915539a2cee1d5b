import Glibc
import ProbitySupport

/// Makes a register cell's bytes into the trimmed text the builder keeps, for both file
/// formats: a table's cells come as byte ranges of the record (``CSVFields``) and a JSON
/// row's plain strings as byte ranges of the document.
///
/// A register repeats most of its values down a column (the employer, the position, the type
/// of interest, a date), so each field remembers the last text it made and its bytes: a cell
/// spelled as the one above it costs a comparison, not a new `String` (an allocation and a
/// UTF-8 check for anything longer than 15 bytes). Cells are trimmed on their bytes; one that
/// starts or ends with a byte outside ASCII (a non-breaking space, say) is trimmed as text by
/// ``TextFolding/trimmed(_:)``, so the result is always that function's. A value met before
/// further up (an organisation named again, a type of interest, the same nature of interest
/// declared by several people) is found by its bytes (``TextInterner``), every field but the
/// name, which a register seldom repeats. A date is read from its bytes where they lie
/// (``date(_:field:)``), and made into text only for a message.
struct RegisterCellText {
    /// By `RegisterField.rawValue`: the text last made for the field.
    private var lastText = [String](repeating: "", count: RegisterField.allCases.count)
    /// The values met so far, but the names.
    private var interned = TextInterner()

    /// The trimmed text of `bytes`, which must be valid UTF-8 (or are repaired as
    /// `String(decoding:as:)` repairs them), the cell of `field`.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, field: RegisterField) -> String {
        var start = 0, end = bytes.count
        while start < end, Self.isASCIISpace(bytes[start]) { start += 1 }
        while end > start, Self.isASCIISpace(bytes[end - 1]) { end -= 1 }
        if start == end { return "" }
        if bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 {
            // Perhaps a space of another kind: the general rule, never remembered.
            return TextFolding.trimmed(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        let cell = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let slot = field.rawValue
        // Compared with the last text's own UTF-8: the same bytes make the same text.
        if Self.isSame(lastText[slot], cell) { return lastText[slot] }
        let text = field == .name ? String(decoding: cell, as: UTF8.self) : interned.text(cell)
        lastText[slot] = text
        return text
    }

    /// The date in `bytes`, the cell of `field`, trimmed as ``text(_:field:)`` trims it and read
    /// by `DateText.read`: a day when it names one, otherwise the trimmed text (for the message
    /// the builder gives). Only a cell starting or ending with a byte outside ASCII is made into
    /// text first (and read as text), since only there can the general trimming differ.
    mutating func date(_ bytes: UnsafeBufferPointer<UInt8>, field: RegisterField) -> RegisterDateCell {
        var start = 0, end = bytes.count
        while start < end, Self.isASCIISpace(bytes[start]) { start += 1 }
        while end > start, Self.isASCIISpace(bytes[end - 1]) { end -= 1 }
        if start == end { return .empty }
        if bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 {
            return RegisterDateCell(text: text(bytes, field: field))
        }
        switch DateText.read(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
        case .iso(let day), .dayFirst(let day): return .day(day)
        case .noSuchDay, .unreadable: return .notADay(text(bytes, field: field))
        }
    }

    /// Whether `text`'s UTF-8 is `bytes`. A cell whose bytes are not UTF-8 never matches a text
    /// (which holds the repaired bytes), so it is made again, and repaired again, each time.
    private static func isSame(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let same = text.utf8.withContiguousStorageIfAvailable { last in
            last.count == bytes.count && memcmp(last.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
        return same ?? text.utf8.elementsEqual(bytes)
    }

    /// Whether `bytes` trim to nothing, by ``TextFolding/trimmed(_:)``'s rule.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where !isASCIISpace(byte) {
            if byte < 0x80 { return false }
            // A byte outside ASCII: perhaps a space of another kind, so ask the general rule.
            return TextFolding.trimmed(String(decoding: bytes, as: UTF8.self)).isEmpty
        }
        return true
    }

    /// The ASCII spaces `TextFolding.isSpace` counts: tab to carriage return, and space.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
