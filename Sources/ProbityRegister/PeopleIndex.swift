import ProbitySupport

/// What a name written somewhere else (a member list, a decision) comes to
/// on a register.
public enum PersonResolution: Equatable, Sendable {
    /// Exactly one person: their index in the people the index was built from.
    case found(Int)
    /// Nobody.
    case notFound
    /// Several people could be meant; their indices, ascending. The caller
    /// must say which: a conflict check never guesses.
    case ambiguous([Int])
}

/// Finds register people by a name written elsewhere in the papers.
///
/// Matching is in two steps. First the normalised names must be equal
/// ("Cllr Colin Smith" finds "Councillor Colin Smith"). Failing that, a
/// middle name may be missing on one side: "Angela Bhan" finds "Angela M
/// Bhan" and the other way round, as long as the first and last names agree
/// and the shorter name's words appear, in order, in the longer. Two people
/// who both fit make the answer ambiguous rather than a guess.
///
/// A class, though it never changes once built: a batch hands it to every line's reading, and a
/// reference is passed by one count where a struct of nine tables was nine (retaining and
/// releasing them was 4% of a batch). Its identity also tells ``AttendeeNames`` read against
/// this index from names read against another.
public final class PeopleIndex: Sendable {
    /// Each person's normalised name (`RegisterPerson.key`), split into words only by the rare
    /// lookups that need them: splitting all 20,088 of the benchmark workload's names up front was a third of
    /// building the index.
    let keys: [String]
    /// Surname → people, for a name of one word; made on first use (``people(withSurname:)``).
    let surnames: MadeOnce<[String: [Int]]>
    private let byKey: PeopleByText
    /// "first last" → people, for a name whose key is no register key (a middle name missing
    /// on one side). Made when such a name is first looked up, not with the index: papers
    /// mostly copy names from the register, and making it was 36 M of the register index's
    /// 121 M instructions at 25,000 people (docs/performance.md, item 33).
    private let byEnds: MadeOnce<PeopleByText>
    /// Each register name exactly as written, by its bytes, → what it resolves to, worked out
    /// once: papers mostly copy names from the register, and this skips normalising them on
    /// every lookup. A byte table, not a `String` dictionary: a dictionary compares the whole
    /// name at every slot its probe passes, and names that share their first words ("Amara H
    /// Kingshurst", "Amara H Kingsworth") made that a tenth of a batch's time.
    private let writtenNames: ByteStringTable
    private let writtenResolutions: [PersonResolution]
    /// The same, for the common answer: the person found, or -1 to read `writtenResolutions`.
    /// A quarter of its size, so more of it stays in the cache when a line's names are looked up.
    private let writtenFound: [Int32]
    /// The same answers by `String` equality, for the rare name whose bytes match no register
    /// name's but which Swift holds equal to one (the same accented letter as one scalar or
    /// two): resolving never depends on which of two equal spellings was written. Made when
    /// such a name is first looked up (a name the byte table misses), not with the index: most
    /// batches never ask.
    private let byWrittenName: MadeOnce<[String: PersonResolution]>
    /// Whether every register name is ASCII: then an ASCII name the byte table misses is equal
    /// as a string to none of them either, and ``byWrittenName`` is not made for it (making it
    /// for a title on one attendee cost as much as 300 lines).
    private let namesAreASCII: Bool
    private let people: [RegisterPerson]
    /// Each person's key folded and indexed for "did you mean", once, when a name first matches
    /// nobody: a name new on every line is scored against the few people who can rank, not all.
    private let suggestionIndex: MadeOnce<NameSuggestions.CandidateIndex>
    /// Each unmatched name's suggestions: an attendee missing from the register is usually on
    /// many lines, and ranking the name against every person costs thousands of ordinary lines.
    private let suggestionMemo: Memo<NameSuggestions.Question, [Int]>
    /// Each name written otherwise than on the register ("Dr AMARA H KINGSHURST", "Amara
    /// Kingshurst") → its answer: such a name misses the byte table, and normalising it and
    /// matching its words cost 3–10 names found in the table; a batch names the same attendees
    /// line after line. By its exact bytes, as the byte table is; at most 16,384 names kept (a
    /// register of 5,000 people, each written two or three ways). Found from the name's bytes
    /// (``resolveOtherwise(utf8:isASCII:)``), with the name's `String` kept beside its answer:
    /// making the `String` from a line's bytes to look it up was most of what such a name still
    /// cost when kept.
    private let resolvedOtherwise: TextMemo<PersonResolution>

    /// Indexes `people` by their `key`s.
    public init(_ people: [RegisterPerson]) {
        var keys: [String] = []
        var byKey = PeopleByText(capacity: people.count)
        keys.reserveCapacity(people.count)
        // Person by person through the array's indices, reading only the fields needed: a
        // `for person in people` copied each whole person (its texts, interests and lines,
        // each retained and released), 6 M of the index's 31 M instructions on the benchmark
        // workload's 5,000 people (docs/performance.md, item 23).
        for index in people.indices {
            let key = people[index].key
            keys.append(key)
            byKey.add(index, under: key)
        }
        self.keys = keys
        self.byKey = byKey
        self.byEnds = MadeOnce()
        self.people = people
        self.writtenNames = ByteStringTable(people.indices.map { people[$0].name })
        // Each distinct spelling's answer is what `byWrittenName` says for it, so the two ways
        // cannot disagree. With every name ASCII, two names are equal as strings exactly when
        // their bytes are, so the answer is the first person's with those bytes, read from the
        // key index directly; otherwise the string dictionary is made now and asked.
        namesAreASCII = people.indices.allSatisfy { people[$0].name.isASCII }
        if namesAreASCII {
            var resolutions = [PersonResolution](repeating: .notFound, count: writtenNames.count)
            var seen = [Bool](repeating: false, count: writtenNames.count)
            for index in people.indices {
                guard let entry = writtenNames.entry(people[index].name), !seen[entry] else { continue }
                seen[entry] = true
                resolutions[entry] = PeopleIndex.resolution(ofKey: keys[index], byKey: byKey)
            }
            self.writtenResolutions = resolutions
            self.byWrittenName = MadeOnce()
        } else {
            let byWrittenName = PeopleIndex.byWrittenName(people, byKey: byKey)
            self.writtenResolutions = writtenNames.strings.map { byWrittenName[$0] ?? .notFound }
            self.byWrittenName = MadeOnce(byWrittenName)
        }
        self.writtenFound = writtenResolutions.map { resolution in
            if case .found(let person) = resolution, let compact = Int32(exactly: person) { return compact }
            return -1
        }
        surnames = MadeOnce()
        suggestionIndex = MadeOnce()
        suggestionMemo = Memo(capacity: 4_096)
        resolvedOtherwise = TextMemo(capacity: 16_384)
    }

    /// The same index under another reference, for another thread reading names beside this
    /// one (a batch's workers, ``replica()``).
    private init(replicating other: PeopleIndex) {
        keys = other.keys
        byKey = other.byKey
        writtenNames = other.writtenNames
        writtenResolutions = other.writtenResolutions
        writtenFound = other.writtenFound
        namesAreASCII = other.namesAreASCII
        people = other.people
        // The indexes made on first use are shared: what one thread makes, the other need not.
        byEnds = other.byEnds
        byWrittenName = other.byWrittenName
        surnames = other.surnames
        suggestionIndex = other.suggestionIndex
        // The answers kept per name are not: a board's attendees written otherwise than on the
        // register ("Cllr …" for "Councillor …") are looked up on every line, and one memo shared
        // by two threads had its lock and its names' strings written by both cores on each
        // (docs/performance.md, item 37). Each replica works out such a name once more.
        suggestionMemo = Memo(capacity: 4_096)
        resolvedOtherwise = TextMemo(capacity: 16_384)
    }

    /// An index that answers exactly as this one, and shares its tables, under a reference of its
    /// own. Every line of a batch holds its index (each line's ``AttendeeNames`` and meeting keep
    /// it), and retaining one object from two threads writes its count from both cores, about
    /// five times a line: a batch's workers each read against a replica, so each writes only its
    /// own (docs/performance.md, item 28). Names read against one replica are resolved again on
    /// another (``AttendeeNames/isRead(against:)`` is identity), so a worker's engine must read
    /// and screen with the same replica.
    public func replica() -> PeopleIndex {
        PeopleIndex(replicating: self)
    }

    /// Each register name as written → the people its key finds, the first spelling of a name
    /// winning among names equal as strings.
    private static func byWrittenName(_ people: [RegisterPerson], byKey: PeopleByText) -> [String: PersonResolution] {
        var byWrittenName: [String: PersonResolution] = [:]
        byWrittenName.reserveCapacity(people.count)
        for person in people where byWrittenName[person.name] == nil {
            byWrittenName[person.name] = resolution(ofKey: person.key, byKey: byKey)
        }
        return byWrittenName
    }

    /// A register name's answer: it normalises to its own key, which is in the index, so the
    /// answer is that key's people, with no need to normalise the name again.
    private static func resolution(ofKey key: String, byKey: PeopleByText) -> PersonResolution {
        key.isEmpty ? .notFound : byKey.resolution(of: key)
    }

    /// What `written` resolves to by `String` equality with a register name, if it is one.
    private func resolveByWrittenName(_ written: String) -> PersonResolution? {
        byWrittenName.value { PeopleIndex.byWrittenName(people, byKey: byKey) }[written]
    }

    /// The person `written` names.
    public func resolve(_ written: String) -> PersonResolution {
        if let entry = writtenNames.entry(written) { return writtenResolutions[entry] }
        return resolvedOtherwise.value(for: written) { resolveWrittenOtherwise(written) }
    }

    /// What ``resolve(_:)`` answers for the name whose UTF-8 bytes are `bytes`, when they are no
    /// register name's (``resolve(utf8:)`` said nil), and the name as a `String`: both kept from
    /// the first time the name was asked, so a name written otherwise on line after line makes
    /// no `String`. Nil when the bytes are not valid UTF-8 (with `isASCII` the caller vouches they
    /// are ASCII).
    public func resolveOtherwise(utf8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> (written: String, resolution: PersonResolution)? {
        guard let (written, resolution) = resolvedOtherwise.value(utf8: bytes, isASCII: isASCII, orCompute: resolveWrittenOtherwise) else {
            return nil
        }
        return (written, resolution)
    }

    /// What ``resolve(_:)`` answers for a name whose bytes are no register name's, worked out
    /// afresh (``resolve(_:)`` keeps it).
    func resolveWrittenOtherwise(_ written: String) -> PersonResolution {
        // An ASCII string equals another only when their bytes are equal (a name with a Kelvin
        // sign equals one with a K, so both must be ASCII).
        if namesAreASCII && written.isASCII { return resolveNormalising(written) }
        return resolveByWrittenName(written) ?? resolveNormalising(written)
    }

    /// What ``resolve(_:)`` answers for a name given as UTF-8 bytes (an attendee read straight
    /// from a line of JSON) when the bytes are some register name's, byte for byte; nil for any
    /// other bytes, and the caller makes the string and calls ``resolve(_:)``, which also finds
    /// names written differently.
    ///
    /// Only the answer, not the register's own `String` for the name: taking a reference to one
    /// of 20,000 separately allocated strings touches its count, a cache miss that cost more than
    /// making a new string from the line's bytes.
    public func resolve(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PersonResolution? {
        guard let entry = writtenNames.entry(bytes) else { return nil }
        let found = writtenFound[entry]
        return found >= 0 ? .found(Int(found)) : writtenResolutions[entry]
    }

    /// The register name an entry holds, exactly as written.
    func writtenName(ofEntry entry: Int) -> String {
        writtenNames.strings[entry]
    }

    /// The entry of the register name whose bytes are `bytes`, or nil.
    func writtenEntry(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        writtenNames.entry(bytes)
    }

    /// The one person an entry's register name means, or nil when it means nobody or several.
    func foundPerson(ofEntry entry: Int) -> Int32? {
        let found = writtenFound[entry]
        return found >= 0 ? found : nil
    }

    /// What an entry's register name resolves to.
    func resolution(ofEntry entry: Int) -> PersonResolution {
        writtenResolutions[entry]
    }

    /// People by the first and last words of their key, made on first use (``byEnds``).
    private var peopleByEnds: PeopleByText {
        byEnds.value {
            var byEnds = PeopleByText(capacity: keys.count)
            for (person, key) in keys.enumerated() {
                if let ends = PeopleIndex.ends(ofKey: key) { byEnds.add(person, under: ends) }
            }
            return byEnds
        }
    }

    /// The answer for a name that is no register name as written: normalised, then matched by key
    /// or by first and last names.
    func resolveNormalising(_ written: String) -> PersonResolution {
        let key = PersonName.normalise(written)
        if key.isEmpty { return .notFound }
        let exact = byKey.resolution(of: key)
        if exact != .notFound { return exact }
        let words = PeopleIndex.words(ofKey: key)
        // A surname alone ("Smith", "Cllr Smith") is never taken as one person, however few
        // share it: with several it is ambiguous, and the caller says which people it could be.
        if words.count == 1 {
            let sharing = people(withSurname: words[0])
            return sharing.count > 1 ? .ambiguous(sharing) : .notFound
        }
        guard let ends = PeopleIndex.ends(ofKey: key), let candidates = peopleByEnds.people(under: ends) else { return .notFound }
        let fitting = candidates.filter { index in
            let other = PeopleIndex.words(ofKey: keys[index])
            return words.count < other.count
                ? PeopleIndex.isSubsequence(words, of: other)
                : PeopleIndex.isSubsequence(other, of: words)
        }
        switch fitting.count {
        case 0: return .notFound
        case 1: return .found(fitting[0])
        default: return .ambiguous(fitting.sorted())
        }
    }

    /// People whose name is close to `written`, a name that matched nobody: a slip ("Angela
    /// Heleur", "Andrew Parsons"), the words in another order ("Scott, Jacqui"), or a surname
    /// alone. Best first, at most `limit`; offered as "did you mean", never taken.
    public func suggestions(for written: String, limit: Int = 3) -> [Int] {
        suggestionMemo.value(for: NameSuggestions.Question(written: written, limit: limit)) {
            let key = PersonName.normalise(written)
            guard !key.isEmpty else { return [] }
            let words = PeopleIndex.words(ofKey: key)
            if words.count == 1 {
                return Array(keys.indices.lazy.filter { PeopleIndex.isSurname(words[0], ofKey: self.keys[$0]) }.prefix(limit))
            }
            // A key's words joined by one space, as the suggestions compare them.
            let index = suggestionIndex.value {
                NameSuggestions.CandidateIndex(keys.map { NameSuggestions.Folded(PeopleIndex.joinedWords(ofKey: $0)) })
            }
            return Array(index.ranked(NameSuggestions.Folded(key)).prefix(limit))
        }
    }

    /// The words of a normalised name, split at its single spaces by byte: a key is folded
    /// already, so splitting by characters (which costs a grapheme walk) would only be slower.
    static func words(ofKey key: String) -> [String] {
        key.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
    }

    /// The first and last words of a key (as ``words(ofKey:)`` splits it), the part of a name
    /// that must agree, as "first last"; nil for a key with no words. Found by byte, without
    /// splitting the key.
    static func ends(ofKey key: String) -> String? {
        var key = key
        return key.withUTF8 { utf8 -> String? in
            let space = UInt8(ascii: " ")
            guard let firstStart = utf8.firstIndex(where: { $0 != space }),
                  let lastEnd = utf8.lastIndex(where: { $0 != space }) else { return nil }
            let firstEnd = utf8[firstStart...].firstIndex(of: space) ?? utf8.count
            let lastStart = (utf8[...lastEnd].lastIndex(of: space) ?? -1) + 1
            let first = UnsafeBufferPointer(rebasing: utf8[firstStart..<firstEnd])
            let last = UnsafeBufferPointer(rebasing: utf8[lastStart...lastEnd])
            // Written straight into the new string: one allocation at most (none for a short one).
            return String(unsafeUninitializedCapacity: first.count + 1 + last.count) { out in
                _ = out.initialize(from: first)
                out[first.count] = space
                _ = UnsafeMutableBufferPointer(rebasing: out[(first.count + 1)...]).initialize(from: last)
                return first.count + 1 + last.count
            }
        }
    }

    /// Whether a key of more than one word has `surname` as its last word (as ``words(ofKey:)``
    /// splits it). Asked of every key for a surname written alone, so an ASCII key is read in
    /// place, by byte; others are split, and their words compared as strings.
    static func isSurname(_ surname: String, ofKey key: String) -> Bool {
        let space = UInt8(ascii: " ")
        guard key.isASCII, surname.isASCII else {
            let words = words(ofKey: key)
            return words.count > 1 && words.last == surname
        }
        let utf8 = key.utf8
        guard let lastEnd = utf8.lastIndex(where: { $0 != space }) else { return false }
        guard let spaceBefore = utf8[..<lastEnd].lastIndex(of: space),
              utf8[..<spaceBefore].contains(where: { $0 != space }) else { return false }
        return utf8[utf8.index(after: spaceBefore)...lastEnd].elementsEqual(surname.utf8)
    }

    /// A key's words joined by single spaces: the key itself when it is written so already
    /// (as normalised names are), without splitting it.
    static func joinedWords(ofKey key: String) -> String {
        let space = UInt8(ascii: " ")
        var previous = space
        var isJoined = true
        for byte in key.utf8 {
            if byte == space && previous == space { isJoined = false; break }
            previous = byte
        }
        return isJoined && previous != space ? key : words(ofKey: key).joined(separator: " ")
    }

    /// Whether every word of `short` appears in `long`, in the same order.
    private static func isSubsequence(_ short: [String], of long: [String]) -> Bool {
        var position = long.startIndex
        for word in short {
            guard let found = long[position...].firstIndex(of: word) else { return false }
            position = found + 1
        }
        return true
    }
}
