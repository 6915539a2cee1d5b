/// People by a text made from their name (a register's normalised name, or its first and last
/// words), for ``PeopleIndex``.
///
/// Nearly every such text names one person (a register's builder merges people listed under
/// one name), so a text's one person is held as their number, and only a text that several
/// people share has a list. A dictionary of lists made an array a person, in each of two
/// dictionaries: growing them was 16.6 M of the register index's 140.7 M instructions at 25,000
/// people (docs/performance.md, item 33).
struct PeopleByText: Sendable {
    /// Text → the one person it names, or, when negative, `~n` for the people in `shared[n]`.
    private var byText: [String: Int] = [:]
    /// The people of each text that several share, ascending.
    private var shared: [[Int]] = []

    /// Room for about `count` texts.
    init(capacity count: Int) {
        byText.reserveCapacity(count)
    }

    /// Adds `person` under `text`. People are added in ascending order, so each text's stay so.
    mutating func add(_ person: Int, under text: String) {
        // One hash for a new text, the usual case: the person is put in and the value it
        // displaced, if any, put back with the person added to it.
        guard let earlier = byText.updateValue(person, forKey: text) else { return }
        if earlier >= 0 {
            shared.append([earlier, person])
            byText[text] = ~(shared.count - 1)
        } else {
            shared[~earlier].append(person)
            byText[text] = earlier
        }
    }

    /// The people under `text`, ascending; nil when nobody is.
    func people(under text: String) -> [Int]? {
        guard let value = byText[text] else { return nil }
        return value >= 0 ? [value] : shared[~value]
    }

    /// What `text` comes to: nobody, its one person, or the several it names.
    func resolution(of text: String) -> PersonResolution {
        guard let value = byText[text] else { return .notFound }
        return value >= 0 ? .found(value) : .ambiguous(shared[~value])
    }
}
