import Foundation
@testable import ProbitySupport
import ProbityTestSupport
import XCTest

final class ByteStringTableTests: XCTestCase {
    private func entry(_ table: ByteStringTable, _ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { table.entry($0) }
    }

    func testEachDistinctStringHasItsEntryInTheOrderFirstGiven() {
        let table = ByteStringTable(["Amara H Kingshurst", "Amara H Kingsworth", "", "Amara H Kingshurst", "é"])
        XCTAssertEqual(table.strings, ["Amara H Kingshurst", "Amara H Kingsworth", "", "é"])
        XCTAssertEqual(table.count, 4)
        XCTAssertEqual(table.entry("Amara H Kingshurst"), 0)
        XCTAssertEqual(table.entry("Amara H Kingsworth"), 1)
        XCTAssertEqual(table.entry(""), 2)
        XCTAssertEqual(entry(table, []), 2)
        XCTAssertEqual(entry(table, Array("é".utf8)), 3)
    }

    func testByteEqualityNotCanonicalEquivalence() {
        let table = ByteStringTable(["Jos\u{E9}"])
        XCTAssertEqual(table.entry("Jos\u{E9}"), 0)
        // Equal as Swift strings, but other bytes: a miss, which callers needing `String`
        // equality look up again.
        XCTAssertEqual("Jose\u{301}", "Jos\u{E9}")
        XCTAssertNil(table.entry("Jose\u{301}"))
    }

    func testMissesAndPrefixes() {
        let table = ByteStringTable(["Amara H Kingshurst"])
        XCTAssertNil(table.entry("Amara H Kingshurs"))
        XCTAssertNil(table.entry("Amara H Kingshurst "))
        XCTAssertNil(table.entry("amara h kingshurst"))
        XCTAssertNil(table.entry(""))
        XCTAssertNil(ByteStringTable([String]()).entry("anything"))
    }

    /// Seeded: a table answers as a dictionary keyed by the strings' bytes does, for random
    /// strings of every length around the eight-byte words the hash reads.
    func testAnswersAsAByteKeyedDictionaryOnRandomStrings() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let alphabet: [String] = ["a", "b", "A", " ", "é", "e\u{301}", "ß", "\u{1F600}", "1", "-"]
        func randomString() -> String {
            String((0..<random.below(20)).map { _ in alphabet[random.below(alphabet.count)] }.joined())
        }
        for _ in 0..<20 {
            let given = (0..<random.below(300)).map { _ in randomString() }
            let table = ByteStringTable(given)
            var expected: [[UInt8]: Int] = [:]
            var order: [String] = []
            for string in given where expected[Array(string.utf8)] == nil {
                expected[Array(string.utf8)] = order.count
                order.append(string)
            }
            XCTAssertEqual(table.strings.map { Array($0.utf8) }, order.map { Array($0.utf8) }, "seed \(seed)")
            for probe in given + (0..<200).map({ _ in randomString() }) {
                XCTAssertEqual(table.entry(probe), expected[Array(probe.utf8)], "seed \(seed): \(probe)")
            }
        }
    }

    /// Seeded: the in-place comparison and the hash's short words agree with comparing the bytes
    /// one by one, for every length around the eight-byte words, with strings that differ in
    /// one byte anywhere; equal bytes always hash alike, and the hash of the bytes after the
    /// last whole word is that of reading them one by one.
    func testWordComparisonAgreesWithBytewiseOnRandomBytes() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for _ in 0..<2_000 {
            let count = random.below(41)
            let a = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var b = a
            if count > 0, random.below(2) == 0 {
                b[random.below(count)] ^= UInt8(1 << random.below(8))
            }
            a.withUnsafeBytes { x in
                b.withUnsafeBytes { y in
                    if count > 0 {
                        XCTAssertEqual(ByteStringTable.equal(x.baseAddress!, y.baseAddress!, count: count), a == b, "seed \(seed): \(a) \(b)")
                    }
                    if (1..<8).contains(count) {
                        XCTAssertEqual(ByteStringTable.shortWord(x.baseAddress!, count: count) == ByteStringTable.shortWord(y.baseAddress!, count: count),
                                       a == b, "seed \(seed): \(a) \(b)")
                    }
                }
            }
            // The same bytes at another alignment hash alike (the words are loaded unaligned).
            let aligned = a.withUnsafeBufferPointer(ByteStringTable.hash)
            let shifted = ([0x7F] + a).withUnsafeBufferPointer { ByteStringTable.hash(UnsafeBufferPointer(rebasing: $0[1...])) }
            XCTAssertEqual(aligned, shifted, "seed \(seed): \(a)")
        }
    }
}
