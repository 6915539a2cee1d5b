import Foundation
import XCTest
@testable import ProbityRegister
import ProbitySupport
import ProbityTestSupport

/// A JSON array of rows read in two parts (``RegisterReadSharing``) is the register one thread
/// reading it whole makes, wherever the file is split: the later part is taken in when the
/// split falls between two rows and that part names no row by its number, and otherwise the
/// reading thread reads on.
final class RegisterReadSharingJSONTests: XCTestCase {
    private func summary(_ result: Result<Register, RegisterLoadError>) -> String { registerSummary(result) }

    private func readInTwo(_ bytes: [UInt8], split: Int, chunkSize: Int) -> (register: String, shared: Bool) {
        ProbityRegisterTests.readInTwo(bytes, fileName: "r.json", split: split, chunkSize: chunkSize)
    }

    func testAPersonInBothPartsIsMergedWithTheFindingReadingWholeMakes() throws {
        let text = """
            [
            {"name": "Ana Tomás", "position": "Chair", "type": "Financial Interest", "nature": "Director of Riverside Care Ltd", "valid_from": "01/04/2020"},
            {"type": "Indirect", "nature": "Spouse works for Lewisham Care"},
            {"name": "Ben Okafor", "employer": "ICB", "type": "Nil"},
            {"type": "Non-Financial Professional", "nature": "Member of BGPA", "valid_from": "31/02/2022"},
            {"name": "ana  TOMÁS", "employer": "Guy's and St Thomas'", "type": "Indirect", "nature": "Trustee of Hope Trust"},
            {"name": "Ana Tomás", "employer": "Kings College Hospital", "type": "Financial Interest", "nature": "Shares in Orphan Ltd"}
            ]

            """
        let bytes = Array(text.utf8)
        // The split: the start of line 5, a continuation row of Ben Okafor's.
        let split = try XCTUnwrap(bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.dropFirst(3).first) + 1
        XCTAssertEqual(RegisterReadSharing.jsonSplit(bytes, from: split - 3), split, "a line starting `{` after one ending `,`")
        let whole = summary(RegisterLoader.read(bytes, fileName: "r.json"))
        let parts = readInTwo(bytes, split: split, chunkSize: 16)
        XCTAssertTrue(parts.shared)
        XCTAssertEqual(parts.register, whole)
        guard case .success(let register) = RegisterLoader.read(bytes, fileName: "r.json") else { return XCTFail("not read") }
        XCTAssertEqual(register.people.map(\.name), ["Ana Tomás", "Ben Okafor"])
        XCTAssertEqual(register.people[0].lines, [2, 3, 6, 7])
        XCTAssertEqual(register.issues.map(\.message).filter { $0.contains("listed more than once") },
                       ["`ana  TOMÁS` is listed more than once (first at line 2); the entries are merged"])
    }

    /// An array written indented, each row's `{` after spaces and its members on lines of their
    /// own: the helper splits at a row's `{` (not its line's start, where the reading thread,
    /// reading one byte past the split, would see a space and never the `,` before), and the
    /// later part is taken in at every split it offers.
    func testAnIndentedArrayIsSharedAtEverySplitOffered() throws {
        let names = ["Ana Tomás", "Ben Okafor", "ana  TOMÁS", "Sam Lee"]
        let types = ["Financial Interest", "Indirect", "Nil", "Something odd"]
        let rows = (0..<60).map { index in
            var members = [#""type": "\#(types[index % types.count])""#, #""nature": "Trustee, \"Hope\" Trust""#]
            if index % 3 == 0 { members.insert(#""name": "\#(names[index / 3 % names.count])""#, at: 0) }
            return "  {\n" + members.map { "    " + $0 }.joined(separator: ",\n") + "\n  }"
        }
        let bytes = Array(("[\n" + rows.joined(separator: ",\n") + "\n]\n").utf8)
        let whole = summary(RegisterLoader.read(bytes, fileName: "r.json"))
        let splits = Set(bytes.indices.compactMap { RegisterReadSharing.jsonSplit(bytes, from: $0) })
        XCTAssertEqual(splits.count, 59, "a split at each row's `{` but the first")
        for split in splits.sorted() {
            XCTAssertEqual(bytes[split], UInt8(ascii: "{"))
            let parts = readInTwo(bytes, split: split, chunkSize: 7)
            XCTAssertTrue(parts.shared, "split \(split)")
            XCTAssertEqual(parts.register, whole, "split \(split)")
        }
    }

    /// A split at a row's `{` in the middle of a line (never one a helper makes, but one the
    /// fuzz target and these tests may): the rows before and after share the line, which the
    /// builder's merge is not made for, so the part is not taken in, and the register is the one
    /// read whole.
    func testASplitMidLineIsReadOn() throws {
        let text = "[\n" + #"{"name": "Ana Tomás", "type": "Indirect"}, {"name": "Ana Tomás", "type": "Something odd"}"# + ",\n"
            + #"{"name": "Sam Lee", "type": "Nil"}"# + "\n]\n"
        let bytes = Array(text.utf8)
        let split = try XCTUnwrap(bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") }.dropFirst().first)
        let parts = readInTwo(bytes, split: split, chunkSize: 4)
        XCTAssertFalse(parts.shared)
        XCTAssertEqual(parts.register, summary(RegisterLoader.read(bytes, fileName: "r.json")))
    }

    /// A later part that cannot be taken in is read no further than the chunk that shows it, so
    /// that the reading thread, waiting for it, reads on sooner: here every row has a key the
    /// importer does not read, which names the row by its number.
    func testAPartThatCannotBeTakenInIsReadNoFurther() throws {
        let row = #"{"id": "x", "name": "Ana Tomás", "type": "Indirect"}"#
        let bytes = Array(("[\n" + Array(repeating: row, count: 20_000).joined(separator: ",\n") + "\n]\n").utf8)
        let split = try XCTUnwrap(RegisterReadSharing.jsonSplit(bytes, from: bytes.count / 2))
        let later = RegisterReadSharing.read(.init(bytes: bytes, kind: .json, fileName: "r.json"), from: split)
        guard case .json(let part) = later.part else { return XCTFail("not a JSON part") }
        XCTAssertFalse(part.canStillBeTakenIn)
        XCTAssertLessThanOrEqual(part.entriesRead, RegisterReadSharing.jsonPartChunk / row.utf8.count + 1, "read past the first chunk")
        // And the register read in two is still the one read whole.
        XCTAssertFalse(readInTwo(bytes, split: split, chunkSize: 1 << 12).shared)
        XCTAssertEqual(readInTwo(bytes, split: split, chunkSize: 1 << 12).register, summary(RegisterLoader.read(bytes, fileName: "r.json")))
    }

    /// A later part that names a row by its number (a key not read, a value not a string, an
    /// element not an object) is not taken in: its numbers count from its own start. The
    /// reading thread reads on, and the register is the one read whole.
    func testALaterPartNamingARowByNumberIsReadOn() throws {
        for odd in [#"{"name": "Ben Okafor", "type": "Nil", "colour": "blue"}"#, #"{"name": "Ben Okafor", "type": ["Nil"]}"#, "42"] {
            let text = "[\n" + #"{"name": "Ana Tomás", "type": "Indirect"}"# + ",\n" + odd + ",\n" + #"{"name": "Sam Lee", "type": "Nil"}"# + "\n]\n"
            let bytes = Array(text.utf8)
            let split = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "\n"))) + 1 + text.split(separator: "\n")[1].utf8.count + 1
            let parts = readInTwo(bytes, split: split, chunkSize: 8)
            XCTAssertFalse(parts.shared, odd)
            XCTAssertEqual(parts.register, summary(RegisterLoader.read(bytes, fileName: "r.json")), odd)
            XCTAssertTrue(parts.register.contains("row 2"), parts.register)
        }
    }

    /// Splits inside a string, inside a row written over several lines, inside a nested array,
    /// or in a document that is not an array of rows are never taken in, and change nothing.
    func testASplitNotBetweenRowsIsReadOn() {
        let texts = [
            // A row over several lines: the split at its second line.
            "[\n{\"name\": \"Ana Tomás\",\n\"type\": \"Indirect\"},\n{\"name\": \"Sam Lee\", \"type\": \"Nil\"}\n]\n",
            // The nested shape.
            "{\"people\": [\n{\"name\": \"Ana Tomás\", \"interests\": [\n{\"type\": \"Indirect\"},\n{\"type\": \"Nil\"}]}\n]}\n",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let whole = summary(RegisterLoader.read(bytes, fileName: "r.json"))
            for split in 1..<bytes.count {
                let parts = readInTwo(bytes, split: split, chunkSize: 5)
                XCTAssertEqual(parts.register, whole, "split \(split): \(text.debugDescription)")
                if text.hasPrefix("{") { XCTAssertFalse(parts.shared, "the nested shape is read by one thread") }
            }
        }
    }

    /// Seeded: random arrays of rows (escapes, numbers, nulls, keys spelt as headers, keys not
    /// read, rows over several lines or two a line, elements that are no object, damage at the
    /// end) split at every line start and at random bytes, read a few bytes or a large chunk at
    /// a time: the register read whole each time, and splits at a row's line often taken in.
    func testRandomArraysSplitAnywhereReadAsWhole() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        var rowSplits = 0, sharedRowSplits = 0
        for round in 0..<40 {
            let bytes = Self.randomArray(&random)
            let whole = summary(RegisterLoader.read(bytes, fileName: "r.json"))
            let lineStarts = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\n") }
            let anywhere = (0..<10).map { _ in random.below(bytes.count + 1) }
            for split in lineStarts + anywhere {
                let chunkSize = random.chance(0.8) ? 1 + random.below(40) : 1 << 18
                let parts = readInTwo(bytes, split: split, chunkSize: chunkSize)
                // A split a helper could choose: a row's line, after a line ending in `,`.
                if chunkSize < 64, split > 0, RegisterReadSharing.jsonSplit(bytes, from: split - 1) == split {
                    rowSplits += 1
                    if parts.shared { sharedRowSplits += 1 }
                }
                if parts.register != whole {
                    XCTAssertEqual(parts.register, whole, "seed \(seed), round \(round), split \(split), chunks of \(chunkSize): "
                                   + String(decoding: bytes, as: UTF8.self).debugDescription)
                    return
                }
            }
        }
        XCTAssertGreaterThan(sharedRowSplits * 8, rowSplits, "seed \(seed), \(sharedRowSplits) of \(rowSplits): splits at a row's line should often be taken in (a quarter to a half, by the rows the generator makes)")
    }

    /// Seeded: an array of a few megabytes, read by one thread while another calls `help()`
    /// from the start: the register read whole, and the later part taken in; and loading it
    /// from the disk with sharing gives what loading it without does.
    func testAHelperThreadReadsPartOfALargeArray() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        var rows: [String] = []
        var size = 0
        while size < 3 * RegisterReadSharing.leastLeftToShare {
            let row = Self.randomRow(&random, plain: true)
            rows.append(row)
            size += row.utf8.count + 2
        }
        let bytes = Array(("[\n" + rows.joined(separator: ",\n") + "\n]\n").utf8)
        let whole = summary(RegisterLoader.read(bytes, fileName: "r.json"))
        var shared = 0
        for _ in 0..<3 {
            let sharing = RegisterReadSharing()
            let finished = NSLock(), done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var stop = false
            DispatchQueue.global().async {
                while !finished.withLock({ stop }) { sharing.help() }
                done.signal()
            }
            let register = summary(RegisterJSONImport.read(bytes, fileName: "r.json", sharing: sharing, chunkSize: 1 << 16))
            finished.withLock { stop = true }
            done.wait()
            XCTAssertEqual(register, whole, "seed \(seed)")
            if sharing.wasShared { shared += 1 }
        }
        XCTAssertGreaterThan(shared, 0, "seed \(seed): a helper polling from the start never took a part")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probity-json-sharing-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.json").path
        try Data([0xEF, 0xBB, 0xBF] + bytes).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(summary(RegisterLoader.load(path: path, sharing: RegisterReadSharing())), summary(RegisterLoader.load(path: path)))
    }

    /// The register fuzz target's seeds, and the example registers, split at every line start,
    /// every `{` and every 37th byte, read a few bytes or a large chunk at a time
    /// (``RegisterLoader/read(_:fileName:splittingAt:chunkSize:)``, what the fuzz target checks on
    /// every input it makes): the register read whole each time.
    func testTheFuzzSeedsAndExampleRegistersReadAsWholeSplitAnywhere() throws {
        // Tests/ProbityRegisterTests/this file → the package's root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["Fuzz/Corpus/register", "Examples/registers"].map { root.appendingPathComponent($0) }
        var files = 0
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
                guard bytes.count <= 1 << 16 else { continue }
                files += 1
                let whole = summary(RegisterLoader.read(bytes, fileName: name))
                // Where a part may be taken in (a line's start, a row's `{`), read in small
                // chunks and in one; anywhere else, in small chunks.
                let rowStarts = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") || ($0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\n")) }
                let splits = rowStarts.map { ($0, [5, 1 << 18]) } + stride(from: 0, to: bytes.count, by: 37).map { ($0, [7]) }
                for (split, chunkSizes) in splits {
                    for chunkSize in chunkSizes {
                        let parts = summary(RegisterLoader.read(bytes, fileName: name, splittingAt: split, chunkSize: chunkSize))
                        guard parts == whole else {
                            return XCTFail("\(name) split at \(split), chunks of \(chunkSize): \(parts) is not \(whole)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(files, 3)
    }

    // MARK: Random arrays

    static func randomRow(_ random: inout SplitMix64, plain: Bool = false) -> String {
        let names = ["Ana Tomás", "ana  TOMÁS", "Dr Ana Tomás", "Colin Smith", "Ben Okafor", "Priya \\\"PJ\\\" Shah", "Li, Wei",
                     "Z\\u00f6e Hart", "Sam Lee", "sam lee"]
        let types = ["Financial Interest", "Indirect", "Non-Financial Personal Interest", "", "Nil", "Something odd"]
        let natures = ["Director of Riverside Care Ltd", "Member of BGPA", "", "Trustee, \\\"Hope\\\" Trust", "two\\nlines", "},\\n{"]
        let dates = ["01/04/2020", "2021-05-03", "31/02/2022", "1/4/25", "soon"]
        var members: [String] = []
        if random.chance(0.45) { members.append("\"name\": \"\(names[random.below(names.count)])\"") }
        if random.chance(0.3) { members.append("\"\(random.chance(0.5) ? "employer" : "Who do you currently work for")\": \"ICB\"") }
        members.append("\"type\": \"\(types[random.below(types.count)])\"")
        if random.chance(0.7) { members.append("\"nature\": \"\(natures[random.below(natures.count)])\"") }
        if random.chance(0.5) { members.append("\"valid_from\": \"\(dates[random.below(dates.count)])\"") }
        if !plain {
            if random.chance(0.1) { members.append("\"valid_to\": null") }
            if random.chance(0.05) { members.append("\"valid_to\": 2024") }
            if random.chance(0.01) { members.append("\"notes\": \"a key not read\"") }
            if random.chance(0.01) { members.append("\"nature\": [\"not\", \"a string\"]") }
        }
        let layout = plain ? 0 : random.below(10)
        if layout == 0 && !plain && random.chance(0.1) { return "17" }
        return layout == 1 ? "{\n  " + members.joined(separator: ",\n  ") + "\n}" : "{" + members.joined(separator: ", ") + "}"
    }

    /// A random array of rows, one a line mostly, with the odd row over several lines, two rows
    /// on a line, a comma leading the next line, or damage at the end.
    static func randomArray(_ random: inout SplitMix64) -> [UInt8] {
        var text = random.chance(0.5) ? "[\n" : "["
        let count = random.below(40)
        for index in 0..<count {
            text += randomRow(&random)
            guard index < count - 1 else { break }
            switch random.below(40) {
            case 0: text += ", "
            case 1, 2: text += "\n,"
            case 3, 4: text += " ,\r\n  "
            default: text += ",\n"
            }
        }
        text += random.chance(0.9) ? "\n]\n" : random.chance(0.5) ? "\n" : ",\n]"
        return Array(text.utf8)
    }
}
