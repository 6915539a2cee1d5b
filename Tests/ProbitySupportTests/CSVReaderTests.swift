import XCTest
@testable import ProbitySupport

final class CSVReaderTests: XCTestCase {
    private func read(_ text: String, separator: UInt8? = nil) -> (records: [CSVRecord], separator: UInt8) {
        CSVReader.read(Array(text.utf8), separator: separator)
    }

    private func fields(_ text: String) -> [[String]] {
        read(text).records.map(\.fields)
    }

    func testPlainCommaSeparated() {
        let result = read("a,b,c\n1,2,3\n")
        XCTAssertEqual(result.separator, UInt8(ascii: ","))
        XCTAssertEqual(result.records.map(\.fields), [["a", "b", "c"], ["1", "2", "3"]])
        XCTAssertEqual(result.records.map(\.line), [1, 2])
    }

    func testQuotedFieldsWithSeparatorsQuotesAndLineBreaks() {
        let text = "name,note\n\"Smith, J\",\"said \"\"hello\"\"\"\n\"x\",\"two\nlines\"\nlast,row\n"
        let result = read(text)
        XCTAssertEqual(result.records.map(\.fields), [
            ["name", "note"],
            ["Smith, J", "said \"hello\""],
            ["x", "two\nlines"],
            ["last", "row"],
        ])
        // The record after the two-line field starts on line 5, not 4.
        XCTAssertEqual(result.records.map(\.line), [1, 2, 3, 5])
    }

    func testLineEndingsCRLFAndCR() {
        XCTAssertEqual(fields("a,b\r\n1,2\r\n"), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(fields("a,b\r1,2\r3,4"), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(read("a\r\n\"x\r\ny\"\r\nz").records.map(\.line), [1, 2, 4])
    }

    func testByteOrderMarkIsStripped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Name\tType\nA\tB\n".utf8)
        let result = CSVReader.read(bytes)
        XCTAssertEqual(result.separator, UInt8(ascii: "\t"))
        XCTAssertEqual(result.records.first?.fields, ["Name", "Type"])
    }

    func testSeparatorDetection() {
        XCTAssertEqual(read("a\tb, c\td\n").separator, UInt8(ascii: "\t"))
        XCTAssertEqual(read("a;b;c\n1,5;2;3\n").separator, UInt8(ascii: ";"))
        // Separators inside quotes in the header do not count.
        XCTAssertEqual(read("\"a;b;c\",d\n").separator, UInt8(ascii: ","))
        XCTAssertEqual(read("single column\n").separator, UInt8(ascii: ","))
        XCTAssertEqual(read("a;b\n", separator: UInt8(ascii: ",")).records[0].fields, ["a;b"])
    }

    func testEmptyLinesKeptInsideDroppedAtEnd() {
        let result = read("a\tb\n\nc\td\n\n\n")
        XCTAssertEqual(result.records.map(\.fields), [["a", "b"], [""], ["c", "d"]])
        XCTAssertEqual(result.records.map(\.line), [1, 2, 3])
    }

    func testEmptyFieldsAndTrailingSeparator() {
        XCTAssertEqual(fields(",,\n\"\",x,\n"), [["", "", ""], ["", "x", ""]])
    }

    func testUnterminatedQuoteRunsToEnd() {
        XCTAssertEqual(fields("a,\"open\nstill open"), [["a", "open\nstill open"]])
        XCTAssertEqual(fields("x\n\""), [["x"]])  // an empty last record is an empty line
    }

    func testLenientQuotes() {
        // A quote in the middle of a field is data; spaces before an opening quote are dropped.
        XCTAssertEqual(fields("5\" floppy,a, \"b,c\"\n"), [["5\" floppy", "a", "b,c"]])
        XCTAssertEqual(fields("\"ab\"cd,e\n"), [["abcd", "e"]])
    }

    func testUTF8Preserved() {
        XCTAssertEqual(fields("Tomás Ó Briain,King’s College – London\n"), [["Tomás Ó Briain", "King’s College – London"]])
    }

    func testEmptyInput() {
        XCTAssertTrue(read("").records.isEmpty)
        XCTAssertTrue(read("\n\r\n").records.isEmpty)
    }

    func testLargeInputIsFast() {
        var text = "Name,Employer,Position,Type,Nature,From,To\n"
        for i in 0..<20_000 {
            text += "Person \(i),Org \(i % 50),Role,Financial Interest,\"Director, Company \(i)\",01/01/2020,\n"
        }
        let bytes = Array(text.utf8)
        let result = CSVReader.read(bytes)
        XCTAssertEqual(result.records.count, 20_001)
        XCTAssertEqual(result.records[20_000].fields[4], "Director, Company 19999")
    }
}
