/// `{"name": …, "for": member, "agreed_by_chair": true}` in a meeting's `deputies`: who deputises
/// for which member, and whether the chair agreed their attendance (004, 11.3-11.4).
///
/// Here, beside the decision's reader, because a batch line's own meeting may name its deputies
/// and is read straight from the line's bytes (``DecisionDecoder/decodeFlat(_:meetingKey:people:)``);
/// a meeting is `ProbityConflicts.Meeting`, whose `Deputy` this is.
public struct MeetingDeputy: Sendable, Hashable {
    public var name: String
    /// The member deputised for, as written.
    public var deputisingFor: String
    public var agreedByChair: Bool

    public init(name: String, deputisingFor: String, agreedByChair: Bool) {
        self.name = name
        self.deputisingFor = deputisingFor
        self.agreedByChair = agreedByChair
    }
}
