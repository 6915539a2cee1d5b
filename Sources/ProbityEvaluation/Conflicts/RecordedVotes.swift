import ProbitySemantics
import ProbitySupport

/// A vote as the secretary recorded it: `{"body", "date", "votes": {"for": [names],
/// "against": [names], "abstain": [names]}}`, optionally with `"chair"`, the name of the member
/// in the chair (otherwise the first chair on the members list who is present).
public struct RecordedVotes: Sendable {
    public var body: Int?
    public var date: Int32?
    public var votesFor: [String]
    public var votesAgainst: [String]
    public var abstentions: [String]
    public var chair: String?

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
    public static func decode(json bytes: [UInt8], program: Program) -> Result<RecordedVotes, ConflictsInputError> {
        let value: JSONValue
        switch JSONParser.parse(bytes) {
        case .failure(let error):
            return .failure(ConflictsInputError(code: "P1110", field: nil, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)"))
        case .success(let parsed):
            value = parsed
        }
        let meeting: Meeting
        switch MeetingDecoder(program: program).decode(value) {
        case .failure(let error): return .failure(error)
        case .success(let decoded): meeting = decoded
        }
        guard let votes = value["votes"], let sides = votes.objectValue else {
            return .failure(ConflictsInputError(code: "P1111", field: "votes",
                                                message: "field `votes` must be an object with `for`, `against` and `abstain` lists of names"))
        }
        var recorded = RecordedVotes(body: meeting.body, date: meeting.date)
        for (key, raw) in sides {
            let names: [String]
            switch MeetingDecoder.names(raw, field: "votes.\(key)") {
            case .failure(let error): return .failure(error)
            case .success(let decoded): names = decoded
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
        if let raw = value["chair"], !raw.isNull {
            guard let name = raw.stringValue else {
                return .failure(ConflictsInputError(code: "P1111", field: "chair", message: "field `chair` must be a person's name as a string"))
            }
            recorded.chair = name
        }
        return .success(recorded)
    }
}
