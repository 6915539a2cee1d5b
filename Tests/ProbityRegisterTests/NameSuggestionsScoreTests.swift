import ProbityRegister
import ProbitySupport
import ProbityTestSupport
import XCTest

/// `NameSuggestions.score` makes nothing as it scores (no string of initials, only the band of the
/// edit-distance table within the slips allowed): these tests hold it to the plain definition it
/// replaced, kept here word for word as the reference.
final class NameSuggestionsScoreTests: XCTestCase {
    private static func referenceScore(_ target: NameSuggestions.Folded, _ candidate: NameSuggestions.Folded) -> Int {
        guard !candidate.core.isEmpty else { return 0 }
        if target.joined == candidate.joined { return 100 }
        if target.core.count == 1, target.joined.count >= 2, target.joined.count <= 6 {
            let initials = String(candidate.core.compactMap(\.first))
            let allInitials = String(candidate.words.compactMap(\.first))
            if target.joined == initials || target.joined == allInitials { return 90 }
        }
        let limit = max(1, target.joined.count / 4)
        if abs(target.joined.count - candidate.joined.count) <= limit {
            let distance = editDistance(target.joined, candidate.joined)
            if distance <= limit { return 80 - min(distance, 30) }
        }
        let shared = target.core.filter { word in candidate.core.contains { referenceWordsMatch(word, $0) } }.count
        let larger = max(target.core.count, candidate.core.count)
        if shared * 3 >= larger * 2, shared >= 1, larger >= 2 || shared == larger {
            return 40 * shared / larger
        }
        return 0
    }

    private static func referenceWordsMatch(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.count >= 5, b.count >= 5, abs(a.count - b.count) <= 1 else { return false }
        return editDistance(a, b) <= 1
    }

    private static let words = ["bromley", "health", "healthcare", "care", "heathcare", "alliance", "gp", "borough",
                                "london", "of", "ltd", "cic", "the", "trust", "nhs", "kings", "kngs", "oxleas",
                                "bhc", "b", "h", "c", "limited", "plc", "lewisham", "lewishm", "zøe", "ze\u{301}nith", "12", "partnership"]

    private static func name(_ generator: inout SplitMix64) -> String {
        let count = 1 + generator.below(5)
        var words = (0..<count).map { _ in Self.words[generator.below(Self.words.count)] }
        if generator.below(4) == 0, let word = words.first, word.count > 2 {
            // A slip inside a word.
            var letters = Array(word)
            letters.remove(at: generator.below(letters.count))
            words[0] = String(letters)
        }
        return words.joined(separator: generator.below(3) == 0 ? "-" : " ")
    }

    func testScoreIsTheReferenceScore() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        var run = NameSuggestions.Run()
        for round in 0..<20_000 {
            let target = NameSuggestions.Folded(Self.name(&generator))
            let candidate = NameSuggestions.Folded(Self.name(&generator))
            let reference = Self.referenceScore(target, candidate)
            XCTAssertEqual(NameSuggestions.score(target, candidate), reference,
                           "seed \(seed), round \(round): \(target.joined) / \(candidate.joined)")
            // A run of a register text's words, scored with no `Folded` made for it.
            run.words = candidate.words
            XCTAssertEqual(NameSuggestions.score(target, run: &run), reference,
                           "seed \(seed), round \(round): \(target.joined) / \(candidate.words)")
        }
    }

    /// A candidate `mayScore` dismisses scores 0, and the test dismisses most candidates that do.
    func testMayScoreDismissesOnlyCandidatesScoringNothing() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        var nothing = 0, dismissed = 0
        for round in 0..<20_000 {
            let target = NameSuggestions.Folded(Self.name(&generator))
            let candidate = NameSuggestions.Folded(Self.name(&generator))
            let shared = candidate.words.reduce(UInt64(0)) { $0 | NameSuggestions.sharedWords(target, $1) }
            let isASCII = candidate.joined.utf8.count == characterCount(candidate.joined)
            let may = NameSuggestions.mayScore(target, sharedWords: shared, joinedLength: isASCII ? candidate.joinedLength : nil)
            let score = Self.referenceScore(target, candidate)
            if !may { XCTAssertEqual(score, 0, "seed \(seed), round \(round): \(target.joined) / \(candidate.joined)") }
            if score == 0 { nothing += 1 }
            if !may { dismissed += 1 }
        }
        XCTAssertGreaterThan(dismissed * 2, nothing, "seed \(seed): most candidates scoring nothing are dismissed unscored")
    }

    /// Ranking against candidates folded once is ranking against the names as written.
    func testRankingFoldedCandidatesIsRankingNames() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        for round in 0..<200 {
            let candidates = (0..<40).map { _ in Self.name(&generator) }
            let written = Self.name(&generator)
            let folded = candidates.map(NameSuggestions.Folded.init)
            let target = NameSuggestions.Folded(written)
            var scored: [(index: Int, score: Int)] = []
            for index in candidates.indices {
                let score = Self.referenceScore(target, folded[index])
                if score > 0 { scored.append((index, score)) }
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
            let reference = scored.map(\.index)
            XCTAssertEqual(NameSuggestions.ranked(NameSuggestions.Folded(written), among: folded), reference, "seed \(seed), round \(round)")
            XCTAssertEqual(NameSuggestions.ranked(written, among: candidates), reference, "seed \(seed), round \(round)")
        }
    }

    /// A register's people index keeps each unmatched name's suggestions: asked again, it gives
    /// the same answer, the answer ranking every person's name would give.
    func testPeopleSuggestionsAreKeptAndUnchanged() {
        let names = ["Angela Helleur", "Dr Andrew Parson", "Jacqui Scott", "Councillor Colin Smith", "Cllr Diane Smith", "Angela M Bhan"]
        let index = PeopleIndex(names.map { RegisterPerson(name: $0) })
        for written in ["Angela Heleur", "Andrew Parsons", "Scott, Jacqui", "Smith", "Angela Bahn", "Nobody Atall", ""] {
            let first = index.suggestions(for: written)
            XCTAssertEqual(index.suggestions(for: written), first, written)
            XCTAssertEqual(index.suggestions(for: written, limit: 1), Array(first.prefix(1)), written)
        }
        XCTAssertEqual(index.suggestions(for: "Angela Heleur"), [0])
        XCTAssertEqual(index.suggestions(for: "Smith"), [3, 4])
    }
}
