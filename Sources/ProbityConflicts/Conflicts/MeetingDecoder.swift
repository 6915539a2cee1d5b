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
    public func decode(json bytes: [UInt8]) -> Result<Meeting, ConflictsInputError> {
        MeetingDecoder.parse(bytes).flatMap { decode($0) }
    }

    /// Parses a meeting-shaped file (an agenda, a record of votes) and decodes its common part:
    /// the document, for the caller's own keys (`otherKeys`, the only others it may have), and
    /// the meeting.
    public func decodeDocument(json bytes: [UInt8], otherKeys: Set<String>) -> Result<(document: JSONValue, meeting: Meeting), ConflictsInputError> {
        MeetingDecoder.parse(bytes).flatMap { document in decode(document, otherKeys: otherKeys).map { (document, $0) } }
    }

    /// The keys a meeting has.
    public static let keys: Set<String> = ["body", "date", "attendees", "papers_sent", "deputies", "holders"]

    /// Parses a meeting, agenda or votes file, turning a syntax error into the input error
    /// all three report (P1110, with line and column).
    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, ConflictsInputError> {
        JSONParser.parse(bytes).mapError { error in
            ConflictsInputError(code: "P1110", field: nil,
                                message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)")
        }
    }

    /// Decodes the `body`, `date` and `attendees` members of a JSON object; `otherKeys` are left
    /// to the caller (an agenda has `items`, a vote record `votes`). Any other key is an error,
    /// never ignored: a misspelt `atendees` would otherwise leave the meeting with nobody present.
    public func decode(_ value: JSONValue, otherKeys: Set<String> = []) -> Result<Meeting, ConflictsInputError> {
        guard let members = value.objectValue else {
            return .failure(ConflictsInputError(code: "P1111", field: nil, message: "a meeting must be a JSON object, found \(value.kindDescription)"))
        }
        let known = Self.keys.union(otherKeys)
        if let unknown = members.first(where: { !known.contains($0.key) })?.key {
            let hint = closestMatch(to: unknown, among: known.sorted()).map { "did you mean `\($0)`? " } ?? ""
            let expected = known.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return .failure(ConflictsInputError(code: "P1111", field: unknown, message: "unknown key `\(unknown)`; \(hint)expected \(expected)"))
        }
        var meeting = Meeting()
        if let raw = value["body"], !raw.isNull {
            guard let id = raw.stringValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "body", message: "field `body` must be a body id as a string, found \(raw.kindDescription)"))
            }
            guard let body = program.bodyIndex[id] else {
                let hint = closestMatch(to: id, among: program.bodyIndex.keys).map { "; did you mean `\($0)`?" } ?? ""
                return .failure(ConflictsInputError(code: "P1112", field: "body", message: "field `body` names `\(id)`, which is not a declared body or officer\(hint)"))
            }
            meeting.body = body
        }
        if let raw = value["date"], !raw.isNull {
            switch Self.day(raw, field: "date") {
            case .success(let day): meeting.date = day
            case .failure(let error): return .failure(error)
            }
        }
        if let raw = value["attendees"], !raw.isNull {
            switch Self.names(raw, field: "attendees") {
            case .success(let names): meeting.attendees = names
            case .failure(let error): return .failure(error)
            }
        }
        if let raw = value["papers_sent"], !raw.isNull {
            switch Self.day(raw, field: "papers_sent") {
            case .success(let day): meeting.papersSent = day
            case .failure(let error): return .failure(error)
            }
        }
        if let raw = value["holders"], !raw.isNull {
            guard let entries = raw.objectValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "holders", message: "field `holders` must be an object of role: name, such as {\"vice-chair\": \"…\"}"))
            }
            for (role, holder) in entries {
                guard let name = holder.stringValue, !name.allSatisfy(\.isWhitespace) else {
                    return .failure(ConflictsInputError(code: "P1111", field: "holders.\(role)", message: "field `holders.\(role)` must be a person's name as a non-empty string"))
                }
                meeting.roleHolders.append((role, name))
            }
        }
        if let raw = value["deputies"], !raw.isNull {
            guard let items = raw.arrayValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "deputies", message: "field `deputies` must be a JSON array of {\"name\", \"for\", \"agreed_by_chair\"}"))
            }
            for (position, item) in items.enumerated() {
                guard let name = item["name"]?.stringValue, !name.allSatisfy(\.isWhitespace),
                      let principal = item["for"]?.stringValue, !principal.allSatisfy(\.isWhitespace) else {
                    return .failure(ConflictsInputError(code: "P1111", field: "deputies",
                        message: "field `deputies`, entry \(position + 1), needs `name` and `for` (the member deputised for) as strings"))
                }
                var agreed = false
                if let flag = item["agreed_by_chair"], !flag.isNull {
                    guard let value = flag.boolValue else {
                        return .failure(ConflictsInputError(code: "P1111", field: "deputies", message: "field `deputies`, entry \(position + 1): `agreed_by_chair` must be `true` or `false`"))
                    }
                    agreed = value
                }
                meeting.deputies.append(Meeting.Deputy(name: name, deputisingFor: principal, agreedByChair: agreed))
            }
        }
        return .success(meeting)
    }

    /// A date in a meeting, agenda or votes file, read by the rules every file follows
    /// (`DateText`, docs/dates.md): these files write ISO dates, and a day-first one is told the
    /// ISO form to write; a day that does not exist says why.
    static func day(_ raw: JSONValue, field: String) -> Result<Int32, ConflictsInputError> {
        guard let text = raw.stringValue else {
            return .failure(ConflictsInputError(code: "P1111", field: field, message: "field `\(field)` must be a date written YYYY-MM-DD, found \(raw.kindDescription)"))
        }
        switch DateText.read(text.trimmingSpaces) {
        case .iso(let day):
            return .success(day.number)
        case .dayFirst(let day):
            return .failure(ConflictsInputError(code: "P1111", field: field,
                message: "field `\(field)` is \"\(text)\", a day-first date; the file writes dates as YYYY-MM-DD: did you mean `\(day.iso)`?"))
        case .noSuchDay(let year, let month, let day):
            return .failure(ConflictsInputError(code: "P1111", field: field,
                message: "field `\(field)` is \"\(text)\", a day that does not exist: \(DateText.whyNoSuchDay(year: year, month: month, day: day))"))
        case .unreadable:
            return .failure(ConflictsInputError(code: "P1111", field: field, message: "field `\(field)` must be a date written YYYY-MM-DD, found \"\(text)\""))
        }
    }

    /// A JSON array of names, each a non-empty string.
    static func names(_ raw: JSONValue, field: String) -> Result<[String], ConflictsInputError> {
        guard let items = raw.arrayValue else {
            return .failure(ConflictsInputError(code: "P1111", field: field, message: "field `\(field)` must be a JSON array of names, found \(raw.kindDescription)"))
        }
        var names: [String] = []
        for (position, item) in items.enumerated() {
            guard let name = item.stringValue, !name.allSatisfy(\.isWhitespace) else {
                return .failure(ConflictsInputError(code: "P1111", field: field, message: "field `\(field)`, entry \(position + 1), must be a person's name as a non-empty string"))
            }
            names.append(name)
        }
        return .success(names)
    }
}
