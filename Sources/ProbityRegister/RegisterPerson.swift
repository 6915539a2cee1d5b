/// A person on a register of interests, with every interest they declared.
public struct RegisterPerson: Sendable, Equatable {
    /// The name as first written on the register, trimmed.
    public var name: String
    /// `PersonName.normalise(name)`: the form used to match the name elsewhere.
    public var key: String
    /// "Who do you currently work for". Employment counts as an interest
    /// even when nothing was declared.
    public var employer: String
    /// "Position / Relationship with ICB".
    public var position: String
    /// The interests declared on this register.
    public var interests: [DeclaredInterest]
    /// Texts saying the interests are declared on another register. Such a
    /// person may have interests this register cannot show.
    public var pointers: [String]
    /// Every line the person's rows were read from, in order.
    public var lines: [Int]

    public init(name: String, key: String? = nil, employer: String = "", position: String = "",
                interests: [DeclaredInterest] = [], pointers: [String] = [], lines: [Int] = []) {
        self.name = name
        self.key = key ?? PersonName.normalise(name)
        self.employer = employer
        self.position = position
        self.interests = interests
        self.pointers = pointers
        self.lines = lines
    }
}
