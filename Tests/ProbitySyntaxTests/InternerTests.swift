import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// The interner's own hash table against a dictionary: symbols numbered in order of first
/// sight, equal bytes equal symbols, and the names given back.
final class InternerTests: XCTestCase {
    /// Seeded: names from a small alphabet (so many repeat and many share a length), through
    /// every way in (buffer, array slice, string), enough to grow the table several times.
    func testSymbolsAgreeWithADictionaryNumberingNamesInOrderOfFirstSight() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        var interner = Interner()
        var reference: [[UInt8]: Int32] = [:]
        let alphabet = Array("ab-_9é".utf8)
        for step in 0..<20_000 {
            let length = Int(random.next() % 7)
            let name = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let expected = reference[name] ?? Int32(reference.count)
            reference[name] = expected
            let text = String(decoding: name, as: UTF8.self)
            let symbol: Symbol
            switch step % 3 {
            case 0: symbol = name.withUnsafeBufferPointer { interner.intern($0) }
            case 1: symbol = interner.intern(([0x20] + name + [0x20])[1..<(1 + length)])
            default:
                // A cut `é` is no valid UTF-8 and would not survive as a `String`.
                symbol = text.utf8.elementsEqual(name) ? interner.intern(text) : interner.intern(name)
            }
            XCTAssertEqual(symbol.rawValue, expected, "seed \(seed): `\(text)`")
            XCTAssertEqual(interner[symbol], text, "seed \(seed)")
        }
        XCTAssertEqual(interner.names.count, reference.count, "seed \(seed)")
    }

    func testTheEmptyNameAndNamesThatDifferInOneByte() {
        var interner = Interner()
        let empty = interner.intern("")
        XCTAssertEqual(interner.intern("lcp-board"), Symbol(rawValue: 1))
        XCTAssertEqual(interner.intern("lcp-boare"), Symbol(rawValue: 2))
        XCTAssertEqual(interner.intern(""), empty)
        XCTAssertEqual(interner.intern(Array("lcp-board".utf8)[...]), Symbol(rawValue: 1))
        XCTAssertEqual(interner.names, ["", "lcp-board", "lcp-boare"])
    }
}
