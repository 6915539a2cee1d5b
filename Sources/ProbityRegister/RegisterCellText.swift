import Glibc

/// Makes a register cell's bytes into the trimmed text the builder keeps, for both file
/// formats: a table's cells come as byte ranges of the record (``CSVFields``) and a JSON
/// row's plain strings as byte ranges of the document.
///
/// A register repeats most of its values down a column (the employer, the position, the type
/// of interest, a date), so each field remembers the last text it made and its bytes: a cell
/// spelled as the one above it costs a comparison, not a new `String` (an allocation and a
/// UTF-8 check for anything longer than 15 bytes). Cells are trimmed on their bytes; one that
/// starts or ends with a byte outside ASCII (a non-breaking space, say) is trimmed as text by
/// ``TextFolding/trimmed(_:)``, so the result is always that function's.
struct RegisterCellText {
    /// By `RegisterField.rawValue`: the text last made for the field.
    private var lastText = [String](repeating: "", count: RegisterField.allCases.count)

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
        let text = String(decoding: cell, as: UTF8.self)
        lastText[slot] = text
        return text
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
