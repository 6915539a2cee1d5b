import ProbityRegister
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

/// The register's word index (``RegisterLinks/WordIndex``) is exactly its definition: each
/// folded word of a register text (``PersonName/words(_:)``) → every text holding it, ascending,
/// once; words equal as strings are one word however their bytes differ.
final class WordIndexTests: XCTestCase {
    private static let words = ["Bromley", "BROMLEY", "Health", "health-care", "Care", "Ltd", "Ltd.", "CIC", "Tomás",
                                "Toma\u{0301}s", "Søren", "Straße", "O'Neill", "Trust,", "(GP)", "&", "—", "Ⅻ", "한",
                                "\u{1112}\u{1161}\u{11AB}", "42", "", "  "]

    private static func text(_ random: inout SplitMix64) -> String {
        (0..<random.below(7)).map { _ in words[random.below(words.count)] }.joined(separator: random.chance(0.2) ? "  " : " ")
    }

    /// The index as defined: each text's words as strings, a set of them, each text listed under
    /// each of its words.
    private static func defined(_ register: Register) -> [String: [Int32]] {
        var textsByWord: [String: [Int32]] = [:]
        for (textID, (_, text)) in RegisterLinks.texts(of: register).enumerated() {
            for word in Set(PersonName.words(text)) { textsByWord[word, default: []].append(Int32(textID)) }
        }
        return textsByWord
    }

    func testTheIndexIsItsDefinition() {
        var (seed, random) = TestSeed.generator()
        for round in 0..<30 {
            let people = (0..<random.inRange(0...60)).map { index in
                RegisterPerson(name: "Person \(index)", employer: random.chance(0.7) ? Self.text(&random) : "",
                               position: random.chance(0.5) ? Self.text(&random) : "",
                               interests: (0..<random.below(4)).map { _ in
                                   DeclaredInterest(type: .financial, typeText: "Financial", nature: Self.text(&random))
                               })
            }
            let register = Register(people: people, issues: [], fileName: "register.csv")
            let (textsByWord, owners) = RegisterLinks.WordIndex.index(of: register)
            XCTAssertEqual(textsByWord, Self.defined(register), "seed \(seed), round \(round)")
            XCTAssertEqual(owners, RegisterLinks.texts(of: register).map(\.owner), "seed \(seed), round \(round)")
        }
    }

    /// Hangul written as a syllable and as its letters is one word: their lists are merged.
    func testWordsEqualAsStringsAreOneWord() {
        let register = Register(people: [
            RegisterPerson(name: "A", employer: "한 Trust"),
            RegisterPerson(name: "B", employer: "\u{1112}\u{1161}\u{11AB} Trust"),
            RegisterPerson(name: "C", employer: "한 \u{1112}\u{1161}\u{11AB}"),
        ], issues: [], fileName: "register.csv")
        let (textsByWord, _) = RegisterLinks.WordIndex.index(of: register)
        XCTAssertEqual(textsByWord["한"], [0, 1, 2])
        XCTAssertEqual(textsByWord["trust"], [0, 1])
    }
}
