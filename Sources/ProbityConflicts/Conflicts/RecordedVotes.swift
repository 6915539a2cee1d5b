import ProbityEngine
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

    /// Reads a votes file against the program's bodies. Every error found is reported, each
    /// naming its JSON path (`votes.for[2]`); a name that cannot be read is left out.
    /// `otherKeys` are keys the caller reads itself (the audit's `decision` and `item`).
    public static func decode(json bytes: [UInt8], program: Program, otherKeys: Set<String> = []) -> Result<RecordedVotes, InputErrors> {
        let value: JSONValue
        switch MeetingDecoder.parse(bytes) {
        case .failure(let errors): return .failure(errors)
        case .success(let parsed): value = parsed
        }
        var errors: [ConflictsInputError] = []
        let meeting = MeetingDecoder(program: program).decode(value, otherKeys: otherKeys.union(["votes", "by_email", "replies_by", "chair", "withdrew"]), errors: &errors)
        guard value.objectValue != nil else { return .failure(InputErrors(errors)) }
        var recorded = RecordedVotes(body: meeting.body, date: meeting.date)
        recorded.roleHolders = meeting.roleHolders
        if let raw = value["by_email"], !raw.isNull {
            if let flag = raw.boolValue {
                recorded.byEmail = flag
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "by_email", message: "field `by_email` must be `true` or `false`"))
            }
        }
        if let raw = value["replies_by"], !raw.isNull {
            recorded.repliesBy = MeetingDecoder.day(raw, field: "replies_by", errors: &errors)
        }
        if recorded.byEmail, recorded.repliesBy == nil, value["replies_by"]?.isNull ?? true {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: "replies_by",
                                              message: "a decision by email needs `replies_by`, the date by which replies had to arrive"))
        }
        if let sides = value["votes"]?.objectValue {
            for (key, raw) in sides {
                let field = "votes.\(key)"
                guard ["for", "against", "abstain", "abstained", "abstentions"].contains(key) else {
                    errors.append(ConflictsInputError(code: .meetingFieldShape, field: field,
                                                      message: "unknown key `\(field)`; expected `for`, `against` or `abstain`"))
                    continue
                }
                let names: [String]
                if recorded.byEmail {
                    names = recorded.onTime(datedReplies(raw, field: field, errors: &errors))
                } else {
                    names = MeetingDecoder.names(raw, field: field, errors: &errors)
                }
                switch key {
                case "for": recorded.votesFor = names
                case "against": recorded.votesAgainst = names
                default: recorded.abstentions = names
                }
            }
        } else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: "votes",
                                              message: "field `votes` must be an object with `for`, `against` and `abstain` lists of names"))
        }
        if let raw = value["withdrew"], !raw.isNull {
            recorded.withdrew = MeetingDecoder.names(raw, field: "withdrew", errors: &errors)
        }
        if let raw = value["chair"], !raw.isNull {
            if let name = raw.stringValue {
                recorded.chair = name
            } else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "chair", message: "field `chair` must be a person's name as a string"))
            }
        }
        return errors.isEmpty ? .success(recorded) : .failure(InputErrors(errors))
    }

    /// The names of the replies that arrived by `repliesBy` (004, 10.1); the later ones are kept
    /// in `lateReplies`, not counted.
    public mutating func onTime(_ replies: [(name: String, date: Int32)]) -> [String] {
        let deadline = repliesBy ?? .max
        lateReplies += replies.filter { $0.date > deadline }.map { ($0.name, $0.date) }
        return replies.filter { $0.date <= deadline }.map(\.name)
    }

    /// A list of replies by email, each `{"name": …, "replied": "YYYY-MM-DD"}`: a reply without
    /// its date cannot be shown to have arrived by the stated date, so it is an error (reported
    /// at its index, `votes.for[1]`, and left out).
    static func datedReplies(_ raw: JSONValue, field: String, errors: inout [ConflictsInputError]) -> [(name: String, date: Int32)] {
        guard let items = raw.arrayValue else {
            errors.append(ConflictsInputError(code: .meetingFieldShape, field: field, message: "field `\(field)` must be a JSON array of replies, found \(raw.kindDescription)"))
            return []
        }
        var replies: [(name: String, date: Int32)] = []
        for (position, item) in items.enumerated() {
            guard item.objectValue != nil, let name = item["name"]?.stringValue, !name.allSatisfy(\.isWhitespace),
                  let text = item["replied"]?.stringValue, let day = Day.parseISO(text) else {
                errors.append(ConflictsInputError(code: .meetingFieldShape, field: "\(field)[\(position)]",
                    message: "field `\(field)`, entry \(position + 1), must be a reply by email with its date: {\"name\": \"…\", \"replied\": \"YYYY-MM-DD\"}"))
                continue
            }
            replies.append((name, day.number))
        }
        return replies
    }
}
