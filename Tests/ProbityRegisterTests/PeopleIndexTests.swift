import Foundation
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityRegister

final class PeopleIndexTests: XCTestCase {
    private let people = [
        "Dr Angela M Bhan",         // 0
        "Councillor Colin Smith",   // 1
        "Cllr Diane Smith",         // 2
        "Dr Hasib Ur Rub",          // 3
        "John Paul Jones",          // 4
        "John Peter Jones",         // 5
    ].map { RegisterPerson(name: $0) }

    func testExactNormalisedMatch() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("Cllr Colin Smith"), .found(1))
        XCTAssertEqual(index.resolve("DIANE SMITH"), .found(2))
        XCTAssertEqual(index.resolve("Dr Hasib Ur-Rub"), .found(3))
    }

    func testMissingMiddleNameEitherWay() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("Angela Bhan"), .found(0))
        XCTAssertEqual(PeopleIndex([RegisterPerson(name: "Angela Bhan")]).resolve("Dr Angela M Bhan"), .found(0))
        XCTAssertEqual(index.resolve("Hasib Rub"), .found(3))
    }

    func testAmbiguousIsNeverGuessed() {
        let index = PeopleIndex(people)
        XCTAssertEqual(index.resolve("John Jones"), .ambiguous([4, 5]))
        let twins = PeopleIndex([RegisterPerson(name: "A Smith"), RegisterPerson(name: "Dr A Smith")])
        XCTAssertEqual(twins.resolve("A Smith"), .ambiguous([0, 1]))
    }

    func testNotFound() {
        let index = PeopleIndex(people)
        // A surname alone is never one person: two Smiths make it ambiguous (issue 11), one Bhan
        // leaves it unresolved (with a suggestion from `suggestions(for:)`).
        XCTAssertEqual(index.resolve("Smith"), .ambiguous([1, 2]))
        XCTAssertEqual(index.resolve("Bhan"), .notFound)
        XCTAssertEqual(index.resolve("Colin Smithers"), .notFound)
        XCTAssertEqual(index.resolve("Angela Q Bhan"), .notFound)  // a different middle name
        XCTAssertEqual(index.resolve("Bhan Angela"), .notFound)
        XCTAssertEqual(index.resolve(""), .notFound)
        XCTAssertEqual(PeopleIndex([]).resolve("Anyone"), .notFound)
    }
}

/// The byte table `resolve` and `resolve(utf8:)` read first must answer exactly as the
/// `String` dictionary of register names did, whatever is written.
final class PeopleIndexByteTableTests: XCTestCase {
    /// What `resolve` answered before the byte table: a register name equal as a Swift string
    /// (canonical equivalence, not bytes) gives the people sharing that name's key; anything
    /// else is normalised.
    private func stringResolve(_ written: String, people: [RegisterPerson], index: PeopleIndex) -> PersonResolution {
        guard let first = people.firstIndex(where: { $0.name == written }) else { return index.resolveNormalising(written) }
        let key = people[first].key
        let matches = key.isEmpty ? [] : people.indices.filter { people[$0].key == key }
        switch matches.count {
        case 0: return .notFound
        case 1: return .found(matches[0])
        default: return .ambiguous(matches)
        }
    }

    func testCanonicallyEquivalentSpellingsStillResolve() {
        let people = ["Jos\u{E9} Garc\u{ED}a", "Kelvin \u{212A} Smith", "Ann Lee"].map { RegisterPerson(name: $0) }
        let index = PeopleIndex(people)
        for written in ["Jose\u{301} Garci\u{301}a", "Kelvin K Smith", "Jos\u{E9} Garc\u{ED}a", "Ann Lee"] {
            XCTAssertEqual(index.resolve(written), stringResolve(written, people: people, index: index), written)
        }
        XCTAssertEqual(index.resolve("Jose\u{301} Garci\u{301}a"), .found(0))
        // Bytes that are no register name's are left to `resolve(_:)`.
        XCTAssertNil(Array("Jose\u{301} Garci\u{301}a".utf8).withUnsafeBufferPointer { index.resolve(utf8: $0) })
        XCTAssertEqual(Array("Ann Lee".utf8).withUnsafeBufferPointer { index.resolve(utf8: $0) }, .found(2))
    }

    /// Seeded: random registers and random written names (register names as written, in other
    /// case, spacing, accents and titles, and strangers), non-ASCII included.
    func testByteTableAnswersAsTheStringDictionaryOnRandomNames() {
        // As `TestSeed` (which this target does not link) does it.
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(#function): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let firsts = ["Amara", "Jos\u{E9}", "Jose\u{301}", "Zo\u{EB}", "Ann", "\u{212A}ay", "Kay", "\u{D8}ystein", "Li"]
        let middles = ["", "H", "M", "Q", "\u{C9}"]
        let lasts = ["Kingshurst", "Kingsworth", "Smith", "Ur-Rub", "Ur Rub", "O'Neill", "M\u{FC}ller", "Mu\u{308}ller", "\u{5F20}"]
        let titles = ["", "", "Dr ", "Cllr ", "Councillor "]
        func name() -> String {
            let middle = middles[random.below(middles.count)]
            return titles[random.below(titles.count)] + firsts[random.below(firsts.count)] + " "
                + (middle.isEmpty ? "" : middle + " ") + lasts[random.below(lasts.count)]
        }
        func variant(_ name: String) -> String {
            switch random.below(6) {
            case 0: return name.uppercased()
            case 1: return name.lowercased()
            case 2: return name.replacingOccurrences(of: " ", with: "  ")
            case 3: return " " + name
            case 4: return String(name.dropFirst(random.below(3)))
            default: return name
            }
        }
        for _ in 0..<40 {
            let people = (0..<random.inRange(0...60)).map { _ in RegisterPerson(name: name()) }
            let index = PeopleIndex(people)
            var written = people.map(\.name)
            written += people.map { variant($0.name) }
            written += (0..<40).map { _ in name() }
            for text in written {
                let expected = stringResolve(text, people: people, index: index)
                XCTAssertEqual(index.resolve(text), expected, "seed \(seed): \(text)")
                if let known = Array(text.utf8).withUnsafeBufferPointer({ index.resolve(utf8: $0) }) {
                    XCTAssertTrue(people.contains { Array($0.name.utf8) == Array(text.utf8) }, "seed \(seed): \(text)")
                    XCTAssertEqual(known, expected, "seed \(seed): \(text)")
                } else {
                    XCTAssertFalse(people.contains { Array($0.name.utf8) == Array(text.utf8) }, "seed \(seed): \(text)")
                }
            }
        }
    }

    /// Seeded: the index reads a key's first and last words, its surname and its joined words in
    /// place; each must be what splitting the key into words (as the index did) gives, for keys
    /// with odd spacing and non-ASCII words too. An all-ASCII register (which resolves its names
    /// without a string dictionary) answers as the string dictionary would.
    func testKeysReadInPlaceAgreeWithSplitWords() {
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(#function): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let words = ["amara", "h", "smith", "ur", "rub", "m\u{FC}ller", "mu\u{308}ller", "\u{5F20}", "\u{212A}ay", "kay", ""]
        for _ in 0..<500 {
            let key = (0..<random.below(5)).map { _ in words[random.below(words.count)] }
                .joined(separator: random.below(4) == 0 ? "  " : " ")
            let split = PeopleIndex.words(ofKey: key)
            let expectedEnds = split.first.map { $0 + " " + split.last! }
            XCTAssertEqual(PeopleIndex.ends(ofKey: key), expectedEnds, "seed \(seed): `\(key)`")
            XCTAssertEqual(PeopleIndex.joinedWords(ofKey: key), split.joined(separator: " "), "seed \(seed): `\(key)`")
            for surname in words.dropLast() {
                XCTAssertEqual(PeopleIndex.isSurname(surname, ofKey: key), split.count > 1 && split.last == surname,
                               "seed \(seed): `\(surname)` in `\(key)`")
            }
        }
        let ascii = ["Amara H Smith", "Amara Smith", "Kay Smith", "Kay Smith", "Dr Kay Smith", "Ann Lee", "Smith"]
        for _ in 0..<20 {
            let people = (0..<random.inRange(0...12)).map { _ in RegisterPerson(name: ascii[random.below(ascii.count)]) }
            let index = PeopleIndex(people)
            for text in ascii + ["Cllr Smith", "Amara Smith", "Lee", "kay smith"] {
                XCTAssertEqual(index.resolve(text), stringResolve(text, people: people, index: index), "seed \(seed): \(text)")
            }
        }
    }
}

/// A surname written alone is looked up in an index made on first use, not found by reading
/// every name: the answers are the scan's.
final class PeopleIndexSurnameTests: XCTestCase {
    /// The answer as it was worked out before the index: every person read. Nil when the name
    /// is not a surname alone, or is some person's whole name (a one-word name), found by key.
    private static func scanned(_ written: String, people: [RegisterPerson]) -> PersonResolution? {
        let key = PersonName.normalise(written)
        let words = PeopleIndex.words(ofKey: key)
        guard words.count == 1, !people.contains(where: { $0.key == key }) else { return nil }
        let keys = people.map { PeopleIndex.words(ofKey: $0.key) }
        let sharing = keys.indices.filter { keys[$0].count > 1 && keys[$0].last == words[0] }
        return sharing.count > 1 ? .ambiguous(sharing) : .notFound
    }

    /// Seeded: random registers (one-word names, shared and unshared surnames, accents) and
    /// surnames written alone, with titles, in other case, and strangers.
    func testASurnameAloneResolvesAsTheScanDid() {
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(#function): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let firsts = ["Amara", "Jos\u{E9}", "Zo\u{EB}", "Ann", "Li", ""]
        let lasts = ["Kingshurst", "Smith", "Ur-Rub", "O'Neill", "M\u{FC}ller", "Mu\u{308}ller", "\u{5F20}", "Bhan"]
        let titles = ["", "Dr ", "Cllr ", "Councillor "]
        var checked = 0
        for _ in 0..<30 {
            let people = (0..<random.inRange(0...40)).map { _ in
                let first = firsts[random.below(firsts.count)]
                return RegisterPerson(name: titles[random.below(titles.count)] + (first.isEmpty ? "" : first + " ") + lasts[random.below(lasts.count)])
            }
            let index = PeopleIndex(people)
            let written = (lasts + ["Nobody", "SMITH", "m\u{FC}ller"]).map { titles[random.below(titles.count)] + $0 }
            for text in written {
                guard let expected = Self.scanned(text, people: people) else { continue }
                XCTAssertEqual(index.resolve(text), expected, "seed \(seed): \(text)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testTwoSmithsAreAmbiguousAndOneBhanIsNobody() {
        let index = PeopleIndex(["Dr Angela M Bhan", "Councillor Colin Smith", "Cllr Diane Smith", "Jones"].map { RegisterPerson(name: $0) })
        XCTAssertEqual(index.resolve("Cllr Smith"), .ambiguous([1, 2]))
        XCTAssertEqual(index.resolve("Bhan"), .notFound, "one person with the surname: not taken as them")
        XCTAssertEqual(index.resolve("Jones"), .found(3), "a one-word register name is found by its key")
        XCTAssertEqual(index.people(withSurname: "smith"), [1, 2])
        XCTAssertEqual(index.people(withSurname: "jones"), [], "a one-word name is nobody's surname")
    }
}

/// Names written otherwise than on the register are answered from a memo once seen: asked again,
/// in any order, from two threads, and past the memo's capacity, each answer is the one worked
/// out afresh (seeded; the seed is printed).
final class PeopleIndexWrittenOtherwiseTests: XCTestCase {
    func testKeptAnswersAreThoseWorkedOutAfresh() {
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(#function): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let firsts = ["Amara", "Jos\u{E9}", "Jose\u{301}", "Zo\u{EB}", "Ann", "Li"]
        let middles = ["", "H ", "M ", "Q "]
        let lasts = ["Kingshurst", "Smith", "O'Neill", "M\u{FC}ller", "Mu\u{308}ller", "Bhan"]
        let titles = ["", "Dr ", "Cllr ", "Councillor ", "DR "]
        func name() -> String {
            firsts[random.below(firsts.count)] + " " + middles[random.below(middles.count)] + lasts[random.below(lasts.count)]
        }
        for _ in 0..<10 {
            let people = (0..<random.inRange(1...60)).map { _ in RegisterPerson(name: titles[random.below(titles.count)] + name()) }
            let index = PeopleIndex(people)
            // Titles, capitals, a middle initial left out or added, strangers; many names repeat.
            var written: [String] = []
            for _ in 0..<300 {
                var text = titles[random.below(titles.count)] + name()
                if random.below(3) == 0 { text = text.uppercased() }
                if random.below(4) == 0 { text = text.split(separator: " ").map(String.init).filter { $0.count > 1 }.joined(separator: " ") }
                written.append(text)
            }
            let expected = written.map { index.resolveWrittenOtherwise($0) }
            for _ in 0..<2 {
                for (text, answer) in zip(written, expected) { XCTAssertEqual(index.resolve(text), answer, "seed \(seed): \(text)") }
            }
            let shared = written
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                for (text, answer) in zip(shared.reversed(), expected.reversed()) { XCTAssertEqual(index.resolve(text), answer, "seed \(seed): \(text)") }
            }
        }
        // Equal as strings, not as bytes: a Kelvin sign is a K, on the register or as written.
        XCTAssertEqual(PeopleIndex([RegisterPerson(name: "Kate Smith")]).resolve("\u{212A}ate Smith"), .found(0))
        XCTAssertEqual(PeopleIndex([RegisterPerson(name: "\u{212A}ate Smith")]).resolve("Kate Smith"), .found(0))
        XCTAssertEqual(PeopleIndex([RegisterPerson(name: "\u{212A}ate Smith"), RegisterPerson(name: "Ann Jones")]).resolve("Kate Smith"), .found(0))
        // Past the memo's 16,384 names, answers are still worked out, the same each time.
        let index = PeopleIndex([RegisterPerson(name: "Amara H Kingshurst"), RegisterPerson(name: "Amara Q Kingshurst")])
        for number in 0..<17_000 { XCTAssertEqual(index.resolve("Dr Stranger \(number)"), .notFound) }
        XCTAssertEqual(index.resolve("Cllr Amara Kingshurst"), .ambiguous([0, 1]))
        XCTAssertEqual(index.resolve("Cllr Amara Kingshurst"), .ambiguous([0, 1]))
    }

    /// Seeded: names written otherwise, asked for by their bytes (as a batch line's attendees
    /// are) and by their `String`s, in either order and from two threads, with bytes that are no
    /// UTF-8 among them: each is the written name byte for byte, with the answer worked out afresh.
    /// A replica keeps its own answers for names written otherwise than on the register: the
    /// same answers, and the name it hands back (which each line's attendees hold) is its own
    /// string, not the original's, so two threads reading the same names write no reference
    /// count of the other's (docs/performance.md, item 37).
    func testAReplicaKeepsItsOwnAnswersForNamesWrittenOtherwise() {
        let index = PeopleIndex([RegisterPerson(name: "Councillor Colin Smith"), RegisterPerson(name: "Dr Angela Bhan Kingshurst")])
        let replica = index.replica()
        var compared = 0
        for written in ["Cllr Colin Smith of the Borough", "DR ANGELA BHAN KINGSHURST", "Angela Kingshurst, Director", "Nobody Written Anywhere"] {
            let bytes = Array(written.utf8)
            func ask(_ index: PeopleIndex) -> (written: String, resolution: PersonResolution)? {
                bytes.withUnsafeBufferPointer { index.resolveOtherwise(utf8: $0, isASCII: true) }
            }
            guard let one = ask(index), let two = ask(replica), let again = ask(replica) else { return XCTFail(written) }
            XCTAssertEqual(two.resolution, one.resolution, written)
            XCTAssertEqual(two.written, written)
            func storage(_ text: String) -> UnsafeRawPointer? {
                var text = text
                return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
            }
            XCTAssertNotEqual(storage(two.written), storage(one.written), "\(written): the replica handed back the original's string")
            XCTAssertEqual(storage(again.written), storage(two.written), "\(written): not kept by the replica")
            compared += 1
        }
        XCTAssertEqual(compared, 4)
    }

    func testNamesAskedByTheirBytesAreAsWrittenWithTheAnswerWorkedOutAfresh() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let firsts = ["Amara", "Jos\u{E9}", "Jose\u{301}", "\u{212A}ate", "Kate", "Ann"]
        let middles = ["", "H ", "Q "]
        let lasts = ["Kingshurst", "Smith", "M\u{FC}ller", "Mu\u{308}ller"]
        let titles = ["", "Dr ", "Cllr ", "DR "]
        func name() -> String {
            var text = titles[random.below(titles.count)] + firsts[random.below(firsts.count)] + " "
                + middles[random.below(middles.count)] + lasts[random.below(lasts.count)]
            if random.below(3) == 0 { text = text.uppercased() }
            return text
        }
        for _ in 0..<10 {
            let index = PeopleIndex((0..<random.inRange(1...40)).map { _ in RegisterPerson(name: name()) })
            var written: [[UInt8]] = (0..<200).map { _ in Array(name().utf8) }
            // Bytes that are no UTF-8: a lead byte cut short, a stray continuation, 0xFF.
            for bad: [UInt8] in [[0x41, 0xC3], [0x80, 0x41], [0xFF], [0x4B, 0xE2, 0x84]] { written.insert(bad, at: random.below(written.count)) }
            let stringsFirst = random.below(2) == 0
            func check(_ bytes: [UInt8]) {
                if let text = String(validating: bytes, as: UTF8.self), stringsFirst { _ = index.resolve(text) }
                let found = bytes.withUnsafeBufferPointer { index.resolve(utf8: $0) }
                let answer = bytes.withUnsafeBufferPointer { index.resolveOtherwise(utf8: $0, isASCII: bytes.allSatisfy { $0 < 0x80 }) }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return XCTAssertNil(answer, "seed \(seed): \(bytes)")
                }
                guard found == nil else { return }
                XCTAssertEqual(answer.map { Array($0.written.utf8) }, bytes, "seed \(seed)")
                XCTAssertEqual(answer?.resolution, index.resolveWrittenOtherwise(text), "seed \(seed): \(text)")
                XCTAssertEqual(index.resolve(text), index.resolveWrittenOtherwise(text), "seed \(seed): \(text)")
            }
            for bytes in written { check(bytes) }
            // Each answer as worked out afresh: by the byte table, else normalised.
            let expected: [PersonResolution?] = written.map { bytes in
                guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
                return bytes.withUnsafeBufferPointer { index.resolve(utf8: $0) } ?? index.resolveWrittenOtherwise(text)
            }
            let shared = written
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                for (bytes, answer) in zip(shared, expected).reversed() {
                    let found = bytes.withUnsafeBufferPointer { index.resolve(utf8: $0) ?? index.resolveOtherwise(utf8: $0, isASCII: false)?.resolution }
                    XCTAssertEqual(found, answer, "seed \(seed): \(bytes)")
                }
            }
        }
    }
}
