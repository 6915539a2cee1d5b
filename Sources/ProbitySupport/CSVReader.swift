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

    /// The record splitter: a small state machine over the bytes.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, separator: UInt8) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)

        var line = 1              // the line the cursor is on
        var recordLine = 1        // the line the current record started on
        var inQuotes = false
        var fieldWasQuoted = false
        var index = start
        let count = bytes.count

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }

        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < count && bytes[index + 1] == quote {
                        field.append(quote)          // "" inside quotes is one quote
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == lf || (byte == cr && !(index + 1 < count && bytes[index + 1] == lf)) {
                        line += 1                   // a line break kept as data still counts
                    }
                    field.append(byte)
                }
                index += 1
                continue
            }

            switch byte {
            case separator:
                endField()
            case cr, lf:
                endField()
                records.append(CSVRecord(fields: fields, line: recordLine))
                fields.removeAll(keepingCapacity: true)
                if byte == cr && index + 1 < count && bytes[index + 1] == lf { index += 1 }
                line += 1
                recordLine = line
            case quote where !fieldWasQuoted && isBlank(field):
                // A quote opens a quoted field only at the start of a field;
                // spaces typed before it (`a, "b"`) are dropped with it.
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                fieldWasQuoted = true
            default:
                // Text after a closing quote, or a quote inside an unquoted
                // field, is kept as it is: being lenient beats losing a row.
                field.append(byte)
            }
            index += 1
        }

        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted || inQuotes {
            endField()
            records.append(CSVRecord(fields: fields, line: recordLine))
        }
        return records
    }

    private static func isBlank(_ field: [UInt8]) -> Bool {
        for byte in field where byte != space { return false }
        return true
    }
}
