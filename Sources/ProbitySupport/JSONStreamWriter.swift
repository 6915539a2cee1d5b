/// Writes JSON straight into bytes, value by value, in exactly the layouts of ``JSONWriter``
/// (compact, or pretty with two-space indentation, `[]` and `{}` for empty containers), without
/// building a ``JSONValue`` tree first: for output written many times over, such as a report per
/// line of a batch.
public struct JSONStreamWriter: JSONOutput, Sendable {
    /// The bytes written so far. Each piece goes in through one claim of room
    /// (``ByteBuffer/claim(_:)``), written in place.
    @usableFromInline var buffer: ByteBuffer
    public let isPretty: Bool
    /// Per open container: whether it has a member or element yet.
    @usableFromInline var hasContent: [Bool] = []
    /// True between a key and its value.
    @usableFromInline var afterKey = false
    /// In the pretty layout, the nesting level the document starts at.
    @usableFromInline let baseIndent: Int

    public init(pretty: Bool = false, capacity: Int = 1024) {
        isPretty = pretty
        baseIndent = 0
        buffer = ByteBuffer(capacity: capacity)
    }

    /// A writer that appends to `bytes`, the pretty layout indented as if it began at nesting
    /// level `indent`.
    public init(pretty: Bool, continuing bytes: [UInt8], indent: Int = 0) {
        isPretty = pretty
        baseIndent = indent
        buffer = ByteBuffer(bytes)
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { buffer.array }

    /// How many bytes have been written.
    @inlinable public var count: Int { buffer.count }

    /// The bytes written so far, in place, for the length of `body` (a batch writes megabytes of
    /// them out without copying them first).
    @inlinable public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try buffer.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }

    /// The text written so far.
    public var text: String { buffer.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }

    /// Ends a line after a document: JSON Lines, one document per line.
    @inlinable public mutating func endLine() {
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Empties the buffer, keeping its capacity, to write the next document.
    @inlinable public mutating func reset() {
        buffer.removeAll()
        hasContent.removeAll(keepingCapacity: true)
        afterKey = false
    }

    @inlinable public mutating func beginObject() {
        startValue()
        buffer.append(UInt8(ascii: "{"))
        hasContent.append(false)
    }

    @inlinable public mutating func endObject() { close(UInt8(ascii: "}")) }

    @inlinable public mutating func beginArray() {
        startValue()
        buffer.append(UInt8(ascii: "["))
        hasContent.append(false)
    }

    @inlinable public mutating func endArray() { close(UInt8(ascii: "]")) }

    @inlinable public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        buffer.append(UInt8(ascii: ":"))
        if isPretty { buffer.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    @inlinable public mutating func key(static key: StaticString) {
        // `,"key":` goes in with one append: appended part by part, a key cost about 230
        // instructions, and a report line writes some fifty of them. The pretty layout's new
        // line and indent go in by `separate`.
        if isPretty {
            separate()
            appendKey(key, comma: false, then: nil)
        } else {
            appendKey(key, comma: markMember(), then: nil)
        }
        afterKey = true
    }

    /// `"key":"value"` (with its comma) in one append when the layout is compact and the value
    /// needs no escaping, as most do: a report line writes some thirty such members, and each
    /// append costs about a hundred instructions however short. Otherwise the key, then the
    /// value, as any member.
    public mutating func member(_ key: StaticString, _ value: String?) {
        if !isPretty, var value {
            let written: Bool? = value.withUTF8 { text in
                guard !JSONWriter.containsEscapable(text) else { return false }
                appendKey(key, comma: markMember(), then: text)
                return true
            }
            if written == true { return }
        }
        self.key(static: key)
        if let value { string(value) } else { null() }
    }

    /// `"key":` and the value's JSON form (or `null`) with one append in the compact layout: the
    /// text was escaped once, when it was encoded, not on every line that writes it.
    public mutating func member(_ key: StaticString, encoded value: EncodedJSONString?) {
        guard !isPretty else {
            self.key(static: key)
            if let value { string(encoded: value) } else { null() }
            return
        }
        let comma = markMember()
        if let value {
            value.json.withUnsafeBufferPointer { json in appendKey(key, comma: comma, then: json, quoted: false) }
        } else {
            ("null" as StaticString).withUTF8Buffer { json in appendKey(key, comma: comma, then: json, quoted: false) }
        }
    }

    public mutating func string(encoded value: EncodedJSONString) {
        startValue()
        buffer.append(value.json)
    }

    /// Counts a member of the innermost container (compact layout): whether a comma goes first.
    @usableFromInline mutating func markMember() -> Bool {
        guard let index = hasContent.indices.last else { return false }
        defer { hasContent[index] = true }
        return hasContent[index]
    }

    /// `,"key":` (the comma when asked, a space after the colon in the pretty layout), then
    /// `"text"` when given (`text` needing no escape), or `text` as it is when it is already
    /// JSON (`quoted` false), in one append.
    @usableFromInline mutating func appendKey(_ key: StaticString, comma: Bool, then text: UnsafeBufferPointer<UInt8>?,
                                              quoted: Bool = true) {
        let pretty = isPretty
        key.withUTF8Buffer { name in
            let start = comma ? 1 : 0
            let keyEnd = start + name.count + (pretty ? 4 : 3)
            let quotes = quoted ? 1 : 0
            let count = keyEnd + (text.map { $0.count + 2 * quotes } ?? 0)
            // Written in place, in room claimed once.
            let base = buffer.claim(count)
            base[0] = UInt8(ascii: ",")
            base[start] = UInt8(ascii: "\"")
            if let from = name.baseAddress { (base + start + 1).initialize(from: from, count: name.count) }
            base[start + name.count + 1] = UInt8(ascii: "\"")
            base[start + name.count + 2] = UInt8(ascii: ":")
            if pretty { base[start + name.count + 3] = UInt8(ascii: " ") }
            if let text {
                if quoted {
                    base[keyEnd] = UInt8(ascii: "\"")
                    base[count - 1] = UInt8(ascii: "\"")
                }
                if let from = text.baseAddress { (base + keyEnd + quotes).initialize(from: from, count: text.count) }
            }
        }
    }

    /// `"text"`, escaped as ``JSONWriter/appendString(_:to:)`` escapes it: most texts need no
    /// escape, and go in with one claim of room.
    @usableFromInline mutating func appendQuoted(_ text: String) {
        var text = text
        let copied: Bool = text.withUTF8 { utf8 in
            guard !JSONWriter.containsEscapable(utf8) else { return false }
            let base = buffer.claim(utf8.count + 2)
            base[0] = UInt8(ascii: "\"")
            if let from = utf8.baseAddress { (base + 1).initialize(from: from, count: utf8.count) }
            base[utf8.count + 1] = UInt8(ascii: "\"")
            return true
        }
        guard !copied else { return }
        var escaped: [UInt8] = []
        JSONWriter.appendString(text, to: &escaped)
        buffer.append(escaped)
    }

    @inlinable public mutating func string(_ value: String) {
        startValue()
        appendQuoted(value)
    }

    @inlinable public mutating func number(_ lexeme: String) {
        startValue()
        var lexeme = lexeme
        lexeme.withUTF8 { buffer.append($0) }
    }

    @inlinable public mutating func bool(_ value: Bool) {
        startValue()
        buffer.append(value ? "true" : "false")
    }

    @inlinable public mutating func null() {
        startValue()
        buffer.append("null")
    }

    /// Before a value: after a key nothing more is needed; in an array, the separator.
    @usableFromInline mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if !hasContent.isEmpty {
            separate()
        }
    }

    /// Before a member or element: a comma after the first, and in the pretty layout a new
    /// line indented to the container's depth.
    @usableFromInline mutating func separate() {
        guard let index = hasContent.indices.last else { return }
        if hasContent[index] { buffer.append(UInt8(ascii: ",")) }
        hasContent[index] = true
        if isPretty { newline(depth: baseIndent + hasContent.count) }
    }

    @usableFromInline mutating func close(_ bracket: UInt8) {
        let hadContent = hasContent.removeLast()
        if isPretty, hadContent { newline(depth: baseIndent + hasContent.count) }
        buffer.append(bracket)
    }

    @usableFromInline mutating func newline(depth: Int) {
        let base = buffer.claim(1 + depth * 2)
        base.initialize(to: UInt8(ascii: "\n"))
        (base + 1).initialize(repeating: UInt8(ascii: " "), count: depth * 2)
    }
}
