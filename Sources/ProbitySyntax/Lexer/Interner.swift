/// An interned identifier: equal names have equal symbols, so the parser and checker compare
/// integers, not strings.
public struct Symbol: Hashable, Comparable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.rawValue < b.rawValue }
}

/// Maps identifier bytes to symbols and back. One interner serves every file of a program.
///
/// Symbols are numbered in the order names are first seen. The table is a hash table of its
/// own over the names' bytes kept end to end, so that looking up a name already seen (most
/// identifiers of a file) reads the lexer's bytes in place: a `Dictionary` keyed by `[UInt8]`
/// made an array for every identifier, and interning was a third of lexing.
public struct Interner: Sendable {
    public private(set) var names: [String] = []
    /// Every name's bytes, one after another: name `i` ends at `ends[i]` and starts where name
    /// `i - 1` ends.
    private var storage: [UInt8] = []
    private var ends: [Int32] = []
    /// Each name's hash, kept for growing the table.
    private var hashes: [Int] = []
    /// Open addressing, linear probing: a slot holds a symbol plus one, or 0 when empty. The
    /// count is a power of two and at most half the slots are used. The hash is the standard
    /// library's seeded one, so rule files written to collide cannot make lookups linear.
    private var slots: [Int32] = Array(repeating: 0, count: 64)

    public init() {}

    /// The symbol for `bytes`, made if the name is new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Symbol {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if hashes[entry - 1] == hash, equals(entry - 1, bytes) { return Symbol(rawValue: Int32(entry - 1)) }
            slot = (slot + 1) & mask
        }
        let symbol = Symbol(rawValue: Int32(names.count))
        storage.append(contentsOf: bytes)
        ends.append(Int32(storage.count))
        hashes.append(hash)
        names.append(String(decoding: bytes, as: UTF8.self))
        slots[slot] = symbol.rawValue + 1
        if names.count * 2 > slots.count { grow() }
        return symbol
    }

    public mutating func intern<C: Collection>(_ bytes: C) -> Symbol where C.Element == UInt8 {
        if let symbol = bytes.withContiguousStorageIfAvailable({ intern($0) }) { return symbol }
        return Array(bytes).withUnsafeBufferPointer { intern($0) }
    }

    public mutating func intern(_ text: String) -> Symbol {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    public subscript(symbol: Symbol) -> String { names[Int(symbol.rawValue)] }

    /// Whether name `index`'s bytes are `bytes`.
    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = Int(ends[index])
        let start = index == 0 ? 0 : Int(ends[index - 1])
        guard end - start == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            for offset in 0..<bytes.count where stored[start + offset] != bytes[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        var larger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = hash & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(index + 1)
        }
        slots = larger
    }
}
