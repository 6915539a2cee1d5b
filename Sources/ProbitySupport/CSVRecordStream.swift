import Glibc

/// Splits delimited text into records as its bytes arrive, chunk by chunk, so that a file of
/// any size is read in the memory of one chunk and the record being read.
///
/// It reads exactly as ``CSVReader`` describes (that reader is this one given the whole file
/// as one chunk). A chunk may end anywhere: inside a quoted field, between the CR and LF of
/// a line break, between the two quotes of `""`, inside a UTF-8 sequence. A record is handed
/// on only once its end has been seen; a record cut by the end of a chunk is read again from
/// its start when more bytes arrive, and the stream then waits for the bytes held to double
/// before trying again, so a record longer than many chunks (a quote never closed) still
/// costs time linear in its length. A chunk is split where it lies, and only the bytes of the
/// record it ends inside are kept (see `appendFields`).
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
    /// The record being read: where each of its `fieldCount` fields is, in the input or (a
    /// quoted field, its `""` undone) in `quotedBytes`. Reused from record to record, never
    /// emptied (emptying an array goes through a general path that costs more than the record).
    private var fields: [CSVFieldPlace] = []
    private var fieldCount = 0
    private var quotedBytes: [UInt8] = []

    /// A stream splitting at `separator`, or at the separator its first line shows when `nil`.
    public init(separator: UInt8? = nil) {
        self.separator = separator
    }

    /// A stream reading a file from a record's start part-way through it: `separator` is the
    /// file's (found on its first line), and the first record starts on `line`. Nothing is
    /// taken for a byte order mark. A file read in parts is read as a whole would be only from
    /// a true record start; ``endsAtRecordStart(_:)`` on the part before says whether it was one.
    public init(separator: UInt8, continuingAtLine line: Int) {
        self.separator = separator
        self.line = line
        begun = true
    }

    /// How many bytes are held waiting for the end of a record.
    public var heldByteCount: Int { buffer.count - start }

    /// The line the next record starts on.
    public var nextLine: Int { line }

    /// Whether the bytes appended so far end exactly where a record ends, none held (not inside
    /// a quoted field, not between the CR and LF of a line break); if so the empty records held
    /// back are handed to `body`, since more of the file follows them. Nothing is handed on
    /// otherwise, and the stream can go on taking the file's bytes either way.
    public mutating func endsAtRecordStart(_ body: (CSVFields) -> Void) -> Bool {
        guard begun, heldByteCount == 0 else { return false }
        for offset in 0..<heldEmpty.count {
            Self.oneEmptyField.withUnsafeBufferPointer { places in
                body(CSVFields(line: heldEmpty.line + offset, input: UnsafeBufferPointer(start: nil, count: 0),
                               quoted: UnsafeBufferPointer(start: nil, count: 0), places: places))
            }
        }
        heldEmpty.count = 0
        return true
    }

    /// The line breaks in `bytes` as records and quoted fields count them: a CR LF, a lone LF
    /// and a lone CR are one each. A stream over a file's first `n` bytes that
    /// ``endsAtRecordStart(_:)`` has `nextLine` one more than this count of them.
    public static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        // Most files have no CR: one `memchr` says so, and the LFs are then found by `memchr`,
        // which the C library vectorises (a loop a byte here was not: 8 instructions a byte,
        // and a register's first half is megabytes).
        if memchr(base, Int32(cr), bytes.count) == nil { return bytes.occurrences(of: lf) }
        // Every LF and every CR, less the CRs an LF follows.
        var lineFeeds = 0, carriageReturns = 0
        for byte in bytes {
            lineFeeds &+= byte == lf ? 1 : 0
            carriageReturns &+= byte == cr ? 1 : 0
        }
        guard bytes.count > 1 else { return lineFeeds + carriageReturns }
        var pairs = 0
        for index in 1..<bytes.count where bytes[index] == lf && bytes[index - 1] == cr { pairs += 1 }
        return lineFeeds + carriageReturns - pairs
    }

    /// Takes the next chunk of the file and hands `body` every record it completes, in order.
    public mutating func append(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) -> Void) {
        appendFields(chunk) { body($0.record) }
    }

    /// Takes the next chunk of the file and hands `body` every record it completes, in order, as
    /// its fields' bytes (``CSVFields``): a reader that needs a few fields as text makes only
    /// those into strings.
    public mutating func appendFields(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVFields) -> Void) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            retryAt -= start
            start = 0
        }
        // A chunk is split where it lies, not copied into the buffer, when no record straddles
        // its start, or once the record that does is read with the chunk's first bytes.
        if begun {
            if buffer.isEmpty && chunk.count >= retryAt {
                splitInPlace(chunk, body)
                return
            }
            let bridge = min(chunk.count, Self.bridgeBytes)
            if !buffer.isEmpty && buffer.count + bridge >= retryAt {
                let chunkStart = buffer.count
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<bridge]))
                split(isFinal: false, stopAt: chunkStart, body)
                if start >= chunkStart {
                    // The records begun before the chunk are read: the rest of it is split in place.
                    let inChunk = start - chunkStart
                    buffer.removeAll(keepingCapacity: true)
                    retryAt = max(0, retryAt - start)
                    start = 0
                    splitInPlace(UnsafeBufferPointer(rebasing: chunk[inChunk...]), body)
                    return
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[bridge...]))
                if buffer.count >= retryAt { split(isFinal: false, body) }
                compact()
                return
            }
        }
        buffer.append(contentsOf: chunk)
        if buffer.count >= retryAt { split(isFinal: false, body) }
        compact()
    }

    /// How many of a chunk's first bytes are put after those held, for the record that
    /// straddles the chunk's start (a register's row is a few hundred bytes); a longer record
    /// has the whole chunk put after it, as every record had before chunks were split in place.
    static let bridgeBytes = 4_096

    /// Splits `chunk` where it lies, nothing being held, and keeps only the bytes of the
    /// record it ends inside.
    private mutating func splitInPlace(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVFields) -> Void) {
        let consumed = split(chunk, isFinal: false, stopAt: .max, body)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[consumed...]))
        retryAt = max(0, retryAt - consumed)
        start = 0
    }

    /// Takes bytes, as ``append(_:_:)-(UnsafeBufferPointer<UInt8>,_)`` does.
    public mutating func append(_ chunk: [UInt8], _ body: (CSVRecord) -> Void) {
        chunk.withUnsafeBufferPointer { append($0, body) }
    }

    /// Takes bytes, as ``appendFields(_:_:)-(UnsafeBufferPointer<UInt8>,_)`` does.
    public mutating func appendFields(_ chunk: [UInt8], _ body: (CSVFields) -> Void) {
        chunk.withUnsafeBufferPointer { appendFields($0, body) }
    }

    /// Ends the file: hands `body` the records still held (the last may have no line break).
    public mutating func finish(_ body: (CSVRecord) -> Void) {
        finishFields { body($0.record) }
    }

    /// Ends the file, as ``finish(_:)`` does, handing on each record's fields' bytes.
    public mutating func finishFields(_ body: (CSVFields) -> Void) {
        split(isFinal: true, body)
        buffer = []
        start = 0
        heldEmpty.count = 0
    }

    // MARK: Splitting

    /// Splits the bytes held, records starting before `stopAt` only.
    private mutating func split(isFinal: Bool, stopAt: Int = .max, _ body: (CSVFields) -> Void) {
        // Taken out of `self` while it is read, so the splitter may change `self`; the stream's
        // own reference is back before anyone appends, so appending later does not copy.
        let buffer = self.buffer
        self.buffer = []
        defer { self.buffer = buffer }
        start = buffer.withUnsafeBufferPointer { bytes in split(bytes, isFinal: isFinal, stopAt: stopAt, body) }
    }

    /// Splits the records of `bytes` (those held, or a chunk where it lies) from `start`, those
    /// starting before `stopAt`, as far as they are whole; the position of the first not read.
    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, stopAt: Int, _ body: (CSVFields) -> Void) -> Int {
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
        while index < bytes.count && index < stopAt {
            let recordLine = line
            guard let next = readRecord(bytes, from: index, separator: separator, isFinal: isFinal) else {
                line = recordLine
                fieldCount = 0
                retryAt = index + (bytes.count - index) * 2
                break
            }
            index = next
            if fieldCount == 1 && fields[0].count == 0 {
                if heldEmpty.count == 0 { heldEmpty.line = recordLine }
                heldEmpty.count += 1
            } else {
                for offset in 0..<heldEmpty.count {
                    Self.oneEmptyField.withUnsafeBufferPointer { places in
                        body(CSVFields(line: heldEmpty.line + offset, input: bytes, quoted: bytes, places: places))
                    }
                }
                heldEmpty.count = 0
                quotedBytes.withUnsafeBufferPointer { quoted in
                    fields.withUnsafeBufferPointer { places in
                        body(CSVFields(line: recordLine, input: bytes, quoted: quoted,
                                       places: UnsafeBufferPointer(rebasing: places[..<fieldCount])))
                    }
                }
            }
            fieldCount = 0
        }
        return index
    }

    /// Keeps only what is still to read, so the buffer holds about one chunk.
    private mutating func compact() {
        if start > 0 && start * 2 >= buffer.count {
            buffer.removeFirst(start)
            retryAt = max(0, retryAt - start)
            start = 0
        }
    }

    /// An empty record's fields: one field, empty.
    private static let oneEmptyField = [CSVFieldPlace(start: 0, count: 0, isQuoted: false)]

    /// Notes the next field of the record being read.
    @inline(__always)
    private mutating func add(_ place: CSVFieldPlace) {
        if fieldCount < fields.count { fields[fieldCount] = place } else { fields.append(place) }
        fieldCount += 1
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
    /// or line break and noted where it lies; a quoted field is copied with its `""` undone.
    private mutating func readRecord(_ bytes: UnsafeBufferPointer<UInt8>, from recordStart: Int,
                                     separator: UInt8, isFinal: Bool) -> Int? {
        let count = bytes.count
        var index = recordStart
        fieldCount = 0
        // Quoted fields' bytes are kept for the record only.
        if !quotedBytes.isEmpty { quotedBytes.removeAll(keepingCapacity: true) }
        while true {
            // At the start of a field.
            if let opening = Self.openingQuote(bytes, at: index) {
                let fieldStart = quotedBytes.count
                index = Self.readQuoted(bytes, from: opening + 1, into: &quotedBytes, line: &line)
                // Anything between the closing quote and the separator is kept.
                let tailStart = index
                index = Self.endOfField(bytes, from: index, separator: separator)
                if index >= count && !isFinal { return nil }
                quotedBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[tailStart..<index]))
                add(CSVFieldPlace(start: fieldStart, count: quotedBytes.count - fieldStart, isQuoted: true))
            } else {
                let fieldStart = index
                index = Self.endOfField(bytes, from: index, separator: separator)
                if index >= count && !isFinal { return nil }
                add(CSVFieldPlace(start: fieldStart, count: index - fieldStart, isQuoted: false))
            }

            // After a field: a separator, a line break, or the end of the file.
            if index >= count { return index }
            if bytes[index] == separator {
                index += 1
                if index >= count {
                    guard isFinal else { return nil }
                    add(CSVFieldPlace(start: index, count: 0, isQuoted: false))   // "a," at the very end: a last, empty field
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

    /// The position of the first separator, CR or LF at or after `index`, or the end: eight
    /// bytes at a time while none of the eight is one (a register's row is mostly text).
    @inline(__always)
    private static func endOfField(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, separator: UInt8) -> Int {
        var index = index
        let count = bytes.count
        if let base = bytes.baseAddress {
            let ones = 0x0101_0101_0101_0101 as UInt64, highs = 0x8080_8080_8080_8080 as UInt64
            let separators = ones &* UInt64(separator), lfs = ones &* UInt64(lf), crs = ones &* UInt64(cr)
            while index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                // A byte equal to one of the three makes its byte of `x ^ pattern` zero; a zero
                // byte sets its high bit in `(v - ones) & ~v & highs` (the classic test, exact
                // about whether any byte is zero).
                func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
                if hasZero(word ^ separators) || hasZero(word ^ lfs) || hasZero(word ^ crs) { break }
                index += 8
            }
        }
        while index < count, bytes[index] != separator, bytes[index] != lf, bytes[index] != cr { index += 1 }
        return index
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

/// Where a field of the record being read lies: in the input, or among the quoted fields' bytes.
struct CSVFieldPlace {
    var start: Int
    var count: Int
    var isQuoted: Bool
}

/// One record's fields as ``CSVRecordStream`` hands them on: their bytes, quoting undone, valid
/// only while the stream's callback runs (an unquoted field is where it lies in the input).
/// Fields that are not UTF-8 are repaired when made into text, as ``CSVRecord``'s are.
public struct CSVFields {
    /// The 1-based line on which the record starts.
    public let line: Int
    private let input: UnsafeBufferPointer<UInt8>
    private let quoted: UnsafeBufferPointer<UInt8>
    private let places: UnsafeBufferPointer<CSVFieldPlace>

    init(line: Int, input: UnsafeBufferPointer<UInt8>, quoted: UnsafeBufferPointer<UInt8>, places: UnsafeBufferPointer<CSVFieldPlace>) {
        self.line = line
        self.input = input
        self.quoted = quoted
        self.places = places
    }

    /// How many fields the record has (at least one).
    public var count: Int { places.count }

    /// The bytes of field `index` (`0..<count`).
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let place = places[index]
        let bytes = place.isQuoted ? quoted : input
        return UnsafeBufferPointer(rebasing: bytes[place.start..<place.start + place.count])
    }

    /// The record, its fields as text.
    public var record: CSVRecord {
        CSVRecord(fields: (0..<count).map { String(decoding: self[$0], as: UTF8.self) }, line: line)
    }
}
