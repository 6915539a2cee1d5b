import ProbityEngine
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

/// A line's own meeting may name its deputies and still be read straight from the line's bytes
/// (``DecisionDecoder/decodeFlat(_:meetingKey:people:)``). Whenever that reader answers, the
/// meeting file's reader (``MeetingDecoder``) reads the same meeting from the same bytes.
final class FlatMeetingDeputiesTests: XCTestCase {
    /// Seeded: meetings with deputies written well and badly (blank or missing names, other
    /// members, members given twice, flags that are no boolean, `null`s, escapes, white space),
    /// and damaged by a byte or two.
    func testWheneverTheByteReaderReadsDeputiesTheMeetingReaderReadsTheSame() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let program = ConflictsFixtures.program()
        let decoder = DecisionDecoder(program: program)
        let names = [#""Zoe Standin""#, #""Bob Council""#, #""Jos\u00e9 Garc\u00eda""#, #"" ""#, #""""#, #""\u0020""#, "7", "null", #""Ivy\tDeputy""#]
        let flags = ["true", "false", "null", #""yes""#, "1", "tru", "truee"]
        func entry() -> String {
            var members: [String] = []
            func member(_ key: Int) -> String {
                switch key {
                case 0: #""name":"# + names[random.below(names.count)]
                case 1: #""for":"# + names[random.below(names.count)]
                default: #""agreed_by_chair":"# + flags[random.below(flags.count)]
                }
            }
            if random.below(8) != 0 { members.append(member(0)) }
            if random.below(8) != 0 { members.append(member(1)) }
            if random.below(2) == 0 { members.append(member(2)) }
            if random.below(12) == 0 { members.append(#""note":"x""#) }
            // A member given twice, perhaps with another value.
            if random.below(8) == 0 { members.append(member(random.below(3))) }
            members.shuffle(using: &random)
            let space = random.below(3) == 0 ? " " : ""
            return random.below(20) == 0 ? #""Zoe""# : "{" + space + members.joined(separator: "," + space) + space + "}"
        }
        let alphabet = Array(#"{}[],:"\ tfaeulrn0"#.utf8)
        var read = 0, refused = 0
        for _ in 0..<3_000 {
            let deputies = random.below(15) == 0 ? "null" : "[" + (0..<random.inRange(0...3)).map { _ in entry() }.joined(separator: ",") + "]"
            var meeting = #"{"body":"panel","attendees":["Zoe Standin","Ann Chair"],"deputies":"# + deputies + "}"
            if random.below(4) == 0 {
                var bytes = Array(meeting.utf8)
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[at] = alphabet[random.below(alphabet.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
                }
                meeting = String(decoding: bytes, as: UTF8.self)
            }
            let line = #"{"id":"d","date":"2024-03-14","kind":"contract-award","meeting":"# + meeting + "}"
            guard let flat = decoder.decodeFlat(Array(line.utf8), meetingKey: true) else {
                refused += 1
                continue
            }
            read += 1
            guard case .success(let full) = MeetingDecoder(program: program).decode(json: Array(meeting.utf8)) else {
                XCTFail("seed \(seed): the byte reader read what the meeting reader refuses: \(meeting)")
                continue
            }
            XCTAssertEqual(flat.meetingDeputies.map { [$0.name, $0.deputisingFor, "\($0.agreedByChair)"] },
                           full.deputies.map { [$0.name, $0.deputisingFor, "\($0.agreedByChair)"] }, "seed \(seed): \(meeting)")
            XCTAssertEqual(flat.meetingBody, full.body, "seed \(seed): \(meeting)")
            XCTAssertEqual(flat.attendees?.written, full.attendees, "seed \(seed): \(meeting)")
        }
        XCTAssertGreaterThan(read, 300, "seed \(seed): lines the byte reader read")
        XCTAssertGreaterThan(refused, 300, "seed \(seed): lines left to the full reader")
    }

    func testAMeetingRecordsDeputiesAreReadFromTheLine() throws {
        let program = ConflictsFixtures.program()
        let line = #"{"id":"d","date":"2024-03-14","kind":"contract-award","meeting":{"body":"panel","deputies":[{"name":"Zoe Standin","for":"Bob Council","agreed_by_chair":true},{"for":"Ann Chair","name":"Ivy Deputy"}]}}"#
        let flat = try XCTUnwrap(DecisionDecoder(program: program).decodeFlat(Array(line.utf8), meetingKey: true))
        XCTAssertEqual(flat.meetingDeputies, [Meeting.Deputy(name: "Zoe Standin", deputisingFor: "Bob Council", agreedByChair: true),
                                              Meeting.Deputy(name: "Ivy Deputy", deputisingFor: "Ann Chair", agreedByChair: false)])
    }
}
