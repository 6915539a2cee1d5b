/// A key of a row object, as ``JSONRowStream`` numbers it:
/// the same key text always has the same `number` (0, 1, 2… in the order first met), which is
/// what a row's members come with, so a reader keeps what a key means in an array instead of
/// matching its text again (or holding its `String`) for every member.
public struct JSONRowKey: Sendable {
    public let number: Int
    public let text: String
}

/// What reads a document that is an array of row objects (a table written as JSON), member
/// by member, as ``JSONRowStream`` reaches each. Rows are read without making a tree of any:
/// the few keys a table repeats on every row are matched by their bytes (``JSONRowKey``), not
/// made into strings and hashed each time.
public protocol JSONRowVisitor {
    /// A key met for the first time, with the number its members will come with. By default,
    /// nothing.
    mutating func newKey(_ key: JSONRowKey)
    /// An element that is an object begins, on the 1-based `line`.
    mutating func beginRow(line: Int)
    /// A member of that object, in document order, by its key's number (``newKey(_:)``).
    /// `value` is a number, `true`, `false` or `null`, or the whole of a nested array or object
    /// (a string comes to ``member(_:text:)`` or ``member(_:decoded:)``).
    mutating func member(_ key: Int, _ value: JSONValue)
    /// A member of that object whose value is a string without escapes, as its UTF-8 (valid)
    /// where it lies in the document: the bytes last until the row ends or is abandoned, so a
    /// reader may keep where they lie until then, and make a `String` of them only for a value
    /// it keeps and has not seen before. By default, ``member(_:_:)`` with the string.
    mutating func member(_ key: Int, text: UnsafeBufferPointer<UInt8>)
    /// A member of that object whose value is a string with an escape, as its UTF-8 (valid,
    /// escapes undone), which lasts only for the call. By default, ``member(_:_:)`` with the
    /// string.
    mutating func member(_ key: Int, decoded: UnsafeBufferPointer<UInt8>)
    /// The object has ended.
    mutating func endRow()
    /// A row read whole by its template (``JSONTemplateRow``): every member a string, handed on
    /// at once. By default, ``beginRow(line:)``, each member as ``member(_:text:)`` (or
    /// ``member(_:decoded:)`` for the one with an escape) and ``endRow()``, which is what the
    /// same row read member by member says.
    mutating func templateRow(_ row: borrowing JSONTemplateRow)
    /// An element that is not an object, on the 1-based `line`.
    mutating func element(_ value: JSONValue, line: Int)
}

/// The keys met so far, numbered, and the key met at each position of the row before.
struct JSONRowKeys {
    private var numbers: [String: Int] = [:]
    private(set) var texts: [String] = []
    /// Every key's UTF-8, one after another, and where each key's lies (`count` -1 when it holds
    /// a `"` or `\`, and so may be written otherwise in the file): compared in place, without
    /// holding an array a key.
    private var plainBytes: [UInt8] = []
    private var plainPlaces: [(start: Int, count: Int)] = []
    /// The key at each position in the row before.
    private var lastAtPosition: [Int] = []
    /// The shapes of the last rows read the general way whose values were all plain strings,
    /// the one that last read a row first: a table written by a program repeats one shape, but a
    /// writer that leaves out a row's empty keys writes several, which take turns.
    private(set) var templates: [JSONRowTemplate] = []
    /// How many templates have been kept, which numbers each (``JSONRowTemplate/shape``).
    private var templatesKept = 0
    /// The most shapes kept: a row none of them reads is read the general way, and each one
    /// tried costs a comparison of the row's first bytes at least.
    static let maximumTemplates = 8

    /// The template tried first: the one that last read a row (empty when there is none).
    var template: JSONRowTemplate { templates.first ?? JSONRowTemplate() }

    /// Keeps `template` as the one tried first from now on, forgetting the one tried last when
    /// ``maximumTemplates`` are kept.
    mutating func keep(_ template: JSONRowTemplate) {
        guard !template.isEmpty else { return }
        templatesKept += 1
        var kept = template
        kept.shape = templatesKept
        if templates.count == Self.maximumTemplates { templates.removeLast() }
        templates.insert(kept, at: 0)
    }

    /// Makes the template at `index` the one tried first.
    mutating func promote(_ index: Int) {
        guard index > 0 else { return }
        let template = templates.remove(at: index)
        templates.insert(template, at: 0)
    }

    /// The key the bytes at `start` (an opening quote) spell, when it is the key at `position`
    /// in the row before and written without escapes; the position after its closing quote.
    @inline(__always)
    func repeated(at position: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (number: Int, end: Int)? {
        guard position < lastAtPosition.count else { return nil }
        let number = lastAtPosition[position]
        let place = plainPlaces[number]
        guard place.count >= 0 else { return nil }
        let first = start + 1, end = first + place.count
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let same = place.count == 0 || plainBytes.withUnsafeBufferPointer { plain in
            ByteStringTable.equal(plain.baseAddress! + place.start, bytes.baseAddress! + first, count: place.count)
        }
        return same ? (number, end + 1) : nil
    }

    /// The number of `text`, and whether it is new (given a number now).
    mutating func number(of text: String) -> (number: Int, isNew: Bool) {
        if let known = numbers[text] { return (known, false) }
        let number = texts.count
        numbers[text] = number
        texts.append(text)
        if text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            plainPlaces.append((0, -1))
        } else {
            plainPlaces.append((plainBytes.count, text.utf8.count))
            plainBytes.append(contentsOf: text.utf8)
        }
        return (number, true)
    }

    /// Remembers `number` as the key at `position` of this row.
    @inline(__always)
    mutating func met(_ number: Int, at position: Int) {
        if position < lastAtPosition.count {
            if lastAtPosition[position] != number { lastAtPosition[position] = number }
        } else if position == lastAtPosition.count {
            lastAtPosition.append(number)
        }
    }
}

/// The bytes around the values of a row whose values were all strings of plain ASCII, which
/// the rows of a table written by a program repeat exactly: `{"Name": "` before the first
/// value, `", "Valid From": "` between two, `"}` after the last. A row spelled the same around
/// its values (``JSONReader/readRowLikeTemplate(line:keys:into:)``) is read by comparing those
/// bytes in place, eight at a time, and finding where each value ends, with no key, `:` or `,`
/// looked at on its own.
struct JSONRowTemplate {
    /// The most members a template has: a table has a few columns.
    static let maximumMembers = 16
    /// The most bytes its pieces hold.
    static let maximumBytes = 4_096

    /// The pieces one after another: before the first value (from `{` to its opening quote),
    /// between two (from a closing quote to the next opening one), after the last (from its
    /// closing quote to `}`).
    private(set) var bytes: [UInt8] = []
    /// Where each piece ends in `bytes`: one more than there are members.
    private(set) var ends: [Int] = []
    /// The key number of each member, in order.
    private(set) var keys: [Int] = []
    /// Which template this is, of those a stream has made (see ``JSONTemplateRow/shape``).
    var shape = 0
    /// Whether its pieces hold no line break: a row read by it then lies on one line (its
    /// values are strings, which cannot hold a raw line break), so rows read one after
    /// another have their lines counted between them.
    private(set) var isOneLine = false

    var isEmpty: Bool { keys.isEmpty }

    /// The template of the row whose object spans `row` of `document`, its members' keys
    /// `keys` and their values (each without its quotes) at `values`; empty when the row is
    /// too wide or its pieces too long to be worth comparing.
    init(row: Range<Int>, keys: [Int], values: [Range<Int>], in document: UnsafeBufferPointer<UInt8>) {
        guard !keys.isEmpty, keys.count <= Self.maximumMembers,
              row.count - values.reduce(0, { $0 + $1.count }) <= Self.maximumBytes else { return }
        var from = row.lowerBound
        for value in values {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: document[from..<value.lowerBound]))
            ends.append(bytes.count)
            from = value.upperBound
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: document[from..<row.upperBound]))
        ends.append(bytes.count)
        self.keys = keys
        isOneLine = !bytes.contains(UInt8(ascii: "\n"))
    }

    init() {}
}

/// A row read whole by a ``JSONRowTemplate`` and handed on at once
/// (``JSONRowVisitor/templateRow(_:)``): its members' key numbers and their string values, as
/// UTF-8 (valid) where they lie in the document, or for the one with an escape
/// (``escapedMember``) decoded; the bytes last only for the call.
public struct JSONTemplateRow {
    /// The 1-based line the row starts on.
    public let line: Int
    /// Which of the stream's templates read the row: rows of the same shape have the same keys
    /// in the same order, so a reader may work out once what each member is for.
    public let shape: Int
    /// The member whose value had an escape, decoded; nil when none had.
    public let escapedMember: Int?
    @usableFromInline let keys: UnsafeBufferPointer<Int>
    @usableFromInline let values: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>

    init(line: Int, shape: Int, keys: UnsafeBufferPointer<Int>, values: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, escapedMember: Int?) {
        self.line = line
        self.shape = shape
        self.keys = keys
        self.values = values
        self.escapedMember = escapedMember
    }

    /// How many members the row has (at most 16).
    @inlinable public var count: Int { keys.count }

    /// The key number of member `member` (`0..<count`), as ``JSONRowVisitor/newKey(_:)`` gave it.
    @inlinable public func key(_ member: Int) -> Int { keys[member] }

    /// The value of member `member` (`0..<count`), as UTF-8.
    @inlinable public func value(_ member: Int) -> UnsafeBufferPointer<UInt8> { values[member] }
}

extension JSONRowVisitor {
    public mutating func newKey(_ key: JSONRowKey) {}

    public mutating func templateRow(_ row: borrowing JSONTemplateRow) {
        templateRowMemberByMember(row)
    }

    /// `row` told as the general step tells a row: ``beginRow(line:)``, a member call each,
    /// ``endRow()``. The default ``templateRow(_:)``, and a visitor's own way back to it.
    public mutating func templateRowMemberByMember(_ row: borrowing JSONTemplateRow) {
        beginRow(line: row.line)
        for index in 0..<row.count {
            if index == row.escapedMember {
                member(row.key(index), decoded: row.value(index))
            } else {
                member(row.key(index), text: row.value(index))
            }
        }
        endRow()
    }

    public mutating func member(_ key: Int, text: UnsafeBufferPointer<UInt8>) {
        member(key, .string(String(decoding: text, as: UTF8.self)))
    }

    public mutating func member(_ key: Int, decoded: UnsafeBufferPointer<UInt8>) {
        member(key, .string(String(decoding: decoded, as: UTF8.self)))
    }
}

extension JSONReader {
    /// Reads one element of a row array: an object member by member into `visitor`, anything
    /// else whole. The checks, and their order, are those of `parseNestedValues`.
    ///
    /// The row's `endRow()` is left to the caller (``JSONRowStream``, which may have to read
    /// the row again), and `rowIsOpen` says whether `beginRow(line:)` was called for a row not
    /// yet ended.
    mutating func parseRow<Visitor: JSONRowVisitor>(line: Int, keys: inout JSONRowKeys, into visitor: inout Visitor) throws(JSONFailure) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            visitor.element(try parseNestedValues(), line: line)
            return
        }
        try checkDepth(0)
        if !keys.templates.isEmpty, readRowLikeTemplate(line: line, keys: &keys, into: &visitor) { return }
        let rowStart = position
        position += 1
        skipWhitespace()
        visitor.beginRow(line: line)
        rowIsOpen = true
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        // The row's keys, for duplicates: a bit each for the first 64 keys numbered (a table
        // has a few), a set for any beyond, so a row allocates nothing for them.
        var seenBits = 0 as UInt64
        var seenBeyond: Set<Int> = []
        var memberPosition = 0
        // While every value is a plain string: the keys and where the values lie, from which
        // the row's template is made when it ends.
        // In place, as every row that is not like the template is read this way.
        var plainKeys = InlineArray<16, Int>(repeating: 0)
        var plainValues = InlineArray<16, Range<Int>>(repeating: 0..<0)
        var plainCount = 0
        var allPlain = true
        /// After the row's `}`: makes its template when all its values were plain strings.
        func learn(_ reader: JSONReader, _ keys: inout JSONRowKeys) {
            guard allPlain else { return }
            keys.keep(JSONRowTemplate(row: rowStart..<reader.position, keys: (0..<plainCount).map { plainKeys[$0] },
                                      values: (0..<plainCount).map { plainValues[$0] }, in: reader.bytes))
        }
        while true {
            let memberStart = position
            if let plain = plainMember(at: memberPosition, keys: keys) {
                // The usual member, read in one go: the key of the row before at this place and
                // a string without escapes. Only its duplicate check is left.
                if plain.number < 64, seenBits & (1 as UInt64) << UInt64(plain.number) == 0 {
                    seenBits |= (1 as UInt64) << UInt64(plain.number)
                    position = plain.end
                    visitor.member(plain.number, text: plain.value)
                    memberPosition += 1
                    if allPlain && plainCount < JSONRowTemplate.maximumMembers {
                        let start = plain.value.baseAddress! - bytes.baseAddress!
                        (plainKeys[plainCount], plainValues[plainCount]) = (plain.number, start..<start + plain.value.count)
                        plainCount += 1
                    } else {
                        allPlain = false
                    }
                    guard try moreMembers() else {
                        learn(self, &keys)
                        return
                    }
                    continue
                }
                position = memberStart     // read again the general way, which says why not
            }

            // A key, and the `:` after it.
            skipWhitespace()
            let keyStart = position
            let number: Int
            guard peek() == UInt8(ascii: "\"") else {
                throw failure("expected a string as object key after \(memberPosition == 0 ? "`{`" : "`,`"), found \(describeHere())")
            }
            if let repeated = keys.repeated(at: memberPosition, in: bytes, from: position) {
                number = repeated.number
                position = repeated.end
            } else {
                let key = try parseString()
                let numbered = keys.number(of: key)
                number = numbered.number
                if numbered.isNew { visitor.newKey(JSONRowKey(number: number, text: key)) }
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw failure("expected `:` after object key, found \(describeHere())")
            }
            position += 1
            let duplicate: Bool
            if number < 64 {
                let bit = (1 as UInt64) << UInt64(number)
                duplicate = seenBits & bit != 0
                seenBits |= bit
            } else {
                duplicate = !seenBeyond.insert(number).inserted
            }
            if duplicate {
                throw JSONFailure(message: "duplicate key `\(keys.texts[number])`", offset: keyStart)
            }
            keys.met(number, at: memberPosition)
            memberPosition += 1

            // Its value: a nested array or object is read whole, one level further in.
            skipWhitespace()
            if peek() == UInt8(ascii: "\"") {
                // A string, the usual value, is handed on as its bytes where they lie; one with
                // an escape (decoded into `scratch`, which the next such string reuses) as text.
                let text = try parseStringBytes()
                if text.isEscaped {
                    allPlain = false
                    scratch.withUnsafeBufferPointer { visitor.member(number, decoded: $0) }
                } else {
                    // Plain ASCII only: a template's values are found by `endOfPlainASCII`.
                    if allPlain && plainCount < JSONRowTemplate.maximumMembers
                        && Self.endOfPlainASCII(bytes, from: text.plain.lowerBound) == text.plain.upperBound {
                        (plainKeys[plainCount], plainValues[plainCount]) = (number, text.plain)
                        plainCount += 1
                    } else {
                        allPlain = false
                    }
                    visitor.member(number, text: UnsafeBufferPointer(rebasing: bytes[text.plain]))
                }
            } else {
                allPlain = false
                let value: JSONValue
                if peek() == UInt8(ascii: "[") || peek() == UInt8(ascii: "{") {
                    enclosingDepth += 1
                    defer { enclosingDepth -= 1 }
                    value = try parseNestedValues()
                } else {
                    value = try parseScalar()
                }
                visitor.member(number, value)
            }

            // A `,` and the next member, or the end of the row.
            guard try moreMembers() else {
                learn(self, &keys)
                return
            }
        }
    }

    /// Reads the row at `position` (its `{`) when it is spelled as one of `keys.templates` around its
    /// values (``matchTemplate(_:values:)``): begins it, hands on its members and moves past
    /// its `}`. Otherwise `false`, having moved nothing and said nothing.
    mutating func readRowLikeTemplate<Visitor: JSONRowVisitor>(line: Int, keys: inout JSONRowKeys, into visitor: inout Visitor) -> Bool {
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: JSONRowTemplate.maximumMembers) { values in
            // Each kept shape in turn, the one that last read a row first.
            for index in keys.templates.indices {
                guard let match = matchTemplate(keys.templates[index], values: values) else { continue }
                keys.promote(index)
                let memberKeys = keys.template.keys
                visitor.beginRow(line: line)
                rowIsOpen = true
                for member in 0..<memberKeys.count {
                    if member == match.escapedMember {
                        scratch.withUnsafeBufferPointer { visitor.member(memberKeys[member], decoded: $0) }
                    } else {
                        visitor.member(memberKeys[member], text: values[member])
                    }
                }
                position = match.end
                return true
            }
            return false
        }
    }

    /// Where the values of the row at `position` (its `{`) lie when it is spelled as `template`
    /// around them, each a string (of plain ASCII but for at most one, which is read with the
    /// usual checks), all within the bytes held: each member's value in `values` (room for
    /// ``JSONRowTemplate/maximumMembers``), where it lies in the document, but for the one with
    /// an escape, if any, whose value is in `scratch`, decoded (its place in `values` is left
    /// as it was); and the position after the row's `}`. Otherwise nil. Either way `position`
    /// and `reachedEnd` are as they were, and nothing is said.
    ///
    /// Such a row is what the general reading would read: the template's keys are the members
    /// of a row read whole, so each is a distinct key already numbered, and everything between
    /// the values is the same bytes.
    mutating func matchTemplate(_ template: borrowing JSONRowTemplate,
                                values: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>) -> (escapedMember: Int?, end: Int)? {
        template.bytes.withUnsafeBufferPointer { pieces in
            template.ends.withUnsafeBufferPointer { ends in matchTemplate(pieces: pieces, ends: ends, values: values) }
        }
    }

    /// ``matchTemplate(_:values:)`` with the template's pieces and their ends where they lie,
    /// for a caller matching row after row.
    mutating func matchTemplate(pieces: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>,
                                values: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>) -> (escapedMember: Int?, end: Int)? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let members = ends.count - 1
        var escapedMember: Int?
        let (rowStart, wasAtEnd) = (position, reachedEnd)
        defer { (position, reachedEnd) = (rowStart, wasAtEnd) }
        var at = position
        let matched = { () -> Bool in
            var pieceStart = 0
            for member in 0...members {
                let length = ends[member] - pieceStart
                guard at + length <= count,
                      ByteStringTable.equal(pieces.baseAddress! + pieceStart, base + at, count: length) else { return false }
                at += length
                pieceStart = ends[member]
                if member == members { break }
                let end = Self.endOfPlainASCII(bytes, from: at)
                guard end < count else { return false }
                if bytes[end] == UInt8(ascii: "\"") {
                    values[member] = UnsafeBufferPointer(start: base + at, count: end - at)
                    at = end
                    continue
                }
                // An escape or a byte outside ASCII: the string read the general way, with
                // its checks; one escaped value a row (it is held in `scratch`).
                position = at - 1
                guard let string = try? parseStringBytes(), !(string.isEscaped && escapedMember != nil) else { return false }
                if string.isEscaped {
                    escapedMember = member
                } else {
                    values[member] = UnsafeBufferPointer(rebasing: bytes[string.plain])
                }
                at = position - 1
            }
            return true
        }()
        return matched ? (escapedMember, at) : nil
    }

    /// The member at `position` when it is written the usual way: whitespace, the key the row
    /// before had at `memberPosition` (written without escapes), whitespace, `:`, whitespace and
    /// a string of printable ASCII without escapes, all within the bytes held. Its key's number,
    /// its value's bytes and the position after the value's closing quote; nil (having moved
    /// nothing and said nothing) for anything else, which the general reading then reads. The
    /// key is not checked against the row's others: that is the caller's.
    @inline(__always)
    private func plainMember(at memberPosition: Int, keys: JSONRowKeys) -> (number: Int, value: UnsafeBufferPointer<UInt8>, end: Int)? {
        let count = bytes.count
        var at = Self.afterWhitespace(bytes, from: position)
        guard at < count, bytes[at] == UInt8(ascii: "\""),
              let key = keys.repeated(at: memberPosition, in: bytes, from: at) else { return nil }
        at = Self.afterWhitespace(bytes, from: key.end)
        guard at < count, bytes[at] == UInt8(ascii: ":") else { return nil }
        at = Self.afterWhitespace(bytes, from: at + 1)
        guard at < count, bytes[at] == UInt8(ascii: "\"") else { return nil }
        let valueStart = at + 1
        let valueEnd = Self.endOfPlainASCII(bytes, from: valueStart)
        guard valueEnd < count, bytes[valueEnd] == UInt8(ascii: "\"") else { return nil }
        return (key.number, UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), valueEnd + 1)
    }

    /// The first position from `start` that is not JSON whitespace (`bytes.count` if none).
    @inline(__always)
    static func afterWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return index
            }
        }
        return index
    }
}

extension JSONReader {
    /// Ends the row `parseRow` began.
    mutating func endRow<Visitor: JSONRowVisitor>(_ visitor: inout Visitor) {
        visitor.endRow()
        rowIsOpen = false
    }
}
