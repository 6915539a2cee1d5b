import XCTest
import ProbitySupport
import ProbityTestSupport

/// `JSONParser.forEachRow` reads what `forEachElement` reads, member by member: the same
/// elements, and on a damaged document the same error at the same place.
final class JSONRowReaderTests: XCTestCase {
    /// Puts each row back together from its members.
    struct Rebuilder: JSONRowVisitor {
        var elements: [JSONValue] = []
        var lines: [Int] = []
        var members: [(key: String, value: JSONValue)]?
        var numbers: [String: Int] = [:]

        mutating func beginRow(line: Int) {
            XCTAssertNil(members, "a row begins inside a row")
            members = []
            lines.append(line)
        }
        mutating func member(_ key: JSONRowKey, _ value: JSONValue) {
            XCTAssertEqual(numbers[key.text, default: key.number], key.number, "`\(key.text)` keeps its number")
            numbers[key.text] = key.number
            members?.append((key.text, value))
        }
        mutating func endRow() {
            elements.append(.object(members ?? []))
            members = nil
        }
        mutating func element(_ value: JSONValue, line: Int) {
            elements.append(value)
            lines.append(line)
        }
    }

    private func both(_ bytes: [UInt8]) -> (rows: String, elements: String) {
        var rebuilt = Rebuilder()
        let rows = JSONParser.forEachRow(bytes, into: &rebuilt)
        var elements: [JSONValue] = [], lines: [Int] = []
        let whole = JSONParser.forEachElement(bytes) { elements.append($0); lines.append($1) }
        func text(_ result: Result<Bool, JSONSyntaxError>, _ elements: [JSONValue], _ lines: [Int]) -> String {
            switch result {
            case .failure(let error): "failure: \(error.message) at \(error.line):\(error.column)"
            case .success(let isArray): "\(isArray) \(lines) \(elements.map { JSONWriter.compact($0) })"
            }
        }
        return (text(rows, rebuilt.elements, rebuilt.lines), text(whole, elements, lines))
    }

    func testRowsAndTheirErrorsAreTheElementReadersOwn() {
        let documents = [
            #"[{"a": "1", "b": 2, "c": null, "d": true, "e": [1, {"x": []}], "f": {}}, {"a": "x"}, 3, "s", [], {}]"#,
            #"[{"a": 1, "a": 2}]"#,                           // a duplicate
            #"[{"a": 1}, {"b": 1, "a": 2, "b": 3}]"#,           // a duplicate in a row whose keys moved
            #"[{"na\u006de": 1}, {"name": 2, "n\u0061me": 3}]"#, // the same key escaped
            #"[{"a\"b": 1}, {"a\"b": 2}, {"a": 1}]"#,             // a key with a quote in it
            #"[{"a": 1,}]"#, #"[{"a" 1}]"#, #"[{1: 2}]"#, #"[{"a": 1 "b": 2}]"#, #"[{"a": }]"#, #"[{"a": 1}"#,
            #"[{"a": "\u0001"}]"#, "[{\"a\": \"\u{1}\"}]", #"[{"a": 01}]"#, #"{"people": []}"#, #"[{"a": 1}] x"#,
            "\u{FEFF}[{\"a\": 1}]", "[\n{\"a\":\n1},\n\n{\"b\": 2}\n]", "[", "", "[{",
        ]
        for document in documents {
            let (rows, elements) = both(Array(document.utf8))
            XCTAssertEqual(rows, elements, document)
        }
    }

    func testTheDepthLimitCountsTheRowAndItsArray() {
        for depth in [2, 3, 4] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            for document in ["[{\"a\": \(nested)}]", "[\(nested)]"] {
                var rebuilt = Rebuilder()
                let rows = JSONParser.forEachRow(Array(document.utf8), maximumDepth: 4, into: &rebuilt)
                let elements = JSONParser.forEachElement(Array(document.utf8), maximumDepth: 4) { _, _ in }
                XCTAssertEqual("\(rows)", "\(elements)", document)
            }
        }
    }

    /// Seeded: random arrays of rows (keys repeated, moved, escaped, duplicated; values of every
    /// kind), damaged or not, read both ways.
    func testRandomRowArraysReadAsTheirElements() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let keys = [#""name""#, #""employer""#, #""n\u0061me""#, #""Valid From""#, #""a\"b""#, #""""#, #""é""#]
        let values = [#""Ana Tomás""#, #""""#, "null", "12.5", "true", "[1, [2]]", #"{"x": {"y": null}}"#, #""two\nlines""#, "-0"]
        let noise = Array("\"{}[],: \\\n".utf8) + [0xC3, 0x00]
        for round in 0..<400 {
            var text = "["
            for row in 0..<random.below(6) {
                if row > 0 { text += random.chance(0.2) ? ",\n" : ", " }
                if random.chance(0.1) { text += values[random.below(values.count)]; continue }
                text += "{" + (0..<random.below(5)).map { _ in
                    keys[random.below(keys.count)] + ": " + values[random.below(values.count)]
                }.joined(separator: ", ") + "}"
            }
            text += "]"
            var bytes = Array(text.utf8)
            if random.chance(0.4) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 3, random: &random)
            }
            let (rows, elements) = both(bytes)
            XCTAssertEqual(rows, elements, "seed \(seed), round \(round): \(String(decoding: bytes, as: UTF8.self))")
            if rows != elements { return }
        }
    }
}
