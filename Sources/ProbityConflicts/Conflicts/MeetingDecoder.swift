import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// Reads `{"body": ID, "date": ISO, "attendees": [names]}` against a program's bodies, with
/// the optional `papers_sent`, `deputies` and `holders` (who holds a role the papers leave unnamed).
///
/// The same three keys open an agenda and a record of votes, so the readers of those files use
/// this one for their common part. Every key is optional here; the commands say which they need.
package struct MeetingDecoder: Sendable {
    public let program: Program

    public init(program: Program) {
        self.program = program
    }

    /// Parses JSON text and decodes the meeting in it.
    public func decode(json bytes: [UInt8]) -> Result<Meeting, InputErrors> {
        MeetingDecoder.parse(bytes).flatMap(decode)
    }

    /// Parses a meeting-shaped file (an agenda, a record of votes) and decodes its common part:
    /// the document, for the caller's own keys, and the meeting.
    public func decodeDocument(json bytes: [UInt8]) -> Result<(document: JSONValue, meeting: Meeting), InputErrors> {
        MeetingDecoder.parse(bytes).flatMap { document in decode(document).map { (document, $0) } }
    }

    /// Parses a meeting, agenda or votes file, turning a syntax error into the input error
    /// all three report (P1110, with line and column). Nothing after a syntax error can be read.
    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, InputErrors> {
        JSONParser.parse(bytes).mapError { error in
            InputErrors([ConflictsInputError(code: .malformedMeetingJSON, field: nil,
                                             message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)")])
        }
    }

    /// Decodes the `body`, `date` and `attendees` members of a JSON object; other keys are left
    /// to the caller (an agenda has `items`, a vote record `votes`). Every member is read, so
    /// the errors are all of the meeting's, each naming its member's JSON path.
    public func decode(_ value: JSONValue) -> Result<Meeting, InputErrors> {
        var errors: [ConflictsInputError] = []
        let meeting = decode(value, errors: &errors)
        return errors.isEmpty ? .success(meeting) : .failure(InputErrors(errors))
    }

    /// The meeting in `value`, with what could not be read appended to `errors` (the member is
    /// then left unset).
    func decode(_ value: JSONValue, errors: inout [ConflictsInputError]) -> Meeting {
        var meeting = Meeting()
        guard value.objectValue != nil else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: nil, message: "a meeting must be a JSON object, found \(value.kindDescription)"))
            return meeting
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
            if let text = raw.stringValue, let day = Day.parseISO(text) {
                meeting.date = day.number
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "date", message: "field `date` must be a date written YYYY-MM-DD"))
            }
        }
        if let raw = value["attendees"], !raw.isNull {
            meeting.attendees = Self.names(raw, field: "attendees", errors: &errors)
        }
        if let raw = value["papers_sent"], !raw.isNull {
            if let text = raw.stringValue, let day = Day.parseISO(text) {
                meeting.papersSent = day.number
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "papers_sent", message: "field `papers_sent` must be a date written YYYY-MM-DD"))
            }
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
