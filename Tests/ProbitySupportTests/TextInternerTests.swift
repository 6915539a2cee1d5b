@testable import ProbitySupport
import ProbityTestSupport
import XCTest

/// An interned text is always the text of its bytes (repaired as `String(decoding:as:)` repairs
/// them), and a value met again is the `String` made the first time, not another.
final class TextInternerTests: XCTestCase {
    private func text(_ interner: inout TextInterner, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { interner.text($0) }
    }

    /// Where a long text's bytes are kept: the same place for the same `String`.
    private func storage(_ text: String) -> UnsafePointer<UInt8>? {
        text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
    }

    func testAValueMetAgainIsTheStringMadeFirst() {
        var interner = TextInterner()
        let first = text(&interner, Array("Director of Riverside Care Ltd".utf8))
        let again = text(&interner, Array("Director of Riverside Care Ltd".utf8))
        XCTAssertEqual(again, "Director of Riverside Care Ltd")
        XCTAssertEqual(storage(first), storage(again), "made once")
        XCTAssertEqual(text(&interner, []), "")
        XCTAssertEqual(text(&interner, [0xC3]), "\u{FFFD}", "repaired as String(decoding:) repairs")
        XCTAssertEqual(interner.count, 3)
    }

    /// Entries are numbered from 0 as values are first met, a value met again has its number,
    /// and a value not kept has none.
    func testEntriesAreNumberedInTheOrderValuesAreFirstMet() {
        var interner = TextInterner(capacity: 3)
        func entry(_ value: String) -> (text: String, entry: Int?) {
            Array(value.utf8).withUnsafeBufferPointer { interner.entry($0) }
        }
        XCTAssertEqual(entry("care").entry, 0)
        XCTAssertEqual(entry("health").entry, 1)
        XCTAssertEqual(entry("care").entry, 0)
        XCTAssertEqual(entry("").entry, 2)
        let notKept = entry("trust")
        XCTAssertEqual(notKept.text, "trust")
        XCTAssertNil(notKept.entry, "past its capacity")
        XCTAssertEqual((0..<interner.count).map(interner.text(ofEntry:)), ["care", "health", ""])
    }

    /// Past its capacity new values are made and not kept; the texts are the same.
    func testPastItsCapacityValuesAreMadeAndNotKept() {
        var interner = TextInterner(capacity: 2)
        for value in ["a long value number one", "a long value number two", "a long value number three", "a long value number one"] {
            XCTAssertEqual(text(&interner, Array(value.utf8)), value)
        }
        XCTAssertEqual(interner.count, 2)
    }

    /// Seeded: random values (a few repeated often, many met once, empty, not UTF-8) through
    /// many growths of the table, each the text of its bytes, and a long value met again almost
    /// always the `String` made the first time.
    func testRandomValuesAreTheTextOfTheirBytes() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        var interner = TextInterner()
        var kept: [[UInt8]: UnsafePointer<UInt8>] = [:]
        var madeAgain = 0
        let pieces: [[UInt8]] = ["Financial Interest", "Riverside", " Care ", "é", "Ltd", "£5,000", ""].map { Array($0.utf8) } + [[0xC3], [0xE2, 0x80]]
        for round in 0..<30_000 {
            var bytes: [UInt8] = []
            if random.chance(0.5) {
                bytes = Array("value \(random.below(20_000)) of a register long enough".utf8)
            } else {
                for _ in 0..<random.below(5) { bytes += pieces[random.below(pieces.count)] }
            }
            let made = text(&interner, bytes)
            XCTAssertEqual(made, String(decoding: bytes, as: UTF8.self), "seed \(seed), round \(round): \(bytes)")
            if made.utf8.count > 15, let place = storage(made) {
                if let first = kept[bytes] {
                    if place != first { madeAgain += 1 }
                } else {
                    kept[bytes] = place
                }
            }
        }
        XCTAssertLessThanOrEqual(interner.count, 20_000 + 2_000)
        // A value whose slot lies further than a lookup reads is made afresh (the price of a
        // bounded probe): seldom.
        XCTAssertLessThan(madeAgain, kept.count / 1_000, "seed \(seed): \(madeAgain) long values made again of \(kept.count)")
    }
}
