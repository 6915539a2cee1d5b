import ProbityEngine
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest

/// Lines written by other JSON encoders: the same decision, its strings escaped in any way JSON
/// allows (`\u00a3`, `\u00A3`, `\"`, `\/`, a surrogate pair), with any white space between its
/// tokens (a byte order mark first), its keys in any order and its own `meeting` naming any of
/// its attendees, body and day (or `null`), must be taken by the byte reader and read exactly as the
/// full decoder reads it.
final class FlatDecisionEncodingTests: XCTestCase {
    private let scheme = tieredScheme + """

    fields
      title: text
      count: number
      bidders: set of organisation
      budgets: set of one of icb-delegated, council
    """

    /// Characters a generated string is made of: ASCII, the characters JSON must or may escape,
    /// controls, and non-ASCII of two, three and four bytes in UTF-8.
    private let characters: [Unicode.Scalar] = Array("abcXYZ019 -.,&'()£é’中😀\"\\/".unicodeScalars)
        + [0x0A, 0x09, 0x0D, 0x08, 0x0C, 0x01, 0x1F, 0x7F, 0xA0, 0x2028].compactMap(Unicode.Scalar.init)

    /// One decision as the generator means it: each field's text before encoding.
    private struct Written {
        var members: [(key: String, value: Encoded)] = []
        var meeting: (attendees: [String]?, body: String?, date: String?)?
    }

    private indirect enum Encoded {
        case string(String)
        case raw(String)                 // a number or `null`, written as it is
        case array([String])
        case object([(key: String, value: Encoded)])
    }

    func testLinesFromOtherEncodersAreTakenAndReadAsTheFullDecoderReadsThem() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let program = plan.program
        let decoder = DecisionDecoder(program: program)
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for _ in 0..<3_000 {
            let written = decision(&random)
            let line = encode(written, &random)
            let text = String(decoding: line, as: UTF8.self)
            guard let flat = decoder.decodeFlat(line, meetingKey: true) else {
                XCTFail("seed \(seed): the byte reader declined \(text)")
                return
            }
            // The full way, as `Engine.check(json:)` goes: the tree, its `meeting` taken out.
            guard case .success(.object(var members)) = JSONParser.parse(line) else {
                XCTFail("seed \(seed): the tree parser refuses \(text)")
                return
            }
            let meeting = members.firstIndex { $0.key == "meeting" }.map { members.remove(at: $0).value }
            let full = try decoder.decode(.object(members)).get()
            let fast = flat.decision
            XCTAssertTrue(fast.id == full.id && fast.date == full.date && fast.isPresent == full.isPresent && fast.scalars == full.scalars
                          && fast.sets == full.sets && fast.texts == full.texts && fast.nameLists == full.nameLists,
                          "seed \(seed): the readers disagree on \(text)")
            XCTAssertEqual(flat.attendees == nil, meeting == nil, "seed \(seed): \(text)")
            if let expected = written.meeting {
                XCTAssertEqual(flat.attendees?.written.map { Array($0.utf8) }, (expected.attendees ?? []).map { Array($0.utf8) }, "seed \(seed): \(text)")
                XCTAssertEqual(flat.meetingBody, expected.body.flatMap { program.bodyIndex[$0] }, "seed \(seed): \(text)")
                XCTAssertEqual(flat.meetingDate, expected.date.flatMap { Day.parseISO($0)?.number }, "seed \(seed): \(text)")
            }
        }
    }

    /// The same lines damaged at an escape (a digit, a backslash or a quote changed, added or
    /// taken away): whenever the byte reader still answers, the full decoder answers the same.
    func testDamagedEscapesNeverMakeTheReadersDisagree() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let damage = Array(#"\"u0aDd8F/ "#.utf8)
        for _ in 0..<3_000 {
            var written = decision(&random)
            written.meeting = nil
            var line = encode(written, &random)
            let escapes = line.indices.filter { line[$0] == UInt8(ascii: "\\") }
            guard let at = escapes.isEmpty ? nil : escapes[random.below(escapes.count)] else { continue }
            let place = min(line.count - 1, at + random.below(7))
            switch random.below(3) {
            case 0: line[place] = damage[random.below(damage.count)]
            case 1: line.remove(at: place)
            default: line.insert(damage[random.below(damage.count)], at: place)
            }
            guard let flat = decoder.decodeFlat(line, meetingKey: false) else { continue }
            let text = String(decoding: line, as: UTF8.self)
            guard case .success(let full) = decoder.decode(json: line) else {
                XCTFail("seed \(seed): the byte reader accepted what the decoder refuses: \(text)")
                return
            }
            let fast = flat.decision
            XCTAssertTrue(fast.id == full.id && fast.date == full.date && fast.isPresent == full.isPresent && fast.scalars == full.scalars
                          && fast.sets == full.sets && fast.texts == full.texts && fast.nameLists == full.nameLists,
                          "seed \(seed): the readers disagree on \(text)")
        }
    }

    // MARK: Generating

    private func decision(_ random: inout SplitMix64) -> Written {
        var written = Written()
        func maybe(_ key: String, _ value: @autoclosure () -> Encoded) {
            switch random.below(4) {
            case 0: break
            case 1: written.members.append((key, .raw("null")))
            default: written.members.append((key, value()))
            }
        }
        written.members.append(("id", random.below(5) == 0 ? .raw(String(random.below(100_000))) : .string("d" + text(&random))))
        written.members.append(("date", .string(pick(["2023-06-01", "2024-02-29", "2020-12-31"], &random))))
        maybe("kind", .string(pick(["contract-award", "s75-variation", "s75-new-agreement", "appointment"], &random)))
        maybe("value", random.below(3) == 0
              ? .raw(pick(["1200", "999999.99", "0", "1200000.5"], &random))
              : .string(pick(["£1,200", "£1.2m", " £100k ", "1200000.00", "  £1,200  ", "£0.50"], &random)))
        maybe("salary", .string(pick(["£100k", "£65,000", "70000"], &random)))
        maybe("budget", .string(pick(["icb-delegated", "council"], &random)))
        maybe("counterparty", .string(pick(organisations, &random) ))
        maybe("decided_by", .string(pick(["icb-board", "lcp-board", "cpag", "place-lead", "council-executive"], &random)))
        maybe("title", .string(text(&random)))
        maybe("count", .raw(pick(["0", "-3", "42", "-9000000000"], &random)))
        maybe("bidders", .array((0..<random.below(4)).map { _ in pick(organisations, &random) }))
        maybe("budgets", .array((0..<random.below(3)).map { _ in pick(["icb-delegated", "council"], &random) }))
        if random.below(3) != 0 {
            func part<T>(_ make: () -> T) -> T? { random.below(3) == 0 ? nil : make() }
            written.meeting = (part { (0..<random.below(16)).map { _ in pick(["Ann", "Dr Bob", "José García", "Guy’s Lead"], &random) + " " + text(&random) } },
                               part { pick(["icb-board", "lcp-board", "cpag"], &random) },
                               part { pick(["2023-06-01", "2021-01-31"], &random) })
        }
        // Any order, as encoders that sort keys (or build them from a dictionary) write them.
        for index in written.members.indices.reversed() {
            written.members.swapAt(index, random.below(index + 1))
        }
        return written
    }

    private let organisations = ["Bromley Healthcare CIC", "bhc", "BHC", "Café Nouveau", "Guy’s and St Thomas’ NHS FT", "New Bidder Ltd", "bromley health care"]

    private func pick(_ items: [String], _ random: inout SplitMix64) -> String { items[random.below(items.count)] }

    /// Free text, starting with a letter (so a name is never blank).
    private func text(_ random: inout SplitMix64) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append("A")
        for _ in 0..<random.below(12) { scalars.append(characters[random.below(characters.count)]) }
        return String(scalars)
    }

    private func encode(_ written: Written, _ random: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        func space() {
            let spaces = ["", "", " ", "  ", "\t", "\r\n", "\n"]
            out += spaces[random.below(spaces.count)].utf8
        }
        func string(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for scalar in text.unicodeScalars { escape(scalar, into: &out, &random) }
            out.append(UInt8(ascii: "\""))
        }
        func value(_ encoded: Encoded) {
            switch encoded {
            case .string(let text): string(text)
            case .raw(let text): out += text.utf8
            case .array(let items): list(items)
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                for (index, member) in members.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    space(); string(member.key); space(); out.append(UInt8(ascii: ":")); space(); value(member.value); space()
                }
                if members.isEmpty { space() }
                out.append(UInt8(ascii: "}"))
            }
        }
        func list(_ items: [String]) {
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                space(); string(item); space()
            }
            if items.isEmpty { space() }
            out.append(UInt8(ascii: "]"))
        }
        // Now and then a byte order mark first, as some editors save a file.
        if random.below(16) == 0 { out += [0xEF, 0xBB, 0xBF] }
        var members = written.members
        if let meeting = written.meeting {
            var parts: [(key: String, value: Encoded)] = []
            if let attendees = meeting.attendees { parts.append(("attendees", .array(attendees))) }
            if let body = meeting.body { parts.append(("body", .string(body))) }
            if let date = meeting.date { parts.append(("date", .string(date))) }
            // A member left out may instead be given as `null`.
            if random.below(4) == 0, let absent = ["attendees", "body", "date"].first(where: { key in !parts.contains { $0.key == key } }) {
                parts.append((absent, .raw("null")))
            }
            if parts.count > 1 { parts.swapAt(0, random.below(parts.count)) }
            members.insert(("meeting", .object(parts)), at: random.below(members.count + 1))
        }
        space()
        value(.object(members))
        space()
        return out
    }
    /// One character as JSON allows: as it is (unless it must be escaped), in its short escape,
    /// or as `\uXXXX` in lower or upper case (a surrogate pair beyond U+FFFF).
    private func escape(_ scalar: Unicode.Scalar, into out: inout [UInt8], _ random: inout SplitMix64) {
        let short: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "/": "\\/", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\u{8}": "\\b", "\u{C}": "\\f"]
        let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
        let choice = random.below(mustEscape ? 2 : 4)
        if choice == 0, let escaped = short[scalar] {
            out += escaped.utf8
            return
        }
        switch choice {
        case 0, 1:
            let upper = random.below(2) == 0
            func unit(_ value: UInt32) {
                let hex = String(value, radix: 16, uppercase: upper)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            }
            if scalar.value > 0xFFFF {
                let value = scalar.value - 0x10000
                unit(0xD800 + (value >> 10))
                unit(0xDC00 + (value & 0x3FF))
            } else {
                unit(scalar.value)
            }
        default:
            out += String(scalar).utf8
        }
    }
}
