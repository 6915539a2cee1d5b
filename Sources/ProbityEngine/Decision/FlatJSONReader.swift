import ProbityRegister
import ProbitySupport

/// A cursor over one line of JSON that reads only the forms ``DecisionDecoder/decodeFlat``
/// accepts, and says nil at anything else.
struct FlatJSONReader {
    /// A value, its strings and numbers as where they lie: the decoder makes a `String` of one
    /// only when it keeps one.
    enum Value {
        case null
        case string(Span)
        case number(Range<Int>)
        case strings([String])
    }

    /// Where a string's text lies: between its quotes in the line, or, when the line wrote it
    /// with escapes (`\u00a3`, `\"`), decoded into the reader's `unescaped` bytes. Either way it
    /// is read by the same byte lookups, so an escaped string is treated exactly as the same
    /// text written plainly, as the tree parser treats it.
    struct Span {
        var range: Range<Int>
        /// Whether the text is all ASCII (so valid UTF-8 without a check).
        var isASCII: Bool
        /// Whether `range` is in `unescaped` rather than in the line.
        var isUnescaped: Bool
    }

    private let bytes: [UInt8]
    private var position = 0
    /// The text of every string of the line that had an escape, one after another. Empty (and
    /// never allocated) for a line without escapes.
    private var unescaped: [UInt8] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A byte order mark at the start is skipped, as the tree parser skips it (a line saved
        // by an editor that writes one).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipSpace()
    }

    var atEnd: Bool { position == bytes.count }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
            position += 1
        }
    }

    /// Consumes `byte` (and the space after it) if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        skipSpace()
        return true
    }

    /// A string, escapes decoded, as valid UTF-8.
    mutating func string() -> String? {
        stringSpan().flatMap(text)
    }

    /// The string that comes next, escapes and all; nil if it is not one the tree parser
    /// accepts (a raw control character, an unknown escape, a lone surrogate, no closing quote).
    /// Moves past it.
    mutating func stringSpan() -> Span? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        // The scan for the closing quote sees every byte of every string: read in place,
        // without a bounds check per byte, eight bytes at a time: the first quote, backslash or
        // control character in a word is found from the word's bits (then byte by byte only
        // in the last few bytes of the line). A string with no escape, most of them, is then
        // left where it lies; one with an escape is decoded from that backslash on.
        let (end, isASCII, stop) = bytes.withUnsafeBufferPointer { buffer -> (Int, Bool, UInt8) in
            var end = start
            var highWords: UInt64 = 0
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while end + 8 <= buffer.count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
                    let special = FlatJSONReader.specialBytes(word)
                    if special == 0 {
                        highWords |= word
                        end += 8
                        continue
                    }
                    let offset = special.trailingZeroBitCount / 8
                    highWords |= word & ((1 << UInt64(offset * 8)) &- 1)
                    end += offset
                    return (end, highWords & FlatJSONReader.highBits == 0, buffer[end])
                }
            }
            var high: UInt8 = highWords & FlatJSONReader.highBits == 0 ? 0 : 0x80
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return (end, high < 0x80, byte) }
                high |= byte
                end += 1
            }
            return (end, high < 0x80, 0)
        }
        if stop == UInt8(ascii: "\"") {
            position = end + 1
            skipSpace()
            return Span(range: start..<end, isASCII: isASCII, isUnescaped: false)
        }
        guard stop == UInt8(ascii: "\\") else { return nil }
        return unescapedString(start: start, firstEscape: end, isASCII: isASCII)
    }

    /// Reads the rest of a string that has an escape at `firstEscape`, decoding it into
    /// `unescaped` as the tree parser (`JSONParser`) decodes it, and declining (nil) whatever
    /// that parser refuses: an escape other than `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t` `\uXXXX`,
    /// a surrogate not in a high–low pair, a raw control character, no closing quote. Raw
    /// UTF-8 is copied as it is, and checked where a `String` is made of it, as a plain
    /// string's is.
    @inline(never)   // kept out of `stringSpan`, which reads most strings without it
    private mutating func unescapedString(start: Int, firstEscape: Int, isASCII: Bool) -> Span? {
        let from = unescaped.count
        var high: UInt8 = isASCII ? 0 : 0x80
        unescaped.append(contentsOf: bytes[start..<firstEscape])
        var index = firstEscape
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                skipSpace()
                return Span(range: from..<unescaped.count, isASCII: high < 0x80, isUnescaped: true)
            }
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                high |= byte
                unescaped.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(kind)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: index) else { return nil }
                index += 4
                switch scalar {
                case 0xD800...0xDBFF:
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                          let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) else { return nil }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                case 0xDC00...0xDFFF:
                    return nil
                default:
                    break
                }
                if scalar >= 0x80 { high = 0x80 }
                unescaped.appendUTF8(scalar)
            default:
                return nil
            }
        }
        return nil
    }

    /// The four hexadecimal digits at `index`, as a number; nil if they are not.
    private func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Every byte's high bit.
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    /// Every byte 0x01.
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    /// The bytes of `word` (little-endian) that are a quote, a backslash or a control
    /// character (below U+0020), as their high bits; zero when there are none. A byte above the
    /// first such byte may be marked though it is none (a borrow carries into it), but the
    /// lowest mark is always right, and it is the only one the scan reads.
    static func specialBytes(_ word: UInt64) -> UInt64 {
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- lowBits) & ~x & highBits }
        let control = (word &- 0x20 &* lowBits) & ~word & highBits
        return control | zeroBytes(word ^ (UInt64(UInt8(ascii: "\"")) &* lowBits))
            | zeroBytes(word ^ (UInt64(UInt8(ascii: "\\")) &* lowBits))
    }

    /// The text at `range` of the line (a number's lexeme): ASCII is valid UTF-8 as it is;
    /// anything else is checked, as the JSON parser would, and nil when it is not valid.
    func text(_ range: Range<Int>, isASCII: Bool) -> String? {
        Self.text(bytes[range], isASCII: isASCII)
    }

    /// A string's text, as ``text(_:isASCII:)`` makes it.
    func text(_ span: Span) -> String? {
        span.isUnescaped ? Self.text(unescaped[span.range], isASCII: span.isASCII) : Self.text(bytes[span.range], isASCII: span.isASCII)
    }

    private static func text(_ slice: ArraySlice<UInt8>, isASCII: Bool) -> String? {
        isASCII ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
    }

    /// `body` given the bytes at `range` of the line, in place.
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// `body` given a string's text as bytes, in place.
    ///
    /// Each of these asks which array holds the text and then reads that array: choosing
    /// the array as a value (`isUnescaped ? unescaped : bytes`) would retain and release it on
    /// every call, for every attendee of every line.
    func withBytes<Result>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if span.isUnescaped { return unescaped.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[span.range])) } }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[span.range])) }
    }

    /// Whether a string's text is `text`.
    func text(_ span: Span, equals text: StaticString) -> Bool {
        span.range.count == text.utf8CodeUnitCount && text.withUTF8Buffer { literal in withBytes(span) { $0.elementsEqual(literal) } }
    }

    /// The first byte of a string's text, if it has one.
    func firstByte(of span: Span) -> UInt8? {
        guard let first = span.range.first else { return nil }
        return span.isUnescaped ? unescaped[first] : bytes[first]
    }

    /// A string's text without the spaces (U+0020) at either end, as `trimmingSpaces` trims a string.
    func trimmingSpaces(_ span: Span) -> Span {
        let range = withBytes(span) { text -> Range<Int> in
            var lower = 0, upper = text.count
            while lower < upper, text[lower] == UInt8(ascii: " ") { lower += 1 }
            while upper > lower, text[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
            return span.range.lowerBound + lower..<span.range.lowerBound + upper
        }
        return Span(range: range, isASCII: span.isASCII, isUnescaped: span.isUnescaped)
    }

    /// A number exactly as JSON writes one: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    mutating func number() -> Range<Int>? {
        let start = position
        func digits(_ reader: inout FlatJSONReader) -> Int {
            let from = reader.position
            while reader.position < reader.bytes.count, reader.bytes[reader.position] >= 0x30, reader.bytes[reader.position] <= 0x39 {
                reader.position += 1
            }
            return reader.position - from
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else if digits(&self) == 0 {
            return nil
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { return nil }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { return nil }
        }
        let lexeme = start..<position
        skipSpace()
        return lexeme
    }

    /// Consumes `null` (and the space after it) if it comes next.
    mutating func consumeNull() -> Bool {
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
              bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
        position += 4
        skipSpace()
        return true
    }

    /// `true` or `false` (and the space after it) if one comes next; nil, and nothing consumed, otherwise.
    mutating func boolean() -> Bool? {
        if consume(literal: "true") { return true }
        if consume(literal: "false") { return false }
        return nil
    }

    /// Consumes `literal` (and the space after it) if it comes next.
    private mutating func consume(literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count,
              literal.withUTF8Buffer({ bytes[position..<position + count].elementsEqual($0) }) else { return false }
        position += count
        skipSpace()
        return true
    }

    /// A field's value: a string, a number, `null`, or an array of strings.
    mutating func value() -> Value? {
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""): return stringSpan().map(Value.string)
        case UInt8(ascii: "n"): return consumeNull() ? .null : nil
        case UInt8(ascii: "["): return stringArray().map(Value.strings)
        case UInt8(ascii: "-"), 0x30...0x39: return number().map(Value.number)
        default: return nil
        }
    }

    /// `["a", "b"]`.
    mutating func stringArray() -> [String]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var items: [String] = []
        if consume(UInt8(ascii: "]")) { return items }
        repeat {
            guard let item = string() else { return nil }
            items.append(item)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? items : nil
    }

    /// `["a", "b"]`: a meeting's attendees, each a name that is not blank; with `people`, read
    /// against that register (``AttendeeNames/append(utf8:isASCII:on:)``).
    mutating func attendees(people: PeopleIndex?) -> AttendeeNames? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        // Room for a committee's names at once: growing one at a time reallocated four times a line.
        var names = AttendeeNames(readingAgainst: people, capacity: 16)
        if !consume(UInt8(ascii: "]")) {
            repeat {
                guard let name = stringSpan(),
                      withBytes(name, { names.append(utf8: $0, isASCII: name.isASCII, on: people) }),
                      !FlatJSONReader.isBlank(firstByte: firstByte(of: name), written: names.written(at: names.count - 1)) else { return nil }
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { return nil }
        }
        return names
    }

    /// Whether a name is only white space: known from its first byte when that is an ASCII
    /// letter or digit (the written `String`, which may have to be made from a register entry,
    /// is then not asked for), else ``isBlank(_:)`` of `written`.
    static func isBlank(firstByte first: UInt8?, written: @autoclosure () -> String) -> Bool {
        if let first, first.isASCIIAlphanumeric { return false }
        return isBlank(written())
    }

    /// Whether a name is only white space (Unicode's, as `Character.isWhitespace` says). A name
    /// that starts with an ASCII letter or digit is not, which is known from its first byte
    /// without walking its characters (that walk was a tenth of reading a line with a committee).
    static func isBlank(_ name: String) -> Bool {
        if let first = name.utf8.first, first.isASCIIAlphanumeric { return false }
        return name.allSatisfy(\.isWhitespace)
    }
}
