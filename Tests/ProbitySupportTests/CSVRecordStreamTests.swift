import XCTest
import ProbitySupport
import ProbityTestSupport

/// The chunked splitter gives exactly the records of the whole-file reader, wherever the
/// chunks end: inside a quoted field, between CR and LF, between the quotes of `""`, inside a
/// UTF-8 sequence or a byte order mark.
final class CSVRecordStreamTests: XCTestCase {
    /// `bytes` split in chunks of the given sizes (the last takes the rest).
    private func streamed(_ bytes: [UInt8], chunks sizes: [Int], separator: UInt8? = nil) -> (records: [CSVRecord], separator: UInt8?) {
        var stream = CSVRecordStream(separator: separator)
        var records: [CSVRecord] = []
        var offset = 0
        for size in sizes where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            stream.append(Array(bytes[offset..<end])) { records.append($0) }
            offset = end
        }
        stream.append(Array(bytes[offset...])) { records.append($0) }
        stream.finish { records.append($0) }
        return (records, stream.separator)
    }

    private func assertSameEverySplit(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Array(text.utf8)
        let whole = CSVReader.read(bytes)
        for first in 0...bytes.count {
            let split = streamed(bytes, chunks: [first])
            XCTAssertEqual(split.records, whole.records, "split at \(first) of \(text.debugDescription)", file: file, line: line)
            XCTAssertEqual(split.separator, whole.separator, file: file, line: line)
        }
        let bytewise = streamed(bytes, chunks: Array(repeating: 1, count: bytes.count))
        XCTAssertEqual(bytewise.records, whole.records, "byte by byte: \(text.debugDescription)", file: file, line: line)
    }

    func testEverySplitOfTheAwkwardPlacesGivesTheSameRecords() {
        assertSameEverySplit("a,b\r\n1,2\r\n")                          // CR | LF
        assertSameEverySplit("a,b\r1,2\r3,4")                           // CR alone, no final break
        assertSameEverySplit("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"x\",\"two\r\nlines\"\nlast,row\n")
        assertSameEverySplit("\u{FEFF}Name\tType\nA\tB\n")              // a byte order mark cut
        assertSameEverySplit("a\tb\n\nc\td\n\n\n")                     // empty lines kept inside, dropped at the end
        assertSameEverySplit("a,\"open\nstill open")                    // a quote never closed
        assertSameEverySplit("x\n\"")
        assertSameEverySplit(",,\n\"\",x,\n")                          // empty fields, a trailing separator
        assertSameEverySplit("a,b,")                                    // a separator last of all
        assertSameEverySplit("Tomás Ó Briain,King’s College – London\n")
        assertSameEverySplit("\"a;b;c\",d\n1;2,3\n")                     // the header's quotes hide separators
        assertSameEverySplit("\n\r\n")
        assertSameEverySplit("")
    }

    func testARecordLongerThanManyChunksIsReadOnce() {
        let long = String(repeating: "word, ", count: 20_000)
        let text = "a,b\n\"" + long + "\",x\nc,d\n"
        let bytes = Array(text.utf8)
        let split = streamed(bytes, chunks: Array(repeating: 7, count: bytes.count / 7))
        XCTAssertEqual(split.records.map(\.fields), [["a", "b"], [long, "x"], ["c", "d"]])
        XCTAssertEqual(split.records.map(\.line), [1, 2, 3])
    }

    func testAGivenSeparatorIsUsedFromTheFirstByte() {
        let split = streamed(Array("a;b\n".utf8), chunks: [1, 1, 1], separator: UInt8(ascii: ","))
        XCTAssertEqual(split.records.map(\.fields), [["a;b"]])
    }

    /// Seeded: random tables of awkward cells, and damaged copies of them (bytes cut, doubled,
    /// swapped for quotes, breaks and separators), split at random places, come out as the
    /// whole-file reader reads them.
    func testRandomTablesSplitAtRandomPlacesGiveTheWholeFileRecords() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let cells = ["", "a", "Dr Ana Tomás", "\"quoted, cell\"", "\"with \"\"quotes\"\"\"", "\"two\r\nlines\"",
                     "\"cr\ronly\"", "  \"spaced\"", "5\" floppy", "\"open", "x;y", "tab\there", "😀", "King’s"]
        let breaks = ["\n", "\r\n", "\r"]
        let separators = [",", "\t", ";"]
        let noise: [UInt8] = Array("\"\r\n,;\t ".utf8) + [0xEF, 0xBB, 0xBF, 0xC3, 0x80]
        for round in 0..<300 {
            let separator = separators[random.below(separators.count)]
            var text = random.chance(0.2) ? "\u{FEFF}" : ""
            for _ in 0..<random.below(12) {
                let width = 1 + random.below(6)
                text += (0..<width).map { _ in cells[random.below(cells.count)] }.joined(separator: separator)
                text += breaks[random.below(breaks.count)]
            }
            var bytes = Array(text.utf8)
            if random.chance(0.5) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 4, random: &random)
            }
            var sizes: [Int] = []
            var total = 0
            while total < bytes.count {
                let size = random.chance(0.3) ? 0 : 1 + random.below(9)
                sizes.append(size)
                total += size
            }
            let whole = CSVReader.read(bytes)
            let split = streamed(bytes, chunks: sizes)
            XCTAssertEqual(split.records, whole.records, "seed \(seed), round \(round): \(bytes) in chunks \(sizes)")
            XCTAssertEqual(split.separator, whole.separator, "seed \(seed), round \(round)")
            if split.records != whole.records { return }
        }
    }

    /// Seeded: tables of a few thousand records, some longer than the bytes a chunk lends the
    /// record straddling its start (`CSVRecordStream.bridgeBytes`), in chunks large and small,
    /// so that chunks are split where they lie, after a straddling record, and copied whole
    /// when that record is longer: the whole-file reader's records, lines included.
    func testLargeTablesInChunksLargeAndSmallGiveTheWholeFileRecords() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let cells = ["", "a", "Dr Ana Tomás", "\"quoted, cell\"", "\"two\r\nlines\"", "King’s", "Director of Riverside Care Ltd"]
        for round in 0..<12 {
            var text = ""
            for _ in 0..<random.below(3_000) {
                let width = 1 + random.below(7)
                text += (0..<width).map { _ in
                    random.chance(0.005) ? String(repeating: "long ", count: 1 + random.below(2_000)) : cells[random.below(cells.count)]
                }.joined(separator: ",")
                text += random.chance(0.8) ? "\n" : "\r\n"
            }
            let bytes = Array(text.utf8)
            var sizes: [Int] = []
            var total = 0
            while total < bytes.count {
                let size = random.chance(0.1) ? random.below(9) : 1 + random.below(random.chance(0.5) ? 600 : 20_000)
                sizes.append(size)
                total += size
            }
            let whole = CSVReader.read(bytes)
            let split = streamed(bytes, chunks: sizes)
            XCTAssertEqual(split.records.count, whole.records.count, "seed \(seed), round \(round), chunks \(sizes)")
            XCTAssertEqual(split.records.firstIndex { !whole.records.contains($0) }, nil, "seed \(seed), round \(round), chunks \(sizes)")
            guard split.records == whole.records else {
                XCTFail("seed \(seed), round \(round), chunks \(sizes): the records differ")
                return
            }
        }
    }

    /// Seeded: tables without quotes, whose fields of every length put each separator and line
    /// break at every place in the eight bytes the splitter looks at together, split as a plain
    /// reference splits them; `CSVFields` gives the same fields as bytes as the records give.
    func testUnquotedFieldsOfEveryLengthSplitAsThePlainReference() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let letters = Array("ab é;\t".utf8)
        for round in 0..<300 {
            let separator = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")][random.below(3)]
            var rows: [[[UInt8]]] = []
            for _ in 0..<1 + random.below(6) {
                rows.append((0..<1 + random.below(5)).map { _ in
                    (0..<random.below(20)).map { _ in letters[random.below(letters.count)] }.filter { $0 != separator }
                })
            }
            // (A lone CR before an empty line would read as CRLF: not among these.)
            let breaks = [[UInt8(ascii: "\n")], [UInt8(ascii: "\r"), UInt8(ascii: "\n")]]
            var bytes: [UInt8] = []
            for row in rows {
                for (index, field) in row.enumerated() {
                    if index > 0 { bytes.append(separator) }
                    bytes += field
                }
                bytes += breaks[random.below(breaks.count)]
            }
            let expected = rows.map { $0.map { String(decoding: $0, as: UTF8.self) } }
            var stream = CSVRecordStream(separator: separator)
            var records: [[String]] = [], fromBytes: [[String]] = []
            let sizes = [1 + random.below(40)]
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + sizes[0])
                stream.appendFields(Array(bytes[offset..<end])) { fields in
                    records.append(fields.record.fields)
                    fromBytes.append((0..<fields.count).map { String(decoding: fields[$0], as: UTF8.self) })
                }
                offset = end
            }
            stream.finishFields { fields in
                records.append(fields.record.fields)
                fromBytes.append((0..<fields.count).map { String(decoding: fields[$0], as: UTF8.self) })
            }
            // Empty lines at the end are dropped; elsewhere an empty line is one empty field.
            var reference = expected
            while let last = reference.last, last == [""] { reference.removeLast() }
            XCTAssertEqual(records, reference, "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            XCTAssertEqual(fromBytes, records, "seed \(seed), round \(round)")
            if records != reference { return }
        }
    }

    // MARK: A file read in parts

    func testLineBreaksAreCountedAsRecordsCountThem() {
        func breaks(_ text: String) -> Int { Array(text.utf8).withUnsafeBufferPointer(CSVRecordStream.lineBreaks(in:)) }
        XCTAssertEqual(breaks(""), 0)
        XCTAssertEqual(breaks("a\nb\r\nc\rd"), 3)
        XCTAssertEqual(breaks("\r\r\n\n"), 3)          // a lone CR, a CR LF, an LF
        XCTAssertEqual(breaks("\"x\r\ny\"\n"), 2)       // inside quotes too
        // Whatever the text, the next record of a stream given all of it starts one line on.
        for text in ["a,b\r\n\"c\nd\",e\n", "x\r\ry\n\n", "\"q\r\"\n"] {
            var stream = CSVRecordStream(separator: UInt8(ascii: ","))
            stream.appendFields(Array(text.utf8)) { _ in }
            XCTAssertTrue(stream.endsAtRecordStart { _ in })
            XCTAssertEqual(stream.nextLine, 1 + breaks(text), text.debugDescription)
        }
    }

    /// Seeded: random texts of letters, LFs, CRs and quotes, with and without CRs, against a
    /// count a byte at a time.
    func testLineBreaksAreCountedAsByteByByteOnRandomTexts() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for round in 0..<300 {
            let alphabet: [UInt8] = random.chance(0.5) ? Array("ab\n\"".utf8) : Array("ab\n\r\"".utf8)
            let bytes = (0..<random.below(600)).map { _ in alphabet[random.below(alphabet.count)] }
            var expected = 0
            for index in bytes.indices {
                if bytes[index] == UInt8(ascii: "\n") { expected += index > 0 && bytes[index - 1] == UInt8(ascii: "\r") ? 0 : 1 }
                if bytes[index] == UInt8(ascii: "\r") { expected += 1 }
            }
            XCTAssertEqual(bytes.withUnsafeBufferPointer(CSVRecordStream.lineBreaks(in:)), expected, "seed \(seed), round \(round)")
        }
    }

    func testAStreamEndsAtARecordStartOnlyWhenNothingIsHeld() {
        let comma = UInt8(ascii: ",")
        func ends(_ text: String) -> (Bool, [Int]) {
            var stream = CSVRecordStream(separator: comma)
            var lines: [Int] = []
            stream.appendFields(Array(text.utf8)) { lines.append($0.line) }
            let ends = stream.endsAtRecordStart { lines.append($0.line) }
            return (ends, lines)
        }
        XCTAssertEqual(ends("a,b\nc,d\n").0, true)
        XCTAssertEqual(ends("a,b\nc,d").0, false)                 // a record not yet ended
        XCTAssertEqual(ends("a,\"b\nc").0, false)                // inside a quoted field
        XCTAssertEqual(ends("a,b\r").0, false)                    // an LF may follow the CR
        // Empty lines before the point are handed on, since more of the file follows.
        let (endsAfterEmpty, lines) = ends("a\n\n\n")
        XCTAssertTrue(endsAfterEmpty)
        XCTAssertEqual(lines, [1, 2, 3])
    }

    func testAStreamContinuingAFileNumbersItsLinesFromThereAndTakesNoMark() {
        var stream = CSVRecordStream(separator: UInt8(ascii: ";"), continuingAtLine: 40)
        var records: [CSVRecord] = []
        stream.append([0xEF, 0xBB, 0xBF] + Array("a;b\nc,d;e\n".utf8)) { records.append($0) }
        stream.finish { records.append($0) }
        XCTAssertEqual(records.map(\.line), [40, 41])
        XCTAssertEqual(records.map(\.fields), [["\u{FEFF}a", "b"], ["c,d", "e"]])
    }
}
