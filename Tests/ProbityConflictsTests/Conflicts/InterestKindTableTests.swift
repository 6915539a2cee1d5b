import XCTest
@testable import ProbityConflicts
import ProbityRegister
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport

/// ``InterestKindTable`` gives each interest of each person the kind of its type, people with
/// no interests among them.
final class InterestKindTableTests: XCTestCase {
    func testRandomRegistersGiveEachInterestTheKindOfItsType() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let types = InterestType.allCases
        for round in 0..<30 {
            let people = (0..<random.below(40)).map { number in
                RegisterPerson(name: "Person \(number)",
                               interests: (0..<random.below(5)).map { _ in
                                   DeclaredInterest(type: types[random.below(types.count)], typeText: "t", nature: "n")
                               })
            }
            let register = Register(people: people, issues: [], fileName: "r.csv")
            let table = InterestKindTable(register: register)
            for (person, entry) in people.enumerated() {
                for (interest, declared) in entry.interests.enumerated() {
                    XCTAssertEqual(table[person, interest], InterestKind(rawValue: declared.type.rawValue),
                                   "seed \(seed), round \(round), person \(person), interest \(interest)")
                }
            }
        }
    }
}
