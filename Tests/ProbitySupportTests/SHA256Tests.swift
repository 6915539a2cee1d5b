import XCTest
@testable import ProbitySupport

final class SHA256Tests: XCTestCase {
    // MARK: NIST vectors (FIPS 180-2 appendix B, and the CAVS short/long messages)

    func testABC() {
        XCTAssertEqual(SHA256.hexDigest(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEmptyMessage() {
        XCTAssertEqual(SHA256.hexDigest([UInt8]()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func test448BitMessage() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(message.utf8.count * 8, 448)
        XCTAssertEqual(SHA256.hexDigest(message.utf8),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func test896BitMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(message.utf8.count * 8, 896)
        XCTAssertEqual(SHA256.hexDigest(Array(message.utf8)),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionAs() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)), expected)
        // The same message fed in uneven pieces.
        var hasher = SHA256Hasher()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        var fed = 0
        while fed < 1_000_000 {
            let count = min(piece.count, 1_000_000 - fed)
            hasher.update(piece[0..<count])
            fed += count
        }
        XCTAssertEqual(SHA256.hex(hasher.finalize()), expected)
    }

    /// Messages of every length around the block and padding boundaries, each byte a
    /// different value, against digests worked out by Python's hashlib: the other vectors
    /// repeat a byte or a short pattern, which a word loaded in the wrong order can still pass.
    func testMessagesAcrossBlockBoundariesAgainstHashlib() {
        let expected: [(length: Int, hex: String)] = [
            (1, "ca358758f6d27e6cf45272937977a748fd88391db679ceda7dc7bf1f005ee879"),
            (55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"),
            (56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"),
            (63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"),
            (64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"),
            (65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"),
            (119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"),
            (120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"),
            (127, "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d"),
            (128, "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356"),
            (129, "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519"),
            (200, "44cae5223d431caed4a9e32271d6abf17c3f2f4abac45fcdb48a99fcc6072a09"),
            (1000, "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179"),
            (4096, "d41d438c379110c7f7b2c561b1f04f26c1b4549110791f8e022f48974280c13e"),
        ]
        for (length, hex) in expected {
            // hashlib.sha256(bytes((i * 31 + 7) & 255 for i in range(length))).hexdigest()
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            XCTAssertEqual(SHA256.hexDigest(message), hex, "length \(length)")
            // From an odd offset in a larger buffer: the words are loaded unaligned.
            let shifted = [0xAB] + message
            XCTAssertEqual(SHA256.hexDigest(shifted[1...]), hex, "length \(length), unaligned")
        }
    }

    // MARK: Shape of the output

    func testDigestIs32BytesAndHexIs64LowerCaseCharacters() {
        let digest = SHA256.digest(Array("abc".utf8))
        XCTAssertEqual(digest.count, 32)
        XCTAssertEqual(Array(digest.prefix(4)), [0xba, 0x78, 0x16, 0xbf])
        let hex = SHA256.hexDigest(Array("abc".utf8))
        XCTAssertEqual(hex.count, 64)
        XCTAssertTrue(hex.allSatisfy { "0123456789abcdef".contains($0) })
        XCTAssertEqual(SHA256.hex([0x00, 0x0f, 0xf0, 0xff]), "000ff0ff")
    }

    func testNonASCIIText() {
        // Cross-checked with Python's hashlib.
        XCTAssertEqual(SHA256.hexDigest("Probity £250k".utf8),
                       "49615699abc1717705795d8efc5aed74538b95675e9f8e3b29762e7d003fa8cc")
    }

    // MARK: Incremental hashing

    /// Messages around the padding boundaries (55 bytes is the longest that
    /// pads into one block; 56 needs two) hash the same however they are
    /// split, and whether or not the input is contiguous.
    func testIncrementalMatchesOneShotAcrossBlockBoundaries() {
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 200] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let expected = SHA256.digest(message)
            for split in Set([0, 1, 55, 56, 63, 64, 65, length / 2, length].filter { $0 <= length }) {
                var hasher = SHA256Hasher()
                hasher.update(message[0..<split])
                hasher.update(message[split...])
                XCTAssertEqual(hasher.finalize(), expected, "length \(length) split at \(split)")
            }
            // Byte at a time, through a non-contiguous collection.
            var hasher = SHA256Hasher()
            for byte in message { hasher.update(CollectionOfOne(byte)) }
            XCTAssertEqual(hasher.finalize(), expected, "length \(length) byte by byte")
            // A lazily mapped collection has no contiguous storage.
            XCTAssertEqual(SHA256.digest(message.lazy.map { $0 }), expected, "length \(length) lazy")
        }
    }

    func testEmptyUpdatesChangeNothing() {
        var hasher = SHA256Hasher()
        hasher.update([UInt8]())
        hasher.update(Array("ab".utf8))
        hasher.update([UInt8]())
        hasher.update(Array("c".utf8))
        XCTAssertEqual(SHA256.hex(hasher.finalize()),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
