import ProbityRegister
import ProbitySemantics
import ProbitySupport

extension DecisionDecoder {
    /// A decision read straight from its bytes, with the attendees of its own `meeting` member
    /// when it has one and `meetingKey` allows it.
    public struct FlatDecision: Sendable {
        public var decision: Decision
        /// The meeting's attendees, read against the register whose `people` the line was read
        /// against, if any: most kept as register entries, with no `String` made.
        public var attendees: AttendeeNames?
    }

    /// Reads the common case straight from the bytes, without building a ``JSONValue`` tree: a
    /// flat object of declared fields holding plain strings, numbers, `null` or arrays of
    /// strings (and, if `meetingKey`, a `"meeting": {"attendees": [...]}` member).
    ///
    /// Anything else — an escape in a string, an unknown key, a value of the wrong type, a
    /// missing required field, malformed JSON — gives nil, and the caller reads the line again
    /// with ``decode(json:)``, which words the error. So this path never answers differently:
    /// it only answers the easy lines faster. The tests hold the two paths to the same result.
    ///
    /// With `people`, each attendee is also resolved against that register's names, from the
    /// line's bytes when it is a register name byte for byte (no `String` made or looked up):
    /// the same answers ``PeopleIndex/resolve(_:)`` gives, which the tests hold it to.
    public func decodeFlat(_ bytes: [UInt8], meetingKey: Bool, people: PeopleIndex? = nil) -> FlatDecision? {
        var reader = FlatJSONReader(bytes)
        var decision = blankDecision
        var attendees: AttendeeNames?
        guard reader.consume(UInt8(ascii: "{")) else { return nil }
        if !reader.consume(UInt8(ascii: "}")) {
            repeat {
                guard let (key, isASCII) = reader.plainString(), reader.consume(UInt8(ascii: ":")) else { return nil }
                if meetingKey, reader.bytes(key, equal: "meeting") {
                    guard attendees == nil, let names = reader.meetingAttendees(people: people) else { return nil }
                    attendees = names
                    continue
                }
                guard let index = field(named: key, isASCII: isASCII, in: reader), !decision.isPresent[index] else { return nil }
                guard let value = reader.value(), store(value, from: reader, into: &decision, field: index) else { return nil }
            } while reader.consume(UInt8(ascii: ","))
            guard reader.consume(UInt8(ascii: "}")) else { return nil }
        }
        guard reader.atEnd else { return nil }
        for (index, field) in program.fields.enumerated() where field.isRequired && !decision.isPresent[index] { return nil }
        decision.id = decision.texts[Field.idIndex] ?? ""
        decision.date = Int32(truncatingIfNeeded: decision.scalars[Field.dateIndex])
        return FlatDecision(decision: decision, attendees: attendees)
    }

    /// The field a key names: found by its bytes, or, for bytes no field name has, by `String`
    /// equality as ``decode(_:)`` looks keys up (a name spelt with other but equivalent bytes).
    private func field(named key: Range<Int>, isASCII: Bool, in reader: FlatJSONReader) -> Int? {
        if let entry = reader.withBytes(key, fieldKeys.entry) { return fieldOfKey[entry] }
        return reader.text(key, isASCII: isASCII).flatMap { program.fieldIndex[$0] }
    }

    /// Stores a value as ``decode(_:)`` would; false for anything it would refuse.
    private func store(_ value: FlatJSONReader.Value, from reader: FlatJSONReader, into decision: inout Decision, field index: Int) -> Bool {
        let field = program.fields[index]
        switch value {
        case .null:
            return true
        case .strings(let items):
            guard case .set(let element) = field.type else { return false }
            var values: [Int64] = []
            for item in items {
                guard let value = scalar(string: item, as: element, field: index) else { return false }
                values.append(value)
            }
            decision.sets[index] = values
            if element == .organisation { decision.nameLists[index] = items }
        case .string(let range, let isASCII):
            if field.type == .text || index == Field.idIndex {
                guard let text = reader.text(range, isASCII: isASCII) else { return false }
                decision.texts[index] = text
            } else {
                guard storeScalar(range, isASCII: isASCII, from: reader, into: &decision, field: index) else { return false }
            }
        case .number(let range):
            switch field.type {
            case .text: decision.texts[index] = reader.text(range, isASCII: true)
            case .money:
                guard let money = reader.withBytes(range, Money.parse(utf8:)) else { return false }
                decision.scalars[index] = money.pence
            case .number:
                guard let n = reader.text(range, isASCII: true).flatMap({ Int64($0) }) else { return false }
                decision.scalars[index] = n
            default:
                guard index == Field.idIndex else { return false }
                decision.texts[index] = reader.text(range, isASCII: true)
            }
        }
        decision.isPresent[index] = true
        return true
    }

    /// Stores a string value of a scalar field, read from the line's bytes where that needs no
    /// `String`: money and dates are parsed from them, and an enumeration value or an
    /// organisation's exact name is found by them. Anything else is made a string and read as
    /// ``scalar(string:as:field:)`` reads it.
    private func storeScalar(_ range: Range<Int>, isASCII: Bool, from reader: FlatJSONReader, into decision: inout Decision, field index: Int) -> Bool {
        let type = program.fields[index].type
        switch type {
        case .money:
            guard let money = reader.withBytes(reader.trimmingSpaces(range), Money.parse(utf8:)) else { return false }
            decision.scalars[index] = money.pence
            return true
        case .date:
            guard let day = reader.withBytes(range, Day.parseISO(utf8:)) else { return false }
            decision.scalars[index] = Int64(day.number)
            return true
        case .enumeration:
            let (values, ordinals) = ordinalsByBytes[index]
            if let entry = reader.withBytes(range, values.entry) {
                decision.scalars[index] = ordinals[entry]
                return true
            }
        case .organisation:
            if let known = reader.withBytes(range, organisations.exactName(utf8:)) {
                decision.scalars[index] = Int64(known.organisation)
                decision.texts[index] = known.name
                return true
            }
        default:
            break
        }
        guard let text = reader.text(range, isASCII: isASCII), let value = scalar(string: text, as: type, field: index) else { return false }
        decision.scalars[index] = value
        if type == .organisation { decision.texts[index] = text }
        return true
    }

    private func scalar(string text: String, as type: FieldType, field: Int) -> Int64? {
        switch type {
        case .money: return Money.parse(text.trimmingSpaces)?.pence
        case .date: return Day.parseISO(text).map { Int64($0.number) }
        case .number: return Int64(text)
        case .enumeration: return ordinals[field][text]
        case .body: return program.bodyIndex[text].map(Int64.init)
        case .organisation: return organisations.lookup(text).map(Int64.init) ?? Decision.unknownOrganisation
        case .text, .set: return nil
        }
    }
}

/// A cursor over one line of JSON that reads only the plain forms ``DecisionDecoder/decodeFlat``
/// accepts, and says nil at anything else.
struct FlatJSONReader {
    /// A value, its strings and numbers as where they lie in the line: the decoder makes a
    /// `String` of one only when it keeps one.
    enum Value {
        case null
        case string(Range<Int>, isASCII: Bool)
        case number(Range<Int>)
        case strings([String])
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
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

    /// A string with no escapes and no control characters, as valid UTF-8.
    mutating func string() -> String? {
        guard let (range, isASCII) = plainString() else { return nil }
        return text(range, isASCII: isASCII)
    }

    /// Where the string that comes next lies in the line, between its quotes, and whether it is
    /// all ASCII; nil unless it has no escapes and no control characters. Moves past it.
    mutating func plainString() -> (range: Range<Int>, isASCII: Bool)? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        // The scan for the closing quote sees every byte of every string: read in place,
        // without a bounds check per byte, eight bytes at a time: the first quote, backslash or
        // control character in a word is found from the word's bits (then byte by byte only
        // in the last few bytes of the line).
        let (end, isASCII, isPlain) = bytes.withUnsafeBufferPointer { buffer -> (Int, Bool, Bool) in
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
                    let isASCII = highWords & FlatJSONReader.highBits == 0
                    return buffer[end] == UInt8(ascii: "\"") ? (end, isASCII, true) : (end, false, false)
                }
            }
            var high: UInt8 = highWords & FlatJSONReader.highBits == 0 ? 0 : 0x80
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return (end, false, false) }
                high |= byte
                end += 1
            }
            return (end, high < 0x80, true)
        }
        guard isPlain, end < bytes.count else { return nil }
        position = end + 1
        skipSpace()
        return (start..<end, isASCII)
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

    /// The string at `range`: ASCII is valid UTF-8 as it is; anything else is checked, as the
    /// JSON parser would, and nil when it is not valid.
    func text(_ range: Range<Int>, isASCII: Bool) -> String? {
        isASCII ? String(decoding: bytes[range], as: UTF8.self) : String(validating: bytes[range], as: UTF8.self)
    }

    /// `body` given the bytes at `range`, in place.
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether the bytes at `range` are `text`'s.
    func bytes(_ range: Range<Int>, equal text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount
            && text.withUTF8Buffer { bytes[range].elementsEqual($0) }
    }

    /// `range` without the spaces (U+0020) at either end, as `trimmingSpaces` trims a string.
    func trimmingSpaces(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        return lower..<upper
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

    /// A field's value: a string, a number, `null`, or an array of strings.
    mutating func value() -> Value? {
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""): return plainString().map { Value.string($0.range, isASCII: $0.isASCII) }
        case UInt8(ascii: "n"):
            guard bytes[position...].starts(with: "null".utf8) else { return nil }
            position += 4
            skipSpace()
            return .null
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

    /// `{"attendees": ["a", "b"]}`: a meeting given only by its attendees, each a name; with
    /// `people`, read against that register (``AttendeeNames/append(utf8:isASCII:on:)``).
    mutating func meetingAttendees(people: PeopleIndex?) -> AttendeeNames? {
        guard consume(UInt8(ascii: "{")), let (key, _) = plainString(), bytes(key, equal: "attendees"), consume(UInt8(ascii: ":")),
              consume(UInt8(ascii: "[")) else { return nil }
        // Room for a committee's names at once: growing one at a time reallocated four times a line.
        var names = AttendeeNames(readingAgainst: people, capacity: 16)
        if !consume(UInt8(ascii: "]")) {
            repeat {
                guard let (range, isASCII) = plainString(),
                      withBytes(range, { names.append(utf8: $0, isASCII: isASCII, on: people) }),
                      !FlatJSONReader.isBlank(range, in: bytes, written: names.written(at: names.count - 1)) else { return nil }
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { return nil }
        }
        guard consume(UInt8(ascii: "}")) else { return nil }
        return names
    }

    /// Whether the name at `range` of `bytes` is only white space: known from its first byte
    /// when that is an ASCII letter or digit (the written `String`, which may have to be made
    /// from a register entry, is then not asked for), else ``isBlank(_:)`` of `written`.
    static func isBlank(_ range: Range<Int>, in bytes: [UInt8], written: @autoclosure () -> String) -> Bool {
        if let first = range.first.map({ bytes[$0] }), isASCIIAlphanumeric(first) { return false }
        return isBlank(written())
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Whether a name is only white space (Unicode's, as `Character.isWhitespace` says). A name
    /// that starts with an ASCII letter or digit is not, which is known from its first byte
    /// without walking its characters (that walk was a tenth of reading a line with a committee).
    static func isBlank(_ name: String) -> Bool {
        if let first = name.utf8.first, isASCIIAlphanumeric(first) { return false }
        return name.allSatisfy(\.isWhitespace)
    }
}
