import ProbitySemantics
import ProbitySupport

/// A vote as the secretary recorded it: `{"body", "date", "votes": {"for": [names],
/// "against": [names], "abstain": [names]}}`, optionally with `"chair"`, the name of the member
/// in the chair (otherwise the first chair on the members list who is present).
///
/// A decision taken by email says `"by_email": true` and `"replies_by": ISO`, the date by which
/// replies had to arrive; each reply is then `{"name": …, "replied": ISO}` (004, 10.1: only
/// replies by the stated date count), and those dated later are kept aside, not counted.
public struct RecordedVotes: Sendable {
    public var body: Int?
    public var date: Int32?
    public var votesFor: [String]
    public var votesAgainst: [String]
    public var abstentions: [String]
    public var chair: String?
    /// Whether the votes are replies to a decision by email rather than votes at a meeting.
    public var byEmail = false
    /// For a decision by email: the date replies had to arrive by.
    public var repliesBy: Int32?
    /// For a decision by email: replies dated after `repliesBy`, left out of the lists.
    public var lateReplies: [(person: String, date: Int32)] = []

    /// Members the record says left the room for the item (a conflict of interest): present at
    /// the meeting, but neither counted nor voting on it, and not in the chair for it.
    public var withdrew: [String] = []
    /// Who held a role the papers name nobody for (`holders`, as in a meeting file).
    public var roleHolders: [(role: String, person: String)] = []

    /// Everyone who replied or voted, in the order recorded.
    public var voters: [String] { votesFor + votesAgainst + abstentions }

    public init(body: Int? = nil, date: Int32? = nil, votesFor: [String] = [], votesAgainst: [String] = [],
                abstentions: [String] = [], chair: String? = nil) {
        self.body = body
        self.date = date
        self.votesFor = votesFor
        self.votesAgainst = votesAgainst
        self.abstentions = abstentions
        self.chair = chair
    }

    /// Reads a votes file against the program's bodies. Errors name the field.
    /// `otherKeys` are keys the caller reads itself (the audit's `decision` and `item`).
    public static func decode(json bytes: [UInt8], program: Program, otherKeys: Set<String> = []) -> Result<RecordedVotes, ConflictsInputError> {
        let (value, meeting): (JSONValue, Meeting)
        switch MeetingDecoder(program: program).decodeDocument(json: bytes, otherKeys: otherKeys.union(["votes", "by_email", "replies_by", "chair", "withdrew"])) {
        case .failure(let error): return .failure(error)
        case .success(let decoded): (value, meeting) = decoded
        }
        guard let votes = value["votes"], let sides = votes.objectValue else {
            return .failure(ConflictsInputError(code: "P1111", field: "votes",
                                                message: "field `votes` must be an object with `for`, `against` and `abstain` lists of names"))
        }
        var recorded = RecordedVotes(body: meeting.body, date: meeting.date)
        recorded.roleHolders = meeting.roleHolders
        if let raw = value["by_email"], !raw.isNull {
            guard let flag = raw.boolValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "by_email", message: "field `by_email` must be `true` or `false`"))
            }
            recorded.byEmail = flag
        }
        if let raw = value["replies_by"], !raw.isNull {
            switch MeetingDecoder.day(raw, field: "replies_by") {
            case .success(let day): recorded.repliesBy = day
            case .failure(let error): return .failure(error)
            }
        }
        if recorded.byEmail, recorded.repliesBy == nil {
            return .failure(ConflictsInputError(code: "P1111", field: "replies_by",
                                                message: "a decision by email needs `replies_by`, the date by which replies had to arrive"))
        }
        for (key, raw) in sides {
            var names: [String]
            if recorded.byEmail {
                switch datedReplies(raw, field: "votes.\(key)") {
                case .failure(let error): return .failure(error)
                case .success(let replies): names = recorded.onTime(replies)
                }
            } else {
                switch MeetingDecoder.names(raw, field: "votes.\(key)") {
                case .failure(let error): return .failure(error)
                case .success(let decoded): names = decoded
                }
            }
            switch key {
            case "for": recorded.votesFor = names
            case "against": recorded.votesAgainst = names
            case "abstain", "abstained", "abstentions": recorded.abstentions = names
            default:
                return .failure(ConflictsInputError(code: "P1111", field: "votes.\(key)",
                                                    message: "unknown key `votes.\(key)`; expected `for`, `against` or `abstain`"))
            }
        }
        if let raw = value["withdrew"], !raw.isNull {
            switch MeetingDecoder.names(raw, field: "withdrew") {
            case .failure(let error): return .failure(error)
            case .success(let names): recorded.withdrew = names
            }
        }
        if let raw = value["chair"], !raw.isNull {
            guard let name = raw.stringValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "chair", message: "field `chair` must be a person's name as a string"))
            }
            recorded.chair = name
        }
        return .success(recorded)
    }

    /// The names of the replies that arrived by `repliesBy` (004, 10.1); the later ones are kept
    /// in `lateReplies`, not counted.
    public mutating func onTime(_ replies: [(name: String, date: Int32)]) -> [String] {
        let deadline = repliesBy ?? .max
        lateReplies += replies.filter { $0.date > deadline }.map { ($0.name, $0.date) }
        return replies.filter { $0.date <= deadline }.map(\.name)
    }

    /// A list of replies by email, each `{"name": …, "replied": "YYYY-MM-DD"}`: a reply without
    /// its date cannot be shown to have arrived by the stated date, so it is an error.
    static func datedReplies(_ raw: JSONValue, field: String) -> Result<[(name: String, date: Int32)], ConflictsInputError> {
        guard let items = raw.arrayValue else {
            return .failure(ConflictsInputError(code: "P1111", field: field, message: "field `\(field)` must be a JSON array of replies, found \(raw.kindDescription)"))
        }
        var replies: [(name: String, date: Int32)] = []
        for (position, item) in items.enumerated() {
            guard item.objectValue != nil, let name = item["name"]?.stringValue, !name.allSatisfy(\.isWhitespace),
                  let text = item["replied"]?.stringValue, let day = Day.parseISO(text) else {
                return .failure(ConflictsInputError(code: "P1111", field: field,
                    message: "field `\(field)`, entry \(position + 1), must be a reply by email with its date: {\"name\": \"…\", \"replied\": \"YYYY-MM-DD\"}"))
            }
            replies.append((name, day.number))
        }
        return .success(replies)
    }
}
