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

    /// Reads an agenda; errors name the field (`items[2].decision`).
    public static func decode(json bytes: [UInt8], program: Program) -> Result<Agenda, ConflictsInputError> {
        let (value, meeting): (JSONValue, Meeting)
        switch MeetingDecoder(program: program).decodeDocument(json: bytes, otherKeys: ["items"]) {
        case .failure(let error): return .failure(error)
        case .success(let decoded): (value, meeting) = decoded
        }
        guard meeting.body != nil else {
            return .failure(ConflictsInputError(code: "P1111", field: "body", message: "an agenda needs `body`, the id of the body that meets"))
        }
        guard let rawItems = value["items"]?.arrayValue else {
            return .failure(ConflictsInputError(code: "P1111", field: "items", message: "field `items` must be a JSON array of agenda items"))
        }
        var items: [Item] = []
        for (position, raw) in rawItems.enumerated() {
            let field = "items[\(position)]"
            guard raw.objectValue != nil else {
                return .failure(ConflictsInputError(code: "P1111", field: field, message: "`\(field)` must be an object with `id`, `title` and `decision`"))
            }
            let id = raw["id"]?.stringValue ?? raw["id"]?.numberText ?? "\(position + 1)"
            let title = raw["title"]?.stringValue ?? ""
            guard let rawDecision = raw["decision"], !rawDecision.isNull else {
                items.append(Item(id: id, title: title, decision: nil))
                continue
            }
            guard var members = rawDecision.objectValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "\(field).decision", message: "`\(field).decision` must be a decision object"))
            }
            if !members.contains(where: { $0.key == "id" }) { members.insert(("id", .string(id)), at: 0) }
            if !members.contains(where: { $0.key == "date" }), let date = meeting.date {
                members.insert(("date", .string(Day(number: date).iso)), at: 1)
            }
            items.append(Item(id: id, title: title, decision: .object(members)))
        }
        return .success(Agenda(meeting: meeting, items: items))
    }
}
