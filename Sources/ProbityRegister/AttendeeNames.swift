import ProbitySupport

/// A meeting's attendees as written, in order, each kept as cheaply as its reading allows.
///
/// Read from a line of JSON against a register's ``PeopleIndex`` (a batch line's own meeting), a
/// name whose bytes are a register name's and which means exactly one person, which is most of
/// them, is kept as that name's entry in the index's table and the person it means: no `String`
/// is made for it, and the screener needs none, since only names that match nobody (or several
/// people) are printed. The written name is still there on request, as the register's own
/// string with those very bytes. Any other name is kept as a `String`, with what it resolves to.
///
/// Made from `String`s (a meeting file, an agenda, the API), nothing is resolved yet; the
/// answers come from ``resolution(at:on:)``, which always answers for the index it is given:
/// a name read against another index is resolved again, so an answer never depends on how the
/// names were read.
public struct AttendeeNames: Sendable {
    /// Per attendee: `entry` ≥ 0 is the name's entry in `table` and `person` whom it means;
    /// `entry` < 0 is `others[-1 - entry]`.
    private struct Slot {
        var entry: Int32
        var person: Int32
    }

    /// A name kept as written, and what it resolves to on the index it was read against, if any.
    private struct Other: Sendable {
        var written: String
        var resolution: PersonResolution?
    }

    private var slots: [Slot] = []
    private var others: [Other] = []
    /// The index the names were read against: its table holds the entries' names, and the answers are its.
    private let readAgainst: PeopleIndex?

    /// Names as written, not yet resolved against any register.
    public init<Names: Sequence>(_ written: Names) where Names.Element == String {
        readAgainst = nil
        for name in written { appendOther(Other(written: name, resolution: nil)) }
    }

    /// An empty list, to be read name by name against `people` (``append(utf8:isASCII:on:)``).
    public init(readingAgainst people: PeopleIndex?, capacity: Int = 0) {
        readAgainst = people
        slots.reserveCapacity(capacity)
    }

    /// How many attendees.
    public var count: Int { slots.count }

    /// Whether there are none.
    public var isEmpty: Bool { slots.isEmpty }

    /// The attendee at `index` as written.
    public func written(at index: Int) -> String {
        let slot = slots[index]
        if slot.entry >= 0, let readAgainst { return readAgainst.writtenName(ofEntry: Int(slot.entry)) }
        return others[Int(-1 - slot.entry)].written
    }

    /// Every attendee as written, in order.
    public var written: [String] { (0..<count).map(written(at:)) }

    /// Whether the names were read against `people`, so that their answers are its answers.
    public func isRead(against people: PeopleIndex) -> Bool {
        readAgainst === people
    }

    /// What the attendee at `index` resolves to on `people`: the answer found when the name was
    /// read, if it was read against `people`, else `people.resolve` of the written name.
    public func resolution(at index: Int, on people: PeopleIndex) -> PersonResolution {
        resolution(at: index, on: people, isReadAgainst: isRead(against: people))
    }

    /// ``resolution(at:on:)`` when the caller has asked ``isRead(against:)`` once for a whole list.
    public func resolution(at index: Int, on people: PeopleIndex, isReadAgainst: Bool) -> PersonResolution {
        let slot = slots[index]
        if slot.entry >= 0 {
            return isReadAgainst ? .found(Int(slot.person)) : people.resolve(written(at: index))
        }
        let other = others[Int(-1 - slot.entry)]
        if isReadAgainst, let resolution = other.resolution { return resolution }
        return people.resolve(other.written)
    }

    /// The names as a key for a memo of what depends on them as written (a meeting's seats):
    /// two keys are equal exactly when the same bytes are written in the same order. A name read
    /// against `people` as one of its register names is keyed by its entry in the index's table
    /// (one entry for each distinct spelling), with no `String` made or hashed; any other name by
    /// its exact text. Keys made for one index are compared only with keys made for the same index.
    public func exactKey(for people: PeopleIndex) -> ExactKey {
        let isRead = isRead(against: people)
        var key = ExactKey()
        key.entries.reserveCapacity(slots.count)
        for index in slots.indices {
            let entry = slots[index].entry
            if isRead && entry >= 0 {
                key.entries.append(entry)
            } else {
                key.entries.append(-1)
                key.texts.append(ExactText(written(at: index)))
            }
        }
        return key
    }

    /// What ``exactKey(for:)`` makes: per name, its table entry or -1, and the texts of the -1s in order.
    public struct ExactKey: Hashable, Sendable {
        var entries: [Int32] = []
        var texts: [ExactText] = []
    }

    /// Reads the next name from its UTF-8 `bytes` (all ASCII when `isASCII`) against `people`,
    /// which must be the index the list was made for; false, and nothing added, when the bytes
    /// are not valid UTF-8. A register name byte for byte is valid, and needs no `String` made.
    public mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, on people: PeopleIndex?) -> Bool {
        precondition(people === readAgainst, "attendees read against another register's index")
        // Looked up first, with plain numbers out, and appended with no class in reach:
        // appending while `people` was in use retained and released the index around the
        // append, an atomic write on the index's header that both workers of a batch made for
        // every attendee, 15 times a line (stop 23).
        if let (entry, person) = AttendeeNames.entry(utf8: bytes, on: people) {
            if let person {
                slots.append(Slot(entry: Int32(entry), person: person))
            } else if let people {
                appendOther(Other(written: people.writtenName(ofEntry: entry), resolution: people.resolution(ofEntry: entry)))
            }
            return true
        }
        // A name written otherwise than on the register: its `String` and answer are kept by the
        // index, found from the bytes, so a name that recurs line after line makes no `String`.
        if let people {
            guard let (written, resolution) = people.resolveOtherwise(utf8: bytes, isASCII: isASCII) else { return false }
            appendOther(Other(written: written, resolution: resolution))
            return true
        }
        let made = isASCII ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        guard let written = made else { return false }
        appendOther(Other(written: written, resolution: nil))
        return true
    }

    /// The entry of the register name whose bytes are `bytes`, and the one person it means (nil
    /// when it means nobody or several); nil when no register name has these bytes.
    private static func entry(utf8 bytes: UnsafeBufferPointer<UInt8>, on people: PeopleIndex?) -> (entry: Int, person: Int32?)? {
        guard let people, let entry = people.writtenEntry(utf8: bytes) else { return nil }
        return (entry, people.foundPerson(ofEntry: entry))
    }

    private mutating func appendOther(_ other: Other) {
        slots.append(Slot(entry: Int32(-1 - others.count), person: -1))
        others.append(other)
    }
}
