import Glibc

/// A strict RFC 8259 JSON parser working directly on UTF-8 bytes.
///
/// Strict, because rules and registers are legal records: a document that a
/// lenient parser would "fix" (a trailing comma, a duplicated key, a lone
/// surrogate) is more likely a mistake than an intent, and is reported.
///
/// - A UTF-8 byte order mark at the start is skipped.
/// - Numbers keep their lexeme; see `JSONValue.number`.
/// - Strings must be valid UTF-8 with control characters escaped; `\u`
///   escapes must pair surrogates correctly.
/// - Duplicate keys in one object are an error.
/// - Nesting deeper than `maximumDepth` is an error. The parser keeps its
///   own stack rather than recursing, so no input can overflow the
///   thread's stack, and no input makes it trap.
public struct JSONParser {
    /// The default limit on nested arrays and objects.
    public static let maximumDepth = 512

    /// Parses one JSON document from UTF-8 bytes.
    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        parse(bytes, maximumDepth: maximumDepth)
    }

    /// Parses one JSON document from UTF-8 bytes, allowing at most
    /// `maximumDepth` levels of nested arrays and objects.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int) -> Result<JSONValue, JSONSyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer, maximumDepth: maximumDepth)
            do throws(JSONFailure) {
                return .success(try reader.parseDocument())
            } catch {
                return .failure(error.located(in: buffer))
            }
        }
    }

    /// Parses one JSON document from text.
    public static func parse(_ text: String) -> Result<JSONValue, JSONSyntaxError> {
        parse(Array(text.utf8))
    }
}

/// An error found at a byte offset, before the line and column are known.
/// Working those out needs a scan from the start, so it is done only once
/// a document has failed.
struct JSONFailure: Error {
    var message: String
    var offset: Int

    func located(in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
        var line = 1
        var column = 1
        var index = 0
        // A byte order mark is not a column anyone can see.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF, offset >= 3 {
            index = 3
        }
        while index < offset && index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count lead bytes only, so each scalar is one column.
                column += 1
            }
            index += 1
        }
        return JSONSyntaxError(message: message, offset: offset, line: line, column: column)
    }
}

/// The parsing machine: a cursor over the bytes and an explicit stack of
/// open arrays and objects.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    private let maximumDepth: Int
    /// Reused for strings with escapes, to avoid an allocation per string.
    private(set) var scratch: [UInt8] = []
    /// Containers open around the value being parsed, outside it: set by ``JSONRowStream`` as it
    /// reads the elements of the document's array (or nested array), so the depth limit counts
    /// the containers it has stepped into too.
    var enclosingDepth = 0
    /// Whether the reader looked for a byte at or past the end of `bytes`. When `bytes` is only
    /// the part of a file that has arrived (``JSONRowStream``), what was read up to such a look
    /// may read differently once more bytes come, so it is read again then.
    var reachedEnd = false
    /// Whether `parseRow` began a row it has not ended (see `parseRow(line:keys:into:)`).
    var rowIsOpen = false

    /// An array or object whose closing bracket has not been reached.
    private struct OpenContainer {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        /// The key awaiting its value, in an object.
        var pendingKey = ""
        /// Keys seen so far, once an object is large enough that a linear
        /// search for duplicates would be slow.
        var keyIndex: Set<String>? = nil
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    // MARK: Document structure

    mutating func parseDocument() throws(JSONFailure) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
        let value = try parseNestedValues()
        skipWhitespace()
        guard position == bytes.count else {
            throw failure("expected end of input after the JSON value, found \(describeHere())")
        }
        return value
    }

    /// Parses one value, however deeply nested, using `stack` in place of
    /// recursion.
    mutating func parseNestedValues() throws(JSONFailure) -> JSONValue {
        var stack: [OpenContainer] = []

        parsing: while true {
            // At this point a value is expected.
            skipWhitespace()
            var value: JSONValue
            switch peek() {
            case UInt8(ascii: "["):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    stack.append(OpenContainer(isObject: false))
                    continue parsing
                }
            case UInt8(ascii: "{"):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") {
                    position += 1
                    value = .object([])
                } else {
                    var object = OpenContainer(isObject: true)
                    object.pendingKey = try parseKey(after: "`{`")
                    stack.append(object)
                    continue parsing
                }
            default:
                value = try parseScalar()
            }

            // A value is complete: hand it to the innermost open container,
            // closing containers for as long as their brackets follow.
            while !stack.isEmpty {
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    let key = stack[top].pendingKey
                    stack[top].members.append((key: key, value: value))
                    if try moreMembers() {
                        let keyStart = position
                        let nextKey = try parseKey(after: "`,`")
                        try checkUnique(nextKey, in: &stack[top], at: keyStart)
                        stack[top].pendingKey = nextKey
                        continue parsing
                    }
                    value = .object(stack.removeLast().members)
                } else {
                    stack[top].elements.append(value)
                    if try moreElements() { continue parsing }
                    value = .array(stack.removeLast().elements)
                }
            }
            return value
        }
    }

    /// After an array element: `true` past a `,` (a value must follow; a `]` there is refused),
    /// `false` past the array's closing `]`.
    mutating func moreElements() throws(JSONFailure) -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                throw failure("expected a value after `,`, found `]` (trailing commas are not allowed)")
            }
            return true
        case UInt8(ascii: "]"):
            position += 1
            return false
        default:
            throw failure("expected `,` or `]` after array element, found \(describeHere())")
        }
    }

    /// After an object member's value: `true` past a `,` (a key must follow; a `}` there is
    /// refused), `false` past the object's closing `}`.
    mutating func moreMembers() throws(JSONFailure) -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                throw failure("expected a string as object key after `,`, found `}` (trailing commas are not allowed)")
            }
            return true
        case UInt8(ascii: "}"):
            position += 1
            return false
        default:
            throw failure("expected `,` or `}` after object member, found \(describeHere())")
        }
    }

    /// Refuses to open one more container inside `openCount` open ones.
    func checkDepth(_ openCount: Int) throws(JSONFailure) {
        guard openCount + enclosingDepth < maximumDepth else {
            throw failure("expected at most \(maximumDepth) levels of nested arrays and objects")
        }
    }

    /// Parses `"key"` and the `:` after it.
    mutating func parseKey(after context: String) throws(JSONFailure) -> String {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else {
            throw failure("expected a string as object key after \(context), found \(describeHere())")
        }
        let key = try parseString()
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else {
            throw failure("expected `:` after object key, found \(describeHere())")
        }
        position += 1
        return key
    }

    /// Rejects a key already used in this object. Small objects are
    /// searched directly; larger ones get a hash set.
    private func checkUnique(_ key: String, in object: inout OpenContainer, at offset: Int) throws(JSONFailure) {
        let duplicate: Bool
        if object.keyIndex == nil && object.members.count < 16 {
            duplicate = object.members.contains { $0.key == key }
        } else {
            if object.keyIndex == nil {
                object.keyIndex = Set(object.members.map(\.key))
            }
            duplicate = !object.keyIndex!.insert(key).inserted
        }
        if duplicate {
            throw JSONFailure(message: "duplicate key `\(key)`", offset: offset)
        }
    }

    // MARK: Scalars

    mutating func parseScalar() throws(JSONFailure) -> JSONValue {
        guard let byte = peek() else {
            throw failure("expected a value, found end of input")
        }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw failure("expected a value, found \(describeHere())")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONFailure) {
        let start = position
        let count = literal.utf8CodeUnitCount
        if bytes.count - position < count { reachedEnd = true }
        let matches = bytes.count - position >= count
            && (0..<count).allSatisfy { bytes[position + $0] == literal.utf8Start[$0] }
        guard matches else {
            throw JSONFailure(message: "expected `\(literal)`", offset: start)
        }
        position += count
    }

    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    /// and returns its text unchanged.
    private mutating func parseNumber() throws(JSONFailure) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else {
            throw failure("expected a digit after `-`, found \(describeHere())")
        }
        position += 1
        if first == UInt8(ascii: "0") {
            if let next = peek(), isDigit(next) {
                throw failure("expected `.`, `e` or the end of the number after `0` (leading zeros are not allowed)")
            }
        } else {
            skipDigits()
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let next = peek(), isDigit(next) else {
                throw failure("expected a digit after `.` in number, found \(describeHere())")
            }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let next = peek(), isDigit(next) else {
                throw failure("expected a digit in exponent, found \(describeHere())")
            }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    ///
    /// Runs without escapes are validated in place and copied once; only
    /// when a backslash appears is the text assembled in `scratch`.
    mutating func parseString() throws(JSONFailure) -> String {
        let text = try parseStringBytes()
        return text.isEscaped ? String(decoding: scratch, as: UTF8.self)
            : String(decoding: UnsafeBufferPointer(rebasing: bytes[text.plain]), as: UTF8.self)
    }

    /// Reads the string opening at `position`, checked as ``parseString()`` checks it, without
    /// making it into a `String`: its content is `bytes[plain]` when it has no escape, or else
    /// `scratch`, escapes undone, until the next string is read. Either is valid UTF-8.
    mutating func parseStringBytes() throws(JSONFailure) -> (plain: Range<Int>, isEscaped: Bool) {
        let opening = position
        position += 1
        var segmentStart = position
        var escaped = false

        while true {
            guard position < bytes.count else {
                reachedEnd = true
                throw JSONFailure(message: "expected `\"` to end the string that starts here, found end of input", offset: opening)
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let tail = segmentStart..<position
                position += 1
                if !escaped { return (tail, false) }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[tail]))
                return (0..<0, true)
            case UInt8(ascii: "\\"):
                // Emptied only here, at a string's first escape: most strings have none.
                if !escaped { scratch.removeAll(keepingCapacity: true) }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<position]))
                escaped = true
                try parseEscape()
                segmentStart = position
            case 0x00..<0x20:
                throw failure("expected `\\u\(hex4(UInt32(byte)))` or another escape instead of a raw control character in string")
            case 0x80...:
                try skipMultibyteScalar()
            default:
                // A run of plain ASCII, the bulk of most strings, eight bytes at a time.
                position = Self.endOfPlainASCII(bytes, from: position + 1)
            }
        }
    }

    /// The first position at or after `start` holding a byte a string cannot simply copy (`"`,
    /// `\\`, a control character or a UTF-8 byte of 0x80 and above), or the end.
    ///
    /// Eight bytes at a time, as `JSONWriter.containsEscapable` scans: for a word `w`,
    /// `(w − 0x01…01·n) & ~w & 0x80…80` marks each byte below `n`, and a byte equal to `c` is
    /// a zero byte of `w ^ 0x01…01·c`; a borrow can only mark a byte above one already marked,
    /// so the lowest mark (the first byte, on this little-endian machine) is always a true one.
    @inline(__always)
    static func endOfPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quotes = ones &* UInt64(UInt8(ascii: "\"")), backslashes = ones &* UInt64(UInt8(ascii: "\\"))
            while index &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let quote = word ^ quotes, backslash = word ^ backslashes
                let marks = (((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote)
                    | ((backslash &- ones) & ~backslash) | word) & highs
                if marks != 0 { return index &+ marks.trailingZeroBitCount / 8 }
                index &+= 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            index += 1
        }
        return index
    }

    /// Decodes one escape sequence at a backslash into `scratch`.
    private mutating func parseEscape() throws(JSONFailure) {
        let start = position
        position += 1
        guard let kind = peek() else {
            throw failure("expected an escape sequence after `\\`, found end of input")
        }
        position += 1
        let simple: UInt8
        switch kind {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = UInt8(ascii: "\n")
        case UInt8(ascii: "r"): simple = UInt8(ascii: "\r")
        case UInt8(ascii: "t"): simple = UInt8(ascii: "\t")
        case UInt8(ascii: "u"):
            try parseUnicodeEscape(start: start)
            return
        default:
            throw JSONFailure(
                message: "expected one of `\"` `\\` `/` `b` `f` `n` `r` `t` `u` after `\\` in string, found \(describe(at: start + 1))",
                offset: start)
        }
        scratch.append(simple)
    }

    /// Decodes `\uXXXX`, or a `\uD8XX\uDCXX` surrogate pair, into `scratch`.
    private mutating func parseUnicodeEscape(start: Int) throws(JSONFailure) {
        let unit = try readHex4()
        var scalarValue = unit
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed at once by a low one.
            let lowStart = position
            if position + 1 >= bytes.count { reachedEnd = true }
            guard position + 1 < bytes.count,
                  bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else {
                throw JSONFailure(
                    message: "expected a low surrogate `\\uDC00`–`\\uDFFF` after high surrogate `\\u\(hex4(unit))`",
                    offset: start)
            }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONFailure(
                    message: "expected a low surrogate `\\uDC00`–`\\uDFFF` after high surrogate `\\u\(hex4(unit))`, found `\\u\(hex4(low))`",
                    offset: lowStart)
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONFailure(
                message: "expected a high surrogate before low surrogate `\\u\(hex4(unit))`",
                offset: start)
        default:
            break
        }
        scratch.appendUTF8(scalarValue)
    }

    private mutating func readHex4() throws(JSONFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = hexValue(byte) else {
                throw failure("expected four hexadecimal digits after `\\u`, found \(describeHere())")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Steps over one well-formed multi-byte UTF-8 sequence, rejecting
    /// overlong forms, surrogates and values beyond U+10FFFF as in
    /// table 3-7 of the Unicode Standard.
    private mutating func skipMultibyteScalar() throws(JSONFailure) {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure("expected valid UTF-8 in string, found byte 0x\(hex2(lead))")
        }
        if position + length > bytes.count { reachedEnd = true }
        guard position + length <= bytes.count,
              secondRange.contains(bytes[position + 1]),
              (2..<length).allSatisfy({ (0x80...0xBF).contains(bytes[position + $0]) })
        else {
            throw failure("expected valid UTF-8 in string, found byte 0x\(hex2(lead)) starting a malformed sequence")
        }
        position += length
    }

    // MARK: Bytes

    mutating func peek() -> UInt8? {
        if position < bytes.count { return bytes[position] }
        reachedEnd = true
        return nil
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position += 1
            default:
                return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    func failure(_ message: String) -> JSONFailure {
        JSONFailure(message: message, offset: position)
    }

    mutating func describeHere() -> String {
        describe(at: position)
    }

    /// Names the input at `offset` for a message: "end of input", a
    /// character in backticks, or a code point or byte that would not
    /// print well.
    private mutating func describe(at offset: Int) -> String {
        guard offset < bytes.count else {
            reachedEnd = true
            return "end of input"
        }
        let byte = bytes[offset]
        // A character of several bytes is named whole, so the message may change once the
        // rest of a sequence cut by the end of `bytes` arrives.
        if byte >= 0x80 && bytes.count - offset < 4 { reachedEnd = true }
        if byte >= 0x21 && byte < 0x7F {
            return "`\(Character(Unicode.Scalar(byte)))`"
        }
        if byte < 0x80 {
            return "U+\(hex4(UInt32(byte)))"
        }
        // Show a whole non-ASCII character if the bytes here form one.
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[offset...]).makeIterator()
        if case let .scalarValue(scalar) = decoder.decode(&iterator) {
            return "`\(Character(scalar))` (U+\(hex4(scalar.value)))"
        }
        return "byte 0x\(hex2(byte))"
    }
}

/// Upper-case hexadecimal, at least four digits: `00E9`, `1F600`.
private func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// Upper-case hexadecimal, two digits: `0A`.
private func hex2(_ value: UInt8) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
}
