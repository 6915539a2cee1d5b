/// A fixed set of strings, built once, that finds a string by its UTF-8 bytes: an entry number
/// for each distinct byte sequence, in the order first given.
///
/// Reading a line of JSON, most strings are looked up and nothing else (an attendee's name, a
/// field's key, an organisation's name): finding them from the line's bytes needs no `String`
/// made, checked and hashed per value. Equality is by bytes, not by Unicode canonical
/// equivalence as `String`'s is, so a miss does not prove a `String` dictionary would miss too:
/// callers that need `String` equality look a missed string up again the slow way.
///
/// Open addressing with linear probing, at most half full. Each slot keeps 32 bits of the hash
/// beside where its string's record starts, so a probe that meets another string almost never
/// reads it (a `String` dictionary compares the whole key at every occupied slot it passes, and
/// each key is a separate allocation: for 20,000 names, a cache miss each). A record is the entry
/// number, the length and the bytes, side by side, so a lookup reads one slot and one record.
/// The hash is fixed, not seeded: the table holds only the strings it was built from, so what is
/// looked up cannot lengthen its probe chains, and the same input costs the same instructions.
public struct ByteStringTable: Sendable {
    /// Per slot: 0 when empty, else the hash's high 32 bits and the record's start plus one.
    private var slots: [UInt64]
    private let mask: Int
    /// Every entry's record, one after another: its entry number and byte count (each 32 bits,
    /// little-endian), then its bytes.
    private var records: [UInt8] = []
    /// The strings, by entry number, as first given.
    public private(set) var strings: [String] = []

    private static let headerSize = 8

    /// A table of `strings`; a string whose bytes were given already keeps its first entry.
    ///
    /// An array, not any collection: a generic initialiser is not specialised for callers in
    /// other modules, and building a register's 25,000 names through its protocol witnesses
    /// cost 31.7 M of the register index's 140.7 M instructions (docs/performance.md, item 33).
    public init(_ strings: [String]) {
        var capacity = 8
        while capacity < 2 * strings.count { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        var recordBytes = 0
        for string in strings { recordBytes += ByteStringTable.headerSize + string.utf8.count }
        records.reserveCapacity(recordBytes)
        self.strings.reserveCapacity(strings.count)
        for string in strings {
            var utf8 = string
            let (found, slot, tag) = utf8.withUTF8 { probe($0) }
            guard found == nil else { continue }
            // Offsets are 32 bits: a table of over 4 GB of names is never built from a register.
            precondition(records.count < Int(UInt32.max) - ByteStringTable.headerSize - string.utf8.count, "a name table of over 4 GB")
            slots[slot] = tag << 32 | UInt64(records.count + 1)
            withUnsafeBytes(of: UInt32(self.strings.count).littleEndian) { records.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(string.utf8.count).littleEndian) { records.append(contentsOf: $0) }
            records.append(contentsOf: string.utf8)
            self.strings.append(string)
        }
    }

    /// How many distinct strings the table holds.
    public var count: Int { strings.count }

    /// The entry whose bytes are `key`, or nil.
    public func entry(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        probe(key).entry
    }

    /// The entry whose bytes are `key`'s UTF-8, or nil.
    public func entry(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { probe($0).entry }
    }

    /// The entry holding `key`, or the empty slot where it would go, with the hash's tag.
    private func probe(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int?, slot: Int, tag: UInt64) {
        let hash = ByteStringTable.hash(key)
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            records.withUnsafeBytes { records in
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let value = slots[slot]
                    if value == 0 { return (nil, slot, tag) }
                    if value >> 32 == tag {
                        let start = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                        let count = Int(UInt32(littleEndian: records.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self)))
                        // An empty key has no base address to compare from; an empty entry of
                        // the same (zero) length is equal to it.
                        if count == key.count,
                           count == 0 || ByteStringTable.equal(records.baseAddress! + start + ByteStringTable.headerSize,
                                                               UnsafeRawPointer(key.baseAddress!), count: count) {
                            let entry = UInt32(littleEndian: records.loadUnaligned(fromByteOffset: start, as: UInt32.self))
                            return (Int(entry), slot, tag)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Whether the `count` bytes at `a` and `b` are the same, compared eight at a time in
    /// place: names are a few words long, and a call to `memcmp` for each cost more than the
    /// comparison itself.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        guard index < count else { return true }
        // The last eight bytes again, overlapping the words already compared.
        if count >= 8 {
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return ByteStringTable.shortWord(a, count: count) == ByteStringTable.shortWord(b, count: count)
    }

    /// The 1 to 7 bytes at `base` in one word, each byte in it at least once: two overlapping
    /// four-byte loads from 4 bytes on, the first, middle and last byte below that. Which word
    /// two strings of the same length give are equal exactly when their bytes are.
    static func shortWord(_ base: UnsafeRawPointer, count: Int) -> UInt64 {
        if count >= 4 {
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return low | high << 32
        }
        let first = UInt64(base.load(as: UInt8.self))
        let middle = UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self))
        let last = UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
        return first | middle << 8 | last << 16
    }

    /// A 64-bit hash of `bytes`, eight at a time: each word is multiplied into the state and
    /// folded, so every byte reaches the high bits the slot tag is taken from. The bytes after
    /// the last whole word are read as one word in place (the last eight bytes, shifted), not
    /// byte by byte; the byte count is in the state, so strings of different lengths differ.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        var state: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
        if let base = bytes.baseAddress, count > 0 {
            let raw = UnsafeRawPointer(base)
            var index = 0
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                state = (state ^ word) &* multiplier
                state ^= state >> 29
                index += 8
            }
            if index < count {
                let word = count >= 8
                    ? UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) >> UInt64(8 * (8 - (count - index)))
                    : shortWord(raw, count: count)
                state = (state ^ word) &* multiplier
                state ^= state >> 29
            }
        }
        state = (state ^ (state >> 32)) &* multiplier
        return state ^ (state >> 31)
    }
}
