import ProbityConflicts
import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// A record of votes (as `probity vote` reads it) with the decision voted on: `"decision"`,
/// the id of a decision in the history or the decision itself as an object, and optionally
/// `"item"`, the agenda item. A file without `"decision"` is matched to the history's one
/// decision taken by its body on its date, if there is exactly one.
public struct AuditVotes: Sendable {
    /// The file's name, as given.
    public var file: String
    public var votes: RecordedVotes
    public var decisionID: String?
    /// The decision itself, when the file gives it as an object rather than an id.
    public var decision: Decision?
    public var item: String?

    public init(file: String, votes: RecordedVotes, decisionID: String?, decision: Decision? = nil, item: String?) {
        self.file = file
        self.votes = votes
        self.decisionID = decisionID
        self.decision = decision
        self.item = item
    }

    /// The meeting the votes were cast at, as one key (body and date), when the file gives both.
    var meetingKey: Int64? {
        guard let body = votes.body, let date = votes.date else { return nil }
        return AuditVotes.meetingKey(body: body, date: date)
    }

    static func meetingKey(body: Int, date: Int32) -> Int64 {
        Int64(body) << 32 | Int64(UInt32(bitPattern: date))
    }

    /// Reads a votes file; errors name the field.
    public static func decode(json bytes: [UInt8], program: Program, file: String) -> Result<AuditVotes, ConflictsInputError> {
        let votes: RecordedVotes
        switch RecordedVotes.decode(json: bytes, program: program, otherKeys: ["decision", "item"]) {
        case .failure(let error): return .failure(error)
        case .success(let decoded): votes = decoded
        }
        guard case .success(let document) = JSONParser.parse(bytes) else {
            return .failure(ConflictsInputError(code: "P1110", field: nil, message: "malformed JSON"))
        }
        var decisionID: String?
        var inline: Decision?
        var item: String?
        if let raw = document["decision"], !raw.isNull {
            if raw.objectValue != nil {
                switch DecisionDecoder(program: program).decode(raw) {
                case .success(let decoded):
                    inline = decoded
                    decisionID = decoded.id
                case .failure(let errors):
                    let first = errors.all.first.map { "\($0.code) \($0.message)" } ?? ""
                    return .failure(ConflictsInputError(code: "P1111", field: "decision", message: "field `decision` is not a decision the rules can read: \(first)"))
                }
            } else {
                guard let text = raw.stringValue ?? raw.numberText else {
                    return .failure(ConflictsInputError(code: "P1111", field: "decision", message: "field `decision` must be the id of a decision in the history, as a string, or the decision as an object"))
                }
                decisionID = text
            }
        }
        if let raw = document["item"], !raw.isNull {
            guard let text = raw.stringValue ?? raw.numberText else {
                return .failure(ConflictsInputError(code: "P1111", field: "item", message: "field `item` must be the agenda item as a string"))
            }
            item = text
        }
        return .success(AuditVotes(file: file, votes: votes, decisionID: decisionID, decision: inline, item: item))
    }
}
