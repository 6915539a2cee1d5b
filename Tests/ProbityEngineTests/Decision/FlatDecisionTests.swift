import Foundation
import ProbityEngine
import ProbityRegister
import ProbitySemantics
import ProbityTestSupport
import XCTest

/// The byte-level reader may decline a line, but when it answers it must answer exactly as the
/// full decoder does.
final class FlatDecisionTests: XCTestCase {
    private func assertSame(_ fast: Decision, _ full: Decision, _ input: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(fast.id, full.id, input, file: file, line: line)
        XCTAssertEqual(fast.date, full.date, input, file: file, line: line)
        XCTAssertEqual(fast.isPresent, full.isPresent, input, file: file, line: line)
        XCTAssertEqual(fast.scalars, full.scalars, input, file: file, line: line)
        XCTAssertEqual(fast.sets, full.sets, input, file: file, line: line)
        XCTAssertEqual(fast.texts, full.texts, input, file: file, line: line)
        XCTAssertEqual(fast.nameLists, full.nameLists, input, file: file, line: line)
    }

    private var scheme: String {
        tieredScheme + """

        fields
          title: text
          count: number
          bidders: set of organisation
          budgets: set of one of icb-delegated, council
        """
    }

    func testPlainLinesAreReadAsTheFullDecoderReadsThem() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let inputs = [
            #"{"id":"d","date":"2023-06-01","kind":"contract-award","value":"£1.2m"}"#,
            #" { "id" : 7 , "date":"2024-02-29", "value": 999999.99, "salary": " £100k ", "decided_by": "cpag" } "#,
            #"{"id":"d","date":"2023-06-01","counterparty":"bromley health care","bidders":["BHC","New Bidder Ltd"],"budgets":[]}"#,
            #"{"id":"d","date":"2023-06-01","title":"Café £5k","count":"12","budget":null}"#,
            #"{"id":"d","date":"2023-06-01","count":42,"title":17.5}"#,
            // Names found by their bytes: an organisation's exact name, id and alias, an
            // enumeration's value; and the same spelt otherwise, found the long way.
            #"{"id":"d","date":"2023-06-01","counterparty":"Bromley Healthcare CIC","kind":"contract-award"}"#,
            #"{"id":"d","date":"2023-06-01","counterparty":"bhc","bidders":["BHC","Bromley Health Care"]}"#,
            #"{"id":"d","date":"2023-06-01","counterparty":"BROMLEY HEALTHCARE CIC","value":"  £1,200  "}"#,
            #"{"id":"d","date":"2023-06-01","counterparty":"Café Nouveau","value":"£1.2m"}"#,
        ]
        for input in inputs {
            let flat = try XCTUnwrap(decoder.decodeFlat(Array(input.utf8), meetingKey: false), input)
            let full = try decoder.decode(json: Array(input.utf8)).get()
            assertSame(flat.decision, full, input)
            XCTAssertNil(flat.attendees)
        }
    }

    func testAnythingElseIsLeftToTheFullDecoder() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let declined = [
            #"{"id":"d","date":"2023-06-01","colour":"blue"}"#,                 // unknown field
            #"{"id":"d","date":"2023-06-01","kind":"contract-awrd"}"#,          // not a value
            #"{"id":"d","date":"23/06/2023"}"#,                                  // not a date
            #"{"id":"d","date":"2023-06-01","value":"lots"}"#,                   // not money
            #"{"id":"d","date":"2023-06-01","value":1e6}"#,                      // an exponent
            #"{"id":"d","date":"2023-06-01","value":01}"#,                       // a leading zero
            #"{"id":"d","date":"2023-06-01","title":"a \"quoted\" word"}"#,      // an escape
            #"{"id":"d","date":"2023-06-01","kind":"appointment","kind":"appointment"}"#,  // twice
            #"{"id":"d","date":"2023-06-01",}"#,                                 // trailing comma
            #"{"id":"d"}"#,                                                      // no date
            #"{"id":"d","date":"2023-06-01"} x"#,                                // trailing junk
            #"{"id":"d","date":"2023-06-01","kind":true}"#,                      // wrong type
            #"{"id":"d","date":"2023-06-01","bidders":"BHC"}"#,                  // a set given as one
            #"{"id":"d","date":"2023-06-01","meeting":{"attendees":["A"]}}"#,   // no meeting key here
            "\u{FEFF}{\"id\":\"d\",\"date\":\"2023-06-01\"}",                    // a byte-order mark
        ]
        for input in declined {
            XCTAssertNil(decoder.decodeFlat(Array(input.utf8), meetingKey: false), input)
        }
    }

    func testAMeetingMemberGivesTheAttendees() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let input = #"{"id":"d","date":"2023-06-01","meeting":{"attendees":["Ann Chair","Dr Bob"]},"kind":"appointment"}"#
        let flat = try XCTUnwrap(decoder.decodeFlat(Array(input.utf8), meetingKey: true))
        XCTAssertEqual(flat.attendees?.written, ["Ann Chair", "Dr Bob"])
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":["A"],"body":"x"}}"#.utf8), meetingKey: true))
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":[" "]}}"#.utf8), meetingKey: true))
    }

    /// Read against a register's people, each attendee resolves as `PeopleIndex.resolve` says,
    /// whether found from the line's bytes (a register name exactly) or made and looked up.
    func testAttendeesReadAgainstARegisterResolveAsTheIndexDoes() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let people = PeopleIndex(["Ann Chair", "Dr Bob Jones", "Jos\u{E9} Garc\u{ED}a", "A Smith", "Dr A Smith"].map { RegisterPerson(name: $0) })
        let written = ["Ann Chair", "ANN CHAIR", "Bob Jones", "Jose\u{301} Garci\u{301}a", "Jos\u{E9} Garc\u{ED}a", "A Smith", "Nobody Here", "Ann Chair"]
        let input = #"{"id":"d","date":"2023-06-01","meeting":{"attendees":["# + written.map { "\"\($0)\"" }.joined(separator: ",") + "]}}"
        let plain = try XCTUnwrap(decoder.decodeFlat(Array(input.utf8), meetingKey: true))
        let read = try XCTUnwrap(decoder.decodeFlat(Array(input.utf8), meetingKey: true, people: people))
        let readNames = try XCTUnwrap(read.attendees), plainNames = try XCTUnwrap(plain.attendees)
        XCTAssertFalse(plainNames.isRead(against: people))
        XCTAssertTrue(readNames.isRead(against: people))
        XCTAssertEqual(readNames.written.map { Array($0.utf8) }, written.map { Array($0.utf8) })
        XCTAssertEqual(plainNames.written.map { Array($0.utf8) }, written.map { Array($0.utf8) })
        let resolutions = written.indices.map { readNames.resolution(at: $0, on: people) }
        XCTAssertEqual(resolutions, written.map(people.resolve))
        XCTAssertEqual(written.indices.map { plainNames.resolution(at: $0, on: people) }, resolutions)
        XCTAssertEqual(resolutions[0], .found(0))
        XCTAssertEqual(resolutions[5], .ambiguous([3, 4]))
        XCTAssertEqual(resolutions[6], .notFound)
        // An empty list, and a blank name (left to the full decoder), as without a register.
        let empty = try XCTUnwrap(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":[]}}"#.utf8), meetingKey: true, people: people))
        XCTAssertEqual(empty.attendees?.written, [])
        XCTAssertEqual(empty.attendees?.isRead(against: people), true)
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":["Ann Chair"," "]}}"#.utf8), meetingKey: true, people: people))
        // Blank even when a register (wrongly) has a blank name with those very bytes.
        let blankRegister = PeopleIndex([RegisterPerson(name: " "), RegisterPerson(name: "\u{3000}")])
        for blank in [" ", "\u{3000}"] {
            let line = #"{"id":"d","date":"2023-06-01","meeting":{"attendees":["Ann Chair",""# + blank + #""]}}"#
            XCTAssertNil(decoder.decodeFlat(Array(line.utf8), meetingKey: true, people: blankRegister))
        }
    }

    /// Damaged lines: whenever the byte reader answers, the full decoder answers the same.
    func testOnDamagedLinesTheTwoReadersNeverDisagree() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let seed = Array(#"{"id":"d1","date":"2023-06-01","kind":"contract-award","value":"£1,200,000.50","counterparty":"BHC","bidders":["A","B"],"count":3}"#.utf8)
        var generator = TestSeed.generator(fixed: 7).generator
        let alphabet = Array(#"{}[],:"\ 0123456789.-eE£abkmnul"#.utf8)
        var answered = 0
        for _ in 0..<5_000 {
            var bytes = seed
            for _ in 0..<Int(generator.next() % 3 + 1) {
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: at)
                }
            }
            guard let flat = decoder.decodeFlat(bytes, meetingKey: false) else { continue }
            answered += 1
            let text = String(decoding: bytes, as: UTF8.self)
            guard case .success(let full) = decoder.decode(json: bytes) else {
                XCTFail("the byte reader accepted what the decoder refuses: \(text)")
                continue
            }
            assertSame(flat.decision, full, text)
        }
        XCTAssertGreaterThan(answered, 100)
    }
}
