import ProbityRegister
import ProbitySemantics
import ProbitySupport

extension DecisionDecoder {
    /// A decision read straight from its bytes, with the attendees of its own `meeting` member
    /// when it has one and `meetingKey` allows it.
    public struct FlatDecision: Sendable {
        public var decision: Decision
        /// The meeting's attendees, read against the register whose `people` the line was read
        /// against, if any: most kept as register entries, with no `String` made. Nil when the
        /// line has no `meeting` member; empty when its meeting names nobody.
        public var attendees: AttendeeNames?
        /// The body its own meeting names (an index in `Program.bodies`), when it names one.
        public var meetingBody: Int?
        /// The day of its own meeting, when the meeting gives one.
        public var meetingDate: Int32?
        /// The deputies its own meeting names (`deputies`), in order.
        public var meetingDeputies: [MeetingDeputy] = []
    }

    /// Reads the common case straight from the bytes, without building a ``JSONValue`` tree: an
    /// object of declared fields holding strings, numbers, `null` or arrays of strings (and, if
    /// `meetingKey`, a `"meeting"` member giving any of `attendees`, `body`, `date` and
    /// `deputies`). Strings may be written with escapes (`"\u00a3"`, `"Guy\u2019s"`, `\"`) and
    /// the line with any JSON white space, as other JSON encoders write them (Python's
    /// `json.dumps` by default).
    ///
    /// Anything else — an unknown key, a key given twice, a value of the wrong type, a missing
    /// required field, a meeting's `papers_sent` or `holders`, malformed JSON —
    /// gives nil, and the caller reads the line again with ``decode(json:)``, which words the
    /// error. So this path never answers differently: it only answers the common lines faster.
    /// The tests hold the two paths to the same result.
    ///
    /// With `people`, each attendee is also resolved against that register's names, from the
    /// line's bytes when it is a register name byte for byte (no `String` made or looked up):
    /// the same answers ``PeopleIndex/resolve(_:)`` gives, which the tests hold it to.
    public func decodeFlat(_ bytes: [UInt8], meetingKey: Bool, people: PeopleIndex? = nil) -> FlatDecision? {
        var reader = FlatJSONReader(bytes)
        var decision = blankDecision
        var meeting = FlatMeeting()
        // Fields given as `null`, which leave no mark in the decision: the tree parser refuses a
        // key given twice, null or not. Allocated only for a line with a null.
        var nullFields: [Int] = []
        guard reader.consume(UInt8(ascii: "{")) else { return nil }
        if !reader.consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = reader.stringSpan(), reader.consume(UInt8(ascii: ":")) else { return nil }
                // With `meetingKey` no field is called `meeting`. Only a key of its length is
                // compared with it; the others go straight to the fields' names, by their bytes.
                let index: Int
                if meetingKey, key.range.count == 7, reader.text(key, equals: "meeting") {
                    guard meeting.attendees == nil, readMeeting(from: &reader, into: &meeting, people: people) else { return nil }
                    continue
                } else if let entry = reader.withBytes(key, fieldKeys.entry) {
                    index = fieldOfKey[entry]
                } else {
                    guard let found = field(named: key, in: reader) else { return nil }
                    index = found
                }
                guard !decision.isPresent[index], !nullFields.contains(index), let value = reader.value() else { return nil }
                if case .null = value {
                    nullFields.append(index)
                } else if !store(value, from: reader, into: &decision, field: index) {
                    return nil
                }
            } while reader.consume(UInt8(ascii: ","))
            guard reader.consume(UInt8(ascii: "}")) else { return nil }
        }
        guard reader.atEnd else { return nil }
        for index in requiredFields where !decision.isPresent[index] { return nil }
        decision.id = decision.texts[Field.idIndex] ?? ""
        decision.date = Int32(truncatingIfNeeded: decision.scalars[Field.dateIndex])
        return FlatDecision(decision: decision, attendees: meeting.attendees, meetingBody: meeting.body, meetingDate: meeting.date,
                            meetingDeputies: meeting.deputies)
    }

    /// What a line's own `meeting` member gives on this path; no attendees (not even an empty
    /// list) until the member is read.
    private struct FlatMeeting {
        var attendees: AttendeeNames?
        var body: Int?
        var date: Int32?
        var deputies: [MeetingDeputy] = []
    }

    /// Reads a line's own `meeting` object as ``MeetingDecoder`` reads one, for the members it
    /// has on this path: `attendees`, `body`, `date` and `deputies`, each perhaps `null` (left out). False
    /// for any other member, a member given twice, or a value that decoder would refuse.
    private func readMeeting(from reader: inout FlatJSONReader, into meeting: inout FlatMeeting, people: PeopleIndex?) -> Bool {
        guard reader.consume(UInt8(ascii: "{")) else { return false }
        var seen = (attendees: false, body: false, date: false, deputies: false)
        if !reader.consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = reader.stringSpan(), reader.consume(UInt8(ascii: ":")) else { return false }
                if reader.text(key, equals: "attendees") {
                    guard !seen.attendees else { return false }
                    seen.attendees = true
                    if reader.consumeNull() { continue }
                    guard let names = reader.attendees(people: people) else { return false }
                    meeting.attendees = names
                } else if reader.text(key, equals: "body") {
                    guard !seen.body else { return false }
                    seen.body = true
                    if reader.consumeNull() { continue }
                    guard let id = reader.string(), let found = program.bodyIndex[id] else { return false }
                    meeting.body = found
                } else if reader.text(key, equals: "date") {
                    guard !seen.date else { return false }
                    seen.date = true
                    if reader.consumeNull() { continue }
                    guard let text = reader.stringSpan(), let day = reader.withBytes(text, Day.parseISO(utf8:)) else { return false }
                    meeting.date = day.number
                } else if reader.text(key, equals: "deputies") {
                    // A meeting record's deputies, as a batch of one body's meetings gives them
                    // line after line: read here, such a line was read twice, the second time
                    // as a tree, and cost more than the meeting's own screening.
                    guard !seen.deputies else { return false }
                    seen.deputies = true
                    if reader.consumeNull() { continue }
                    guard let deputies = readDeputies(from: &reader) else { return false }
                    meeting.deputies = deputies
                } else {
                    return false
                }
            } while reader.consume(UInt8(ascii: ","))
            guard reader.consume(UInt8(ascii: "}")) else { return false }
        }
        if meeting.attendees == nil { meeting.attendees = AttendeeNames(readingAgainst: people, capacity: 0) }
        return true
    }

    /// A meeting's `deputies` as ``MeetingDecoder`` reads them, when it reads every entry without
    /// a word: an array of objects, each with `name` and `for` as strings that are not blank and
    /// perhaps `agreed_by_chair` as `true`, `false` or `null` (not agreed). Nil for anything else
    /// (an entry that is no object, lacks a name, has another member or one given twice, or a
    /// flag that is no boolean), which the full reader reads again and words.
    private func readDeputies(from reader: inout FlatJSONReader) -> [MeetingDeputy]? {
        guard reader.consume(UInt8(ascii: "[")) else { return nil }
        var deputies: [MeetingDeputy] = []
        if reader.consume(UInt8(ascii: "]")) { return deputies }
        repeat {
            guard reader.consume(UInt8(ascii: "{")) else { return nil }
            var name: String?, principal: String?, agreed: Bool?, seenAgreed = false
            if !reader.consume(UInt8(ascii: "}")) {
                repeat {
                    guard let key = reader.stringSpan(), reader.consume(UInt8(ascii: ":")) else { return nil }
                    if reader.text(key, equals: "name") {
                        guard name == nil, let text = reader.string(), !FlatJSONReader.isBlank(text) else { return nil }
                        name = text
                    } else if reader.text(key, equals: "for") {
                        guard principal == nil, let text = reader.string(), !FlatJSONReader.isBlank(text) else { return nil }
                        principal = text
                    } else if reader.text(key, equals: "agreed_by_chair") {
                        guard !seenAgreed else { return nil }
                        seenAgreed = true
                        if reader.consumeNull() { continue }
                        guard let flag = reader.boolean() else { return nil }
                        agreed = flag
                    } else {
                        return nil
                    }
                } while reader.consume(UInt8(ascii: ","))
                guard reader.consume(UInt8(ascii: "}")) else { return nil }
            }
            guard let name, let principal else { return nil }
            deputies.append(MeetingDeputy(name: name, deputisingFor: principal, agreedByChair: agreed ?? false))
        } while reader.consume(UInt8(ascii: ","))
        return reader.consume(UInt8(ascii: "]")) ? deputies : nil
    }

    /// The field a key names when its bytes are no field name's: found by `String` equality as
    /// ``decode(_:)`` looks keys up (a name spelt with other but equivalent bytes).
    private func field(named key: FlatJSONReader.Span, in reader: FlatJSONReader) -> Int? {
        reader.text(key).flatMap { program.fieldIndex[$0] }
    }

    /// Stores a value as ``decode(_:)`` would; false for anything it would refuse.
    private func store(_ value: FlatJSONReader.Value, from reader: FlatJSONReader, into decision: inout Decision, field index: Int) -> Bool {
        let type = fieldTypes[index]
        switch value {
        case .null:
            return true   // as if left out; the caller has noted it
        case .strings(let items):
            guard case .set(let element) = type else { return false }
            var values: [Int64] = []
            for item in items {
                guard let value = scalar(string: item, as: element, field: index) else { return false }
                values.append(value)
            }
            decision.sets[index] = values
            if element == .organisation { decision.nameLists[index] = items }
        case .string(let span):
            if type == .text || index == Field.idIndex {
                guard let text = reader.text(span) else { return false }
                decision.texts[index] = text
            } else {
                guard storeScalar(span, from: reader, into: &decision, field: index) else { return false }
            }
        case .number(let range):
            switch type {
            case .text: decision.texts[index] = reader.text(range, isASCII: true)
            case .money:
                guard let money = reader.withBytes(range, Money.parse(utf8:)) else { return false }
                decision.scalars[index] = money.pence
            case .number:
                guard let n = reader.text(range, isASCII: true).flatMap({ Int64($0) }) else { return false }
                decision.scalars[index] = n
            default:
                guard index == Field.idIndex else { return false }
                decision.texts[index] = reader.text(range, isASCII: true)
            }
        }
        decision.isPresent[index] = true
        return true
    }

    /// Stores a string value of a scalar field, read from the line's bytes where that needs no
    /// `String`: money and dates are parsed from them, and an enumeration value or an
    /// organisation's exact name is found by them. Anything else is made a string and read as
    /// ``scalar(string:as:field:)`` reads it.
    private func storeScalar(_ span: FlatJSONReader.Span, from reader: FlatJSONReader, into decision: inout Decision, field index: Int) -> Bool {
        let type = fieldTypes[index]
        switch type {
        case .money:
            guard let money = reader.withBytes(reader.trimmingSpaces(span), Money.parse(utf8:)) else { return false }
            decision.scalars[index] = money.pence
            return true
        case .date:
            guard let day = reader.withBytes(span, Day.parseISO(utf8:)) else { return false }
            decision.scalars[index] = Int64(day.number)
            return true
        case .enumeration:
            let (values, ordinals) = ordinalsByBytes[index]
            if let entry = reader.withBytes(span, values.entry) {
                decision.scalars[index] = ordinals[entry]
                return true
            }
        case .organisation:
            if let known = reader.withBytes(span, organisations.exactName(utf8:)) {
                decision.scalars[index] = Int64(known.organisation)
                decision.texts[index] = known.name
                return true
            }
        default:
            break
        }
        guard let text = reader.text(span), let value = scalar(string: text, as: type, field: index) else { return false }
        decision.scalars[index] = value
        if type == .organisation { decision.texts[index] = text }
        return true
    }

    private func scalar(string text: String, as type: FieldType, field: Int) -> Int64? {
        switch type {
        case .money: return Money.parse(text.trimmingSpaces)?.pence
        case .date: return Day.parseISO(text).map { Int64($0.number) }
        case .number: return Int64(text)
        case .enumeration: return ordinals[field][text]
        case .body: return program.bodyIndex[text].map(Int64.init)
        case .organisation: return organisations.lookup(text).map(Int64.init) ?? Decision.unknownOrganisation
        case .text, .set: return nil
        }
    }
}
