import ProbityRegister
import ProbitySupport
import ProbityTestSupport
import XCTest

/// `NameSuggestions.CandidateIndex` scores a name only against the candidates its tables name:
/// its ranking must be exactly the ranking of scoring every candidate, the same indices in the
/// same order, whatever the candidates and the name.
final class NameSuggestionsIndexTests: XCTestCase {
    private static let words = ["bromley", "health", "healthcare", "care", "heathcare", "alliance", "gp", "borough",
                                "london", "of", "ltd", "cic", "the", "trust", "nhs", "kings", "kngs", "oxleas",
                                "bhc", "b", "h", "c", "limited", "plc", "lewisham", "lewishm", "zøe", "ze\u{301}nith", "12",
                                "partnership", "partners", "northfield", "amara", "kingshurst", "kingsworth", "services",
                                "a", "ab", "abc", "0001", "org", "community", "interest", "company"]

    /// `text` with one slip: a letter dropped, changed, doubled, or two letters swapped.
    private static func slipped(_ text: String, _ generator: inout SplitMix64) -> String {
        var letters = Array(text)
        guard letters.count > 1 else { return text + "x" }
        let at = generator.below(letters.count - 1)
        switch generator.below(4) {
        case 0: letters.remove(at: at)
        case 1: letters[at] = Array("aeiostxz")[generator.below(8)]
        case 2: letters.insert(letters[at], at: at)
        default: letters.swapAt(at, at + 1)
        }
        return String(letters)
    }

    private static func name(_ generator: inout SplitMix64) -> String {
        let count = 1 + generator.below(6)
        var words = (0..<count).map { _ in Self.words[generator.below(Self.words.count)] }
        if generator.below(3) == 0 {
            let at = generator.below(words.count)
            words[at] = slipped(words[at], &generator)
        }
        let separator = [" ", "-", " & ", ", "][generator.below(4)]
        let written = words.joined(separator: separator)
        return generator.below(5) == 0 ? written.uppercased() : written
    }

    /// A name to look up: new, a candidate with a slip or two, a candidate's initials, or its
    /// words in another order, so every way of scoring is reached.
    private static func target(_ candidates: [String], _ generator: inout SplitMix64) -> String {
        let candidate = candidates[generator.below(candidates.count)]
        switch generator.below(6) {
        case 0: return name(&generator)
        case 1: return slipped(candidate, &generator)
        case 2: return slipped(slipped(slipped(candidate, &generator), &generator), &generator)
        case 3: return String(PersonName.words(candidate).compactMap(\.first))
        case 4: return PersonName.words(candidate).reversed().joined(separator: " ")
        default: return candidate
        }
    }

    func testIndexedRankingIsScoringEveryCandidate() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        var nonEmpty = 0
        for round in 0..<300 {
            let candidates = (0..<(1 + generator.below(200))).map { _ in Self.name(&generator) }
            let folded = candidates.map(NameSuggestions.Folded.init)
            // With and without the table of triples a long list has.
            let index = NameSuggestions.CandidateIndex(folded, triplesFrom: generator.below(2) == 0 ? 0 : .max)
            for _ in 0..<20 {
                let written = Self.target(candidates, &generator)
                let target = NameSuggestions.Folded(written)
                let expected = NameSuggestions.ranked(target, among: folded)
                if !expected.isEmpty { nonEmpty += 1 }
                XCTAssertEqual(index.ranked(target), expected, "seed \(seed), round \(round): \(written)")
            }
        }
        // The names are mostly near a candidate: the test compares rankings, not empty lists.
        XCTAssertGreaterThan(nonEmpty, 3_000, "seed \(seed)")
    }

    /// A random word of `letters` drawn from a few letters and digits, so pairs repeat ("aaab").
    private static func randomWord(_ letters: Int, _ generator: inout SplitMix64) -> String {
        let alphabet = Array(["abcdefghijklmnopqrstuvwxyz0123456789", "ab", "abc1", "aeinrst", "xyzq9"][generator.below(5)])
        return String((0..<letters).map { _ in alphabet[generator.below(alphabet.count)] })
    }

    /// A name of random words: one letter to twenty, one word to nine, digits, legal forms.
    private static func randomName(_ generator: inout SplitMix64) -> String {
        let count = 1 + generator.below(generator.below(4) == 0 ? 9 : 4)
        var words = (0..<count).map { _ in
            generator.below(6) == 0 ? Self.words[generator.below(Self.words.count)]
                : randomWord(1 + generator.below(generator.below(3) == 0 ? 20 : 8), &generator)
        }
        if generator.below(4) == 0 { words.append(["ltd", "cic", "limited"][generator.below(3)]) }
        return words.joined(separator: " ")
    }

    /// The rarest-pieces filters (the pairs spoiled by slips, the words shared) against scoring
    /// every candidate, on names of every shape: far from everything, one slip from a candidate
    /// or as many as allowed, repeated letters, digits, long names and one-letter words. Candidate
    /// lists repeat a few names with slips, so some pairs and words are common and others rare.
    func testRarestPiecesRankAsScoringEveryCandidate() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        var nonEmpty = 0
        for round in 0..<300 {
            let stock = (0..<(1 + generator.below(20))).map { _ in Self.randomName(&generator) }
            let candidates = (0..<(1 + generator.below(300))).map { _ -> String in
                let name = stock[generator.below(stock.count)]
                switch generator.below(4) {
                case 0: return Self.randomName(&generator)
                case 1: return Self.slipped(name, &generator)
                default: return name
                }
            }
            let folded = candidates.map(NameSuggestions.Folded.init)
            let index = NameSuggestions.CandidateIndex(folded, triplesFrom: generator.below(2) == 0 ? 0 : .max)
            for _ in 0..<20 {
                let candidate = candidates[generator.below(candidates.count)]
                let written: String
                switch generator.below(6) {
                case 0: written = Self.randomName(&generator)
                case 1: written = Self.slipped(candidate, &generator)
                case 2:
                    // As many slips as the score allows (one in four letters), or one more.
                    var slipped = candidate
                    let letters = NameSuggestions.Folded(candidate).joinedLength
                    for _ in 0..<(max(1, letters / 4) + generator.below(2)) { slipped = Self.slipped(slipped, &generator) }
                    written = slipped
                case 3: written = candidate + " " + Self.randomWord(1 + generator.below(6), &generator)
                case 4: written = PersonName.words(candidate).shuffled(using: &generator).joined(separator: " ")
                default: written = candidate
                }
                let target = NameSuggestions.Folded(written)
                let expected = NameSuggestions.ranked(target, among: folded)
                if !expected.isEmpty { nonEmpty += 1 }
                XCTAssertEqual(index.ranked(target), expected, "seed \(seed), round \(round): \(written)")
            }
        }
        XCTAssertGreaterThan(nonEmpty, 2_000, "seed \(seed)")
    }

    /// Names longer than the pieces are chosen for (256 letters) take pairs from their start: the
    /// same ranking as scoring every candidate.
    func testVeryLongNames() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        for round in 0..<8 {
            let candidates = (0..<30).map { _ in
                (0..<(15 + generator.below(15))).map { _ in Self.randomWord(4 + generator.below(16), &generator) }.joined(separator: " ")
            }
            let folded = candidates.map(NameSuggestions.Folded.init)
            let index = NameSuggestions.CandidateIndex(folded, triplesFrom: round % 2 == 0 ? 0 : .max)
            for _ in 0..<10 {
                var written = candidates[generator.below(candidates.count)]
                for _ in 0..<generator.below(90) { written = Self.slipped(written, &generator) }
                let target = NameSuggestions.Folded(written)
                XCTAssertEqual(index.ranked(target), NameSuggestions.ranked(target, among: folded), "seed \(seed), round \(round)")
            }
        }
    }

    /// A candidate whose slips spoil exactly the name's rarest pairs is still found: the filter
    /// takes rare pairs until they weigh more than the slips can spoil, and no fewer.
    func testSlipsOnTheRarestPairs() {
        // "abcdefghij": ten letters, two slips allowed, nine pairs, five needed. Fillers make "ab"
        // the rarest pair, then "bc", "cd", "de", "ef", the rest common. The candidate's two slips
        // (at "b" and "d") spoil the four rarest; it holds "ef" and the four after it, the bound.
        let rarity = ["ab", "bc", "cd", "de", "ef", "fg", "gh", "hi", "ij"]
        var names: [String] = []
        for (rank, pair) in rarity.enumerated() {
            names += Array(repeating: "qqqq" + pair + "qqqq", count: rank < 5 ? rank + 1 : 10)
        }
        names.append("axcxefghij")
        let folded = names.map(NameSuggestions.Folded.init)
        let target = NameSuggestions.Folded("abcdefghij")
        let expected = NameSuggestions.ranked(target, among: folded)
        XCTAssertEqual(expected, [names.count - 1])
        for triplesFrom in [0, Int.max] {
            XCTAssertEqual(NameSuggestions.CandidateIndex(folded, triplesFrom: triplesFrom).ranked(target), expected)
        }
    }

    /// A candidate sharing two of three words, the two most common: the filter reads the two
    /// rarest words' candidates, not only the rarest's.
    func testSharingTheCommonerWords() {
        let names = Array(repeating: "oxleas alpha", count: 5) + Array(repeating: "kings beta", count: 9)
            + ["kings oxleas gamma"]
        let folded = names.map(NameSuggestions.Folded.init)
        let index = NameSuggestions.CandidateIndex(folded)
        let target = NameSuggestions.Folded("Lonely Oxleas Kings")
        let expected = NameSuggestions.ranked(target, among: folded)
        XCTAssertEqual(expected, [names.count - 1])
        XCTAssertEqual(index.ranked(target), expected)
    }

    /// The index's scores are the scores `NameSuggestions.score` gives, for every candidate named.
    func testScoredCandidatesCarryTheirScores() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        for round in 0..<200 {
            let candidates = (0..<60).map { _ in Self.name(&generator) }
            let folded = candidates.map(NameSuggestions.Folded.init)
            let index = NameSuggestions.CandidateIndex(folded)
            let target = NameSuggestions.Folded(Self.target(candidates, &generator))
            for entry in index.scored(target) {
                XCTAssertEqual(entry.score, NameSuggestions.score(target, folded[entry.index]), "seed \(seed), round \(round)")
                XCTAssertGreaterThan(entry.score, 0, "seed \(seed), round \(round)")
            }
            XCTAssertEqual(index.scored(target).map(\.index), index.ranked(target), "seed \(seed), round \(round)")
        }
    }

    func testFixedCases() {
        let names = ["Bromley Healthcare CIC", "Bromley Health Care", "Oxleas NHS Foundation Trust", "Kings College Hospital",
                     "Lewisham and Greenwich NHS Trust", "Zøe Partners", "GP"]
        let index = NameSuggestions.CandidateIndex(names.map(NameSuggestions.Folded.init))
        func ranked(_ written: String) -> [String] { index.ranked(NameSuggestions.Folded(written)).map { names[$0] } }
        XCTAssertEqual(ranked("Bromley Heathcare"), ["Bromley Healthcare CIC", "Bromley Health Care"])
        XCTAssertEqual(ranked("BHC"), ["Bromley Healthcare CIC", "Bromley Health Care"])
        XCTAssertEqual(ranked("Trust Oxleas NHS"), ["Oxleas NHS Foundation Trust"])
        XCTAssertEqual(ranked("Zoe Partners"), ["Zøe Partners"])
        XCTAssertEqual(ranked("Northfield Care Partners Ltd"), [])
        XCTAssertEqual(ranked(""), [])
    }

    /// Slips placed to spoil as many of the name's runs of letters as they can: the candidate
    /// holds exactly as many as the bound needs, and is still found.
    func testSlipsAtTheBound() {
        // Twelve letters, three slips allowed: each spoils three runs of three; one of ten survives.
        // Eight letters, two allowed: each spoils two pairs; three of seven survive.
        for (written, candidate) in [("abcdefghijkl", "abxdexghxjkl"), ("abcdefgh", "axcdxfgh")] {
            let index = NameSuggestions.CandidateIndex([NameSuggestions.Folded(candidate)])
            let target = NameSuggestions.Folded(written)
            XCTAssertEqual(index.ranked(target), NameSuggestions.ranked(target, among: [NameSuggestions.Folded(candidate)]))
            XCTAssertEqual(index.ranked(target), [0], "\(written) / \(candidate)")
        }
    }
}
