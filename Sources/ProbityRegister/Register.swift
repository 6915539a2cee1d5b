/// A register of interests, as imported.
public struct Register: Sendable {
    /// The people, in the order they first appear.
    public var people: [RegisterPerson]
    /// What the importer noticed, in line order.
    public var issues: [RegisterIssue]
    /// The name of the file the register came from, for messages.
    public var fileName: String

    public init(people: [RegisterPerson], issues: [RegisterIssue], fileName: String) {
        self.people = people
        self.issues = issues
        self.fileName = fileName
    }
}
