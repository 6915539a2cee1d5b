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
    /// The folded keys with their spaces taken out: "Bromley Health Care" is "Bromley
    /// Healthcare" split differently, never another organisation.
    private var byJoinedKey: [String: Int] = [:]
    /// Every id, name and alias with its organisation, in declaration order, for suggestions.
    private var names: [(text: String, organisation: Int)] = []
    private var displayNames: [String] = []
    /// The same names folded for "did you mean", once, when a name first matches nothing.
    private let foldedNames = MadeOnce<[NameSuggestions.Folded]>()
    /// Each unmatched name's suggestions: a supplier new to the rules is usually named on many
    /// lines, and ranking it against every name is the cost of hundreds of ordinary lines.
    private let suggestionMemo = Memo<NameSuggestions.Question, [Int]>(capacity: 4_096)

    public init(_ organisations: [Organisation]) {
        for (index, organisation) in organisations.enumerated() {
            for name in [organisation.id, organisation.name] + organisation.aliases {
                let key = OrganisationDirectory.key(name)
                if byKey[key] == nil { byKey[key] = index }
                let joined = String(key.filter { $0 != " " })
                if byJoinedKey[joined] == nil { byJoinedKey[joined] = index }
                names.append((name, index))
            }
            displayNames.append("`\(organisation.id)` (\(organisation.name))")
        }
        // Filled afterwards, each name with what its folded key finds, so both ways agree.
        for organisation in organisations {
            for name in [organisation.id, organisation.name] + organisation.aliases {
                byExactName[name] = byKey[OrganisationDirectory.key(name)]
            }
        }
        exactNames = ByteStringTable(organisations.flatMap { [$0.id, $0.name] + $0.aliases })
        byExactBytes = exactNames.strings.map { byExactName[$0] ?? -1 }
    }

    /// An id, name or alias given as bytes (part of a line being read) that is one exactly, byte
    /// for byte: its `String`, equal to the bytes, and the organisation ``lookup(_:)`` finds for
    /// it. Nil for other bytes: the caller makes the string and calls ``lookup(_:)``.
    public func exactName(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (name: String, organisation: Int)? {
        guard let entry = exactNames.entry(bytes), byExactBytes[entry] >= 0 else { return nil }
        return (exactNames.strings[entry], byExactBytes[entry])
    }

    public func lookup(_ written: String) -> Int? {
        if let found = byExactName[written] { return found }
        let key = OrganisationDirectory.key(written)
        return byKey[key] ?? byJoinedKey[String(key.filter { $0 != " " })]
    }

    /// The declared organisations whose id, name or alias is close to `written` (a slip, the
    /// same words in another order, initials), best first, at most `limit`.
    public func suggestions(for written: String, limit: Int = 3) -> [Int] {
        suggestionMemo.value(for: NameSuggestions.Question(written: written, limit: limit)) {
            let candidates = foldedNames.value { names.map { NameSuggestions.Folded($0.text) } }
            var out: [Int] = []
            for index in NameSuggestions.ranked(NameSuggestions.Folded(written), among: candidates)
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
