import Foundation
import ProbityEngine
import ProbityRegister
import ProbitySemantics
import ProbitySupport
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
            // Escaped strings, as other encoders write them (Python's `json.dumps` escapes
            // every non-ASCII character and writes ", " and ": "), read as the same text.
            #"{"id": "d", "date": "2023-06-01", "value": "\u00a31,200", "counterparty": "Caf\u00e9 Nouveau"}"#,
            #"{"id":"d","date":"2023-06-01","title":"a \"quoted\" word \\ \/ \n\t\r\b\f \ud83d\ude00 \u00A3"}"#,
            #"{"id":"d\u0031","date":"2023\u002d06-01","\u006bind":"contract\u002daward","decided_by":"cp\u0061g"}"#,
            #"{"id":"d","date":"2023-06-01","counterparty":"Bromley Healthcare CI\u0043","bidders":["B\u0048C","Caf\u00e9 Ltd"],"budgets":["counci\u006c"]}"#,
            #"{"id":"d","date":"2023-06-01","value":"  \u00a31,200  ","count":-12,"budget":null}"#,
            "{\"id\":\"d\",\r\n\t\"date\":\"2023-06-01\"}\r\n",
            "\u{FEFF}{\"id\":\"d\",\"date\":\"2023-06-01\"}",                    // a byte-order mark
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
            #"{"id":"d","date":"2023-06-01","kind":"appointment","kind":"appointment"}"#,  // twice
            #"{"id":"d","date":"2023-06-01","budget":null,"budget":"council"}"#,  // twice, once null
            #"{"id":"d","date":"2023-06-01","budget":null,"budget":null}"#,     // twice, both null
            #"{"id":"d","date":"2023-06-01",}"#,                                 // trailing comma
            #"{"id":"d"}"#,                                                      // no date
            #"{"id":"d","date":"2023-06-01"} x"#,                                // trailing junk
            #"{"id":"d","date":"2023-06-01","kind":true}"#,                      // wrong type
            #"{"id":"d","date":"2023-06-01","bidders":"BHC"}"#,                  // a set given as one
            #"{"id":"d","date":"2023-06-01","meeting":{"attendees":["A"]}}"#,   // no meeting key here
            " \u{FEFF}{\"id\":\"d\",\"date\":\"2023-06-01\"}",                   // a byte-order mark not first
            // Escapes the tree parser refuses, each worded there.
            #"{"id":"d","date":"2023-06-01","title":"\ud83d"}"#,                // a lone high surrogate
            #"{"id":"d","date":"2023-06-01","title":"\ud83dx"}"#,               // ... followed by text
            #"{"id":"d","date":"2023-06-01","title":"\ud83d\u0041"}"#,          // ... by a non-surrogate
            #"{"id":"d","date":"2023-06-01","title":"\ude00"}"#,                // a lone low surrogate
            #"{"id":"d","date":"2023-06-01","title":"\x41"}"#,                  // no such escape
            #"{"id":"d","date":"2023-06-01","title":"\u12"}"#,                  // too few digits
            #"{"id":"d","date":"2023-06-01","title":"\u12g4"}"#,                // not hexadecimal
            "{\"id\":\"d\",\"date\":\"2023-06-01\",\"title\":\"\\n\t\"}",            // a raw tab after an escape
            #"{"id":"d","date":"2023-06-01","title":"\n"#,                      // no closing quote
            #"{"id":"d","date":"2023-06-01","title":"\"#,                       // ends at the backslash
            #"{"id":"d","date":"2023-06-01","k\u0069nd":"appointment","kind":"appointment"}"#,  // twice, once escaped
            #"{"id":"d","date":"2023-06-01","value":"\u00a3lots"}"#,            // not money, escaped
        ]
        for input in declined {
            XCTAssertNil(decoder.decodeFlat(Array(input.utf8), meetingKey: false), input)
            XCTAssertThrowsError(try decoder.decode(json: Array(input.utf8)).get(), input)
        }
    }

    func testAMeetingMemberGivesTheAttendees() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let input = #"{"id":"d","date":"2023-06-01","meeting":{"attendees":["Ann Chair","Dr Bob"]},"kind":"appointment"}"#
        let flat = try XCTUnwrap(decoder.decodeFlat(Array(input.utf8), meetingKey: true))
        XCTAssertEqual(flat.attendees?.written, ["Ann Chair", "Dr Bob"])
        XCTAssertNil(flat.meetingBody)
        XCTAssertNil(flat.meetingDate)
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":["A"],"body":"x"}}"#.utf8), meetingKey: true))
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":[" "]}}"#.utf8), meetingKey: true))
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"attendees":["\u0020"]}}"#.utf8), meetingKey: true))
    }

    /// A meeting may also name its body and day, as a meeting file does (`MeetingDecoder`), any
    /// of them `null`; what else a meeting file may give is left to the full reader.
    func testAMeetingMemberMayNameItsBodyAndDay() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        let decoder = DecisionDecoder(program: plan.program)
        let lcpBoard = try XCTUnwrap(plan.program.bodyIndex["lcp-board"])
        let input = #"{"id": "d", "meeting": {"date": "2023-06-01", "body": "lcp\u002dboard", "attendees": ["Ann O\u2019Brien"]}, "date": "2023-06-01"}"#
        let flat = try XCTUnwrap(decoder.decodeFlat(Array(input.utf8), meetingKey: true))
        XCTAssertEqual(flat.attendees?.written, ["Ann O\u{2019}Brien"])
        XCTAssertEqual(flat.meetingBody, lcpBoard)
        XCTAssertEqual(flat.meetingDate, Day.parseISO("2023-06-01")?.number)
        let nulls = try XCTUnwrap(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{"body":null,"date":null,"attendees":null}}"#.utf8), meetingKey: true))
        XCTAssertEqual(nulls.attendees?.written, [], "a meeting with nobody named is a meeting of nobody, not no meeting")
        XCTAssertNil(nulls.meetingBody)
        XCTAssertEqual(try XCTUnwrap(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{}}"#.utf8), meetingKey: true)).attendees?.written, [])
        for meeting in [#"{"body":"nobody"}"#, #"{"date":"01/06/2023"}"#, #"{"date":"2023-02-30"}"#, #"{"papers_sent":"2023-05-20"}"#,
                        #"{"deputies":[{}]}"#, #"{"holders":{}}"#, #"{"body":"cpag","body":"cpag"}"#, #"{"date":null,"date":"2023-06-01"}"#,
                        #"{"attendees":[],"attendees":[]}"#, #"{"body":7}"#, #"{"attendees":"Ann"}"#, #"[]"#, #"null"#] {
            let line = #"{"id":"d","date":"2023-06-01","meeting":"# + meeting + "}"
            XCTAssertNil(decoder.decodeFlat(Array(line.utf8), meetingKey: true), line)
        }
        XCTAssertNil(decoder.decodeFlat(Array(#"{"id":"d","date":"2023-06-01","meeting":{},"meeting":{}}"#.utf8), meetingKey: true))
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
