import XCTest
@testable import ProbityRegister
import ProbitySupport
import ProbityTestSupport

/// ``PeopleByText`` answers as a dictionary of each text's people in the order added would.
final class PeopleByTextTests: XCTestCase {
    func testOnePersonSeveralAndNobody() {
        var people = PeopleByText(capacity: 4)
        people.add(0, under: "ana tomas")
        people.add(1, under: "ben okafor")
        people.add(2, under: "ana tomas")
        people.add(5, under: "ana tomas")
        XCTAssertEqual(people.resolution(of: "ben okafor"), .found(1))
        XCTAssertEqual(people.resolution(of: "ana tomas"), .ambiguous([0, 2, 5]))
        XCTAssertEqual(people.resolution(of: "nobody"), .notFound)
        XCTAssertEqual(people.people(under: "ben okafor"), [1])
        XCTAssertEqual(people.people(under: "ana tomas"), [0, 2, 5])
        XCTAssertNil(people.people(under: "nobody"))
    }

    /// Seeded: random people under texts from a small set (so that many are shared), against a
    /// dictionary of lists.
    func testRandomPeopleAnswerAsADictionaryOfLists() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for round in 0..<50 {
            let texts = (0..<(1 + random.below(20))).map { "text \($0)" }
            var people = PeopleByText(capacity: random.below(10))
            var expected: [String: [Int]] = [:]
            for person in 0..<random.below(200) {
                let text = texts[random.below(texts.count)]
                people.add(person, under: text)
                expected[text, default: []].append(person)
            }
            for text in texts + ["absent"] {
                let list = expected[text]
                XCTAssertEqual(people.people(under: text), list, "seed \(seed), round \(round), \(text)")
                let resolution: PersonResolution = switch list?.count ?? 0 {
                case 0: .notFound
                case 1: .found(list![0])
                default: .ambiguous(list!)
                }
                XCTAssertEqual(people.resolution(of: text), resolution, "seed \(seed), round \(round), \(text)")
            }
        }
    }
}
