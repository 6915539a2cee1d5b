/// A meeting at which decisions are taken: which body meets, on which day, and who is in the room.
///
/// The attendees are kept exactly as the minutes or the secretary wrote them ("Dr Hasib Ur-Rub",
/// "Cllr Colin Smith"); they are matched to the register and to the body's members later, so
/// that a name nobody can match is reported rather than silently dropped.
public struct Meeting: Sendable {
    /// The meeting body's index in `Program.bodies`, when the meeting names one.
    public var body: Int?
    /// The day of the meeting (a day number), when given.
    public var date: Int32?
    /// The people present, as written.
    public var attendees: [String]

    public init(body: Int? = nil, date: Int32? = nil, attendees: [String] = []) {
        self.body = body
        self.date = date
        self.attendees = attendees
    }
}
