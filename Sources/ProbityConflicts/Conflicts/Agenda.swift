import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// A meeting's agenda: `{"body", "date", "attendees": [names], "items": [{"id", "title",
/// "decision": {…}}]}`. Each item's decision is screened against the attendees.
public struct Agenda: Sendable {
    public struct Item: Sendable {
        public var id: String
        public var title: String
        /// The decision as JSON, with the item's `id` and the meeting's `date` filled in where
        /// the decision leaves them out, ready for ``DecisionDecoder``. Nil for an item that
        /// takes no decision (apologies, items for information).
        public var decision: JSONValue?
    }

    public var meeting: Meeting
    public var items: [Item]

    /// Reads an agenda. Every error found is reported, each naming its JSON path
    /// (`items[2].decision`); an item that cannot be read is left out.
    public static func decode(json bytes: [UInt8], program: Program) -> Result<Agenda, InputErrors> {
        let value: JSONValue
        switch MeetingDecoder.parse(bytes) {
        case .failure(let errors): return .failure(errors)
        case .success(let parsed): value = parsed
        }
        var errors: [ConflictsInputError] = []
        let meeting = MeetingDecoder(program: program).decode(value, otherKeys: ["items"], errors: &errors)
        if value.objectValue != nil, meeting.body == nil, value["body"]?.isNull ?? true {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: "body", message: "an agenda needs `body`, the id of the body that meets"))
        }
        var items: [Item] = []
        if value.objectValue != nil {
            if let rawItems = value["items"]?.arrayValue {
                items = decodeItems(rawItems, meeting: meeting, errors: &errors)
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "items", message: "field `items` must be a JSON array of agenda items"))
            }
        }
        guard errors.isEmpty else { return .failure(InputErrors(errors)) }
        return .success(Agenda(meeting: meeting, items: items))
    }

    private static func decodeItems(_ rawItems: [JSONValue], meeting: Meeting, errors: inout [ConflictsInputError]) -> [Item] {
        var items: [Item] = []
        for (position, raw) in rawItems.enumerated() {
            let field = "items[\(position)]"
            guard raw.objectValue != nil else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: field, message: "`\(field)` must be an object with `id`, `title` and `decision`"))
                continue
            }
            let id = raw["id"]?.stringValue ?? raw["id"]?.numberText ?? "\(position + 1)"
            let title = raw["title"]?.stringValue ?? ""
            guard let rawDecision = raw["decision"], !rawDecision.isNull else {
                items.append(Item(id: id, title: title, decision: nil))
                continue
            }
            guard var members = rawDecision.objectValue else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "\(field).decision", message: "`\(field).decision` must be a decision object"))
                continue
            }
            if !members.contains(where: { $0.key == "id" }) { members.insert(("id", .string(id)), at: 0) }
            if !members.contains(where: { $0.key == "date" }), let date = meeting.date {
                members.insert(("date", .string(Day(number: date).iso)), at: 1)
            }
            items.append(Item(id: id, title: title, decision: .object(members)))
        }
        return items
    }
}
