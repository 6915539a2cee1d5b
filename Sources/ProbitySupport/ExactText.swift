import Glibc

/// A string as a key by its exact UTF-8 bytes: two spellings Swift holds equal (an accented
/// letter as one scalar or as two) are different keys. For a memo of an answer worked out from
/// the bytes, where the answer might depend on which spelling was written.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        var a = a.text, b = b.text
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
