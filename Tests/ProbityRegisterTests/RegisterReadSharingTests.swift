import Foundation
import XCTest
@testable import ProbityRegister
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport

/// A table read in two parts (``RegisterReadSharing``) is the register one thread reading it
/// whole makes: the same people, findings in the same order with the same words, the same
/// account of rows, wherever the file is split, whether the split lies between records (the
/// later part is taken in) or not (the reading thread reads on).
final class RegisterReadSharingTests: XCTestCase {
    private func summary(_ result: Result<Register, RegisterLoadError>) -> String { registerSummary(result) }

    private func readInTwo(_ bytes: [UInt8], split: Int, chunkSize: Int) -> (register: String, shared: Bool) {
        ProbityRegisterTests.readInTwo(bytes, fileName: "r.csv", split: split, chunkSize: chunkSize)
    }

    func testAPersonInBothPartsIsMergedWithTheFindingReadingWholeMakes() throws {
        let text = """
            Name,Who do you currently work for,Position/ Relationship with ICB,Declared Interest,Nature of interest,Valid From,Valid To
            Ana Tomás,,Chair,Financial Interest,Director of Riverside Care Ltd,01/04/2020,
            ,,,Indirect,Spouse works for Lewisham Care,,
            Ben Okafor,ICB,,Nil,,,
            ,,,Non-Financial Professional,Member of BGPA,31/02/2022,
            ana  TOMÁS,Guy's and St Thomas',,Indirect,Trustee of Hope Trust,,
            Ana Tomás,Kings College Hospital,,Financial Interest,Shares in Orphan Ltd,,

            """
        let bytes = Array(text.utf8)
        // The split: the start of line 5, a continuation row of Ben Okafor's.
        let split = try XCTUnwrap(text.utf8.indices(of: UInt8(ascii: "\n")).dropFirst(3).first) + 1
        let whole = summary(RegisterLoader.read(bytes, fileName: "r.csv"))
        let parts = readInTwo(bytes, split: split, chunkSize: 16)
        XCTAssertTrue(parts.shared)
        XCTAssertEqual(parts.register, whole)
        // What the parts agree on is what reading whole says.
        guard case .success(let register) = RegisterLoader.read(bytes, fileName: "r.csv") else { return XCTFail("not read") }
        XCTAssertEqual(register.people.map(\.name), ["Ana Tomás", "Ben Okafor"])
        XCTAssertEqual(register.people[0].lines, [2, 3, 6, 7])
        XCTAssertEqual(register.people[0].employer, "Guy's and St Thomas'")
        XCTAssertEqual(register.people[1].interests.map(\.nature), ["Member of BGPA"])
        XCTAssertEqual(register.issues.map(\.message).filter { $0.contains("listed more than once") },
                       ["`ana  TOMÁS` is listed more than once (first at line 2); the entries are merged"])
    }

    func testASplitInsideAQuotedFieldIsReadOnNotTakenIn() {
        let text = "Name,Declared Interest,Nature of interest\nAna Tomás,Indirect,\"two\nlines\"\nBen Okafor,Nil,\n"
        let bytes = Array(text.utf8)
        let insideQuotes = text.utf8.count - "lines\"\nBen Okafor,Nil,\n".utf8.count   // the start of `lines`
        let parts = readInTwo(bytes, split: insideQuotes, chunkSize: 5)
        XCTAssertFalse(parts.shared, "the records read from the start do not end where the later part begins")
        XCTAssertEqual(parts.register, summary(RegisterLoader.read(bytes, fileName: "r.csv")))
    }

    func testLeadingContinuationRowsWithNobodyAboveAreReadOn() {
        // The header, then a continuation row (nobody above it), the split, another.
        let text = "Name,Declared Interest,Nature of interest\n,Indirect,Shares\n,Nil,\nAna,Indirect,Gift\n"
        let bytes = Array(text.utf8)
        let split = Array(text.utf8.indices(of: UInt8(ascii: "\n")))[1] + 1
        let parts = readInTwo(bytes, split: split, chunkSize: 4)
        XCTAssertFalse(parts.shared)
        XCTAssertEqual(parts.register, summary(RegisterLoader.read(bytes, fileName: "r.csv")))
    }

    /// Seeded: random tables (people named again in other spellings, continuation rows, blank
    /// and short rows, quoted fields with line breaks, stray quotes, CR LF and lone CR line
    /// ends, other separators, a byte order mark, title lines, unread columns, dates that are
    /// not days) split at every line break and at random bytes, read a few bytes or a large
    /// chunk at a time: the register read whole each time, and most splits at line breaks
    /// taken in.
    func testRandomTablesSplitAnywhereReadAsWhole() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        // Splits at a line start read in small chunks: the records usually end there (not when
        // it lies inside a quoted field or above the header), so the later part is taken in.
        var lineSplits = 0, sharedLineSplits = 0
        for round in 0..<40 {
            let bytes = Self.randomTable(&random)
            let whole = summary(RegisterLoader.read(bytes, fileName: "r.csv"))
            let lineStarts = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\n") }
            let anywhere = (0..<10).map { _ in random.below(bytes.count + 1) }
            for (index, split) in (lineStarts + anywhere).enumerated() {
                // A chunk as large as the file leaves nothing to offer once the header is read.
                let chunkSize = random.chance(0.8) ? 1 + random.below(40) : 1 << 18
                let parts = readInTwo(bytes, split: split, chunkSize: chunkSize)
                if index < lineStarts.count && chunkSize < 64 {
                    lineSplits += 1
                    if parts.shared { sharedLineSplits += 1 }
                }
                if parts.register != whole {
                    XCTAssertEqual(parts.register, whole, "seed \(seed), round \(round), split \(split), chunks of \(chunkSize): "
                                   + String(decoding: bytes, as: UTF8.self).debugDescription)
                    return
                }
            }
        }
        XCTAssertGreaterThan(sharedLineSplits * 2, lineSplits, "seed \(seed): most splits at a line start should be taken in")
    }

    /// Seeded: a table of a few megabytes, read by one thread while another calls `help()`
    /// from the start: the register read whole, and the later part taken in.
    func testAHelperThreadReadsPartOfALargeTable() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        // Comma-separated with no title line, so that the parts below the header use its
        // separator (a title line with no commas would make every line one field).
        var bytes = Self.randomTable(&random, rows: 200, plain: true)
        while bytes.count < 3 * RegisterReadSharing.leastLeftToShare {
            bytes += Self.randomTable(&random, rows: 200, withHeader: false, plain: true)
        }
        let whole = summary(RegisterLoader.read(bytes, fileName: "r.csv"))
        var shared = 0
        for _ in 0..<3 {
            let parts = readWithEagerHelper(bytes, chunkSize: 1 << 16)
            XCTAssertEqual(parts.register, whole, "seed \(seed)")
            if parts.shared { shared += 1 }
        }
        XCTAssertGreaterThan(shared, 0, "seed \(seed): a helper polling from the start never took a part")
    }

    /// A table with less than ``RegisterReadSharing/leastLeftToShare`` left below its header is
    /// read by the reading thread alone, however eager the helper: such a part is not worth
    /// its merge.
    func testASmallTableIsNotShared() {
        var random = SplitMix64(seed: 11)
        var bytes = Self.randomTable(&random, rows: 200, plain: true)
        // As close below the least as whole tables of rows come.
        while true {
            let more = Self.randomTable(&random, rows: 200, withHeader: false, plain: true)
            guard bytes.count + more.count < RegisterReadSharing.leastLeftToShare else { break }
            bytes += more
        }
        XCTAssertGreaterThan(bytes.count, RegisterReadSharing.leastLeftToShare / 2)
        let parts = readWithEagerHelper(bytes, chunkSize: 1 << 12)
        XCTAssertEqual(parts.register, summary(RegisterLoader.read(bytes, fileName: "r.csv")))
        XCTAssertFalse(parts.shared)
    }

    /// A helper splits only with ``RegisterReadSharing/leastLeftToShare`` bytes or more left,
    /// after the first line break from the middle of what is left on (here every line reads as
    /// a row as wide as the header): whatever the timing, as `help()` asks it.
    func testASplitNeedsTheLeastLeftAndFallsAtALineStartPastTheMiddle() throws {
        var text = "Name,Declared Interest,Nature of interest\n"
        var row = 0
        while text.utf8.count < 2 * RegisterReadSharing.leastLeftToShare {
            text += "Person \(row),Indirect,\"Shares in \(row) Ltd\"\n"
            row += 1
        }
        let bytes = Array(text.utf8)
        let offer = RegisterReadSharing.Offer(bytes: bytes, kind: .table(header: (width: 3, columns: [0, 1, 2]), separator: UInt8(ascii: ",")),
                                              fileName: "r.csv")
        let least = RegisterReadSharing.leastLeftToShare
        XCTAssertNil(RegisterReadSharing.split(offer, after: bytes.count - least + 1), "one byte too few left")
        let readTo = bytes.count - least
        let split = try XCTUnwrap(RegisterReadSharing.split(offer, after: readTo), "exactly the least left")
        // Just after the first line break at or past the middle.
        let middle = readTo + least / 2
        XCTAssertEqual(bytes[split - 1], UInt8(ascii: "\n"))
        XCTAssertGreaterThan(split, middle)
        XCTAssertFalse(bytes[middle..<(split - 1)].contains(UInt8(ascii: "\n")))
    }

    /// The table read by this thread while another calls `help()` from the start and until it
    /// is read, and whether the other thread's part was taken in.
    private func readWithEagerHelper(_ bytes: [UInt8], chunkSize: Int) -> (register: String, shared: Bool) {
        let sharing = RegisterReadSharing()
        let finished = ManagedAtomicFlag()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while !finished.isSet { sharing.help() }
            done.signal()
        }
        let register = summary(RegisterTableImport.read(bytes, fileName: "r.csv", sharing: sharing, chunkSize: chunkSize))
        finished.set()
        done.wait()
        return (register, sharing.wasShared)
    }

    /// Without a helper the file is read by the reading thread alone, as before.
    func testWithNoHelperTheReadingThreadReadsEverything() {
        var random = SplitMix64(seed: 5)
        let bytes = Self.randomTable(&random, rows: 300)
        let sharing = RegisterReadSharing()
        XCTAssertEqual(summary(RegisterTableImport.read(bytes, fileName: "r.csv", sharing: sharing, chunkSize: 64)),
                       summary(RegisterLoader.read(bytes, fileName: "r.csv")))
        XCTAssertFalse(sharing.wasShared)
        sharing.help()   // after the read: nothing to do, and it returns
    }

    /// Loading from the disk with sharing gives what loading without it gives, and a JSON
    /// register is read as before.
    func testLoadingWithSharingIsLoadingWithout() throws {
        var random = SplitMix64(seed: 9)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probity-sharing-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("r.csv")
        try Data(Self.randomTable(&random, rows: 80)).write(to: csv)
        let json = folder.appendingPathComponent("r.json")
        try Data(RegisterFormatAgreementTests.json(RegisterFormatAgreementTests.rows)).write(to: json)
        for path in [csv.path, json.path] {
            XCTAssertEqual(summary(RegisterLoader.load(path: path, sharing: RegisterReadSharing())),
                           summary(RegisterLoader.load(path: path)), path)
        }
        XCTAssertEqual(summary(RegisterLoader.load(path: folder.appendingPathComponent("none.csv").path, sharing: RegisterReadSharing())),
                       summary(RegisterLoader.load(path: folder.appendingPathComponent("none.csv").path)))
    }

    // MARK: Random tables

    /// A random table of `rows` rows (or up to 60), below a header unless not `withHeader`; a
    /// `plain` one is comma-separated, with no title line or byte order mark.
    static func randomTable(_ random: inout SplitMix64, rows: Int? = nil, withHeader: Bool = true, plain: Bool = false) -> [UInt8] {
        let names = ["Ana Tomás", "ana  TOMÁS", "Dr Ana Tomás", "Colin Smith", "Ben Okafor", "Priya \"PJ\" Shah", "Li, Wei",
                     "Zoë Hart", "Sam Lee", "sam lee"]
        let employers = ["", "", "Bromley Healthcare", "ICB", "Kings College Hospital"]
        let positions = ["", "", "Chair", "Adviser"]
        let types = ["Financial Interest", "Indirect", "Non-Financial Personal Interest", "", "Nil", "No interests declared",
                     "All interests are declared on the London Borough of Bromley register of interests.", "Something odd"]
        let natures = ["Director of Riverside Care Ltd", "Member of BGPA", "", "Trustee, \"Hope\" Trust", "two\nlines",
                       "three\r\nlines\rhere", "5\" screen"]
        let dates = ["", "01/04/2020", "2021-05-03", "31/02/2022", "1/4/25", "12.3.2019", "soon"]
        let separator = plain || random.chance(0.8) ? "," : random.chance(0.5) ? ";" : "\t"
        let hasDeclaredOn = !plain && random.chance(0.5), hasNotes = !plain && random.chance(0.2)
        func quoted(_ field: String) -> String {
            // A stray quote in a field not quoted is kept as it is: the reader takes it literally.
            if field.hasPrefix("5\"") && random.chance(0.5) { return field }
            return field.contains(where: { $0 == Character(separator) || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var lines: [String] = []
        if withHeader {
            if !plain && random.chance(0.2) { lines.append("Register of interests"); lines.append("") }
            var header = ["Name", "Who do you currently work for", "Position/ Relationship with ICB", "Declared Interest",
                          "Nature of interest", "Valid From", "Valid To"]
            if hasDeclaredOn { header.append("Date of declaration") }
            if hasNotes { header.append("Notes") }
            lines.append(header.joined(separator: separator))
        }
        let width = 7 + (hasDeclaredOn ? 1 : 0) + (hasNotes ? 1 : 0)
        for _ in 0..<(rows ?? random.below(60)) {
            switch random.below(20) {
            case 0: lines.append("")
            case 1: lines.append(String(repeating: separator, count: width - 1))
            case 2: lines.append(["A", "B"].joined(separator: separator))   // too few fields
            default:
                var row = [random.chance(0.45) ? names[random.below(names.count)] : "",
                           employers[random.below(employers.count)], positions[random.below(positions.count)],
                           types[random.below(types.count)], natures[random.below(natures.count)],
                           dates[random.below(dates.count)], dates[random.below(dates.count)]]
                if hasDeclaredOn { row.append(dates[random.below(dates.count)]) }
                if hasNotes { row.append(random.chance(0.3) ? "a note" : "") }
                lines.append(row.map(quoted).joined(separator: separator))
            }
        }
        var text = ""
        for line in lines {
            text += line
            text += random.chance(0.85) ? "\n" : random.chance(0.8) ? "\r\n" : "\r"
        }
        var bytes = Array(text.utf8)
        if withHeader && !plain && random.chance(0.1) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return bytes
    }
}

/// A flag one thread sets and another reads.
private final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private extension String.UTF8View {
    func indices(of byte: UInt8) -> [Int] {
        enumerated().filter { $0.element == byte }.map(\.offset)
    }
}
