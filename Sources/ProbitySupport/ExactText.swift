import Glibc

/// A string as a key by its exact UTF-8 bytes: two spellings Swift holds equal (an accented
/// letter as one scalar or as two) are different keys. For a memo of an answer worked out from
/// the bytes, where the answer might depend on which spelling was written.
///
/// The bytes are hashed once, when the key is made, and the hash kept: a table probes several
/// slots for a key, and comparing the kept hashes first dismisses the other keys without
/// reading their bytes (comparing bytes at every slot cost more than the answer kept).
public struct ExactText: Hashable, Sendable {
    public let text: String
    private let fingerprint: Int

    public init(_ text: String) {
        var text = text
        fingerprint = text.withUTF8(ExactText.fingerprint)
        self.text = text
    }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        guard a.fingerprint == b.fingerprint else { return false }
        var a = a.text, b = b.text
        return a.withUTF8 { x in b.withUTF8 { y in sameBytes(x, y) } }
    }

    /// The seeded hash of `bytes`, as an `ExactText` of them keeps it (``TextMemo`` files its
    /// answers by it too, found from a line's bytes before any `String` is made).
    @inlinable public static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }

    /// Whether `a` and `b` are the same bytes: equality as an `ExactText` has it.
    @inlinable public static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }
}
