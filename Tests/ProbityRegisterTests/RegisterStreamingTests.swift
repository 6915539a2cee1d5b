import Foundation
import XCTest
@testable import ProbityRegister
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport

/// A register loaded from a file a chunk at a time (`RegisterLoader.load`) is the register its
/// whole bytes make (`RegisterLoader.read`): the same people, the same findings in the same
/// order, the same account of rows, the same failure, wherever the chunks end.
final class RegisterStreamingTests: XCTestCase {
    /// Files in memory handed on in chunks of the sizes given, in turn.
    struct ChunkedFiles: FileProvider {
        let files: MemoryFiles
        let sizes: [Int]

        func absolute(_ path: String) -> String { files.absolute(path) }
        func kind(of path: String) -> FileKind? { files.kind(of: path) }
        func contents(of path: String) -> [UInt8]? { files.contents(of: path) }
        func files(under folder: String) -> [String] { files.files(under: folder) }

        func forEachChunk(_ path: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Result<Void, FileError> {
            guard let bytes = files.contents(of: path) else { return .failure(FileError(reason: "no such file")) }
            var offset = 0, turn = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + max(1, sizes[turn % sizes.count]))
                turn += 1
                let goOn = bytes[offset..<end].withUnsafeBufferPointer(body)
                offset = end
                if !goOn { break }
            }
            return .success(())
        }
    }

    /// A register's model as text, everything compared: people, findings in order, rows.
    private func summary(_ result: Result<Register, RegisterLoadError>) -> String {
        switch result {
        case .failure(let error): return "failure: \(error)"
        case .success(let register):
            return "\(register.people)\n\(register.issues.map { "\($0.severity)[\($0.code)] \($0.input.map { "\($0)" } ?? ""): \($0.message)" })\n\(register.rows)"
        }
    }

    private func assertStreamedIsWhole(_ bytes: [UInt8], fileName: String, sizes: [Int], _ context: String,
                                       file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let whole = summary(RegisterLoader.read(bytes, fileName: fileName))
        let files = ChunkedFiles(files: MemoryFiles(["/" + fileName: bytes]), sizes: sizes)
        let streamed = summary(RegisterLoader.load(path: "/" + fileName, files: files))
        XCTAssertEqual(streamed, whole, context, file: file, line: line)
        return streamed == whole
    }

    func testTheQuirkyRegisterStreamsByteByByte() {
        let rows = RegisterFormatAgreementTests.rows
        for (name, bytes) in [("r.csv", RegisterFormatAgreementTests.csv(rows)), ("r.json", RegisterFormatAgreementTests.json(rows))] {
            for size in [1, 2, 3, 5, 64] {
                _ = assertStreamedIsWhole(bytes, fileName: name, sizes: [size], "\(name) in chunks of \(size)")
            }
        }
    }

    func testAHeaderBelowTitleLinesAndTooManyTitleLines() {
        let header = RegisterFormatAgreementTests.headers.joined(separator: ",")
        let found = "Register of interests\n\n" + header + "\nAna Tomás,,,Financial Interest,Shares,,\n"
        _ = assertStreamedIsWhole(Array(found.utf8), fileName: "r.csv", sizes: [3], "title lines")
        let lost = String(repeating: "title\n", count: RegisterTableImport.headerSearchLimit) + header + "\nA B,,,Nil,,,\n"
        _ = assertStreamedIsWhole(Array(lost.utf8), fileName: "r.csv", sizes: [7], "header too far down")
        _ = assertStreamedIsWhole(Array("   \n ".utf8), fileName: "r.csv", sizes: [1], "nothing visible")
        _ = assertStreamedIsWhole([0xEF, 0xBB, 0xBF] + Array(" [] ".utf8), fileName: "r.json", sizes: [1], "a JSON array after a mark")
    }

    /// Seeded: random registers, and damaged copies of them, as CSV and as JSON, split at
    /// random places, load as their whole bytes read.
    func testRandomRegistersSplitAtRandomPlacesLoadAsTheirWholeBytes() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let names = ["Ana Tomás", "Colin Smith", "", "", "Ben Okafor", "Priya \"PJ\" Shah", "Li, Wei"]
        let types = ["Financial Interest", "Indirect", "Non-Financial Personal Interest", "", "Nil", "Odd"]
        let natures = ["Director of Riverside Care Ltd", "Member of BGPA", "", "Trustee, \"Hope\" Trust", "two\nlines"]
        let dates = ["", "01/04/2020", "2021-05-03", "31/02/2022", "1/4/25", "12.3.2019"]
        let noise: [UInt8] = Array("\"\r\n,;{}[]: ".utf8) + [0xEF, 0xBB, 0xBF, 0xC3]
        for round in 0..<150 {
            var rows: [[String]] = []
            for _ in 0..<random.below(25) {
                rows.append([names[random.below(names.count)], random.chance(0.1) ? "Bromley Healthcare" : "",
                             random.chance(0.1) ? "Chair" : "", types[random.below(types.count)],
                             natures[random.below(natures.count)], dates[random.below(dates.count)], dates[random.below(dates.count)]])
            }
            let isJSON = random.chance(0.5)
            var bytes = isJSON ? RegisterFormatAgreementTests.json(rows) : RegisterFormatAgreementTests.csv(rows)
            if !isJSON && random.chance(0.3) {
                bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            }
            if random.chance(0.4) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 3, random: &random)
            }
            let sizes = (0..<1 + random.below(5)).map { _ in 1 + random.below(random.chance(0.5) ? 8 : 200) }
            let fileName = isJSON ? "r.json" : "r.csv"
            if !assertStreamedIsWhole(bytes, fileName: fileName, sizes: sizes,
                                      "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self).debugDescription)") {
                return
            }
        }
    }

    /// Seeded: random registers of the nested shape (`{"people": [...]}`, interests under each
    /// person, other members around), damaged or not, split at random places, load as their
    /// whole bytes read: the same people, findings, row account, or the same failure.
    func testRandomNestedRegistersSplitAtRandomPlacesLoadAsTheirWholeBytes() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        func quoted(_ text: String) -> String { JSONWriter.compact(.string(text)) }
        let names = ["Ana Tomás", "Colin Smith", "", "Ben Okafor", "Priya \"PJ\" Shah", "Li, Wei"]
        let types = ["Financial Interest", "Indirect", "Non-Financial Personal Interest", "", "Nil", "Odd"]
        let natures = ["Director of Riverside Care Ltd", "Member of BGPA", "", "Trustee, \"Hope\" Trust", "two\nlines"]
        let dates = ["", "01/04/2020", "2021-05-03", "31/02/2022", "1/4/25"]
        let oddValues = ["null", "3", "true", "[]", "{}", "\"text\""]
        let noise: [UInt8] = Array("\"\r\n,;{}[]: ".utf8) + [0xEF, 0xBB, 0xBF, 0xC3]
        for round in 0..<150 {
            var people: [String] = []
            for _ in 0..<random.below(12) {
                if random.chance(0.05) { people.append(oddValues[random.below(oddValues.count)]); continue }
                var members = ["\"name\": " + quoted(names[random.below(names.count)])]
                if random.chance(0.2) { members.append("\"employer\": \"Bromley Healthcare\"") }
                if random.chance(0.1) { members.append("\"Position\": " + (random.chance(0.5) ? "\"Chair\"" : "7")) }
                if random.chance(0.05) { members.append("\"shoe size\": \"9\"") }
                if random.chance(0.9) {
                    let interests = (0..<random.below(4)).map { _ in
                        "{\"type\": \(quoted(types[random.below(types.count)])), \"nature\": \(quoted(natures[random.below(natures.count)])), "
                            + "\"valid_from\": \(quoted(dates[random.below(dates.count)])), \"Valid To\": \(random.chance(0.1) ? "null" : quoted(dates[random.below(dates.count)]))}"
                    }
                    members.append("\"interests\": " + (random.chance(0.05) ? oddValues[random.below(oddValues.count)] : "[" + interests.joined(separator: ",\n    ") + "]"))
                }
                members.shuffle(using: &random)
                people.append("{" + members.joined(separator: ", ") + "}")
            }
            var document = ["\"people\": [\n  " + people.joined(separator: ",\n  ") + "\n]"]
            if random.chance(0.3) { document.insert("\"title\": \"Register of interests\"", at: random.below(2)) }
            var bytes = Array(("{\n" + document.joined(separator: ",\n") + "\n}\n").utf8)
            if random.chance(0.1) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            if random.chance(0.4) {
                ByteDamage.damage(&bytes, noise: noise, maximumEdits: 3, random: &random)
            }
            let sizes = (0..<1 + random.below(5)).map { _ in 1 + random.below(random.chance(0.5) ? 8 : 200) }
            if !assertStreamedIsWhole(bytes, fileName: "r.json", sizes: sizes,
                                      "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: bytes, as: UTF8.self).debugDescription)") {
                return
            }
        }
    }

    /// Seeded: a JSON register written one row a line, as a program writes a table, whose rows
    /// the stream reads by their template and hands to the importer whole, loads in random
    /// chunks as the same rows each spelled unlike the row before (so read member by member,
    /// on the same lines): the same people, lines, findings and row account. Shapes change now
    /// and then, with a key that names no field, a second key for a field, a value that is a
    /// number, `null`, escaped or not ASCII.
    func testRowsReadByTheirTemplateLoadAsRowsReadMemberByMember() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let keys = [#""Name""#, #""Who do you currently work for""#, #""Position/ Relationship with ICB""#, #""Declared Interest""#,
                    #""Nature of interest""#, #""Valid From""#, #""Valid To""#, #""colour""#, #""name""#]
        let names = [#""Ana Tomás""#, #""Colin Smith""#, #""""#, #""""#, #""Ben Okafor""#, #""Priya \"PJ\" Shah""#, #""Li Wei""#]
        let types = [#""Financial Interest""#, #""Indirect""#, #""Non-Financial Personal Interest""#, #""""#, #""Nil""#, "null"]
        let natures = [#""Director of Riverside Care Ltd""#, #""Member of BGPA""#, #""""#, #""Gift of \u00a340""#, #""Trustee of Hope Trust""#, "12"]
        let dates = [#""""#, #""01/04/2020""#, #""2021-05-03""#, #""31/02/2022""#, #""1/4/25""#]
        func value(of key: Int) -> String {
            switch key {
            case 0, 8: names[random.below(names.count)]
            case 1: random.chance(0.2) ? #""Bromley Healthcare""# : #""""#
            case 2: random.chance(0.2) ? #""Chair""# : #""""#
            case 3: types[random.below(random.chance(0.9) ? 5 : types.count)]
            case 4: natures[random.below(random.chance(0.9) ? 5 : natures.count)]
            case 5, 6: dates[random.below(dates.count)]
            default: #""red""#
            }
        }
        for round in 0..<60 {
            var shape = [0, 1, 2, 3, 4, 5, 6]
            var rows: [[(key: Int, value: String)]] = []
            for _ in 0..<random.below(60) {
                if random.chance(0.05) {
                    switch random.below(4) {
                    case 0: shape.swapAt(random.below(shape.count), random.below(shape.count))
                    case 1: if shape.count > 2 { shape.remove(at: random.below(shape.count)) }
                    case 2: if !shape.contains(7) { shape.insert(7, at: random.below(shape.count + 1)) }
                    default: if !shape.contains(8) { shape.append(8) }
                    }
                }
                rows.append(shape.map { ($0, value(of: $0)) })
            }
            // Row i on line i + 2 either way; the second spells each row with `i` spaces
            // after its `{`, so no row is spelled as one before it.
            func document(uniqueSpacing: Bool) -> [UInt8] {
                let lines = rows.enumerated().map { index, row in
                    "{" + String(repeating: " ", count: uniqueSpacing ? index : 0)
                        + row.map { keys[$0.key] + ": " + $0.value }.joined(separator: ", ") + "}"
                }
                return Array(("[\n" + lines.joined(separator: ",\n") + "\n]\n").utf8)
            }
            let templated = document(uniqueSpacing: false)
            let sizes = (0..<1 + random.below(3)).map { _ in 1 + random.below(random.chance(0.3) ? 64 : 3_000) }
            let files = ChunkedFiles(files: MemoryFiles(["/r.json": templated]), sizes: sizes)
            let streamed = summary(RegisterLoader.load(path: "/r.json", files: files))
            let memberByMember = summary(RegisterLoader.read(document(uniqueSpacing: true), fileName: "r.json"))
            guard streamed == memberByMember else {
                XCTAssertEqual(streamed, memberByMember, "seed \(seed), round \(round), chunks \(sizes): \(String(decoding: templated, as: UTF8.self))")
                return
            }
        }
    }

    /// From disk, in the loader's own chunks: a register several chunks long loads as its bytes read.
    func testALargeRegisterOnDiskLoadsAsItsBytesRead() throws {
        var text = RegisterFormatAgreementTests.headers.joined(separator: ",") + "\r\n"
        for index in 0..<12_000 {
            text += "Person \(index % 3_000),Org \(index % 50),Role,Financial Interest,\"Director, Company \(index)\",01/01/2020,\r\n"
        }
        let bytes = Array(text.utf8)
        XCTAssertGreaterThan(bytes.count, 3 << 18, "the file spans several of the loader's chunks")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("probity-streaming-\(getpid()).csv").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let streamed = RegisterLoader.load(path: path)
        XCTAssertEqual(summary(streamed), summary(RegisterLoader.read(bytes, fileName: FilePath.name(of: path))))
        XCTAssertEqual(try streamed.get().rows, RegisterRowCount(read: 12_000, kept: 12_000, reported: 0))
    }
}
