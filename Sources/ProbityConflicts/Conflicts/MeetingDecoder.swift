import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// Reads `{"body": ID, "date": ISO, "attendees": [names]}` against a program's bodies, with
/// the optional `papers_sent`, `deputies` and `holders` (who holds a role the papers leave unnamed).
///
/// The same three keys open an agenda and a record of votes, so the readers of those files use
/// this one for their common part. Every key is optional here; the commands say which they need.
/// Every member is read whatever is wrong with another, so a file's errors are reported together.
package struct MeetingDecoder: Sendable {
    public let program: Program

    public init(program: Program) {
        self.program = program
    }

    /// Parses JSON text and decodes the meeting in it.
    public func decode(json bytes: [UInt8]) -> Result<Meeting, InputErrors> {
        MeetingDecoder.parse(bytes).flatMap { decode($0) }
    }

    /// The keys a meeting has.
    public static let keys: Set<String> = ["body", "date", "attendees", "papers_sent", "deputies", "holders"]

    /// Parses a meeting, agenda or votes file, turning a syntax error into the input error
    /// all three report (P1110, with line and column). Nothing after a syntax error can be read.
    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, InputErrors> {
        JSONParser.parse(bytes).mapError { error in
            InputErrors([ConflictsInputError(code: .malformedMeetingJSON, field: nil,
                                             message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)")])
        }
    }

    /// Decodes the members of a meeting; `otherKeys` are left to the caller (an agenda has
    /// `items`, a vote record `votes`). Every error is reported, each at its JSON path.
    public func decode(_ value: JSONValue, otherKeys: Set<String> = []) -> Result<Meeting, InputErrors> {
        var errors: [ConflictsInputError] = []
        let meeting = decode(value, otherKeys: otherKeys, errors: &errors)
        return errors.isEmpty ? .success(meeting) : .failure(InputErrors(errors))
    }

    /// The meeting in `value`, with what could not be read appended to `errors` (the member is
    /// then left unset). Any key but a meeting's and `otherKeys` is an error, never ignored: a
    /// misspelt `atendees` would otherwise leave the meeting with nobody present.
    func decode(_ value: JSONValue, otherKeys: Set<String>, errors: inout [ConflictsInputError]) -> Meeting {
        var meeting = Meeting()
        guard let members = value.objectValue else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: nil, message: "a meeting must be a JSON object, found \(value.kindDescription)"))
            return meeting
        }
        let known = Self.keys.union(otherKeys)
        for unknown in members.map(\.key) where !known.contains(unknown) {
            let hint = closestMatch(to: unknown, among: known.sorted()).map { "did you mean `\($0)`? " } ?? ""
            let expected = known.sorted().map { "`\($0)`" }.joined(separator: ", ")
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: unknown, message: "unknown key `\(unknown)`; \(hint)expected \(expected)"))
        }
        if let raw = value["body"], !raw.isNull {
            if let id = raw.stringValue {
                if let body = program.bodyIndex[id] {
                    meeting.body = body
                } else {
                    let hint = closestMatch(to: id, among: program.bodyIndex.keys).map { "; did you mean `\($0)`?" } ?? ""
                    errors.append(ConflictsInputError(code: .meetingUndeclaredBody, field: "body", message: "field `body` names `\(id)`, which is not a declared body or officer\(hint)"))
                }
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "body", message: "field `body` must be a body id as a string, found \(raw.kindDescription)"))
            }
        }
        if let raw = value["date"], !raw.isNull {
            meeting.date = Self.day(raw, field: "date", errors: &errors)
        }
        if let raw = value["attendees"], !raw.isNull {
            meeting.attendees = Self.names(raw, field: "attendees", errors: &errors)
        }
        if let raw = value["papers_sent"], !raw.isNull {
            meeting.papersSent = Self.day(raw, field: "papers_sent", errors: &errors)
        }
        if let raw = value["holders"], !raw.isNull {
            if let entries = raw.objectValue {
                for (role, holder) in entries {
                    guard let name = holder.stringValue, !name.allSatisfy(\.isWhitespace) else {
                        errors.append(ConflictsInputError(code: .meetingFieldShape, field: "holders.\(role)",
                                                          message: "field `holders.\(role)` must be a person's name as a non-empty string"))
                        continue
                    }
                    meeting.roleHolders.append((role, name))
                }
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "holders", message: "field `holders` must be an object of role: name, such as {\"vice-chair\": \"…\"}"))
            }
        }
        if let raw = value["deputies"], !raw.isNull {
            meeting.deputies = deputies(raw, errors: &errors)
        }
        return meeting
    }

    /// `deputies`: `[{"name", "for", "agreed_by_chair"}]`; an entry that cannot be read is
    /// reported at its index and left out.
    private func deputies(_ raw: JSONValue, errors: inout [ConflictsInputError]) -> [Meeting.Deputy] {
        guard let items = raw.arrayValue else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: "deputies", message: "field `deputies` must be a JSON array of {\"name\", \"for\", \"agreed_by_chair\"}"))
            return []
        }
        var deputies: [Meeting.Deputy] = []
        for (position, item) in items.enumerated() {
            let field = "deputies[\(position)]"
            guard let name = item["name"]?.stringValue, !name.allSatisfy(\.isWhitespace),
                  let principal = item["for"]?.stringValue, !principal.allSatisfy(\.isWhitespace) else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: field,
                    message: "field `deputies`, entry \(position + 1), needs `name` and `for` (the member deputised for) as strings"))
                continue
            }
            var agreed = false
            if let flag = item["agreed_by_chair"], !flag.isNull {
                guard let value = flag.boolValue else {
                    errors.append(ConflictsInputError(code: .meetingFieldShape, field: "\(field).agreed_by_chair",
                                                      message: "field `deputies`, entry \(position + 1): `agreed_by_chair` must be `true` or `false`"))
                    continue
                }
                agreed = value
            }
            deputies.append(Meeting.Deputy(name: name, deputisingFor: principal, agreedByChair: agreed))
        }
        return deputies
    }

    /// A date in a meeting, agenda or votes file, read by the rules every file follows
    /// (`DateText`, docs/dates.md): these files write ISO dates, and a day-first one is told the
    /// ISO form to write; a day that does not exist says why. Nil, with the error, when it is not.
    static func day(_ raw: JSONValue, field: String, errors: inout [ConflictsInputError]) -> Int32? {
        guard let text = raw.stringValue else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: field, message: "field `\(field)` must be a date written YYYY-MM-DD, found \(raw.kindDescription)"))
            return nil
        }
        switch DateText.read(text.trimmingSpaces) {
        case .iso(let day):
            return day.number
        case .dayFirst(let day):
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: field,
                message: "field `\(field)` is \"\(text)\", a day-first date; the file writes dates as YYYY-MM-DD: did you mean `\(day.iso)`?"))
        case .noSuchDay(let year, let month, let day):
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: field,
                message: "field `\(field)` is \"\(text)\", a day that does not exist: \(DateText.whyNoSuchDay(year: year, month: month, day: day))"))
        case .unreadable:
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: field, message: "field `\(field)` must be a date written YYYY-MM-DD, found \"\(text)\""))
        }
        return nil
    }

    /// A JSON array of names, each a non-empty string; an entry that is not is reported at its
    /// index (`attendees[2]`) and left out.
    static func names(_ raw: JSONValue, field: String, errors: inout [ConflictsInputError]) -> [String] {
        guard let items = raw.arrayValue else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: field, message: "field `\(field)` must be a JSON array of names, found \(raw.kindDescription)"))
            return []
        }
        var names: [String] = []
        for (position, item) in items.enumerated() {
            guard let name = item.stringValue, !name.allSatisfy(\.isWhitespace) else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "\(field)[\(position)]",
                                                  message: "field `\(field)`, entry \(position + 1), must be a person's name as a non-empty string"))
                continue
            }
            names.append(name)
        }
        return names
    }
}
