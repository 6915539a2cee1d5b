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
    /// Names already read against this screener's register (a batch line's own meeting, read by
    /// ``DecisionDecoder/decodeFlat(_:meetingKey:people:)`` given ``people``) are not looked up twice.
    func resolveAttendees(_ meeting: Meeting) -> [AttendeeMatch] {
        let names = meeting.attendeeNames
        let isRead = names.isRead(against: people)
        return (0..<names.count).map { index in
            AttendeeMatch(written: names.written(at: index), resolution: names.resolution(at: index, on: people, isReadAgainst: isRead))
        }
    }
}
