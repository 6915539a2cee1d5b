import Glibc

/// What reads a table written as JSON as ``JSONRowStream`` reaches its parts: the rows of a
/// document that is an array (``JSONRowVisitor``), or the elements of the array that is one
/// named member of a document that is an object (`{"people": [...]}`).
///
/// A row's members are handed on as they are read, before the stream knows the row is whole;
/// when it is not (the chunk ended inside it), the stream calls ``abandonRow()`` and hands the
/// row on again from its start once more bytes have come. `endRow()` and the other calls come
/// only for parts read whole.
public protocol JSONStreamVisitor: JSONRowVisitor {
    /// Forgets the row begun (`beginRow(line:)`) and its members since: it will be read again.
    mutating func abandonRow()

    /// An element, whole, of the array under the stream's `nestedKey`, on the 1-based `line`.
    mutating func nestedElement(_ value: JSONValue, line: Int)
}

/// What a document read by ``JSONRowStream`` without a syntax error turned out to be.
public enum JSONStreamShape: Equatable, Sendable {
    /// An array: its elements went to the visitor as rows.
    case rows
    /// An object: when its `nestedKey` member was an array, that array's elements went to the
    /// visitor; any other member was checked and passed over.
    case object(hasNestedArray: Bool)
    /// Anything else, by its `JSONValue.kindDescription`: nothing went to the visitor.
    case other(String)
}

/// Reads a JSON document as its bytes arrive, chunk by chunk, handing on each row of a
/// document that is an array (member by member, see ``JSONRowVisitor``), or
/// each element of the array under `nestedKey` in a document that is an object, so that a
/// file of any size is read in the memory of one chunk and the element being read.
///
/// The document is checked exactly as ``JSONParser/parse(_:maximumDepth:)`` checks it, with
/// the same messages at the same line and column, wherever the chunks end. It reads in
/// steps — an element and the `,` or `]` after it, a key and its value, the end — and a step
/// that needs a byte past those arrived (`JSONReader.reachedEnd`) is read again from its
/// start when more come, once the bytes held have doubled, as ``CSVRecordStream`` does, so
/// an element longer than many chunks still costs time linear in its length. A chunk is read
/// where it lies, and only the bytes of the step it ends inside are kept (see `append`). A row's members
/// go straight to the visitor (held, they cost a quarter more time), which forgets them when
/// the row must be read again (``JSONStreamVisitor/abandonRow()``); anything else a step hands
/// on waits until the step is whole, so nothing is handed on twice. A syntax error is the
/// document's first, so reading stops there; elements before it have been handed on, and a
/// caller keeps nothing from a failed read.
public struct JSONRowStream {
    /// The member of a document that is an object whose array is read element by element.
    public let nestedKey: String
    private let maximumDepth: Int

    /// Bytes received and not yet read; `start` is the first of them not yet read.
    private var buffer: [UInt8] = []
    private var start = 0
    /// The file offset of `buffer[0]` (after any byte order mark).
    private var bufferOffset = 0
    /// Don't read again until the buffer holds this many bytes.
    private var retryAt = 0
    /// Whether a byte order mark has been looked for.
    private var begun = false
    private var step = Step.document
    private var shape = JSONStreamShape.other("")
    private var failure: JSONSyntaxError?
    /// Where the bytes counted so far end, for elements' lines and errors' columns.
    private var counted = TextPosition()
    /// Keys of the rows, numbered (see ``JSONRowKey``).
    private var keys = JSONRowKeys()
    /// The top-level object's keys, for duplicates.
    private var objectKeys: Set<String> = []

    /// What the next step reads.
    private enum Step: Equatable {
        case document, row, key(isFirst: Bool), nestedElement, afterNestedArray, end, done
    }

    /// A stream handing on the elements of an array document, or of the array under
    /// `nestedKey` in an object document.
    public init(nestedKey: String, maximumDepth: Int = JSONParser.maximumDepth) {
        self.nestedKey = nestedKey
        self.maximumDepth = maximumDepth
    }

    /// A stream for a later part of an array document: bytes that begin where an element of
    /// the top-level array begins, on the 1-based `line`, handed on as rows with the lines they
    /// lie on. What the part holds after its last element (the array's `]`, the end) is read as
    /// the whole document's would be. Only a reader of the part before that ends between two
    /// rows (``endsAtRowStart``) can tell that the part begins where a row does; its caller
    /// checks that before taking the part's rows (``RegisterReadSharing``).
    public init(continuingRowsAtLine line: Int, nestedKey: String, maximumDepth: Int = JSONParser.maximumDepth) {
        self.init(nestedKey: nestedKey, maximumDepth: maximumDepth)
        begun = true
        step = .row
        shape = .rows
        counted = TextPosition(offset: 0, line: line, column: 1)
    }

    /// How many bytes are held waiting for the end of a step.
    public var heldByteCount: Int { buffer.count - start }

    /// Reads every whole step of the bytes held, however few came since the last read (a
    /// chunk too small to be worth reading again waits in the buffer otherwise).
    public mutating func readHeld<Visitor: JSONStreamVisitor>(into visitor: inout Visitor) {
        guard failure == nil, begun else { return }
        read(isFinal: false, into: &visitor)
        compact()
    }

    /// Whether the document is an array whose rows are being read, with no error so far.
    public var readsRows: Bool { failure == nil && step == .row && shape == .rows }

    /// The 1-based line of the last byte held (the `{` of ``endsAtRowStart``), counting the bytes
    /// held so far; nil when nothing is held.
    public mutating func lineOfLastByteHeld() -> Int? {
        guard start < buffer.count else { return nil }
        let last = buffer.count - 1
        buffer.withUnsafeBufferPointer { bytes in counted.advance(to: bufferOffset + last, in: bytes, from: bufferOffset) }
        return counted.line
    }

    /// Whether the bytes handed in so far end with the `{` that opens an element of a top-level
    /// array, every element before it read (``readHeld(into:)`` first) and only whitespace since
    /// the `,` after the last: the bytes from that `{` on are then read as a stream made with
    /// ``init(continuingRowsAtLine:nestedKey:maximumDepth:)`` reads them. (The stream reads the
    /// `,` after an element only with the next value's first byte in sight, so that byte is
    /// handed in too.)
    public var endsAtRowStart: Bool {
        guard failure == nil, step == .row, shape == .rows, start < buffer.count, buffer[buffer.count - 1] == UInt8(ascii: "{") else {
            return false
        }
        return buffer.withUnsafeBufferPointer { JSONReader.afterWhitespace($0, from: start) == $0.count - 1 }
    }

    /// Takes the next chunk of the file and hands `visitor` every part it completes, in order;
    /// `false` once the document has failed (nothing after the first error matters).
    public mutating func append<Visitor: JSONStreamVisitor>(_ chunk: UnsafeBufferPointer<UInt8>,
                                                            into visitor: inout Visitor) -> Bool {
        guard failure == nil else { return false }
        if start > 0 && start == buffer.count {
            drop(start)
        }
        // A chunk is read where it lies, not copied into the buffer, when no step straddles its
        // start, or once the step that does is read from the buffer with the chunk's first bytes.
        if begun {
            if buffer.isEmpty && chunk.count >= retryAt {
                readInPlace(chunk, into: &visitor)
                return failure == nil
            }
            let bridge = min(chunk.count, Self.bridgeBytes)
            if !buffer.isEmpty && buffer.count + bridge >= retryAt {
                let chunkStart = buffer.count
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<bridge]))
                read(isFinal: false, stopAt: chunkStart, into: &visitor)
                guard failure == nil else { return false }
                if start >= chunkStart {
                    // The steps begun before the chunk are read: the rest of it is read in place.
                    let inChunk = start - chunkStart
                    drop(start)
                    readInPlace(UnsafeBufferPointer(rebasing: chunk[inChunk...]), into: &visitor)
                    return failure == nil
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[bridge...]))
                if buffer.count >= retryAt { read(isFinal: false, into: &visitor) }
                compact()
                return failure == nil
            }
        }
        buffer.append(contentsOf: chunk)
        if buffer.count >= retryAt { read(isFinal: false, into: &visitor) }
        compact()
        return failure == nil
    }

    /// How many of a chunk's first bytes are put after those held, for the step that
    /// straddles the chunk's start (a row is a few hundred bytes); a step longer than that
    /// has the whole chunk put after it, as every step had before chunks were read in place.
    static let bridgeBytes = 4_096

    /// Reads `chunk` where it lies, nothing being held, and keeps only the bytes of the step
    /// it ends inside.
    private mutating func readInPlace<Visitor: JSONStreamVisitor>(_ chunk: UnsafeBufferPointer<UInt8>, into visitor: inout Visitor) {
        read(chunk, isFinal: false, stopAt: .max, into: &visitor)
        guard failure == nil else { return }
        counted.advance(to: bufferOffset + start, in: chunk, from: bufferOffset)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start...]))
        bufferOffset += start
        retryAt = max(0, retryAt - start)
        start = 0
    }

    /// Ends the file: hands `visitor` the parts still held, and says what the document was.
    public mutating func finish<Visitor: JSONStreamVisitor>(into visitor: inout Visitor) -> Result<JSONStreamShape, JSONSyntaxError> {
        if failure == nil { read(isFinal: true, into: &visitor) }
        buffer = []
        start = 0
        if let failure { return .failure(failure) }
        return .success(shape)
    }

    // MARK: Reading

    /// Reads the bytes held, steps starting before `stopAt` only.
    private mutating func read<Visitor: JSONStreamVisitor>(isFinal: Bool, stopAt: Int = .max, into visitor: inout Visitor) {
        // Taken out of `self` while it is read, so the reader may change `self`; the stream's
        // own reference is back before anyone appends, so appending later does not copy.
        let buffer = self.buffer
        self.buffer = []
        defer { self.buffer = buffer }
        buffer.withUnsafeBufferPointer { bytes in read(bytes, isFinal: isFinal, stopAt: stopAt, into: &visitor) }
    }

    /// Reads the steps of `bytes` (those held, or a chunk where it lies: they begin at file
    /// offset `bufferOffset`) from `start`, those starting before `stopAt`, as far as they are whole.
    private mutating func read<Visitor: JSONStreamVisitor>(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, stopAt: Int,
                                                           into visitor: inout Visitor) {
        if !begun {
            guard bytes.count >= 3 || isFinal else {
                retryAt = 3
                return
            }
            // A byte order mark is not part of the document, nor a column anyone can see.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                start = 3
                counted.offset = 3
            }
            begun = true
        }
        var reader = JSONReader(bytes, maximumDepth: maximumDepth)
        while step != .done && start < stopAt {
            if step == .row && keys.templates.first?.isOneLine == true && maximumDepth > 1 {
                readRowsLikeTemplate(&reader, bytes: bytes, into: &visitor)
            }
            reader.position = start
            reader.reachedEnd = false
            reader.rowIsOpen = false
            reader.enclosingDepth = 0
            do throws(JSONFailure) {
                let next = try readStep(&reader, bytes: bytes, isFinal: isFinal, visitor: &visitor)
                guard !reader.reachedEnd || isFinal else {
                    if reader.rowIsOpen { visitor.abandonRow() }
                    waitForMore(bytes.count)
                    return
                }
                if reader.rowIsOpen { reader.endRow(&visitor) }
                if let element = next.element {
                    if step == .row {
                        visitor.element(element.value, line: element.line)
                    } else {
                        visitor.nestedElement(element.value, line: element.line)
                    }
                }
                if let key = next.key { objectKeys.insert(key) }
                step = next.step
                start = reader.position
                if step == .end && start == bytes.count && !isFinal { return }
            } catch {
                if reader.rowIsOpen { visitor.abandonRow() }
                if reader.reachedEnd && !isFinal {
                    waitForMore(bytes.count)
                    return
                }
                failure = located(error, in: bytes)
                return
            }
        }
    }

    /// Keeps only what is still to read, so the buffer holds about one chunk.
    private mutating func compact() {
        if start > 0 && start * 2 >= buffer.count {
            let dropped = start
            buffer.withUnsafeBufferPointer { bytes in counted.advance(to: bufferOffset + dropped, in: bytes, from: bufferOffset) }
            buffer.removeFirst(dropped)
            bufferOffset += dropped
            retryAt = max(0, retryAt - dropped)
            start = 0
        }
    }

    /// Drops the whole buffer, every byte of it read.
    private mutating func drop(_ count: Int) {
        buffer.withUnsafeBufferPointer { bytes in counted.advance(to: bufferOffset + count, in: bytes, from: bufferOffset) }
        buffer.removeAll(keepingCapacity: true)
        bufferOffset += count
        retryAt = max(0, retryAt - count)
        start = 0
    }

    private mutating func waitForMore(_ held: Int) {
        retryAt = start + (held - start) * 2
    }

    /// What one step read: the step after it, a nested element to hand on, a key of the
    /// top-level object to remember.
    private struct StepResult {
        var step: Step
        var element: (value: JSONValue, line: Int)? = nil
        var key: String? = nil
    }

    /// Reads one step from `start`. Every change it makes to the stream, other than numbering
    /// keys (which a repeated read numbers the same), and every call to `visitor` other than a
    /// row's beginning and members (see `JSONReader.rowIsOpen`), waits for the step to be whole.
    private mutating func readStep<Visitor: JSONStreamVisitor>(_ reader: inout JSONReader, bytes: UnsafeBufferPointer<UInt8>,
                                                               isFinal: Bool, visitor: inout Visitor) throws(JSONFailure) -> StepResult {
        switch step {
        case .document:
            reader.skipWhitespace()
            switch reader.peek() {
            case UInt8(ascii: "["):
                shape = .rows
                return StepResult(step: try reader.enterIsEmpty(closing: UInt8(ascii: "]"), inside: 0) ? .end : .row)
            case UInt8(ascii: "{"):
                shape = .object(hasNestedArray: false)
                return StepResult(step: try reader.enterIsEmpty(closing: UInt8(ascii: "}"), inside: 0) ? .end : .key(isFirst: true))
            default:
                // Read whole, for the message (the caller wanted an array or an object).
                let value = try reader.parseNestedValues()
                shape = .other(value.kindDescription)
                return StepResult(step: .end)
            }

        case .row:
            let line = lineOf(reader.position, in: bytes)
            reader.enclosingDepth = 1
            if reader.peek() == UInt8(ascii: "{") {
                try reader.parseRow(line: line, keys: &keys, into: &visitor)
                return StepResult(step: try reader.moreElements() ? .row : .end)
            }
            let value = try reader.parseNestedValues()
            return StepResult(step: try reader.moreElements() ? .row : .end, element: (value, line))

        case .key(let isFirst):
            let keyStart = reader.position
            let key = try reader.parseKey(after: isFirst ? "`{`" : "`,`")
            if !isFirst && objectKeys.contains(key) {
                throw JSONFailure(message: "duplicate key `\(key)`", offset: keyStart)
            }
            reader.skipWhitespace()
            if key == nestedKey && reader.peek() == UInt8(ascii: "[") {
                shape = .object(hasNestedArray: true)
                let isEmpty = try reader.enterIsEmpty(closing: UInt8(ascii: "]"), inside: 1)
                return StepResult(step: isEmpty ? .afterNestedArray : .nestedElement, key: key)
            }
            reader.enclosingDepth = 1
            _ = try reader.parseNestedValues()
            return StepResult(step: try reader.moreMembers() ? .key(isFirst: false) : .end, key: key)

        case .nestedElement:
            let line = lineOf(reader.position, in: bytes)
            reader.enclosingDepth = 2
            let value = try reader.parseNestedValues()
            let more = try reader.moreElements()
            return StepResult(step: more ? .nestedElement : .afterNestedArray, element: (value, line))

        case .afterNestedArray:
            return StepResult(step: try reader.moreMembers() ? .key(isFirst: false) : .end)

        case .end:
            reader.skipWhitespace()
            guard reader.position == bytes.count else {
                throw reader.failure("expected end of input after the JSON value, found \(reader.describeHere())")
            }
            // Whitespace to the end: more may come; the document is done only at the file's end.
            reader.reachedEnd = false
            return StepResult(step: isFinal ? .done : .end)

        case .done:
            return StepResult(step: .done)
        }
    }

    /// Reads the rows from `start` that are spelled as the rows' template
    /// (`JSONReader.matchTemplate`) and followed, within the bytes held, by `,` and the next
    /// row's `{`: hands each on whole (``JSONRowVisitor/templateRow(_:)``) and moves `start`
    /// past it, counting the line breaks between rows as it goes (a row the template reads
    /// holds none). Each such row is a step of its own, whole when handed on, so nothing is
    /// handed on twice. It stops, having said nothing of it, at the first row that is not one
    /// (the array's last, one the chunk's end cuts, one spelled otherwise, damage), which the
    /// general step then reads.
    private mutating func readRowsLikeTemplate<Visitor: JSONStreamVisitor>(_ reader: inout JSONReader, bytes: UnsafeBufferPointer<UInt8>,
                                                                           into visitor: inout Visitor) {
        let count = bytes.count
        // On the stack: this is tried before every row the general step reads, too.
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: JSONRowTemplate.maximumMembers) { values in
            // Rows of the shape tried first, one after another; at a row of another shape kept
            // (a writer that leaves out empty keys writes several), that shape is tried first
            // from then on and the run goes on.
            while readRows(like: keys.template, &reader, bytes: bytes, values: values, into: &visitor) {
                guard start < count, bytes[start] == UInt8(ascii: "{"),
                      let other = keys.templates.indices.dropFirst().first(where: { index in
                          reader.position = start
                          return keys.templates[index].isOneLine && reader.matchTemplate(keys.templates[index], values: values) != nil
                      }) else { return }
                keys.promote(other)
            }
        }
    }

    /// The run of rows of ``readRowsLikeTemplate(_:bytes:into:)`` for one `template`: true when
    /// it stopped at a row `template` does not read (another kept shape might), false when it
    /// stopped for anything else.
    private mutating func readRows<Visitor: JSONStreamVisitor>(like template: JSONRowTemplate, _ reader: inout JSONReader,
                                                               bytes: UnsafeBufferPointer<UInt8>,
                                                               values: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>,
                                                               into visitor: inout Visitor) -> Bool {
        let count = bytes.count
        guard start < count, bytes[start] == UInt8(ascii: "{") else { return false }
        var line = lineOf(start, in: bytes)
        let (pieces, ends) = (template.bytes, template.ends)
        return pieces.withUnsafeBufferPointer { pieces in ends.withUnsafeBufferPointer { ends in template.keys.withUnsafeBufferPointer { keyNumbers in
            while true {
                reader.position = start
                guard let match = reader.matchTemplate(pieces: pieces, ends: ends, values: values) else { return true }
                // `,`, then the next row's `{`, whitespace around the comma.
                var at = match.end, breaks = 0, lastBreak = 0
                func skipWhitespace() {
                    while at < count {
                        switch bytes[at] {
                        case UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t"): at += 1
                        case UInt8(ascii: "\n"):
                            breaks += 1
                            lastBreak = at
                            at += 1
                        default: return
                        }
                    }
                }
                skipWhitespace()
                guard at < count, bytes[at] == UInt8(ascii: ",") else { return false }
                at += 1
                skipWhitespace()
                guard at < count, bytes[at] == UInt8(ascii: "{") else { return false }
                reader.scratch.withUnsafeBufferPointer { decoded in
                    if let escaped = match.escapedMember { values[escaped] = decoded }
                    visitor.templateRow(JSONTemplateRow(line: line, shape: template.shape, keys: keyNumbers,
                                                        values: UnsafeBufferPointer(rebasing: values[..<keyNumbers.count]),
                                                        escapedMember: match.escapedMember))
                }
                start = at
                if breaks > 0 {
                    // Only whitespace since the last break, each byte a column.
                    counted = TextPosition(offset: bufferOffset + at, line: counted.line + breaks, column: at - lastBreak)
                    line = counted.line
                }
                // Otherwise the next row is on this row's line, and `counted` is left where it
                // is (on the same line, before it): it is moved on when next needed.
            }
        } } }
    }

    /// The 1-based line of buffer position `position`, counting on from the last asked.
    private mutating func lineOf(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        counted.advance(to: bufferOffset + position, in: bytes, from: bufferOffset)
        return counted.line
    }

    /// A failure at a buffer position, with the line and column of its place in the file.
    private func located(_ failure: JSONFailure, in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
        var position = counted
        let offset = bufferOffset + failure.offset
        if offset >= position.offset { position.advance(to: offset, in: bytes, from: bufferOffset) }
        return JSONSyntaxError(message: failure.message, offset: offset, line: position.line, column: position.column)
    }
}

extension JSONReader {
    /// Steps into the array or object opening at `position`, inside `openCount` open ones, and
    /// on past its `closing` bracket when that comes first; whether it did (the container is empty).
    fileprivate mutating func enterIsEmpty(closing: UInt8, inside openCount: Int) throws(JSONFailure) -> Bool {
        try checkDepth(openCount)
        position += 1
        skipWhitespace()
        guard peek() == closing else { return false }
        position += 1
        return true
    }
}

/// A place in a file counted from its start: the file offset, and the 1-based line and column
/// there (columns count Unicode scalars, as `JSONSyntaxError`'s do).
struct TextPosition {
    var offset = 0
    var line = 1
    var column = 1

    /// Moves on to file offset `target`, counting the bytes between, which `bytes` holds from
    /// file offset `base`. Line breaks are found with `memchr`; only the last line's lead bytes
    /// are counted one by one.
    mutating func advance(to target: Int, in bytes: UnsafeBufferPointer<UInt8>, from base: Int) {
        guard target > offset, let address = bytes.baseAddress else { return }
        var from = offset - base
        let end = target - base
        var lineStart: Int?
        while from < end, let found = memchr(address + from, Int32(UInt8(ascii: "\n")), end - from) {
            line += 1
            from = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - address + 1
            lineStart = from
        }
        if let lineStart {
            column = 1
            from = lineStart
        }
        // Count lead bytes only, so each scalar is one column: eight bytes at a time (a line may
        // be a whole document written without breaks), a continuation byte being `10xxxxxx`.
        if let base = bytes.baseAddress {
            while from &+ 8 <= end {
                let word = UnsafeRawPointer(base + from).loadUnaligned(as: UInt64.self)
                // A 1 in the low bit of each continuation byte, summed into the top byte by
                // the multiply (a population count without the instruction, which the baseline
                // x86-64 target lacks).
                let continuations = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
                column += 8 - Int((continuations &* 0x0101_0101_0101_0101) >> 56)
                from &+= 8
            }
        }
        while from < end {
            if bytes[from] & 0xC0 != 0x80 { column += 1 }
            from += 1
        }
        offset = target
    }
}
