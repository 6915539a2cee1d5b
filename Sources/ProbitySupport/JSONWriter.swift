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
        // Most strings need no escaping at all: copy them in one go.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: needsEscape) else { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if copied != true { appendEscaped(text.utf8, to: &buffer) }
        buffer.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func appendEscaped(_ bytes: String.UTF8View, to buffer: inout [UInt8]) {
        for byte in bytes {
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
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
