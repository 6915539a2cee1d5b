import XCTest
@testable import ProbitySupport

final class JSONValueTests: XCTestCase {
    func testEqualityComparesStructureAndOrder() {
        let ab: JSONValue = .object([(key: "a", value: .null), (key: "b", value: .bool(true))])
        let ba: JSONValue = .object([(key: "b", value: .bool(true)), (key: "a", value: .null)])
        XCTAssertEqual(ab, .object([(key: "a", value: .null), (key: "b", value: .bool(true))]))
        XCTAssertNotEqual(ab, ba)
        XCTAssertNotEqual(ab, .object([(key: "a", value: .null)]))
        XCTAssertNotEqual(ab, .object([(key: "a", value: .null), (key: "b", value: .bool(false))]))
        XCTAssertNotEqual(ab, .object([(key: "a", value: .null), (key: "c", value: .bool(true))]))
        XCTAssertEqual(JSONValue.array([.null, .number("1")]), .array([.null, .number("1")]))
        XCTAssertNotEqual(JSONValue.array([.null]), .array([.null, .null]))
        // Numbers compare by lexeme.
        XCTAssertNotEqual(JSONValue.number("1"), .number("1.0"))
        XCTAssertNotEqual(JSONValue.string("1"), .number("1"))
        XCTAssertNotEqual(JSONValue.null, .bool(false))
        XCTAssertEqual(JSONValue.object([]), .object([]))
        XCTAssertNotEqual(JSONValue.object([]), .array([]))
    }

    func testSubscriptAndAccessors() {
        let value: JSONValue = .object([
            (key: "name", value: .string("lcp-board")),
            (key: "limit", value: .number("250000.00")),
            (key: "active", value: .bool(true)),
            (key: "members", value: .array([.string("a")])),
            (key: "deputy", value: .null),
        ])
        XCTAssertEqual(value["name"]?.stringValue, "lcp-board")
        XCTAssertEqual(value["limit"]?.numberText, "250000.00")
        XCTAssertEqual(value["active"]?.boolValue, true)
        XCTAssertEqual(value["members"]?.arrayValue, [.string("a")])
        XCTAssertEqual(value["deputy"]?.isNull, true)
        XCTAssertNil(value["missing"])
        XCTAssertEqual(value.objectValue?.count, 5)
        XCTAssertEqual(value.objectValue?.first?.key, "name")

        // Accessors of the wrong kind give nil.
        XCTAssertNil(value["name"]?.numberText)
        XCTAssertNil(value["limit"]?.stringValue)
        XCTAssertNil(value["active"]?.arrayValue)
        XCTAssertNil(value["members"]?.objectValue)
        XCTAssertNil(value["members"]?.boolValue)
        XCTAssertEqual(value["name"]?.isNull, false)
        XCTAssertNil(JSONValue.array([])["name"])
        XCTAssertNil(JSONValue.string("x")["x"])
    }

    func testIntegerAndKindDescription() {
        XCTAssertEqual(JSONValue.integer(42), .number("42"))
        XCTAssertEqual(JSONValue.integer(Int64.min), .number("-9223372036854775808"))
        XCTAssertEqual(JSONValue.integer(UInt8(7)), .number("7"))
        XCTAssertEqual(JSONValue.null.kindDescription, "null")
        XCTAssertEqual(JSONValue.bool(true).kindDescription, "a Boolean")
        XCTAssertEqual(JSONValue.number("1").kindDescription, "a number")
        XCTAssertEqual(JSONValue.string("").kindDescription, "a string")
        XCTAssertEqual(JSONValue.array([]).kindDescription, "an array")
        XCTAssertEqual(JSONValue.object([]).kindDescription, "an object")
    }

    func testNumberLexemeFeedsMoney() throws {
        let value = try JSONParser.parse(Array(#"{"limit": 999999.99, "big": 1e6}"#.utf8)).get()
        XCTAssertEqual(value["limit"]?.numberText.flatMap(Money.parse), Money(pence: 99_999_999))
        XCTAssertNil(value["big"]?.numberText.flatMap(Money.parse))
    }

    func testSendable() {
        func requireSendable<T: Sendable>(_: T) {}
        requireSendable(JSONValue.object([(key: "a", value: .null)]))
        requireSendable(JSONSyntaxError(message: "m", offset: 0, line: 1, column: 1))
    }
}
