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
/// The whole-file reader here and the chunked one (``CSVRecordStream``) are
/// one splitter: this reader hands it the whole file as its only chunk.
public enum CSVReader {
    /// Splits `bytes` into records.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents, UTF-8 (invalid sequences are repaired).
    ///   - separator: the field separator, or `nil` to detect it.
    /// - Returns: the records, and the separator that was used.
    public static func read(_ bytes: [UInt8], separator: UInt8? = nil) -> (records: [CSVRecord], separator: UInt8) {
        var stream = CSVRecordStream(separator: separator)
        var records: [CSVRecord] = []
        stream.append(bytes) { records.append($0) }
        stream.finish { records.append($0) }
        return (records, stream.separator ?? UInt8(ascii: ","))
    }
}
