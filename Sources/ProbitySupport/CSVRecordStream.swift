/// Splits delimited text into records as its bytes arrive, chunk by chunk, so that a file of
/// any size is read in the memory of one chunk and the record being read.
///
/// It reads exactly as ``CSVReader`` describes (that reader is this one given the whole file
/// as one chunk). A chunk may end anywhere: inside a quoted field, between the CR and LF of
/// a line break, between the two quotes of `""`, inside a UTF-8 sequence. A record is handed
/// on only once its end has been seen; a record cut by the end of a chunk is read again from
/// its start when more bytes arrive, and the stream then waits for the bytes held to double
/// before trying again, so a record longer than many chunks (a quote never closed) still
/// costs time linear in its length.
///
/// Empty records (an empty line) are held back until a record with something in it follows:
/// empty lines at the end of the file are dropped, as the whole-file reader drops them.
public struct CSVRecordStream {
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let tab = UInt8(ascii: "\t")
    private static let comma = UInt8(ascii: ",")
    private static let semicolon = UInt8(ascii: ";")
    private static let space = UInt8(ascii: " ")

    /// The field separator: given, or detected from the first line once it has arrived.
    public private(set) var separator: UInt8?
    /// Bytes received and not yet split; `start` is the first of them not yet read.
    private var buffer: [UInt8] = []
    private var start = 0
    /// The line the next record starts on.
    private var line = 1
    /// Whether the byte order mark and the separator have been dealt with.
    private var begun = false
    /// Don't try to split again until the buffer holds this many bytes (see the type's note).
    private var retryAt = 0
    /// Empty records held back: the line of the first, and how many (each is one line).
    private var heldEmpty = (line: 0, count: 0)
    /// Reused for each record's fields and for quoted fields' bytes.
    private var fields: [String] = []
    private var scratch: [UInt8] = []

    /// A stream splitting at `separator`, or at the separator its first line shows when `nil`.
    public init(separator: UInt8? = nil) {
        self.separator = separator
    }

    /// How many bytes are held waiting for the end of a record.
    public var heldByteCount: Int { buffer.count - start }

    /// Takes the next chunk of the file and hands `body` every record it completes, in order.
    public mutating func append(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) -> Void) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            retryAt -= start
            start = 0
        }
        buffer.append(contentsOf: chunk)
        if buffer.count >= retryAt { split(isFinal: false, body) }
    }

    /// Takes bytes, as ``append(_:_:)-(UnsafeBufferPointer<UInt8>,_)`` does.
    public mutating func append(_ chunk: [UInt8], _ body: (CSVRecord) -> Void) {
        chunk.withUnsafeBufferPointer { append($0, body) }
    }

    /// Ends the file: hands `body` the records still held (the last may have no line break).
    public mutating func finish(_ body: (CSVRecord) -> Void) {
        split(isFinal: true, body)
        buffer = []
        start = 0
        heldEmpty.count = 0
    }

    // MARK: Splitting

    private mutating func split(isFinal: Bool, _ body: (CSVRecord) -> Void) {
        var buffer = self.buffer
        self.buffer = []          // held uniquely here, so appending later does not copy
        defer { self.buffer = buffer }
        let consumed: Int = buffer.withUnsafeBufferPointer { bytes in
            var index = start
            if !begun {
                guard let first = begin(bytes, isFinal: isFinal) else {
                    retryAt = bytes.count * 2
                    return index
                }
                index = first
                begun = true
            }
            let separator = self.separator!
            while index < bytes.count {
                let recordLine = line
                guard let next = readRecord(bytes, from: index, separator: separator, isFinal: isFinal) else {
                    line = recordLine
                    fields.removeAll(keepingCapacity: true)
                    retryAt = index + (bytes.count - index) * 2
                    break
                }
                index = next
                if fields.count == 1 && fields[0].isEmpty {
                    if heldEmpty.count == 0 { heldEmpty.line = recordLine }
                    heldEmpty.count += 1
                } else {
                    for offset in 0..<heldEmpty.count {
                        body(CSVRecord(fields: [""], line: heldEmpty.line + offset))
                    }
                    heldEmpty.count = 0
                    body(CSVRecord(fields: fields, line: recordLine))
                }
                fields.removeAll(keepingCapacity: true)
            }
            return index
        }
        start = consumed
        // Keep only what is still to read, so the buffer holds about one chunk.
        if start > 0 && start * 2 >= buffer.count {
            buffer.removeFirst(start)
            retryAt = max(0, retryAt - start)
            start = 0
        }
    }

    /// Drops a byte order mark and detects the separator; the first byte of the first record,
    /// or nil until the first line (or the whole file) has arrived.
    private mutating func begin(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> Int? {
        guard bytes.count >= 3 || isFinal else { return nil }
        let first = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        if separator == nil {
            guard let detected = Self.detectSeparator(bytes, from: first, isFinal: isFinal) else { return nil }
            separator = detected
        }
        return first
    }

    /// Counts the candidate separators outside quotes on the first line and picks the
    /// commonest; nil when the first line has not all arrived. Ties go to tab, then comma: a
    /// tab is the least likely of the three to appear inside a header's words. With none at
    /// all the file has one column, and comma is as good as any.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool) -> UInt8? {
        var tabs = 0, commas = 0, semicolons = 0
        var inQuotes = false
        var index = start
        var ended = isFinal
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == lf || byte == cr { ended = true; break }
                if byte == tab { tabs += 1 }
                else if byte == comma { commas += 1 }
                else if byte == semicolon { semicolons += 1 }
            }
            index += 1
        }
        guard ended else { return nil }
        if tabs >= commas && tabs >= semicolons && tabs > 0 { return tab }
        if semicolons > commas { return semicolon }
        return comma
    }

    /// Reads the record starting at `index` (before the end of `bytes`) into `fields`,
    /// advancing `line` past its line breaks; the position after it, or nil when the record
    /// reaches the end of `bytes` and more may follow (the caller then reads it again).
    ///
    /// It runs field by field: an unquoted field is found by scanning to the next separator
    /// or line break and becomes a string straight from the input; only a quoted field, whose
    /// `""` must be undone, is copied through `scratch`.
    private mutating func readRecord(_ bytes: UnsafeBufferPointer<UInt8>, from recordStart: Int,
                                     separator: UInt8, isFinal: Bool) -> Int? {
        let count = bytes.count
        var index = recordStart
        while true {
            // At the start of a field.
            let field: String
            if let opening = Self.openingQuote(bytes, at: index) {
                scratch.removeAll(keepingCapacity: true)
                index = Self.readQuoted(bytes, from: opening + 1, into: &scratch, line: &line)
                // Anything between the closing quote and the separator is kept.
                let tailStart = index
                while index < count, bytes[index] != separator, bytes[index] != Self.lf, bytes[index] != Self.cr { index += 1 }
                if index >= count && !isFinal { return nil }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[tailStart..<index]))
                field = String(decoding: scratch, as: UTF8.self)
            } else {
                let fieldStart = index
                while index < count, bytes[index] != separator, bytes[index] != Self.lf, bytes[index] != Self.cr { index += 1 }
                if index >= count && !isFinal { return nil }
                field = String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self)
            }
            fields.append(field)

            // After a field: a separator, a line break, or the end of the file.
            if index >= count { return index }
            if bytes[index] == separator {
                index += 1
                if index >= count {
                    guard isFinal else { return nil }
                    fields.append("")                    // "a," at the very end: a last, empty field
                    return index
                }
                continue
            }
            if bytes[index] == Self.cr {
                if index + 1 < count {
                    if bytes[index + 1] == Self.lf { index += 1 }
                } else if !isFinal {
                    return nil                           // an LF may be the next chunk's first byte
                }
            }
            line += 1
            return index + 1
        }
    }

    /// The position of the quote that opens a quoted field starting at `index`, if it is one.
    /// Spaces typed before the quote (`a, "b"`) are allowed and dropped.
    @inline(__always)
    private static func openingQuote(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var position = index
        while position < bytes.count, bytes[position] == space { position += 1 }
        return position < bytes.count && bytes[position] == quote ? position : nil
    }

    /// Reads a quoted field's content from just after its opening quote, undoing `""`, and
    /// returns the position after the closing quote (or the end, for a quote not closed
    /// before it). Line breaks inside are data but still advance `line`.
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
            if index >= count { return index }               // not closed: the field runs to the end
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
