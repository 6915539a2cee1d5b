import ProbityTestSupport
import XCTest
@testable import ProbitySupport

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) -> Result<JSONValue, JSONSyntaxError> {
        JSONParser.parse(Array(text.utf8))
    }

    private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        switch parse(text) {
        case .success(let value):
            return value
        case .failure(let error):
            XCTFail("\(text.debugDescription) failed: \(error)", file: file, line: line)
            return nil
        }
    }

    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        error(Array(text.utf8), file: file, line: line)
    }

    private func error(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        switch JSONParser.parse(bytes) {
        case .success(let value):
            XCTFail("\(bytes) parsed as \(value)", file: file, line: line)
            return nil
        case .failure(let error):
            return error
        }
    }

    // MARK: Scalars

    func testLiterals() {
        XCTAssertEqual(value("null"), .null)
        XCTAssertEqual(value("true"), .bool(true))
        XCTAssertEqual(value("false"), .bool(false))
        XCTAssertEqual(value("  \t\r\n true \n"), .bool(true))
    }

    func testNumbersKeepTheirLexeme() {
        for lexeme in ["0", "-0", "7", "-12", "999999.99", "1200000.00", "0.5", "-0.0", "1e6", "1E6",
                       "1e+6", "1e-6", "2.5E-10", "123456789012345678901234567890", "0e0"] {
            XCTAssertEqual(value(lexeme), .number(lexeme))
            XCTAssertEqual(value("[\(lexeme)]"), .array([.number(lexeme)]))
        }
    }

    func testMalformedNumbers() {
        XCTAssertEqual(error("01")?.message, "expected `.`, `e` or the end of the number after `0` (leading zeros are not allowed)")
        XCTAssertEqual(error("-01")?.offset, 2)
        XCTAssertEqual(error("-")?.message, "expected a digit after `-`, found end of input")
        XCTAssertEqual(error("-a")?.message, "expected a digit after `-`, found `a`")
        XCTAssertEqual(error("1.")?.message, "expected a digit after `.` in number, found end of input")
        XCTAssertEqual(error("1.e5")?.message, "expected a digit after `.` in number, found `e`")
        XCTAssertEqual(error("1e")?.message, "expected a digit in exponent, found end of input")
        XCTAssertEqual(error("1e+")?.message, "expected a digit in exponent, found end of input")
        XCTAssertEqual(error("+1")?.message, "expected a value, found `+`")
        XCTAssertEqual(error(".5")?.message, "expected a value, found `.`")
        XCTAssertEqual(error("1.5.5")?.message, "expected end of input after the JSON value, found `.`")
        XCTAssertNotNil(error("0x10"))
        XCTAssertNotNil(error("NaN"))
        XCTAssertNotNil(error("Infinity"))
        XCTAssertNotNil(error("-Infinity"))
    }

    func testStrings() {
        XCTAssertEqual(value(#""""#), .string(""))
        XCTAssertEqual(value(#""lcp-board""#), .string("lcp-board"))
        XCTAssertEqual(value(#""£250k café""#), .string("£250k café"))
        XCTAssertEqual(value(#""a\"b\\c\/d\be\ff\ng\rh\ti""#), .string("a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"))
        XCTAssertEqual(value(#""\u0041\u00e9\u00E9\u20AC""#), .string("Aéé€"))
        XCTAssertEqual(value(#""\u0000""#), .string("\u{0}"))
        XCTAssertEqual(value(#""\uD83D\uDE00 grin""#), .string("😀 grin"))
        XCTAssertEqual(value(#""\udbff\udfff""#), .string("\u{10FFFF}"))
        XCTAssertEqual(value("\"😀\""), .string("😀"))
        XCTAssertEqual(value(#""pre \n post é""#), .string("pre \n post é"))
    }

    func testStringErrors() {
        XCTAssertEqual(error("\"abc")?.message, "expected `\"` to end the string that starts here, found end of input")
        XCTAssertEqual(error("\"abc")?.offset, 0)
        XCTAssertEqual(error("\"a\nb\"")?.message, "expected `\\u000A` or another escape instead of a raw control character in string")
        XCTAssertEqual(error("\"a\nb\"")?.offset, 2)
        XCTAssertEqual(error("\"a\tb\"")?.message, "expected `\\u0009` or another escape instead of a raw control character in string")
        XCTAssertEqual(error(#""\x""#)?.message, "expected one of `\"` `\\` `/` `b` `f` `n` `r` `t` `u` after `\\` in string, found `x`")
        XCTAssertEqual(error(#""\"#)?.message, "expected an escape sequence after `\\`, found end of input")
        XCTAssertEqual(error(#""\u12""#)?.message, "expected four hexadecimal digits after `\\u`, found `\"`")
        XCTAssertEqual(error(#""\u12G4""#)?.message, "expected four hexadecimal digits after `\\u`, found `G`")
        XCTAssertEqual(error("'single'")?.message, "expected a value, found `'`")
    }

    func testLoneSurrogatesAreErrors() {
        XCTAssertEqual(error(#""\uD83D""#)?.message, "expected a low surrogate `\\uDC00`–`\\uDFFF` after high surrogate `\\uD83D`")
        XCTAssertEqual(error(#""\uD83Dx""#)?.offset, 1)
        XCTAssertEqual(error(#""\uD83D\u0041""#)?.message,
                       "expected a low surrogate `\\uDC00`–`\\uDFFF` after high surrogate `\\uD83D`, found `\\u0041`")
        XCTAssertEqual(error(#""\uD83D\uD83D""#)?.offset, 7)
        XCTAssertEqual(error(#""\uDE00""#)?.message, "expected a high surrogate before low surrogate `\\uDE00`")
        XCTAssertNotNil(error(#""\uD83D\n""#))
    }

    func testInvalidUTF8IsAnError() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],                 // never valid
            [0x22, 0xC0, 0xAF, 0x22],           // overlong "/"
            [0x22, 0xE0, 0x80, 0xAF, 0x22],     // overlong three-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],     // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // beyond U+10FFFF
            [0x22, 0xC3, 0x22],                 // truncated sequence
            [0x22, 0x80, 0x22],                 // lone continuation byte
            [0x22, 0xE2, 0x82],                 // truncated at end of input
        ]
        for bytes in cases {
            let failure = error(bytes)
            XCTAssertEqual(failure?.offset, 1, "\(bytes)")
            XCTAssertTrue(failure?.message.hasPrefix("expected valid UTF-8 in string") ?? false, "\(bytes)")
        }
        // Valid boundary sequences are accepted.
        XCTAssertEqual(JSONParser.parse([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]), .success(.string("\u{10FFFF}")))
        XCTAssertEqual(JSONParser.parse([0x22, 0xEF, 0xBF, 0xBD, 0x22]), .success(.string("\u{FFFD}")))
    }

    // MARK: Containers

    func testArraysAndObjects() {
        XCTAssertEqual(value("[]"), .array([]))
        XCTAssertEqual(value("[ ]"), .array([]))
        XCTAssertEqual(value("{}"), .object([]))
        XCTAssertEqual(value(" { \n } "), .object([]))
        XCTAssertEqual(value("[1, \"two\", [true, null], {}]"),
                       .array([.number("1"), .string("two"), .array([.bool(true), .null]), .object([])]))
        let object = value(#"{"b": 1, "a": {"c": [2, 3]}, "d": "x"}"#)
        XCTAssertEqual(object?.objectValue?.map(\.key), ["b", "a", "d"])
        XCTAssertEqual(object?["a"]?["c"], .array([.number("2"), .number("3")]))
        XCTAssertEqual(object?["d"]?.stringValue, "x")
    }

    func testContainerErrors() {
        XCTAssertEqual(error("[1, 2,]")?.message, "expected a value after `,`, found `]` (trailing commas are not allowed)")
        XCTAssertEqual(error("[1, 2,]")?.offset, 6)
        XCTAssertEqual(error(#"{"a": 1,}"#)?.message,
                       "expected a string as object key after `,`, found `}` (trailing commas are not allowed)")
        XCTAssertEqual(error("[1 2]")?.message, "expected `,` or `]` after array element, found `2`")
        XCTAssertEqual(error(#"{"a": 1 "b": 2}"#)?.message, "expected `,` or `}` after object member, found `\"`")
        XCTAssertEqual(error(#"{"a" 1}"#)?.message, "expected `:` after object key, found `1`")
        XCTAssertEqual(error("{a: 1}")?.message, "expected a string as object key after `{`, found `a`")
        XCTAssertEqual(error("{1: 1}")?.message, "expected a string as object key after `{`, found `1`")
        XCTAssertEqual(error("[,1]")?.message, "expected a value, found `,`")
        XCTAssertEqual(error("[")?.message, "expected a value, found end of input")
        XCTAssertEqual(error("[1")?.message, "expected `,` or `]` after array element, found end of input")
        XCTAssertEqual(error(#"{"a":"#)?.message, "expected a value, found end of input")
        XCTAssertEqual(error("{")?.message, "expected a string as object key after `{`, found end of input")
        XCTAssertEqual(error("]")?.message, "expected a value, found `]`")
        XCTAssertEqual(error("[1]]")?.message, "expected end of input after the JSON value, found `]`")
        XCTAssertEqual(error("[1}")?.message, "expected `,` or `]` after array element, found `}`")
    }

    func testDuplicateKeys() {
        XCTAssertEqual(error(#"{"x": 1, "x": 2}"#)?.message, "duplicate key `x`")
        XCTAssertEqual(error(#"{"x": 1, "x": 2}"#)?.offset, 9)
        XCTAssertEqual(error(#"{"a": {"x": 1}, "b": {"y": 1, "y": 2}}"#)?.message, "duplicate key `y`")
        // The same key in sibling objects is fine.
        XCTAssertNotNil(value(#"[{"x": 1}, {"x": 2}]"#))
        // Escapes are decoded before comparing.
        XCTAssertEqual(error(#"{"x": 1, "\u0078": 2}"#)?.message, "duplicate key `x`")
        // Large objects switch to a hash set; duplicates must still be found.
        let members = (0..<40).map { "\"k\($0)\": \($0)" }
        XCTAssertEqual(value("{" + members.joined(separator: ",") + "}")?.objectValue?.count, 40)
        XCTAssertEqual(error("{" + members.joined(separator: ",") + ", \"k3\": 0}")?.message, "duplicate key `k3`")
        XCTAssertEqual(error("{" + members.joined(separator: ",") + ", \"k39\": 0}")?.message, "duplicate key `k39`")
    }

    func testDepthLimit() {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNotNil(value(deepest))
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        XCTAssertEqual(error(tooDeep)?.message, "expected at most 512 levels of nested arrays and objects")
        XCTAssertEqual(error(tooDeep)?.offset, 512)
        let tooDeepObjects = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        XCTAssertEqual(error(tooDeepObjects)?.message, "expected at most 512 levels of nested arrays and objects")
        // Far beyond the limit: an error, not a stack overflow.
        XCTAssertNotNil(error(String(repeating: "[", count: 1_000_000)))
        // A custom limit.
        XCTAssertEqual(try JSONParser.parse(Array("[[1]]".utf8), maximumDepth: 2).get(), .array([.array([.number("1")])]))
        if case .success = JSONParser.parse(Array("[[[1]]]".utf8), maximumDepth: 2) { XCTFail("limit ignored") }
    }

    // MARK: Document edges

    func testByteOrderMarkIsSkipped() {
        XCTAssertEqual(JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)), .success(.array([.number("1")])))
        let failure = error([0xEF, 0xBB, 0xBF] + Array("[1,]".utf8))
        XCTAssertEqual(failure?.offset, 6)
        XCTAssertEqual(failure?.column, 4)
        // Only at the very start.
        XCTAssertNotNil(error([0x20, 0xEF, 0xBB, 0xBF] + Array("1".utf8)))
    }

    func testEmptyAndWhitespaceOnlyInput() {
        XCTAssertEqual(error("")?.message, "expected a value, found end of input")
        XCTAssertEqual(error("   \n ")?.message, "expected a value, found end of input")
        XCTAssertEqual(error("1 2")?.message, "expected end of input after the JSON value, found `2`")
        XCTAssertEqual(error("\u{0B}1")?.message, "expected a value, found U+000B")
        XCTAssertEqual(error("é")?.message, "expected a value, found `é` (U+00E9)")
        XCTAssertEqual(error([0xFF])?.message, "expected a value, found byte 0xFF")
    }

    func testLiteralErrors() {
        XCTAssertEqual(error("tru")?.message, "expected `true`")
        XCTAssertEqual(error("nul")?.message, "expected `null`")
        XCTAssertEqual(error("[fals]")?.message, "expected `false`")
        XCTAssertEqual(error("[fals]")?.offset, 1)
        XCTAssertEqual(error("True")?.message, "expected a value, found `T`")
        XCTAssertEqual(error("nullx")?.message, "expected end of input after the JSON value, found `x`")
    }

    func testLineAndColumn() {
        let failure = error("{\n  \"a\": 1,\n  \"b\" 2\n}")
        XCTAssertEqual(failure?.line, 3)
        XCTAssertEqual(failure?.column, 7)
        XCTAssertEqual(failure?.offset, 18)
        XCTAssertEqual(failure?.description, "3:7: expected `:` after object key, found `2`")
        // Columns count scalars, not bytes.
        let accented = error("[\"café\" 1]")
        XCTAssertEqual(accented?.offset, 9)
        XCTAssertEqual(accented?.column, 9)
        XCTAssertEqual(error("x")?.line, 1)
        XCTAssertEqual(error("x")?.column, 1)
    }

    func testStringConvenience() {
        XCTAssertEqual(try JSONParser.parse("[\"a\"]").get(), .array([.string("a")]))
    }

    // MARK: Robustness

    /// Random bytes, truncations and single-byte mutations of valid
    /// documents must each produce a value or an error, never a trap.
    func testGarbageNeverCrashes() {
        var generator = TestSeed.generator(fixed: 0x5EED).generator
        let seeds = [
            #"{"name": "lcp-board", "limit": "£250k", "members": [1, 2.5e3, -0, true, false, null], "nested": {"a": [{}, []]}}"#,
            #"["\uD83D\uDE00", "\n\t\"\\", "café", 0.000001, 1E+30]"#,
            #"{"a":{"b":{"c":{"d":[[[["deep"]]]]}}}}"#,
        ].map { Array($0.utf8) }
        let alphabet = Array(#"{}[]:,"\ u0123456789abcdefEtrulsn.-+ "#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xED, 0xEF, 0xBB, 0xBF, 0xF4, 0xFF]

        var outcomes = (success: 0, failure: 0)
        func run(_ bytes: [UInt8]) {
            switch JSONParser.parse(bytes) {
            case .success(let value):
                outcomes.success += 1
                // Whatever parses must survive a round trip through the writer.
                XCTAssertEqual(try? JSONParser.parse(Array(JSONWriter.compact(value).utf8)).get(), value)
            case .failure(let error):
                outcomes.failure += 1
                XCTAssertTrue(error.offset >= 0 && error.offset <= bytes.count)
                XCTAssertTrue(error.line >= 1 && error.column >= 1)
                XCTAssertFalse(error.message.isEmpty)
            }
        }

        for seed in seeds {
            XCTAssertNoThrow(try JSONParser.parse(seed).get())
            for length in 0...seed.count { run(Array(seed.prefix(length))) }
            for _ in 0..<2_000 {
                var mutated = seed
                for _ in 0..<(1 + Int(generator.next() % 3)) {
                    let index = Int(generator.next() % UInt64(mutated.count))
                    switch generator.next() % 3 {
                    case 0: mutated[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    case 1: mutated.remove(at: index)
                    default: mutated.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: index)
                    }
                    if mutated.isEmpty { break }
                }
                run(mutated)
            }
        }
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 40)
            run((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            run((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        XCTAssertGreaterThan(outcomes.success, 0)
        XCTAssertGreaterThan(outcomes.failure, 0)
    }

    /// An array read element by element (`JSONRowStream`) gives the elements of the tree, each
    /// with the line it starts on; a document that fails gives the same error as a whole parse;
    /// depth counts the array itself.
    func testElementByElementAgreesWithTheWholeParse() throws {
        func streamed(_ text: String, maximumDepth: Int = JSONParser.maximumDepth) -> (Result<JSONStreamShape, JSONSyntaxError>, JSONRowStreamTests.Collector) {
            var stream = JSONRowStream(nestedKey: "people", maximumDepth: maximumDepth)
            var collector = JSONRowStreamTests.Collector()
            _ = Array(text.utf8).withUnsafeBufferPointer { stream.append($0, into: &collector) }
            return (stream.finish(into: &collector), collector)
        }
        let text = "\u{FEFF}[\n {\"a\": 1},\n\n  [2, 3], \"x\"\n,null]\n"
        let (shape, seen) = streamed(text)
        XCTAssertEqual(try shape.get(), .rows)
        XCTAssertEqual(seen.rows.elements, try JSONParser.parse(text).get().arrayValue)
        XCTAssertEqual(seen.rows.lines, [2, 4, 4, 5])
        for bad in ["[1,]", "[1 2]", "[1] x", "[{\"a\":1,\"a\":2}]", "[", "[\"\\u12\"]"] {
            guard case .failure(let whole) = JSONParser.parse(bad), case .failure(let read) = streamed(bad).0 else {
                return XCTFail("`\(bad)` should fail both ways")
            }
            XCTAssertEqual(whole.description, read.description, bad)
        }
        XCTAssertEqual(try streamed(" {\"people\": []}").0.get(), .object(hasNestedArray: true))
        XCTAssertEqual(streamed(" {\"people\": []}").1.rows.lines, [])
        let deep = String(repeating: "[", count: 4) + String(repeating: "]", count: 4)
        XCTAssertEqual((try? JSONParser.parse(Array(deep.utf8), maximumDepth: 3).get()) == nil,
                       (try? streamed(deep, maximumDepth: 3).0.get()) == nil)
    }
}
