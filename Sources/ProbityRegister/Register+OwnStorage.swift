import ProbitySupport

// Copies of the register's people that share no text with the original, for a batch worker's
// screener (`ConflictScreener.replica()`): every report quotes the people it recuses by their
// names and declarations, and when the lines of a batch recuse the same people (a board's few
// dozen, or a supplier's directors), two workers quoting one register wrote the same strings'
// reference counts on every line, cache lines the two cores passed back and forth
// (docs/performance.md, item 36).

extension DeclaredInterest {
    /// The same interest, its texts in storage of their own.
    public var withOwnStorage: DeclaredInterest {
        var copy = self
        copy.typeText = typeText.withOwnStorage
        copy.nature = nature.withOwnStorage
        return copy
    }
}

extension RegisterPerson {
    /// The same person, every text and list in storage of its own.
    public var withOwnStorage: RegisterPerson {
        var copy = self
        copy.name = name.withOwnStorage
        copy.key = key.withOwnStorage
        copy.employer = employer.withOwnStorage
        copy.position = position.withOwnStorage
        copy.interests = interests.map(\.withOwnStorage)
        copy.pointers = pointers.map(\.withOwnStorage)
        copy.lines = lines.withOwnStorage
        return copy
    }
}
