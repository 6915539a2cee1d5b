extension String {
    /// Whether every byte of the string's UTF-8 is ASCII, read eight bytes at a time: folding,
    /// indexing and comparing names take a shorter road for ASCII, which nearly every name is,
    /// and ask this of every name a register holds.
    public var isASCII: Bool {
        if let answer = utf8.withContiguousStorageIfAvailable(Self.isASCII) { return answer }
        return utf8.allSatisfy { $0 < 0x80 }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] >= 0x80 { return false }
            offset += 1
        }
        return true
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII letter (either case) or digit.
    @inlinable
    public var isASCIIAlphanumeric: Bool {
        (self >= 0x61 && self <= 0x7A) || (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A)
    }
}
