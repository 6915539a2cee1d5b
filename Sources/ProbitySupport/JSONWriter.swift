/// Renders `JSONValue`s as JSON text.
///
/// Output is deterministic: members appear in the order given (callers
/// sort them where a canonical order is wanted), numbers are written as
/// their stored lexeme, and strings are escaped minimally — only `"`, `\`
/// and control characters — with everything else left as UTF-8. Text is
/// built in a byte buffer; nothing goes through Foundation.
public struct JSONWriter {
    /// The value on one line with no spaces: `{"a":1,"b":[1,2]}`.
    public static func compact(_ value: JSONValue) -> String {
        var buffer: [UInt8] = []
        appendCompact(value, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The value indented by two spaces per level, with `"key": value`
    /// members, `[]` and `{}` for empty containers, and no final newline.
    public static func pretty(_ value: JSONValue) -> String {
        var buffer: [UInt8] = []
        appendPretty(value, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the compact form of `value` to `buffer`; useful for writing
    /// many JSON Lines records into one buffer.
    public static func appendCompact(_ value: JSONValue, to buffer: inout [UInt8]) {
        write(value, pretty: false, indent: 0, to: &buffer)
    }

    /// Appends the pretty form of `value` to `buffer`, as if it began at
    /// nesting level `indent`.
    public static func appendPretty(_ value: JSONValue, to buffer: inout [UInt8], indent: Int = 0) {
        write(value, pretty: true, indent: indent, to: &buffer)
    }

    /// The layouts are ``JSONStreamWriter``'s: a tree is written through it, value by value.
    private static func write(_ value: JSONValue, pretty: Bool, indent: Int, to buffer: inout [UInt8]) {
        var writer = JSONStreamWriter(pretty: pretty, continuing: buffer, indent: indent)
        buffer = []  // hand the bytes over, so appending does not copy them
        writer.value(value)
        buffer = writer.bytes
    }

    /// Appends `text` as a quoted, escaped JSON string.
    public static func appendString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        // Most strings need no escaping at all: scanned a word at a time, then copied in one go.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            if containsEscapable(bytes) {
                appendEscapedRuns(bytes, to: &buffer)
            } else {
                buffer.append(contentsOf: bytes)
            }
            return true
        }
        if copied != true { appendEscaped(text.utf8, to: &buffer) }
        buffer.append(UInt8(ascii: "\""))
    }

    /// `text` quoted and escaped byte by byte, never by the word-at-a-time scan: what
    /// ``appendString(_:to:)`` must always write (tests hold the two to the same bytes).
    package static func appendStringByteByByte(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        appendEscaped(text.utf8, to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Whether any byte must be escaped (below 0x20, `"` or `\\`), eight bytes at a time.
    ///
    /// For a word `w` and a byte value `n` ≤ 128, `(w − 0x01…01·n) & ~w & 0x80…80` is nonzero
    /// exactly when some byte of `w` is below `n` (a borrow can only mark a byte above one that
    /// is already marked); a byte equal to `c` is a zero byte of `w ^ 0x01…01·c`. UTF-8 bytes
    /// of 0x80 and above never match, as none needs escaping.
    package static func containsEscapable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = ones &* UInt64(UInt8(ascii: "\"")), backslashes = ones &* UInt64(UInt8(ascii: "\\"))
        let count = bytes.count
        guard count >= 8 else { return bytes.contains(where: needsEscape) }
        func escapable(at index: Int) -> Bool {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let control = (word &- ones &* 0x20) & ~word
            let quote = word ^ quotes, backslash = word ^ backslashes
            return (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0
        }
        var index = 0
        while index &+ 8 <= count {
            if escapable(at: index) { return true }
            index &+= 8
        }
        // The tail: the last eight bytes, overlapping some already scanned, rather than a byte loop.
        return index < count && escapable(at: count &- 8)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// `bytes` escaped, the runs between the bytes that need it copied in one go: a finding's
    /// message quotes a name (`attendee "Amara Kingshurst" matches several people…`), and
    /// appending such a message byte by byte was a quarter of a line's work when a committee's
    /// names were ambiguous.
    private static func appendEscapedRuns(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices where needsEscape(bytes[index]) {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            appendEscape(of: bytes[index], to: &buffer)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    private static func appendEscaped(_ bytes: String.UTF8View, to buffer: inout [UInt8]) {
        for byte in bytes { appendEscape(of: byte, to: &buffer) }
    }

    /// One byte as JSON writes it inside a string: escaped if it must be, else itself.
    private static func appendEscape(of byte: UInt8, to buffer: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""):
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"):
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\n"):
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"):
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"):
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            // Other control characters have no short escape that every
            // reader knows, so use the universal `\u00XX` form.
            buffer.append(contentsOf: "\\u00".utf8)
            buffer.append(hexDigits[Int(byte >> 4)])
            buffer.append(hexDigits[Int(byte & 0x0F)])
        default:
            buffer.append(byte)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
