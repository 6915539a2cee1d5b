import ProbityRegister

/// An attendee as written, and who they are on the register.
struct AttendeeMatch: Sendable {
    var written: String
    var resolution: PersonResolution

    /// The register person, when exactly one matches.
    var person: Int? {
        if case .found(let index) = resolution { return index }
        return nil
    }
}

extension ConflictScreener {
    /// Each attendee resolved against the register, in the order written. Two spellings of one
    /// person ("Dr Hasib Ur-Rub", "Hasib Ur Rub") are both kept: they are the same person, which
    /// the screening handles by screening each person once.
    func resolveAttendees(_ meeting: Meeting) -> [AttendeeMatch] {
        meeting.attendees.map { AttendeeMatch(written: $0, resolution: people.resolve($0)) }
    }
}
