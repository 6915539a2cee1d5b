/// An interned identifier: equal names have equal symbols, so the parser and checker compare
/// integers, not strings.
public struct Symbol: Hashable, Comparable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.rawValue < b.rawValue }
}

/// Maps identifier bytes to symbols and back. One interner serves every file of a program.
public struct Interner: Sendable {
    /// An identifier's bytes as a dictionary key, hashed in one call: `[UInt8]`'s own hashing
    /// feeds the hasher a byte at a time, which made interning a tenth of loading the rules.
    private struct Key: Hashable, Sendable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private var symbols: [Key: Symbol] = [:]
    public private(set) var names: [String] = []

    public init() {}

    public mutating func intern<C: Collection>(_ bytes: C) -> Symbol where C.Element == UInt8 {
        let key = Key(bytes: Array(bytes))
        if let existing = symbols[key] { return existing }
        let symbol = Symbol(rawValue: Int32(names.count))
        symbols[key] = symbol
        names.append(String(decoding: key.bytes, as: UTF8.self))
        return symbol
    }

    public mutating func intern(_ text: String) -> Symbol { intern(text.utf8) }

    public subscript(symbol: Symbol) -> String { names[Int(symbol.rawValue)] }
}
