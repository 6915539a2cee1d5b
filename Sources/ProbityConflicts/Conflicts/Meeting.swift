import ProbityEngine
import ProbityRegister

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
    public var attendees: [String] {
        get { attendeeNames.written }
        set { attendeeNames = AttendeeNames(newValue) }
    }
    /// The people present, as read: the screener's source, which for a batch line's own meeting
    /// holds most names as register entries, with no `String` made for them.
    public var attendeeNames: AttendeeNames
    /// Deputies the meeting record names: who deputises for which member, and whether the
    /// chair agreed their attendance (004, 11.3-11.4).
    public var deputies: [Deputy] = []
    /// The day the papers were circulated (`papers_sent`), when the meeting file gives it.
    public var papersSent: Int32?
    /// Who holds a role at this meeting that the papers name nobody for (`"holders":
    /// {"vice-chair": "Name"}`): the chair succession and `chair not role` read them.
    public var roleHolders: [(role: String, person: String)] = []

    /// `{"name": …, "for": member, "agreed_by_chair": true}` in a meeting file's `deputies`.
    public typealias Deputy = MeetingDeputy

    public init(body: Int? = nil, date: Int32? = nil, attendees: [String] = [], deputies: [Deputy] = []) {
        self.init(body: body, date: date, attendeeNames: AttendeeNames(attendees), deputies: deputies)
    }

    /// A meeting whose attendees were read already, perhaps against the register
    /// (``DecisionDecoder/decodeFlat(_:meetingKey:people:)``).
    public init(body: Int? = nil, date: Int32? = nil, attendeeNames: AttendeeNames, deputies: [Deputy] = []) {
        self.body = body
        self.date = date
        self.attendeeNames = attendeeNames
        self.deputies = deputies
    }
}
