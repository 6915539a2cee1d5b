import Synchronization

/// Answers kept by a text's exact UTF-8 bytes, found from the bytes alone: a name read from a
/// line of JSON is looked up without making its `String` first. Each answer is kept with its text,
/// made once, when the answer is first worked out, and handed back with it.
///
/// Equality is by bytes, ``ExactText``'s own (``ExactText/sameBytes(_:_:)``): two spellings
/// Swift holds equal are two keys. Shared by every thread, bounded and worked out outside the
/// lock as ``Memo`` is. The table is keyed by the bytes' seeded hash
/// (``ExactText/fingerprint(_:)``), so an input cannot choose texts that share one bucket.
///
/// Inlinable, as ``Memo`` is, so each caller's module specialises it for its value.
public final class TextMemo<Value: Sendable>: Sendable {
    @usableFromInline struct Kept: Sendable {
        @usableFromInline var text: String
        @usableFromInline var value: Value

        @inlinable init(text: String, value: Value) {
            self.text = text
            self.value = value
        }
    }

    @usableFromInline struct Table: Sendable {
        /// By the bytes' hash: the texts with that hash (almost always one).
        @usableFromInline var byHash: [Int: [Kept]] = [:]
        @usableFromInline var count = 0

        @inlinable init() {}
    }

    @usableFromInline let stored = Mutex(Table())
    /// How many answers are kept at most.
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The text whose bytes are `bytes` and its answer: the kept ones, or the text made from the
    /// bytes and `compute`'s answer for it, kept if there is room. Nil, and nothing worked out,
    /// when the bytes are not valid UTF-8 (with `isASCII`, the caller vouches that every byte is
    /// below 0x80, and they are not checked again).
    @inlinable public func value(utf8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool,
                                 orCompute compute: (String) -> Value) -> (text: String, value: Value)? {
        let hash = ExactText.fingerprint(bytes)
        if let known = stored.withLock({ TextMemo.find(bytes, hash: hash, in: $0) }) { return (known.text, known.value) }
        let made = isASCII ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        guard let text = made else { return nil }
        let value = compute(text)
        keep(Kept(text: text, value: value), hash: hash)
        return (text, value)
    }

    /// The answer for `text`: the kept one, or `compute()`'s, kept if there is room.
    @inlinable public func value(for text: String, orCompute compute: () -> Value) -> Value {
        var text = text
        let (hash, known) = text.withUTF8 { bytes in
            let hash = ExactText.fingerprint(bytes)
            return (hash, stored.withLock { TextMemo.find(bytes, hash: hash, in: $0) })
        }
        if let known { return known.value }
        let value = compute()
        keep(Kept(text: text, value: value), hash: hash)
        return value
    }

    /// How many answers are kept now.
    public var count: Int {
        stored.withLock { $0.count }
    }

    @inlinable static func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: Int, in table: Table) -> Kept? {
        guard let bucket = table.byHash[hash] else { return nil }
        for kept in bucket {
            var text = kept.text
            if text.withUTF8({ ExactText.sameBytes($0, bytes) }) { return kept }
        }
        return nil
    }

    /// Keeps `kept` unless the table is full or another thread kept the same text meanwhile (with
    /// the same answer, as the answer depends only on the text).
    @inlinable func keep(_ kept: Kept, hash: Int) {
        stored.withLock { table in
            guard table.count < capacity else { return }
            var text = kept.text
            let known = text.withUTF8 { TextMemo.find($0, hash: hash, in: table) }
            guard known == nil else { return }
            table.byHash[hash, default: []].append(kept)
            table.count += 1
        }
    }
}
