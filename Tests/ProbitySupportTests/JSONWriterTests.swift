import XCTest
@testable import ProbitySupport

final class JSONWriterTests: XCTestCase {
    private let sample: JSONValue = .object([
        (key: "a", value: .number("1")),
        (key: "b", value: .array([.number("1"), .number("2")])),
    ])

    func testCompact() {
        XCTAssertEqual(JSONWriter.compact(sample), #"{"a":1,"b":[1,2]}"#)
        XCTAssertEqual(JSONWriter.compact(.null), "null")
        XCTAssertEqual(JSONWriter.compact(.bool(true)), "true")
        XCTAssertEqual(JSONWriter.compact(.bool(false)), "false")
        XCTAssertEqual(JSONWriter.compact(.number("999999.99")), "999999.99")
        XCTAssertEqual(JSONWriter.compact(.array([])), "[]")
        XCTAssertEqual(JSONWriter.compact(.object([])), "{}")
        XCTAssertEqual(JSONWriter.compact(.array([.null, .array([]), .object([])])), "[null,[],{}]")
    }

    func testPretty() {
        XCTAssertEqual(JSONWriter.pretty(sample), """
        {
          "a": 1,
          "b": [
            1,
            2
          ]
        }
        """)
        let nested: JSONValue = .array([
            .object([(key: "empty", value: .object([])), (key: "list", value: .array([]))]),
            .string("x"),
        ])
        XCTAssertEqual(JSONWriter.pretty(nested), """
        [
          {
            "empty": {},
            "list": []
          },
          "x"
        ]
        """)
        XCTAssertEqual(JSONWriter.pretty(.array([])), "[]")
        XCTAssertEqual(JSONWriter.pretty(.object([])), "{}")
        XCTAssertEqual(JSONWriter.pretty(.string("s")), "\"s\"")
    }

    func testKeysKeepTheirGivenOrder() {
        let value: JSONValue = .object([(key: "z", value: .null), (key: "a", value: .null), (key: "m", value: .null)])
        XCTAssertEqual(JSONWriter.compact(value), #"{"z":null,"a":null,"m":null}"#)
    }

    func testStringEscaping() {
        XCTAssertEqual(JSONWriter.compact(.string("plain")), #""plain""#)
        XCTAssertEqual(JSONWriter.compact(.string("quote\" backslash\\ slash/")), #""quote\" backslash\\ slash/""#)
        XCTAssertEqual(JSONWriter.compact(.string("a\nb\tc\rd")), #""a\nb\tc\rd""#)
        XCTAssertEqual(JSONWriter.compact(.string("\u{0}\u{1}\u{8}\u{C}\u{1F}")), #""\u0000\u0001\u0008\u000c\u001f""#)
        // Non-ASCII text, including DEL and line separators, is left as UTF-8.
        XCTAssertEqual(JSONWriter.compact(.string("£250k café 😀 \u{7F} \u{2028}")), "\"£250k café 😀 \u{7F} \u{2028}\"")
        XCTAssertEqual(JSONWriter.compact(.object([(key: "k\"ey", value: .string(""))])), #"{"k\"ey":""}"#)
    }

    func testAppendingToABuffer() {
        var buffer: [UInt8] = []
        JSONWriter.appendCompact(.integer(1), to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        JSONWriter.appendCompact(sample, to: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "1\n{\"a\":1,\"b\":[1,2]}")
        var pretty: [UInt8] = []
        JSONWriter.appendPretty(.array([.null]), to: &pretty, indent: 1)
        XCTAssertEqual(String(decoding: pretty, as: UTF8.self), "[\n    null\n  ]")
    }

    /// Writing and re-reading gives back the same value, in both layouts.
    func testRoundTrip() throws {
        let text = #"{"name":"lcp-board","limit":"£250k","members":[1,2.5e3,-0,true,false,null],"escapes":"\"\\\n\u0001😀","nested":{"a":[{},[]]}}"#
        let value = try JSONParser.parse(Array(text.utf8)).get()
        XCTAssertEqual(JSONWriter.compact(value), text)
        XCTAssertEqual(try JSONParser.parse(Array(JSONWriter.pretty(value).utf8)).get(), value)
    }

    func testLargeOutput() throws {
        let rows = (0..<10_000).map { index in
            JSONValue.object([(key: "id", value: .integer(index)), (key: "name", value: .string("row \(index)"))])
        }
        let text = JSONWriter.compact(.array(rows))
        XCTAssertTrue(text.hasPrefix(#"[{"id":0,"name":"row 0"},{"id":1,"#))
        XCTAssertEqual(try JSONParser.parse(Array(text.utf8)).get().arrayValue?.count, 10_000)
    }
}
