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
