/// One record of a delimited text file: its fields, and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The fields in order, with quoting removed.
    public var fields: [String]
    /// The 1-based line on which the record starts. A quoted field may
    /// hold line breaks, so a record can span several lines.
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Reads comma-, tab- or semicolon-separated text as RFC 4180 describes it,
/// forgiving the things real exports get wrong.
///
/// - Fields may be quoted with `"`; inside quotes a separator or a line
///   break is data, and `""` stands for one `"`.
/// - Lines may end with CRLF, LF or CR alone.
/// - A UTF-8 byte order mark at the start is dropped.
/// - The separator, unless given, is whichever of tab, comma and semicolon
///   occurs most often outside quotes on the first line (the header).
/// - Empty lines at the end are dropped; an empty line elsewhere is kept
///   as a record with one empty field, so line numbers stay true.
/// - A quote left open runs to the end of the input rather than failing.
///
/// The reader works on bytes in one pass, because registers can be large
/// and every byte of them passes through here.
public enum CSVReader {
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let tab = UInt8(ascii: "\t")
    private static let comma = UInt8(ascii: ",")
    private static let semicolon = UInt8(ascii: ";")
    private static let space = UInt8(ascii: " ")

    /// Splits `bytes` into records.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents, UTF-8 (invalid sequences are repaired).
    ///   - separator: the field separator, or `nil` to detect it.
    /// - Returns: the records, and the separator that was used.
    public static func read(_ bytes: [UInt8], separator: UInt8? = nil) -> (records: [CSVRecord], separator: UInt8) {
        bytes.withUnsafeBufferPointer { buffer in
            let start = hasByteOrderMark(buffer) ? 3 : 0
            let chosen = separator ?? detectSeparator(buffer, from: start)
            var records = split(buffer, from: start, separator: chosen)
            while let last = records.last, last.fields.count == 1, last.fields[0].isEmpty {
                records.removeLast()
            }
            return (records, chosen)
        }
    }

    private static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Counts the candidate separators outside quotes on the first line and
    /// picks the commonest. Ties go to tab, then comma: a tab is the least
    /// likely of the three to appear inside a header's words. With none at
    /// all the file has one column, and comma is as good as any.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var tabs = 0, commas = 0, semicolons = 0
        var inQuotes = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == lf || byte == cr { break }
                if byte == tab { tabs += 1 }
                else if byte == comma { commas += 1 }
                else if byte == semicolon { semicolons += 1 }
            }
            index += 1
        }
        if tabs >= commas && tabs >= semicolons && tabs > 0 { return tab }
        if semicolons > commas { return semicolon }
        return comma
    }

    /// The record splitter. It runs field by field: an unquoted field is
    /// found by scanning to the next separator or line break and becomes a
    /// string straight from the input; only a quoted field, whose `""` must
    /// be undone, is copied through a scratch buffer.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, separator: UInt8) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var scratch: [UInt8] = []
        var line = 1
        var index = start
        let count = bytes.count
        if index >= count { return records }

        var recordLine = line
        while true {
            // At the start of a field.
            let field: String
            if let opening = openingQuote(bytes, at: index) {
                scratch.removeAll(keepingCapacity: true)
                index = readQuoted(bytes, from: opening + 1, into: &scratch, line: &line)
                // Anything between the closing quote and the separator is kept.
                let tailStart = index
                while index < count, bytes[index] != separator, bytes[index] != lf, bytes[index] != cr { index += 1 }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[tailStart..<index]))
                field = String(decoding: scratch, as: UTF8.self)
            } else {
                let fieldStart = index
                while index < count, bytes[index] != separator, bytes[index] != lf, bytes[index] != cr { index += 1 }
                field = String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self)
            }
            fields.append(field)

            // After a field: a separator, a line break, or the end.
            if index >= count {
                records.append(CSVRecord(fields: fields, line: recordLine))
                return records
            }
            if bytes[index] == separator {
                index += 1
                if index >= count {                      // "a," at the very end: a last, empty field
                    fields.append("")
                    records.append(CSVRecord(fields: fields, line: recordLine))
                    return records
                }
                continue
            }
            if bytes[index] == cr, index + 1 < count, bytes[index + 1] == lf { index += 1 }
            index += 1
            line += 1
            records.append(CSVRecord(fields: fields, line: recordLine))
            fields.removeAll(keepingCapacity: true)
            recordLine = line
            if index >= count { return records }
        }
    }

    /// The position of the quote that opens a quoted field starting at
    /// `index`, if it is one. Spaces typed before the quote (`a, "b"`) are
    /// allowed and dropped.
    @inline(__always)
    private static func openingQuote(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var position = index
        while position < bytes.count, bytes[position] == space { position += 1 }
        return position < bytes.count && bytes[position] == quote ? position : nil
    }

    /// Reads a quoted field's content from just after its opening quote,
    /// undoing `""`, and returns the position after the closing quote (or
    /// the end, for a quote never closed). Line breaks inside are data but
    /// still advance `line`.
    private static func readQuoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                   into field: inout [UInt8], line: inout Int) -> Int {
        var index = start
        let count = bytes.count
        while index < count {
            let runStart = index
            while index < count, bytes[index] != quote {
                let byte = bytes[index]
                if byte == lf || (byte == cr && !(index + 1 < count && bytes[index + 1] == lf)) { line += 1 }
                index += 1
            }
            field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            if index >= count { return index }               // never closed: the field runs to the end
            if index + 1 < count && bytes[index + 1] == quote {
                field.append(quote)
                index += 2
            } else {
                return index + 1
            }
        }
        return index
    }
}
