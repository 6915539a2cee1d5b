import XCTest
import ProbitySupport
import ProbityTestSupport

/// `JSONRowStream` fed a document in chunks of any sizes reads what the tree parser
/// `JSONParser.parse` reads of the whole bytes: an array's rows (put back together from their
/// members, each key keeping its number), an object's nested array, and on a damaged document
/// the same error at the same offset, line and column. The lines elements start on are the
/// same in chunks as in one chunk, and fixed cases say what they are.
final class JSONRowStreamTests: XCTestCase {
    /// Puts each row back together from its members.
    struct Rebuilder: JSONRowVisitor {
        var elements: [JSONValue] = []
        var lines: [Int] = []
        var members: [(key: String, value: JSONValue)]?
        /// The keys' texts, by number.
        var keys: [String] = []

        mutating func beginRow(line: Int) {
            XCTAssertNil(members, "a row begins inside a row")
            members = []
            lines.append(line)
        }
        mutating func newKey(_ key: JSONRowKey) {
            XCTAssertEqual(key.number, keys.count, "keys are numbered in the order first met")
            XCTAssertFalse(keys.contains(key.text), "`\(key.text)` is numbered once")
            keys.append(key.text)
        }
        mutating func member(_ key: Int, _ value: JSONValue) {
            members?.append((keys[key], value))
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

    /// The stream's parts, the nested elements beside the rows.
    struct Collector: JSONStreamVisitor {
        var rows = Rebuilder()
        var nested: [JSONValue] = []
        var nestedLines: [Int] = []
        /// Rows read whole by a template (handed on member by member all the same).
        var templateRows = 0

        mutating func templateRow(_ row: borrowing JSONTemplateRow) {
            templateRows += 1
            templateRowMemberByMember(row)
        }

        mutating func beginRow(line: Int) { rows.beginRow(line: line) }
        mutating func newKey(_ key: JSONRowKey) { rows.newKey(key) }
        mutating func member(_ key: Int, _ value: JSONValue) { rows.member(key, value) }
        mutating func endRow() { rows.endRow() }
        mutating func abandonRow() {
            rows.members = nil
            rows.lines.removeLast()
        }
        mutating func element(_ value: JSONValue, line: Int) { rows.element(value, line: line) }
        mutating func nestedElement(_ value: JSONValue, line: Int) {
            nested.append(value)
            nestedLines.append(line)
        }
    }

    private static func text(_ error: JSONSyntaxError) -> String {
        "failure: \(error.message) at \(error.offset) \(error.line):\(error.column)"
    }

    /// The document streamed in chunks of `sizes` (in turn), as text, and the lines its rows or
    /// nested elements start on.
    static func streamed(_ bytes: [UInt8], sizes: [Int], maximumDepth: Int = JSONParser.maximumDepth) -> (text: String, lines: [Int]) {
        var stream = JSONRowStream(nestedKey: "people", maximumDepth: maximumDepth)
        var collector = Collector()
        var offset = 0, turn = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + max(1, sizes[turn % sizes.count]))
            turn += 1
            let goOn = bytes[offset..<end].withUnsafeBufferPointer { stream.append($0, into: &collector) }
            offset = end
            if !goOn { break }
        }
        switch stream.finish(into: &collector) {
        case .failure(let error):
            return (text(error), [])
        case .success(.rows):
            return ("rows \(collector.rows.elements.map { JSONWriter.compact($0) })", collector.rows.lines)
        case .success(.object(let hasNestedArray)):
            return ("object \(hasNestedArray) \(collector.nested.map { JSONWriter.compact($0) })", collector.nestedLines)
        case .success(.other(let kind)):
            return ("other \(kind)", [])
        }
    }

    /// What the tree parser makes of the whole bytes, in `streamed`'s words.
    static func whole(_ bytes: [UInt8], maximumDepth: Int = JSONParser.maximumDepth) -> String {
        switch JSONParser.parse(bytes, maximumDepth: maximumDepth) {
        case .failure(let error):
            return text(error)
        case .success(.array(let rows)):
            return "rows \(rows.map { JSONWriter.compact($0) })"
        case .success(let value):
            guard value.objectValue != nil else { return "other \(value.kindDescription)" }
            guard let people = value["people"]?.arrayValue else { return "object false []" }
            return "object true \(people.map { JSONWriter.compact($0) })"
        }
    }

    private func check(_ bytes: [UInt8], sizes: [Int], maximumDepth: Int = JSONParser.maximumDepth, _ context: @autoclosure () -> String) -> Bool {
        let expected = Self.whole(bytes, maximumDepth: maximumDepth)
        let (streamed, lines) = Self.streamed(bytes, sizes: sizes, maximumDepth: maximumDepth)
        XCTAssertEqual(streamed, expected, context())
        // Lines of rows and nested elements: the same in chunks as in one.
        let (_, wholeLines) = Self.streamed(bytes, sizes: [bytes.count], maximumDepth: maximumDepth)
        XCTAssertEqual(lines, wholeLines, context())
        return streamed == expected && lines == wholeLines
    }

    func testAwkwardDocumentsInEveryChunkSize() {
        let documents = [
            #"[{"a": "1", "b": 2, "c": null, "d": true, "e": [1, {"x": []}], "f": {}}, {"a": "x"}, 3, "s", [], {}]"#,
            #"{"title": "r", "people": [{"name": "A", "interests": [{"type": "Nil"}]}, 2, "x"], "n": [1, {"a": 2}]}"#,
            #"{"people": []}"#, #"{"people": 3}"#, #"{}"#, #"{"a": 1}"#, #"{"people": [], "people": [1]}"#,
            #"{"people": [1], "a": 1, "a": 2}"#, #"{"people": [1,]}"#, #"{"people": [1] "a": 2}"#, #"{"people": [1]"#,
            #"{"peo\u0070le": [{"a": "\uD83D\uDE00 é"}]}"#, #"{"people": [{"a": "\uD83D"}]}"#, #"{"people": [tru]}"#,
            #"[{"a": 1,}]"#, #"[{"a" 1}]"#, #"[{"a": 1}"#, #"[{"a": 12}, {"a": -0.5e+3}] "#, #"[{"a": 1}] x"#,
            "\u{FEFF}[{\"a\": 1}]", "\u{FEFF}{\"people\": [1]}", "[\n{\"a\":\n1},\n\n{\"b\": 2}\n]",
            "{\n \"people\": [\n  {\"n\": 1},\n\n  {\"n\": \"é\"}\n ]\n}\n", "[", "", "   ", "{", "[{", "\"s\"", "12", "nul",
            "[{\"a\": \"\u{1}\"}]", "{\"people\": [\"\u{1}\"]}", "[\"caf\u{E9}\"]",
            // An error naming a character of several bytes that a chunk's end cuts (seed 610959216).
            "[{\"a\" \u{E9}}]", "{\"people\": [1 \u{20AC}]}", "[{\"a\": 1}] \u{1F600}",
        ]
        for document in documents {
            let bytes = Array(document.utf8)
            for size in [1, 2, 3, 5, 7, 64] {
                if !check(bytes, sizes: [size], "\(document.debugDescription) in chunks of \(size)") { break }
            }
        }
        // Bytes that are not UTF-8, cut inside and outside strings.
        for bytes in [Array(#"[{"a": ""#.utf8) + [0xC3] + Array(#""}]"#.utf8), Array(#"{"people": [""#.utf8) + [0xE2, 0x82] + Array(#""]}"#.utf8)] {
            for size in [1, 2, 3] { _ = check(bytes, sizes: [size], "\(bytes) in chunks of \(size)") }
        }
    }

    func testTheDepthLimitInChunks() {
        for depth in [1, 2, 3, 4] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            for document in ["[{\"a\": \(nested)}]", "[\(nested)]", "{\"people\": [\(nested)]}", "{\"x\": \(nested)}", "{\"people\": \(nested)}"] {
                for size in [1, 4] {
                    _ = check(Array(document.utf8), sizes: [size], maximumDepth: 4, "\(document) in chunks of \(size)")
                }
            }
        }
    }

    /// Seeded: random documents of both shapes (rows, or an object with a `people` array among
    /// other members), damaged or not, in random chunks, read as their whole bytes read.
    func testRandomDocumentsInRandomChunksReadAsWhole() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let keys = [#""name""#, #""employer""#, #""n\u0061me""#, #""Valid From""#, #""a\"b""#, #""""#, #""é""#, #""people""#]
        let values = [#""Ana Tomás""#, #""""#, "null", "12.5", "true", "[1, [2]]", #"{"x": {"y": null}}"#,
                      #""two\nlines""#, "-0", #""\uD83D\uDE00""#, #""a long value that spans more than a few of the smaller chunks""#]
        let noise = Array("\"{}[],: \\\n".utf8) + [0xC3, 0x00, 0xEF, 0xBB, 0xBF]
        func object() -> String {
            "{" + (0..<random.below(5)).map { _ in keys[random.below(keys.count)] + ": " + values[random.below(values.count)] }
                .joined(separator: random.chance(0.2) ? ",\n  " : ", ") + "}"
        }
        for round in 0..<400 {
            var elements: [String] = []
            for _ in 0..<random.below(6) {
                elements.append(random.chance(0.1) ? values[random.below(values.count)] : object())
            }
            let array = "[" + elements.joined(separator: random.chance(0.3) ? ",\n" : ", ") + "]"
            var text: String
            if random.chance(0.5) {
                text = array
            } else {
                var members = ["\"people\": " + (random.chance(0.9) ? array : values[random.below(values.count)])]
                for _ in 0..<random.below(3) {
                    members.insert(keys[random.below(keys.count)] + ": " + values[random.below(values.count)], at: random.below(members.count + 1))
                }
                text = "{\n" + members.joined(separator: ",\n") + "\n}"
            }
            if random.chance(0.1) { text = "\u{FEFF}" + text }
            if random.chance(0.2) { text += "\n" }
            var bytes = Array(text.utf8)
            if random.chance(0.4) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 3, random: &random)
            }
            let sizes = (0..<1 + random.below(5)).map { _ in 1 + random.below(random.chance(0.5) ? 8 : 200) }
            if !check(bytes, sizes: sizes, "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self).debugDescription)") {
                return
            }
        }
    }

    /// An element longer than many chunks is read again only as the bytes held double, so
    /// the work stays linear in its length; rows read are not held.
    func testALongElementAndManyRowsAreReadInBoundedWork() {
        let long = "[{\"a\": \"" + String(repeating: "x", count: 200_000) + "\"}, 1]"
        XCTAssertTrue(check(Array(long.utf8), sizes: [1_000], "one long row"))
        var stream = JSONRowStream(nestedKey: "people")
        var collector = Collector()
        let row = Array("{\"name\": \"Ana\", \"type\": \"Nil\"},\n".utf8)
        _ = Array("[".utf8).withUnsafeBufferPointer { stream.append($0, into: &collector) }
        for _ in 0..<20_000 { _ = row.withUnsafeBufferPointer { stream.append($0, into: &collector) } }
        XCTAssertLessThan(stream.heldByteCount, 4 * row.count, "the rows read are dropped")
        _ = Array("1]".utf8).withUnsafeBufferPointer { stream.append($0, into: &collector) }
        XCTAssertEqual(try stream.finish(into: &collector).get(), .rows)
        XCTAssertEqual(collector.rows.elements.count, 20_001)
        XCTAssertEqual(collector.rows.lines.last, 20_001)
    }

    /// Rows whose keys repeat, move, are escaped or duplicated, and rows damaged after a key
    /// (these were the whole-bytes row reader's cases, `JSONParser.forEachRow`, removed at stop 23).
    func testRowsAndTheirErrorsAreTheTreeParsersOwn() {
        let documents = [
            #"[{"a": 1, "a": 2}]"#,                           // a duplicate
            #"[{"a": 1}, {"b": 1, "a": 2, "b": 3}]"#,           // a duplicate in a row whose keys moved
            #"[{"na\u006de": 1}, {"name": 2, "n\u0061me": 3}]"#, // the same key escaped
            #"[{"a\"b": 1}, {"a\"b": 2}, {"a": 1}]"#,             // a key with a quote in it
            #"[{"a": "x", "b": "y"}, {"b": "y", "b": "z"}]"#,  // a duplicate where the row before had the key
            #"[{"a": "x"}, {"a": "é"}, {"a": "x\u0041"}, {"a" : "x" }, {"a":"x\ty"}]"#, // values read otherwise than plainly
            #"[{"a": "x", "b": "y"}, {"a": "x" "b": "y"}]"#,    // a repeated row damaged after a plain member
            #"[{1: 2}]"#, #"[{"a": 1 "b": 2}]"#, #"[{"a": }]"#, #"[{"a": "\u0001"}]"#, #"[{"a": 01}]"#,
        ]
        for document in documents {
            for size in [1, 3, 64] {
                if !check(Array(document.utf8), sizes: [size], "\(document) in chunks of \(size)") { break }
            }
        }
    }

    /// The line each row (an object or not) starts on, the first line 1, blank lines counted.
    func testRowsCiteTheLineTheyStartOn() {
        let document = "\u{FEFF}[\n {\"a\": 1},\n\n  [2, 3], \"x\"\n,null, {\"b\":\n2}, {}]\n"
        for size in [1, 2, 5, 200] {
            let (text, lines) = Self.streamed(Array(document.utf8), sizes: [size])
            XCTAssertEqual(text, Self.whole(Array(document.utf8)), "chunks of \(size)")
            XCTAssertEqual(lines, [2, 4, 4, 5, 5, 6], "chunks of \(size)")
        }
        let nested = "{\"people\": [\n1,\n\n {\"n\": [\n]}, 3]}"
        XCTAssertEqual(Self.streamed(Array(nested.utf8), sizes: [3]).lines, [2, 4, 5])
    }

    /// Seeded: random arrays of rows (keys repeated, moved, escaped, duplicated; values of every
    /// kind), damaged or not, read in chunks as the tree parser reads them whole.
    func testRandomRowArraysReadAsTheTree() {
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
            let sizes = [1 + random.below(random.chance(0.5) ? 8 : 200)]
            if !check(bytes, sizes: sizes, "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self))") {
                return
            }
        }
    }

    /// Seeded: arrays of rows written as a program writes a table, most rows spelled like the
    /// row before around their values (which a row template reads), some with a key moved,
    /// dropped, duplicated or escaped, other spacing, a value not plain ASCII, or damage,
    /// read in random chunks as the tree parser reads them whole.
    func testRowsLikeTheRowBeforeReadAsTheTree() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let keys = [#""Name""#, #""Who do you currently work for""#, #""Valid From""#, #""Nature""#, #""Name""#, #""x""#]
        let values = [#""""#, #""Ana Smith""#, #""01/04/2024""#, #""Director of Riverside Care Ltd""#, #""a""#,
                      #""Tomás""#, #""tab\tin""#, "null", "12", #""q\"q""#, #""""#]
        let noise = Array("\"{}[],: \\\n".utf8) + [0xC3, 0x00, 0x09]
        for round in 0..<300 {
            var shape = [0, 1, 2, 3]
            var text = "[\n"
            for row in 0..<random.below(12) {
                if row > 0 { text += ",\n" }
                if random.chance(0.2) {
                    // Another shape from here on: a key moved, dropped, added or repeated.
                    switch random.below(4) {
                    case 0: shape.swapAt(random.below(shape.count), random.below(shape.count))
                    case 1: if shape.count > 1 { shape.remove(at: random.below(shape.count)) }
                    case 2: shape.append(random.below(keys.count))
                    default: shape.append(shape[random.below(shape.count)])
                    }
                }
                let comma = random.chance(0.9) ? ", " : ","
                let colon = random.chance(0.9) ? ": " : " :"
                text += "{" + shape.map { key in
                    keys[key] + colon + (random.chance(0.85) ? values[random.below(5)] : values[random.below(values.count)])
                }.joined(separator: comma) + (random.chance(0.9) ? "}" : " }")
            }
            text += "\n]"
            var bytes = Array(text.utf8)
            if random.chance(0.3) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 2, random: &random)
            }
            let sizes = [1 + random.below(random.chance(0.3) ? 16 : 400)]
            if !check(bytes, sizes: sizes, "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self))") {
                return
            }
        }
    }
    /// Seeded: rows spelled alike one after another, as a program writes a table one row a line,
    /// which the stream reads in one step, counting their lines between them: separated by a
    /// comma and line breaks or spaces of every kind, some values escaped or not ASCII, a shape
    /// changed now and then, in random chunks. Each row cites the line it starts on, counted
    /// here from the text, and the rows (or, damaged, the error at its line and column) are the
    /// tree parser's.
    func testRowsReadOneAfterAnotherCiteTheLinesTheyStartOn() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let keys = [#""Name""#, #""Who do you currently work for""#, #""Valid From""#, #""Nature""#, #""x""#]
        let values = [#""Ana Smith""#, #""""#, #""01/04/2024""#, #""Director of Riverside Care Ltd""#,
                      #""Tomás""#, #""\u00a3 5 gift""#, #""q\"q""#, "12", "null"]
        let separators = [",\n", ",\n", ", ", ",\r\n", ",\n\n  ", " ,\t", ",\n\n"]
        let noise = Array("\"{}[],: \\\n".utf8) + [0xC3, 0x00, 0x0D]
        for round in 0..<300 {
            var shape = [0, 1, 2, 3]
            var text = "[\n"
            var starts: [Int] = []
            for row in 0..<random.below(40) {
                if row > 0 { text += separators[random.below(separators.count)] }
                if random.chance(0.05) {
                    switch random.below(3) {
                    case 0: shape.swapAt(random.below(shape.count), random.below(shape.count))
                    case 1: if shape.count > 1 { shape.remove(at: random.below(shape.count)) }
                    default: if !shape.contains(4) { shape.append(4) }
                    }
                }
                starts.append(text.utf8.count)
                text += Self.row(shape, keys: keys, values: values, usual: 0.9, &random)
            }
            text += "\n]"
            let (isDamaged, bytes, sizes, context) = Self.damagedMaybe(text, chance: 0.25, noise: noise, &random, seed: seed, round: round)
            guard check(bytes, sizes: sizes, context) else { return }
            // Undamaged and valid (a shape may repeat a key): the lines counted from the text.
            if !isDamaged, case .success = JSONParser.parse(bytes) {
                let expected = starts.map { start in 1 + bytes[..<start].count(where: { $0 == UInt8(ascii: "\n") }) }
                guard Self.streamed(bytes, sizes: sizes).lines == expected else {
                    XCTFail("lines \(Self.streamed(bytes, sizes: sizes).lines), expected \(expected); \(context)")
                    return
                }
            }
        }
    }
    /// A row of `shape`'s keys (indices into `keys`), each value one of the first four `values`
    /// with chance `usual`, any of them otherwise.
    private static func row(_ shape: [Int], keys: [String], values: [String], usual: Double, _ random: inout SplitMix64) -> String {
        "{" + shape.map { key in
            keys[key] + ": " + (random.chance(usual) ? values[random.below(4)] : values[random.below(values.count)])
        }.joined(separator: ", ") + "}"
    }

    /// `text`'s bytes, damaged (up to two edits of `noise`) with chance `chance`, and chunk sizes
    /// to read them in: whether they were damaged, the bytes, the sizes, and what a failure says.
    private static func damagedMaybe(_ text: String, chance: Double, noise: [UInt8], _ random: inout SplitMix64, seed: UInt64, round: Int)
        -> (isDamaged: Bool, bytes: [UInt8], sizes: [Int], context: String) {
        var bytes = Array(text.utf8)
        let isDamaged = random.chance(chance)
        if isDamaged {
            ByteDamage.damage(&bytes, noise: noise, maximumEdits: 2, random: &random)
        }
        let sizes = (0..<1 + random.below(3)).map { _ in 1 + random.below(random.chance(0.3) ? 16 : 600) }
        return (isDamaged, bytes, sizes, "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }

    /// Seeded: rows of a few shapes taking turns at random, as a writer that leaves out a row's
    /// empty keys writes them, one a line, some values escaped or not ASCII, damaged or not, in
    /// random chunks: the tree parser's rows or error, and the same lines as in one chunk. With
    /// no more shapes than are kept (`JSONRowKeys.maximumTemplates`), undamaged and in one
    /// chunk, most rows are read by a template, not member by member.
    func testRowsOfShapesTakingTurnsReadAsTheTree() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let keys = [#""name""#, #""employer""#, #""position""#, #""type""#, #""nature""#, #""valid_from""#, #""valid_to""#]
        let values = [#""Ana Smith""#, #""ICB""#, #""01/04/2024""#, #""Director of Riverside Care Ltd""#,
                      #""Tomás""#, #""\u00a3 5 gift""#, "12", "null"]
        let noise = Array("\"{}[],: \\\n".utf8) + [0xC3, 0x00]
        for round in 0..<200 {
            // Shapes: subsets of the keys in their order, each at least one key.
            let shapeCount = 1 + random.below(12)
            let shapes = (0..<shapeCount).map { _ in
                let shape = keys.indices.filter { _ in random.chance(0.6) }
                return shape.isEmpty ? [3] : shape
            }
            var text = "[\n"
            let rows = random.below(80)
            for row in 0..<rows {
                if row > 0 { text += ",\n" }
                text += Self.row(shapes[random.below(shapes.count)], keys: keys, values: values, usual: 0.95, &random)
            }
            text += "\n]"
            let (isDamaged, bytes, sizes, context) = Self.damagedMaybe(text, chance: 0.2, noise: noise, &random, seed: seed, round: round)
            guard check(bytes, sizes: sizes, context) else { return }
            guard !isDamaged, Set(shapes).count <= 8, rows >= 40 else { continue }
            var stream = JSONRowStream(nestedKey: "people")
            var collector = Collector()
            _ = bytes.withUnsafeBufferPointer { stream.append($0, into: &collector) }
            _ = stream.finish(into: &collector)
            // Each shape's first row, and rows with a value not plain ASCII, are read the general way.
            XCTAssertGreaterThan(collector.templateRows * 2, rows, "\(context): \(collector.templateRows) of \(rows) rows by a template")
        }
    }

    /// Seeded: arrays of a few thousand rows, some longer than the bytes a chunk lends the step
    /// straddling its start (`JSONRowStream.bridgeBytes`), damaged or not, in chunks large and
    /// small, so that chunks are read where they lie, after a straddling row, and copied whole
    /// when that row is longer: the tree parser's rows or error, and the same lines as in one chunk.
    func testLargeArraysInChunksLargeAndSmallReadAsTheTree() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let values = [#""Ana Smith""#, #""""#, #""01/04/2024""#, #""Tomás""#, #""\u00a3 5""#, "12", "null", #"{"x": [1]}"#]
        let noise = Array("\"{}[],: \\\n".utf8) + [0xC3, 0x00]
        for round in 0..<12 {
            var rows: [String] = []
            for _ in 0..<random.below(3_000) {
                let long = random.chance(0.005) ? #", "long": ""# + String(repeating: "long ", count: 1 + random.below(2_000)) + "\"" : ""
                rows.append(#"{"Name": "#  + values[random.below(random.chance(0.9) ? 4 : values.count)]
                            + #", "Nature of interest": "# + values[random.below(4)] + long + "}")
            }
            var bytes = Array(("[\n" + rows.joined(separator: random.chance(0.8) ? ",\n" : ", ") + "\n]").utf8)
            if random.chance(0.3) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 2, random: &random)
            }
            let sizes = (0..<1 + random.below(4)).map { _ in random.chance(0.1) ? random.below(9) : 1 + random.below(random.chance(0.5) ? 600 : 20_000) }
            if !check(bytes, sizes: sizes, "seed \(seed), round \(round), chunks \(sizes)") { return }
        }
    }
}
