/// Why a meeting, agenda or vote file could not be read. The message names the field and says
/// what was expected, as decision errors do.
public struct ConflictsInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable code from `docs/diagnostics.md` (`P1110` …).
    public var code: String
    /// The JSON key at fault (`attendees`, `votes.for`), when there is one.
    public var field: String?
    public var message: String

    public init(code: String, field: String?, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "error[\(code)]: \(message)" }
}
