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
    ///
    /// `resolved`, when given, is what each attendee was already found to resolve to on this
    /// screener's register (read with the line: ``DecisionDecoder/decodeFlat(_:meetingKey:people:)``
    /// given ``people``), so the names are not looked up twice.
    func resolveAttendees(_ meeting: Meeting, resolved: [PersonResolution]? = nil) -> [AttendeeMatch] {
        if let resolved, resolved.count == meeting.attendees.count {
            return zip(meeting.attendees, resolved).map { AttendeeMatch(written: $0, resolution: $1) }
        }
        return meeting.attendees.map { AttendeeMatch(written: $0, resolution: people.resolve($0)) }
    }
}
