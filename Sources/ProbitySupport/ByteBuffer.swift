/// A growable run of bytes that a writer appends to through a pointer: room is claimed once
/// per piece and the piece written in place, without `Array`'s generic `append(contentsOf:)`
/// (about ninety instructions for each short piece a report line appends, some fifty times a
/// line). A value: copies share their storage until one of them is written to.
public struct ByteBuffer: @unchecked Sendable {
    /// Owns the memory, shared by copies until one writes (then that one copies it first). The
    /// pointer, count and room are the buffer's own stored properties, not the owner's: a class's
    /// `var` is checked for exclusive access on every touch, which cost more than the appends.
    @usableFromInline final class Owner {
        @usableFromInline let base: UnsafeMutablePointer<UInt8>

        @usableFromInline init(capacity: Int) {
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }
    }

    @usableFromInline var owner: Owner
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var storedCount = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 64)
        owner = Owner(capacity: self.capacity)
        base = owner.base
    }

    public init(_ bytes: [UInt8]) {
        self.init(capacity: bytes.count)
        append(bytes)
    }

    @inlinable public var count: Int { storedCount }
    @inlinable public var isEmpty: Bool { storedCount == 0 }

    /// A copy of the bytes as an array.
    public var array: [UInt8] { withUnsafeBufferPointer { Array($0) } }

    /// The bytes in place, for the length of `body`.
    @inlinable public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: storedCount)) }
    }

    /// Claims room for `count` more bytes and returns where they go: the caller writes every one.
    @inlinable @inline(__always) public mutating func claim(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(capacity &- storedCount < count || !isKnownUniquelyReferenced(&owner)) { makeRoom(count) }
        let start = base + storedCount
        storedCount &+= count
        return start
    }

    /// Memory of this buffer's own with room for `count` more bytes, at least doubling when it
    /// grows.
    @usableFromInline mutating func makeRoom(_ count: Int) {
        let needed = storedCount + count
        if needed > capacity { capacity = Swift.max(needed, capacity * 2) }
        let grown = Owner(capacity: capacity)
        grown.base.initialize(from: base, count: storedCount)
        owner = grown
        base = grown.base
    }

    @inlinable public mutating func append(_ byte: UInt8) {
        claim(1).initialize(to: byte)
    }

    @inlinable public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        claim(bytes.count).initialize(from: from, count: bytes.count)
    }

    @inlinable public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a text's UTF-8 bytes.
    @inlinable public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Empties the buffer, keeping its room when it is not shared.
    @inlinable public mutating func removeAll() {
        if !isKnownUniquelyReferenced(&owner) {
            owner = Owner(capacity: capacity)
            base = owner.base
        }
        storedCount = 0
    }
}
