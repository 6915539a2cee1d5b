import XCTest
@testable import ProbityRegister
import ProbitySupport

final class KeywordScannerTests: XCTestCase {
    private let bromley = KeywordScanner(patterns: [
        ("Bromley Healthcare", 1), ("Bromley Health Care", 1), ("BHC", 1),
        ("Bromley Healthcare CIC", 2),
        ("Bromley GP Alliance", 3), ("BGPA", 3),
        ("King's College Hospital", 4),
    ])

    func testWordBoundaries() {
        XCTAssertEqual(bromley.matches(in: "member of BHC."), [1])
        XCTAssertEqual(bromley.matches(in: "BHC"), [1])
        XCTAssertEqual(bromley.matches(in: "BHCX"), [])
        XCTAssertEqual(bromley.matches(in: "XBHC"), [])
        XCTAssertEqual(bromley.matches(in: "(BHC)"), [1])
        XCTAssertEqual(bromley.matches(in: "holds a contract from Bromley Health Care"), [1])
        XCTAssertEqual(bromley.matches(in: "Bromley Health Careers Fair"), [])
        XCTAssertEqual(bromley.matches(in: "member and shareholder of BGPA ."), [3])
    }

    func testAPlaceNameIsNotFoundInsideAHyphenatedLongerPlace() {
        let places = KeywordScanner(patterns: [("Councillor in Bromley", 1), ("BHC", 2)], placeNames: [0])
        XCTAssertEqual(places.matches(in: "Husband is a Councillor in Bromley"), [1])
        XCTAssertEqual(places.matches(in: "Councillor in Bromley (Penge ward)."), [1])
        XCTAssertEqual(places.matches(in: "Councillor in Bromley - elected 2022"), [1], "a spaced dash is punctuation")
        XCTAssertEqual(places.matches(in: "Wife is a Councillor in Bromley-by-Bow"), [], "Bromley-by-Bow is in Tower Hamlets")
        XCTAssertEqual(places.matches(in: "Wife is a Councillor in Bromley–by–Bow"), [], "typographic dashes fold to hyphens")
        XCTAssertEqual(places.matches(in: "BHC-funded post"), [2], "only place names are closed at a hyphen")
    }

    func testCaseSpacesAndTypography() {
        XCTAssertEqual(bromley.matches(in: "BROMLEY  HEALTHCARE"), [1])
        XCTAssertEqual(bromley.matches(in: "bromley\n\thealth\u{00A0}care"), [1])
        XCTAssertEqual(bromley.matches(in: "King’s College Hospital NHS FT"), [4])
        let accented = KeywordScanner(patterns: [("Café Réunion", 7)])
        XCTAssertEqual(accented.matches(in: "trustee of CAFE REUNION"), [7])
        XCTAssertEqual(accented.matches(in: "trustee of Café Réunion"), [7])
    }

    func testOverlappingPatterns() {
        XCTAssertEqual(bromley.matches(in: "employed by Bromley Healthcare CIC"), [1, 2])
        XCTAssertEqual(bromley.matches(in: "Bromley Healthcare, CIC"), [1])
        // One pattern a suffix of another, ending at the same place.
        let nested = KeywordScanner(patterns: [("South East London ICB", 1), ("London ICB", 2), ("ICB", 3)])
        XCTAssertEqual(nested.matches(in: "NHS South East London ICB"), [1, 2, 3])
        XCTAssertEqual(nested.matches(in: "North West London ICB (Ealing Place)"), [2, 3])
    }

    func testDuplicateAndEmptyPatterns() {
        let scanner = KeywordScanner(patterns: [("Oxleas", 5), ("oxleas", 6), ("  ", 9), ("", 9)])
        XCTAssertEqual(scanner.matches(in: "Oxleas NHS Foundation Trust"), [5, 6])
        XCTAssertEqual(scanner.matches(in: "   "), [])
        XCTAssertEqual(KeywordScanner(patterns: []).matches(in: "anything"), [])
    }

    func testManyPatternsInOnePass() {
        var patterns: [(text: String, id: Int32)] = []
        for i in 0..<5_000 {
            patterns.append(("Organisation \(i) Ltd", Int32(i)))
        }
        let scanner = KeywordScanner(patterns: patterns)
        XCTAssertEqual(scanner.matches(in: "Director of Organisation 42 Ltd and of organisation 4242 ltd."), [42, 4242])
        XCTAssertEqual(scanner.matches(in: "Organisation 424 Ltd; Organisation 4999 Ltd"), [424, 4999])
        XCTAssertEqual(scanner.matches(in: "Organisation 5000 Ltd"), [])
        let text = String(repeating: "a consultant for Organisation 17 Ltd, ", count: 500)
        XCTAssertEqual(scanner.matches(in: text), [17])
    }

    func testAgreesWithANaiveSearch() {
        // Every pattern against every text, compared with a slow direct check.
        let words = ["ab", "abc", "bc", "b", "c a", "abcab", "cab"]
        let scanner = KeywordScanner(patterns: words.enumerated().map { ($0.element, Int32($0.offset)) })
        let texts = ["ab abc bc", "abcab", "c ab", "cab abc", "b", "ab,c a", "xabc abx", "c  a b"]
        for text in texts {
            let tokens = " " + text.replacingOccurrences(of: ",", with: " , ")
                .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") + " "
            let expected = words.enumerated().filter { tokens.contains(" " + $0.element + " ") }.map { Int32($0.offset) }
            XCTAssertEqual(scanner.matches(in: text), expected, text)
        }
    }

    /// The stack fold of ASCII texts is the fold: lowercased, white space runs one space.
    func testTheASCIIFoldIsTheFold() {
        var random = SplitMix64(seed: 13)
        let alphabet = Array("aZ 9\t\n\r-'.,&Qq  ".utf8)
        for _ in 0..<5_000 {
            let text = String(decoding: (0..<random.inRange(0...24)).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            let folded = Array(text.utf8).withUnsafeBufferPointer { utf8 in
                [UInt8](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                    count = KeywordScanner.foldASCII(utf8, into: buffer)!
                }
            }
            XCTAssertEqual(folded, KeywordScanner.fold(text), "`\(text)`")
        }
        XCTAssertNil(Array("caf\u{E9}".utf8).withUnsafeBufferPointer { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { KeywordScanner.foldASCII(utf8, into: $0) }
        })
    }

    /// Seeded: random patterns (sharing prefixes and suffixes, some ids shared, some empty) and
    /// random texts over a small alphabet, the automaton against a direct search of the folded
    /// text with the same word boundaries.
    func testAgreesWithADirectSearchOnRandomPatterns() {
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(#function): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let alphabet = Array("abAB -.".utf8)
        func text(_ length: Int) -> String {
            String(decoding: (0..<length).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
        }
        for _ in 0..<300 {
            let patterns = (0..<random.inRange(0...12)).map { _ in (text: text(random.inRange(0...5)), id: Int32(random.below(8))) }
            let scanner = KeywordScanner(patterns: patterns)
            for _ in 0..<10 {
                let written = text(random.inRange(0...30))
                let folded = KeywordScanner.fold(written)
                var expected: Set<Int32> = []
                for pattern in patterns {
                    var bytes = KeywordScanner.fold(pattern.text)
                    if bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
                    if bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }
                    guard !bytes.isEmpty, bytes.count <= folded.count else { continue }
                    for start in 0...(folded.count - bytes.count) where Array(folded[start..<(start + bytes.count)]) == bytes {
                        let end = start + bytes.count
                        if KeywordScanner.isWordByte(bytes[0]), start > 0, KeywordScanner.isWordByte(folded[start - 1]) { continue }
                        if KeywordScanner.isWordByte(bytes[bytes.count - 1]), end < folded.count, KeywordScanner.isWordByte(folded[end]) { continue }
                        expected.insert(pattern.id)
                    }
                }
                XCTAssertEqual(scanner.matches(in: written), expected.sorted(), "seed \(seed): `\(written)` in \(patterns)")
            }
        }
    }
}
