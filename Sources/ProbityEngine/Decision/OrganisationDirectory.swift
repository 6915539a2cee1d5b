import ProbityRegister
import ProbitySemantics
import ProbitySupport

/// Looks organisations up by id, name or alias, forgiving case, spacing and punctuation:
/// "Bromley Health Care", "bromley healthcare cic" and "BHC" can all name one organisation.
package struct OrganisationDirectory: Sendable {
    private var byKey: [String: Int] = [:]
    /// Every id, name and alias exactly as declared: decisions mostly copy them, and an exact
    /// match needs no folding.
    private var byExactName: [String: Int] = [:]
    /// The same exact names by their bytes, for reading a decision straight from its line:
    /// entry `i` is organisation `byExactBytes[i]`, as `byExactName` says for that name.
    private var exactNames = ByteStringTable([String]())
    private var byExactBytes: [Int] = []
    /// `exactNames`' strings, which a decision read from its line holds: apart, so that a
    /// replica can hold its own (``withOwnExactTexts``).
    private var exactTexts: [String] = []
    /// The folded keys with their spaces taken out: "Bromley Health Care" is "Bromley
    /// Healthcare" split differently, never another organisation.
    private var byJoinedKey: [String: Int] = [:]
    /// Every id, name and alias with its organisation, in declaration order, for suggestions.
    private var names: [(text: String, organisation: Int)] = []
    private var displayNames: [String] = []
    /// The same names folded and indexed for "did you mean", once, when a name first matches
    /// nothing: a name new on every line is scored against the few names that can rank, not all.
    private let suggestionIndex = MadeOnce<NameSuggestions.CandidateIndex>()
    /// Each unmatched name's suggestions: a supplier new to the rules is usually named on many
    /// lines, and ranking it against every name is the cost of hundreds of ordinary lines.
    private let suggestionMemo = Memo<NameSuggestions.Question, [Int]>(capacity: 4_096)

    public init(_ organisations: [Organisation]) {
        // Each name is folded once, and every table is sized at the start: folding each name
        // twice, taking its spaces out character by character and growing the tables one
        // insertion at a time was 75 M instructions of a batch's start-up with 2,000
        // organisations (docs/performance.md, item 13).
        let nameCount = organisations.reduce(0) { $0 + 2 + $1.aliases.count }
        byKey.reserveCapacity(nameCount)
        byJoinedKey.reserveCapacity(nameCount)
        byExactName.reserveCapacity(nameCount)
        names.reserveCapacity(nameCount)
        displayNames.reserveCapacity(organisations.count)
        var keys: [String] = []
        keys.reserveCapacity(nameCount)
        for (index, organisation) in organisations.enumerated() {
            Self.forEachName(of: organisation) { name in
                let (key, joined) = OrganisationDirectory.keyAndJoined(name)
                if byKey[key] == nil { byKey[key] = index }
                if byJoinedKey[joined] == nil { byJoinedKey[joined] = index }
                names.append((name, index))
                keys.append(key)
            }
            displayNames.append("`\(organisation.id)` (\(organisation.name))")
        }
        // Filled afterwards, each name with what its folded key finds, so both ways agree.
        for (position, name) in names.enumerated() {
            byExactName[name.text] = byKey[keys[position]]
        }
        exactNames = ByteStringTable(names.map(\.text))
        byExactBytes = exactNames.strings.map { byExactName[$0] ?? -1 }
        exactTexts = exactNames.strings
    }

    /// The same directory, with the exact names a decision holds in storage of their own: every
    /// line naming a declared organisation retains its name, and a batch's workers each read
    /// with a replica so that they do not write the same reference counts (docs/performance.md,
    /// item 28). Its caches of suggestions are shared.
    package var withOwnExactTexts: OrganisationDirectory {
        var copy = self
        copy.exactTexts = exactTexts.map { $0.withOwnStorage }
        return copy
    }

    /// Calls `body` with the organisation's id, name and aliases, in that order, without making
    /// an array of them.
    private static func forEachName(of organisation: Organisation, _ body: (String) -> Void) {
        body(organisation.id)
        body(organisation.name)
        for alias in organisation.aliases { body(alias) }
    }

    /// A folded key with its spaces taken out. By byte when the key is ASCII, where a space byte
    /// is a space character; otherwise by character, as a space before a combining mark is part
    /// of another character, not a space.
    static func withoutSpaces(_ key: String) -> String {
        guard key.isASCII else { return String(key.filter { $0 != " " }) }
        guard key.utf8.contains(UInt8(ascii: " ")) else { return key }
        return String(decoding: key.utf8.filter { $0 != UInt8(ascii: " ") }, as: UTF8.self)
    }

    /// An id, name or alias given as bytes (part of a line being read) that is one exactly, byte
    /// for byte: its `String`, equal to the bytes, and the organisation ``lookup(_:)`` finds for
    /// it. Nil for other bytes: the caller makes the string and calls ``lookup(_:)``.
    public func exactName(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (name: String, organisation: Int)? {
        guard let entry = exactNames.entry(bytes), byExactBytes[entry] >= 0 else { return nil }
        return (exactTexts[entry], byExactBytes[entry])
    }

    public func lookup(_ written: String) -> Int? {
        if let found = byExactName[written] { return found }
        let key = OrganisationDirectory.key(written)
        return byKey[key] ?? byJoinedKey[OrganisationDirectory.withoutSpaces(key)]
    }

    /// The declared organisations whose id, name or alias is close to `written` (a slip, the
    /// same words in another order, initials), best first, at most `limit`.
    public func suggestions(for written: String, limit: Int = 3) -> [Int] {
        suggestionMemo.value(for: NameSuggestions.Question(written: written, limit: limit)) {
            let index = suggestionIndex.value { NameSuggestions.CandidateIndex(names.map { NameSuggestions.Folded($0.text) }) }
            var out: [Int] = []
            for index in index.ranked(NameSuggestions.Folded(written))
            where !out.contains(names[index].organisation) {
                out.append(names[index].organisation)
                if out.count == limit { break }
            }
            return out
        }
    }

    /// How a suggestion names an organisation: "`bromley-healthcare` (Bromley Healthcare CIC)".
    public func displayName(_ organisation: Int) -> String {
        displayNames[organisation]
    }

    /// ``key(_:)`` and ``withoutSpaces(_:)`` of it, written in one pass straight into the two
    /// strings when the name is ASCII (no array of bytes made and copied for each).
    static func keyAndJoined(_ name: String) -> (key: String, joined: String) {
        guard name.isASCII else {
            let key = key(name)
            return (key, withoutSpaces(key))
        }
        let count = name.utf8.count
        var joinedCount = 0
        let key = String(unsafeUninitializedCapacity: count) { out in
            var written = 0
            var pendingSpace = false
            for byte in name.utf8 {
                let lower = (byte >= 65 && byte <= 90) ? byte + 32 : byte
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    if pendingSpace, written > 0 { out[written] = 32; written += 1 }
                    pendingSpace = false
                    out[written] = lower
                    written += 1
                    joinedCount += 1
                } else if lower != UInt8(ascii: "'") {
                    pendingSpace = true
                }
            }
            return written
        }
        guard joinedCount != key.utf8.count else { return (key, key) }
        let joined = String(unsafeUninitializedCapacity: joinedCount) { out in
            var written = 0
            for byte in key.utf8 where byte != 32 {
                out[written] = byte
                written += 1
            }
            return written
        }
        return (key, joined)
    }

    /// Lowercase letters and digits, words separated by one space.
    public static func key(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            let lower = (byte >= 65 && byte <= 90) ? byte + 32 : byte
            let isWordByte = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower >= 0x80
            if isWordByte {
                if pendingSpace, !out.isEmpty { out.append(32) }
                pendingSpace = false
                out.append(lower)
            } else if lower != UInt8(ascii: "'") {
                // An apostrophe joins (King's → kings); anything else separates words.
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
