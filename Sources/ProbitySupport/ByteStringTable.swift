import Glibc

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
    public init<Strings: Collection>(_ strings: Strings) where Strings.Element == String {
        var capacity = 8
        while capacity < 2 * strings.count { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        for string in strings {
            var utf8 = string
            let (found, slot, tag) = utf8.withUTF8 { probe($0) }
            guard found == nil else { continue }
            // Offsets are 32 bits: a table of over 4 GB of names is never built from a register.
            precondition(records.count < Int(UInt32.max) - ByteStringTable.headerSize - string.utf8.count, "a name table of over 4 GB")
            slots[slot] = tag << 32 | UInt64(records.count + 1)
            for value in [UInt32(self.strings.count), UInt32(string.utf8.count)] {
                withUnsafeBytes(of: value.littleEndian) { records.append(contentsOf: $0) }
            }
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
                           count == 0 || memcmp(records.baseAddress! + start + ByteStringTable.headerSize, key.baseAddress!, count) == 0 {
                            let entry = UInt32(littleEndian: records.loadUnaligned(fromByteOffset: start, as: UInt32.self))
                            return (Int(entry), slot, tag)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// A 64-bit hash of `bytes`, eight at a time: each word is multiplied into the state and
    /// folded, so every byte reaches the high bits the slot tag is taken from.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var state: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                state = (state ^ word) &* multiplier
                state ^= state >> 29
                index += 8
            }
            if index < bytes.count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while index < bytes.count {
                    word |= UInt64(base[index]) << shift
                    shift += 8
                    index += 1
                }
                state = (state ^ word) &* multiplier
                state ^= state >> 29
            }
        }
        state = (state ^ (state >> 32)) &* multiplier
        return state ^ (state >> 31)
    }
}
