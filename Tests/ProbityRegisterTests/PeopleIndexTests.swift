import XCTest
@testable import ProbityRegister

final class PeopleIndexTests: XCTestCase {
    private let people = [
        "Dr Angela M Bhan",         // 0
        "Councillor Colin Smith",   // 1
        "Cllr Diane Smith",         // 2
        "Dr Hasib Ur Rub",          // 3
        "John Paul Jones",          // 4
        "John Peter Jones",         // 5
    ].map { RegisterPerson(name: $0) }

    func testExactNormalisedMatch() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("Cllr Colin Smith"), .found(1))
        XCTAssertEqual(index.resolve("DIANE SMITH"), .found(2))
        XCTAssertEqual(index.resolve("Dr Hasib Ur-Rub"), .found(3))
    }

    func testMissingMiddleNameEitherWay() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("Angela Bhan"), .found(0))
        XCTAssertEqual(PeopleIndex([RegisterPerson(name: "Angela Bhan")]).resolve("Dr Angela M Bhan"), .found(0))
        XCTAssertEqual(index.resolve("Hasib Rub"), .found(3))
    }

    func testAmbiguousIsNeverGuessed() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("John Jones"), .ambiguous([4, 5]))
        let twins = PeopleIndex([RegisterPerson(name: "A Smith"), RegisterPerson(name: "Dr A Smith")])
        XCTAssertEqual(twins.resolve("A Smith"), .ambiguous([0, 1]))
    }

    func testNotFound() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("Smith"), .notFound)          // first and last name must agree
        XCTAssertEqual(index.resolve("Colin Smithers"), .notFound)
        XCTAssertEqual(index.resolve("Angela Q Bhan"), .notFound)  // a different middle name
        XCTAssertEqual(index.resolve("Bhan Angela"), .notFound)
        XCTAssertEqual(index.resolve(""), .notFound)
        XCTAssertEqual(PeopleIndex([]).resolve("Anyone"), .notFound)
    }
}
