import Foundation
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityRegister

/// Attendees read from their bytes against a register must be the names as written, byte for
/// byte, and resolve exactly as `PeopleIndex.resolve` resolves the written `String`s.
final class AttendeeNamesTests: XCTestCase {
    private func read(_ written: [String], against people: PeopleIndex?) -> AttendeeNames {
        var names = AttendeeNames(readingAgainst: people, capacity: written.count)
        for name in written {
            let bytes = Array(name.utf8)
            let added = bytes.withUnsafeBufferPointer { names.append(utf8: $0, isASCII: bytes.allSatisfy { $0 < 0x80 }, on: people) }
            XCTAssertTrue(added, name)
        }
        return names
    }

    private func assertSameAsStrings(_ names: AttendeeNames, _ written: [String], on people: PeopleIndex,
                                     _ context: String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(names.count, written.count, context, file: file, line: line)
        XCTAssertEqual(names.written.map { Array($0.utf8) }, written.map { Array($0.utf8) }, context, file: file, line: line)
        for (index, name) in written.enumerated() {
            XCTAssertEqual(Array(names.written(at: index).utf8), Array(name.utf8), context, file: file, line: line)
            XCTAssertEqual(names.resolution(at: index, on: people), people.resolve(name), "\(context) \(name)", file: file, line: line)
        }
    }

    func testReadAgainstARegisterEachNameIsAsWrittenAndResolvesAsTheIndexDoes() {
        let people = PeopleIndex(["Ann Chair", "Dr Bob Jones", "Jos\u{E9} Garc\u{ED}a", "A Smith", "Dr A Smith", "Ann Chair"]
            .map { RegisterPerson(name: $0) })
        // A register name (found), a name two people share (ambiguous), another spelling of one
        // (found, but not by its bytes), the canonically equivalent accents, a stranger.
        let written = ["Dr Bob Jones", "Ann Chair", "ANN CHAIR", "Bob Jones", "Jose\u{301} Garci\u{301}a", "Jos\u{E9} Garc\u{ED}a",
                       "A Smith", "Nobody Here", "Dr Bob Jones", ""]
        let names = read(written, against: people)
        XCTAssertTrue(names.isRead(against: people))
        assertSameAsStrings(names, written, on: people)
        XCTAssertEqual(names.resolution(at: 0, on: people), .found(1))
        XCTAssertEqual(names.resolution(at: 1, on: people), .ambiguous([0, 5]))
        XCTAssertEqual(names.resolution(at: 4, on: people), .found(2))
        XCTAssertEqual(names.resolution(at: 7, on: people), .notFound)
    }

    func testNamesReadAgainstOneRegisterAreResolvedAgainOnAnother() {
        let first = PeopleIndex(["Ann Chair", "Bob Jones"].map { RegisterPerson(name: $0) })
        let second = PeopleIndex(["Bob Jones", "Ann Chair"].map { RegisterPerson(name: $0) })
        let names = read(["Ann Chair", "Bob Jones", "Cy Twombly"], against: first)
        XCTAssertFalse(names.isRead(against: second))
        XCTAssertEqual(names.resolution(at: 0, on: first), .found(0))
        XCTAssertEqual(names.resolution(at: 0, on: second), .found(1))
        assertSameAsStrings(names, ["Ann Chair", "Bob Jones", "Cy Twombly"], on: second)
    }

    func testNamesGivenAsStringsOrReadWithoutARegisterAreResolvedWhenAsked() {
        let people = PeopleIndex(["Ann Chair"].map { RegisterPerson(name: $0) })
        let given = AttendeeNames(["Ann Chair", "Nobody"])
        XCTAssertFalse(given.isRead(against: people))
        assertSameAsStrings(given, ["Ann Chair", "Nobody"], on: people)
        let unread = read(["Ann Chair", "Jos\u{E9}"], against: nil)
        XCTAssertFalse(unread.isRead(against: people))
        assertSameAsStrings(unread, ["Ann Chair", "Jos\u{E9}"], on: people)
        XCTAssertTrue(AttendeeNames([String]()).isEmpty)
    }

    func testBytesThatAreNotUTF8AddNothing() {
        let people = PeopleIndex(["Ann Chair"].map { RegisterPerson(name: $0) })
        var names = AttendeeNames(readingAgainst: people)
        let bad: [UInt8] = [0x41, 0xC3, 0x28]
        XCTAssertFalse(bad.withUnsafeBufferPointer { names.append(utf8: $0, isASCII: false, on: people) })
        XCTAssertEqual(names.count, 0)
    }

    /// Seeded: random registers and random attendees (register names as written, other
    /// spellings of them, strangers, non-ASCII), read from bytes and given as strings, agree.
    func testReadFromBytesAgreesWithTheStringsOnRandomNames() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let firsts = ["Amara", "Jos\u{E9}", "Jose\u{301}", "Zo\u{EB}", "Ann", "\u{212A}ay", "Kay", "Li"]
        let middles = ["", "H", "M", "\u{C9}"]
        let lasts = ["Kingshurst", "Kingsworth", "Smith", "Ur-Rub", "M\u{FC}ller", "Mu\u{308}ller", "\u{5F20}"]
        let titles = ["", "", "Dr ", "Cllr "]
        func name() -> String {
            let middle = middles[random.below(middles.count)]
            return titles[random.below(titles.count)] + firsts[random.below(firsts.count)] + " "
                + (middle.isEmpty ? "" : middle + " ") + lasts[random.below(lasts.count)]
        }
        for _ in 0..<40 {
            let people = PeopleIndex((0..<random.inRange(0...50)).map { _ in RegisterPerson(name: name()) })
            let written = (0..<random.inRange(0...20)).map { _ in random.below(4) == 0 ? name().uppercased() : name() }
            let names = read(written, against: people)
            assertSameAsStrings(names, written, on: people, "seed \(seed)")
            assertSameAsStrings(AttendeeNames(written), written, on: people, "seed \(seed)")
        }
    }

    /// Seeded: two lists' keys (``AttendeeNames/exactKey(for:)``) are equal exactly when the same
    /// bytes are written in the same order, whether the names were read against the register
    /// (kept by entry) or given as strings (kept by text); never equal for other bytes, even
    /// bytes Swift holds equal.
    func testExactKeysAreEqualExactlyWhenTheBytesAre() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let people = PeopleIndex(["Ann Chair", "Jos\u{E9} Garc\u{ED}a", "A Smith", "A Smith"].map { RegisterPerson(name: $0) })
        let pool = ["Ann Chair", "ANN CHAIR", "Jos\u{E9} Garc\u{ED}a", "Jose\u{301} Garci\u{301}a", "A Smith", "Nobody", "Dr Ann Chair"]
        func list() -> (written: [String], names: AttendeeNames) {
            let written = (0..<random.inRange(0...3)).map { _ in pool[random.below(pool.count)] }
            return (written, random.below(2) == 0 ? read(written, against: people) : AttendeeNames(written))
        }
        var equal = 0
        for _ in 0..<3_000 {
            let (a, b) = (list(), list())
            let sameBytes = a.written.map { Array($0.utf8) } == b.written.map { Array($0.utf8) }
            let sameKeys = a.names.exactKey(for: people) == b.names.exactKey(for: people)
            if sameKeys {
                equal += 1
                XCTAssertTrue(sameBytes, "seed \(seed): \(a.written) \(b.written)")
                XCTAssertEqual(a.names.exactKey(for: people).hashValue, b.names.exactKey(for: people).hashValue, "seed \(seed)")
            } else if sameBytes {
                // The same bytes kept two ways (by entry and by text) are two keys: a memo only misses.
                XCTAssertNotEqual(a.names.isRead(against: people), b.names.isRead(against: people), "seed \(seed): \(a.written)")
            }
        }
        XCTAssertGreaterThan(equal, 100, "seed \(seed): lists with equal keys")
    }
}
