/// Makes text from UTF-8 bytes once per distinct value: the same bytes given again return the
/// `String` made the first time, found by the bytes without making another.
///
/// A register repeats most of its values (an organisation, a role, a type of interest, the
/// same nature of interest for several people), and a `String` longer than 15 bytes is an
/// allocation and a UTF-8 check; finding it again is a hash of the bytes and one comparison.
/// Equality is by bytes, so the text returned is always `String(decoding: bytes, as: UTF8.self)`.
///
/// Open addressing with linear probing, at most half full, each slot keeping 32 bits of the
/// hash beside its entry (the layout and hash of ``ByteStringTable``). The hash is fixed, not
/// seeded, and the bytes come from a file anyone may write, so a probe looks at no more than
/// ``maximumProbes`` slots: a value whose place is further is made afresh and not kept. Past
/// `capacity` distinct values, new ones are made and not kept. Either way the text is the same;
/// only the cost differs, and it stays bounded whatever the file.
public struct TextInterner {
    /// Per slot: 0 when empty, else the hash's high 32 bits and the entry's number plus one.
    private var slots: [UInt64]
    private var mask: Int
    /// The entries' bytes, one after another, and where each entry's start.
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var texts: [String] = []
    /// The most distinct values kept.
    public let capacity: Int

    /// The most slots a lookup reads.
    static let maximumProbes = 32

    /// An interner keeping at most `capacity` distinct values.
    public init(capacity: Int = 1 << 18) {
        self.capacity = capacity
        slots = [UInt64](repeating: 0, count: 64)
        mask = 63
    }

    /// How many values are kept.
    public var count: Int { texts.count }

    /// The text of `key` (repaired as `String(decoding:as:)` repairs bytes that are not UTF-8).
    public mutating func text(_ key: UnsafeBufferPointer<UInt8>) -> String {
        entry(key).text
    }

    /// The text of `key`, and its entry: values are numbered from 0 in the order they were first
    /// given, so a caller can keep tables of its own by entry. Nil for a value not kept (past
    /// `capacity`, or further than a lookup reads): the caller must find it some other way.
    public mutating func entry(_ key: UnsafeBufferPointer<UInt8>) -> (text: String, entry: Int?) {
        let hash = ByteStringTable.hash(key)
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        var empty: Int?
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { kept in
                for _ in 0..<Self.maximumProbes {
                    let value = slots[slot]
                    if value == 0 {
                        empty = slot
                        return nil
                    }
                    if value >> 32 == tag {
                        let entry = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                        let start = starts[entry]
                        let count = (entry + 1 < starts.count ? starts[entry + 1] : kept.count) - start
                        if count == key.count,
                           count == 0 || ByteStringTable.equal(kept.baseAddress! + start, key.baseAddress!, count: count) {
                            return entry
                        }
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
        if let found { return (texts[found], found) }
        let text = String(decoding: key, as: UTF8.self)
        guard let empty, texts.count < capacity else { return (text, nil) }
        let entry = texts.count
        slots[empty] = tag << 32 | UInt64(entry + 1)
        starts.append(bytes.count)
        bytes.append(contentsOf: key)
        texts.append(text)
        if texts.count * 2 > slots.count { grow() }
        return (text, entry)
    }

    /// The text of entry `entry` (``entry(_:)``).
    public func text(ofEntry entry: Int) -> String {
        texts[entry]
    }

    /// Doubles the slots and places every entry again.
    private mutating func grow() {
        let size = slots.count * 2
        var grown = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        bytes.withUnsafeBufferPointer { kept in
            for entry in texts.indices {
                let start = starts[entry]
                let end = entry + 1 < starts.count ? starts[entry + 1] : kept.count
                let hash = ByteStringTable.hash(UnsafeBufferPointer(rebasing: kept[start..<end]))
                var slot = Int(truncatingIfNeeded: hash) & newMask
                // A slot further than a lookup reads is never found: the entry is dropped.
                for _ in 0..<Self.maximumProbes {
                    if grown[slot] == 0 {
                        grown[slot] = (hash >> 32) << 32 | UInt64(entry + 1)
                        break
                    }
                    slot = (slot + 1) & newMask
                }
            }
        }
        slots = grown
        mask = newMask
    }
}
