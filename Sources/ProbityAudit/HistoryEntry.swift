import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// One line of a history of decisions: a decision as `check --batch` reads it, plus what the
/// history records of how it was taken (`approved_by`, `recommended_by`, `notified`: lists of
/// body or officer ids). A key the history leaves out means "not recorded", never "none".
public struct HistoryEntry: Sendable {
    public var decision: Decision
    /// Bodies recorded as having approved it, or nil when the history does not say.
    public var approvedBy: [Int]?
    public var recommendedBy: [Int]?
    /// Bodies recorded as having been sent the notices, or nil when the history does not say.
    public var notified: [Int]?
    /// Whether the line carried a `meeting` (as `check --batch` lines may): read, not screened.
    public var hasMeeting = false
}

/// Reads history lines against the program's fields and bodies.
public struct HistoryDecoder: Sendable {
    /// The keys a history line may carry beside the decision's fields.
    public static let recordKeys = ["approved_by", "recommended_by", "notified"]

    let decoder: DecisionDecoder
    /// Whether a line's `meeting` member is the batch format's (the scheme has no such field).
    let meetingKey: Bool
    var program: Program { decoder.program }

    public init(program: Program) {
        decoder = DecisionDecoder(program: program)
        meetingKey = program.fieldIndex["meeting"] == nil
    }

    /// Decodes one line; every error names the field.
    public func decode(_ bytes: [UInt8]) -> Result<HistoryEntry, DecisionErrors> {
        // The common line is a plain decision: read straight from its bytes.
        if let flat = decoder.decodeFlat(bytes, meetingKey: meetingKey) {
            return .success(HistoryEntry(decision: flat.decision, hasMeeting: flat.attendees != nil))
        }
        let value: JSONValue
        switch JSONParser.parse(bytes) {
        case .failure:
            return decoder.decode(json: bytes).map { HistoryEntry(decision: $0) }  // words the syntax error
        case .success(let parsed):
            value = parsed
        }
        guard case .object(let members) = value else {
            return decoder.decode(value).map { HistoryEntry(decision: $0) }
        }
        var errors: [DecisionError] = []
        var lists: [String: [Int]] = [:]
        var rest: [(key: String, value: JSONValue)] = []
        var hasMeeting = false
        for member in members {
            if meetingKey, member.key == "meeting" {
                hasMeeting = true
                continue
            }
            guard HistoryDecoder.recordKeys.contains(member.key) else {
                rest.append(member)
                continue
            }
            if member.value.isNull { continue }
            switch bodies(member.value, key: member.key) {
            case .success(let ids): lists[member.key] = ids
            case .failure(let error): errors.append(error)
            }
        }
        switch decoder.decode(.object(rest)) {
        case .failure(let decisionErrors):
            let all = (decisionErrors.all + errors).sorted { ($0.field ?? "", $0.code) < ($1.field ?? "", $1.code) }
            return .failure(DecisionErrors(all))
        case .success(let decision):
            guard errors.isEmpty else { return .failure(DecisionErrors(errors)) }
            return .success(HistoryEntry(decision: decision, approvedBy: lists["approved_by"],
                                         recommendedBy: lists["recommended_by"], notified: lists["notified"], hasMeeting: hasMeeting))
        }
    }

    /// A JSON array of declared body or officer ids.
    private func bodies(_ raw: JSONValue, key: String) -> Result<[Int], DecisionError> {
        guard let items = raw.arrayValue else {
            return .failure(DecisionError(code: .historyBodies, field: key, message: "`\(key)` must be a JSON array of body or officer ids, found \(raw.kindDescription)"))
        }
        var ids: [Int] = []
        for item in items {
            guard let text = item.stringValue, let body = program.bodyIndex[text] else {
                let written = item.stringValue.map { "`\($0)`" } ?? item.kindDescription
                return .failure(DecisionError(code: .historyBodies, field: key, message: "`\(key)` names \(written), which is not a declared body or officer"))
            }
            if !ids.contains(body) { ids.append(body) }
        }
        return .success(ids)
    }
}
