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
        switch value {
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                appendCompact(element, to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let members):
            buffer.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                appendCompact(member.value, to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        default:
            appendScalar(value, to: &buffer)
        }
    }

    /// Appends the pretty form of `value` to `buffer`, as if it began at
    /// nesting level `indent`.
    public static func appendPretty(_ value: JSONValue, to buffer: inout [UInt8], indent: Int = 0) {
        switch value {
        case .array(let elements):
            guard !elements.isEmpty else {
                buffer.append(contentsOf: "[]".utf8)
                return
            }
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                appendNewline(indent: indent + 1, to: &buffer)
                appendPretty(element, to: &buffer, indent: indent + 1)
            }
            appendNewline(indent: indent, to: &buffer)
            buffer.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                buffer.append(contentsOf: "{}".utf8)
                return
            }
            buffer.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                appendNewline(indent: indent + 1, to: &buffer)
                appendString(member.key, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                buffer.append(UInt8(ascii: " "))
                appendPretty(member.value, to: &buffer, indent: indent + 1)
            }
            appendNewline(indent: indent, to: &buffer)
            buffer.append(UInt8(ascii: "}"))
        default:
            appendScalar(value, to: &buffer)
        }
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

    private static func appendScalar(_ value: JSONValue, to buffer: inout [UInt8]) {
        switch value {
        case .null:
            buffer.append(contentsOf: "null".utf8)
        case .bool(let flag):
            buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let lexeme):
            buffer.append(contentsOf: lexeme.utf8)
        case .string(let text):
            appendString(text, to: &buffer)
        case .array, .object:
            appendCompact(value, to: &buffer)
        }
    }

    private static func appendNewline(indent: Int, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\n"))
        for _ in 0..<indent {
            buffer.append(UInt8(ascii: " "))
            buffer.append(UInt8(ascii: " "))
        }
    }
}
