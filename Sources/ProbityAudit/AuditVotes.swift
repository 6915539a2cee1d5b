import ProbityEvaluation
import ProbitySemantics
import ProbitySupport

/// A record of votes (as `probity vote` reads it) with the decision voted on: `"decision"`,
/// the id of a decision in the history, and optionally `"item"`, the agenda item.
public struct AuditVotes: Sendable {
    /// The file's name, as given.
    public var file: String
    public var votes: RecordedVotes
    public var decisionID: String?
    public var item: String?

    public init(file: String, votes: RecordedVotes, decisionID: String?, item: String?) {
        self.file = file
        self.votes = votes
        self.decisionID = decisionID
        self.item = item
    }

    /// Reads a votes file; errors name the field.
    public static func decode(json bytes: [UInt8], program: Program, file: String) -> Result<AuditVotes, ConflictsInputError> {
        let votes: RecordedVotes
        switch RecordedVotes.decode(json: bytes, program: program) {
        case .failure(let error): return .failure(error)
        case .success(let decoded): votes = decoded
        }
        guard case .success(let document) = JSONParser.parse(bytes) else {
            return .failure(ConflictsInputError(code: "P1110", field: nil, message: "malformed JSON"))
        }
        var decisionID: String?
        var item: String?
        if let raw = document["decision"], !raw.isNull {
            guard let text = raw.stringValue ?? raw.numberText else {
                return .failure(ConflictsInputError(code: "P1111", field: "decision", message: "field `decision` must be the id of a decision in the history, as a string"))
            }
            decisionID = text
        }
        if let raw = document["item"], !raw.isNull {
            guard let text = raw.stringValue ?? raw.numberText else {
                return .failure(ConflictsInputError(code: "P1111", field: "item", message: "field `item` must be the agenda item as a string"))
            }
            item = text
        }
        return .success(AuditVotes(file: file, votes: votes, decisionID: decisionID, item: item))
    }
}
