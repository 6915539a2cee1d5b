/// SHA-256, as specified in FIPS 180-4, section 6.2.
///
/// Reports fingerprint the rules and registers they were computed from, so
/// that a decision can later be shown to rest on exactly these inputs.
/// Foundation on Linux has no hash functions and the package takes no
/// dependencies, so the algorithm is written out here.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as 64 lower-case hexadecimal characters.
    public static func hexDigest<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        hex(digest(bytes))
    }

    /// Lower-case hexadecimal text for `bytes`, two characters per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(alphabet[Int(byte >> 4)])
            text.append(alphabet[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// An incremental SHA-256 computation, for input that arrives in pieces.
///
/// Feed the message with any number of `update` calls, then call
/// `finalize` once. Splitting the message differently never changes the
/// digest.
public struct SHA256Hasher: Sendable {
    /// The eight working hash words, H0 to H7 (FIPS 180-4, 5.3.3).
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes not yet forming a complete 64-byte block.
    private var pending: [UInt8] = []
    /// The total message length so far, in bytes.
    private var length: UInt64 = 0

    /// Starts a new, empty message.
    public init() {
        pending.reserveCapacity(64)
    }

    /// Appends `bytes` to the message.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        // Fast path: contiguous input (arrays, Data, UTF-8 strings) is
        // compressed in place, a whole block at a time, without copying.
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(buffer: buffer)
        }
        if handled != nil { return }

        length &+= UInt64(bytes.count)
        for byte in bytes {
            pending.append(byte)
            if pending.count == 64 {
                compressPending()
            }
        }
    }

    private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(buffer.count)
        var offset = 0
        // Top up a partly filled block first.
        if !pending.isEmpty {
            let taken = min(64 - pending.count, buffer.count)
            pending.append(contentsOf: buffer[0..<taken])
            offset = taken
            guard pending.count == 64 else { return }
            compressPending()
        }
        while buffer.count - offset >= 64 {
            SHA256Hasher.compress(UnsafeBufferPointer(rebasing: buffer[offset..<offset + 64]), into: &state)
            offset += 64
        }
        pending.append(contentsOf: buffer[offset...])
    }

    /// Completes the message and returns its 32-byte digest.
    ///
    /// The hasher is spent afterwards: call `init()` again to start over.
    public mutating func finalize() -> [UInt8] {
        // Padding (FIPS 180-4, 5.1.1): a single 1 bit, then zeros until the
        // length is 56 mod 64, then the message length in bits, big-endian.
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { tail in
            for start in stride(from: 0, to: tail.count, by: 64) {
                SHA256Hasher.compress(UnsafeBufferPointer(rebasing: tail[start..<start + 64]), into: &state)
            }
        }
        pending.removeAll()

        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The 64 round constants: the first 32 bits of the fractional parts
    /// of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2).
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Compresses the full pending block and empties it.
    private mutating func compressPending() {
        let block = pending
        block.withUnsafeBufferPointer { SHA256Hasher.compress($0, into: &state) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Processes one 64-byte block (FIPS 180-4, 6.2.2). The block, the schedule and the
    /// constants are read in place, without a bounds or uniqueness check per word, and the
    /// rounds are written eight at a time, each naming the working variables in their turn
    /// rather than moving all eight along every round: the digest of the rule sources is part
    /// of every start-up (docs/performance.md, item 34).
    private static func compress(_ block: UnsafeBufferPointer<UInt8>, into hash: inout [UInt32]) {
        precondition(block.count == 64 && hash.count == 8)
        let raw = UnsafeRawBufferPointer(block)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            roundConstants.withUnsafeBufferPointer { constants in
                for t in 0..<16 {
                    schedule[t] = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                }
                for t in 16..<64 {
                    let w15 = schedule[t &- 15], w2 = schedule[t &- 2]
                    let sigma0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 &>> 3)
                    let sigma1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 &>> 10)
                    schedule[t] = sigma1 &+ schedule[t &- 7] &+ sigma0 &+ schedule[t &- 16]
                }
                hash.withUnsafeMutableBufferPointer { state in
                    var a = state[0], b = state[1], c = state[2], d = state[3]
                    var e = state[4], f = state[5], g = state[6], h = state[7]
                    var t = 0
                    while t < 64 {
                        // Round t writes `d` and `h` as FIPS 180-4 writes `e` and `a`; the next
                        // round reads the variables one place on.
                        round(a, b, c, &d, e, f, g, &h, constants[t] &+ schedule[t])
                        round(h, a, b, &c, d, e, f, &g, constants[t &+ 1] &+ schedule[t &+ 1])
                        round(g, h, a, &b, c, d, e, &f, constants[t &+ 2] &+ schedule[t &+ 2])
                        round(f, g, h, &a, b, c, d, &e, constants[t &+ 3] &+ schedule[t &+ 3])
                        round(e, f, g, &h, a, b, c, &d, constants[t &+ 4] &+ schedule[t &+ 4])
                        round(d, e, f, &g, h, a, b, &c, constants[t &+ 5] &+ schedule[t &+ 5])
                        round(c, d, e, &f, g, h, a, &b, constants[t &+ 6] &+ schedule[t &+ 6])
                        round(b, c, d, &e, f, g, h, &a, constants[t &+ 7] &+ schedule[t &+ 7])
                        t &+= 8
                    }
                    state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
                    state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
                }
            }
        }
    }

    /// One round (FIPS 180-4, 6.2.2, step 3), `constantAndWord` being K_t + W_t: `d` becomes the
    /// new `e`, and `h` the new `a`.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantAndWord: UInt32) {
        let bigSigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
        let choose = g ^ (e & (f ^ g))
        let temp1 = h &+ bigSigma1 &+ choose &+ constantAndWord
        let bigSigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
        let majority = (a & b) | (c & (a | b))
        d &+= temp1
        h = temp1 &+ bigSigma0 &+ majority
    }
}

@inline(__always)
private func rotateRight(_ value: UInt32, _ amount: UInt32) -> UInt32 {
    (value &>> amount) | (value &<< (32 &- amount))
}
