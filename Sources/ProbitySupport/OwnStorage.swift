/// Copies that share no storage with the original, for tables each thread keeps its own copy
/// of: a plain copy of a `String` or an `Array` shares its buffer, and every copy made from it
/// later (into a report, on every line of a batch) writes that one buffer's reference count,
/// a cache line two cores then pass back and forth (docs/performance.md, item 21).
extension String {
    /// The same text in storage of its own (a short text is kept inline, with no storage).
    public var withOwnStorage: String {
        var text = self
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { copy in
                guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
                copy.baseAddress!.update(from: base, count: bytes.count)
                return bytes.count
            }
        }
    }
}

extension Array {
    /// The same elements in a buffer of its own (elements that are references are shared, as
    /// in any copy).
    public var withOwnStorage: [Element] {
        withUnsafeBufferPointer { Array($0) }
    }
}

extension EncodedJSONString {
    /// The same text and JSON form, each in storage of its own.
    public var withOwnStorage: EncodedJSONString {
        EncodedJSONString(text.withOwnStorage)
    }
}
