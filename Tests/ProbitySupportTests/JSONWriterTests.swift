import ProbityTestSupport
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

    /// The word-at-a-time scan that lets a string be copied unescaped never lets through a
    /// byte that needs escaping: on random strings of every length up to 40 (so each byte falls
    /// at every place in a word and in the tail), drawn from bytes that need escaping, bytes
    /// next to them, and multi-byte characters, `appendString` writes the bytes of the
    /// byte-by-byte escaper. Seeded; the seed is printed (replay with `PROBITY_TEST_SEED`).
    func testTheFastPathWritesWhatTheByteByByteEscaperWrites() {
        let (seed, generator) = TestSeed.generator()
        var g = generator
        let pieces = ["a", "Z", " ", "!", "#", "[", "]", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
                      "£", "é", "—", "𝄞", "\u{1}", "\u{1E}", "/", "0", "\u{21}", "\u{5B}", "\u{5D}"]
        var escaped = 0
        for _ in 0..<20_000 {
            let length = Int(g.next() % 41)
            // Mostly plain text, so that a lone byte to escape lands anywhere in a long string.
            let plainness = g.next() % 4
            var text = ""
            for _ in 0..<length {
                text += g.next() % 8 < plainness * 2 ? "a" : pieces[Int(g.next() % UInt64(pieces.count))]
            }
            var fast: [UInt8] = [], slow: [UInt8] = []
            JSONWriter.appendString(text, to: &fast)
            JSONWriter.appendStringByteByByte(text, to: &slow)
            XCTAssertEqual(fast, slow, "seed \(seed): \(text.debugDescription)")
            let needs = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
            let scanned = Array(text.utf8).withUnsafeBufferPointer { JSONWriter.containsEscapable($0) }
            XCTAssertEqual(scanned, needs, "seed \(seed): \(text.debugDescription)")
            if needs { escaped += 1 }
            if testRun?.failureCount ?? 0 > 0 { return }
        }
        XCTAssertGreaterThan(escaped, 1_000, "seed \(seed): some strings need escaping")
    }
}
