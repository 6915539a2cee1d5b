import ProbitySupport

/// "Did you mean …?" for a name that matched nothing: an organisation or a person written with
/// a slip. A candidate is suggested when it is close in one of three ways, tried on folded
/// words (case, punctuation and legal forms such as "CIC" or "Ltd" set aside):
///
/// - a few letters apart (edit distance of about one slip in four letters): "Bromley Heathcare";
/// - most of its words shared, a word matching when it is one slip away: "Heathcare Bromley";
/// - the name is the initials of the candidate: "BHC" for "Bromley Health Care".
///
/// Suggestions are only ever offered, never taken: a name that matched nothing is still
/// reported as such, whatever is suggested.
public enum NameSuggestions {
    /// Words that say what kind of body an organisation is, not which one.
    static let legalForms: Set<String> = ["ltd", "limited", "plc", "cic", "llp", "inc", "the"]

    /// The candidates nearest to `written`, best first, at most `limit`, without repeats; ties
    /// keep the order the candidates were given in.
    public static func nearest(_ written: String, among candidates: [String], limit: Int = 3) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for index in ranked(written, among: candidates) where seen.insert(candidates[index]).inserted {
            out.append(candidates[index])
            if out.count == limit { break }
        }
        return out
    }

    /// The indices of every candidate close to `written`, best first (ties in candidate order).
    public static func ranked(_ written: String, among candidates: [String]) -> [Int] {
        ranked(Folded(written), among: candidates.map(Folded.init))
    }

    /// The indices of every candidate close to `target`, best first (ties in candidate order), the
    /// candidates folded already: a list asked about many names is folded once, not once a name.
    public static func ranked(_ target: Folded, among candidates: [Folded]) -> [Int] {
        guard !target.words.isEmpty else { return [] }
        var scored: [(index: Int, score: Int)] = []
        for (index, candidate) in candidates.enumerated() {
            let score = Self.score(target, candidate)
            if score > 0 { scored.append((index, score)) }
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.map(\.index)
    }

    /// What a list of candidates is asked: the names near `written`, at most `limit` of them; the
    /// key under which an answer is kept (``Memo``).
    public struct Question: Hashable, Sendable {
        public var written: String
        public var limit: Int

        public init(written: String, limit: Int) {
            self.written = written
            self.limit = limit
        }
    }

    /// A name folded for comparison: its words, and its words without legal forms.
    public struct Folded: Sendable {
        public let words: [String]
        /// The words without legal forms ("cic", "ltd" …), unless that leaves none.
        public let core: [String]
        /// The core words run together, spaces set aside.
        public let joined: String
        /// `joined`'s length in characters, counted once: every candidate's is compared with it.
        public let joinedLength: Int
        /// Whether `joined` is all ASCII, so its edit distances are counted on its bytes.
        public let joinedIsASCII: Bool

        public init(_ text: String) {
            self.init(words: PersonName.words(text))
        }

        /// A name already folded to its words (``PersonName/words(_:)``): a phrase put together
        /// from words folded once, as the register's suggestion index does.
        public init(words: [String]) {
            self.words = words
            let core = words.filter { !NameSuggestions.legalForms.contains($0) }
            self.core = core.isEmpty ? words : core
            joined = self.core.joined()
            joinedLength = characterCount(joined)
            joinedIsASCII = joined.utf8.count == joinedLength
        }
    }

    /// How close `candidate` is to `target`, 0 for not at all; higher is closer (out of 100).
    ///
    /// Called for every candidate of a list, most of them nowhere near, so it makes nothing: no
    /// string of initials, no table of edit distances beyond the few slips allowed.
    public static func score(_ target: Folded, _ candidate: Folded) -> Int {
        score(target, words: candidate.words, core: candidate.core, joined: candidate.joined,
              joinedLength: candidate.joinedLength, joinedIsASCII: candidate.joinedIsASCII)
    }

    /// `score(target, candidate)` for a candidate known to be more than a few slips from `target`
    /// (``CandidateIndex``'s bounds prove it of most it scores), so no edit distance is counted.
    static func score(_ target: Folded, beyondSlips candidate: Folded) -> Int {
        score(target, words: candidate.words, core: candidate.core, joined: candidate.joined,
              joinedLength: candidate.joinedLength, joinedIsASCII: candidate.joinedIsASCII, slipsPossible: false)
    }

    /// A run of words to score, and room to fold it in: a register text offers thousands of runs
    /// to score against one name, and folding each into a ``Folded`` made three arrays and a
    /// string. The caller fills `words` and keeps the scratch from run to run, so its storage
    /// is made once.
    public struct Run {
        /// The run's folded words, as ``Folded/init(words:)`` takes them.
        public var words: [String] = []
        fileprivate var core: [String] = []
        fileprivate var joined = ""

        public init() {}
    }

    /// The score `score(target, Folded(words: run.words))` gives, with no `Folded` made.
    public static func score(_ target: Folded, run: inout Run) -> Int {
        run.core.removeAll(keepingCapacity: true)
        for word in run.words where !legalForms.contains(word) { run.core.append(word) }
        if run.core.isEmpty { run.core.append(contentsOf: run.words) }
        run.joined.removeAll(keepingCapacity: true)
        for word in run.core { run.joined += word }
        let length = characterCount(run.joined)
        return score(target, words: run.words, core: run.core, joined: run.joined,
                     joinedLength: length, joinedIsASCII: run.joined.utf8.count == length)
    }

    private static func score(_ target: Folded, words: [String], core: [String], joined: String,
                              joinedLength: Int, joinedIsASCII: Bool, slipsPossible: Bool = true) -> Int {
        guard !core.isEmpty else { return 0 }
        if target.joined == joined { return 100 }
        // Initials: "BHC" for "Bromley Health Care" (or "Bromley Healthcare CIC").
        if target.core.count == 1, target.joinedLength >= 2, target.joinedLength <= 6 {
            if isInitials(target.joined, of: core) || isInitials(target.joined, of: words) { return 90 }
        }
        // A few letters apart, spaces set aside ("Bromley Heathcare" / "Bromley Health Care").
        let limit = max(1, target.joinedLength / 4)
        if slipsPossible, abs(target.joinedLength - joinedLength) <= limit,
           let distance = editDistance(target.joined, joined, atMost: limit, bothASCII: target.joinedIsASCII && joinedIsASCII) {
            return 80 - min(distance, 30)
        }
        // Most words shared, in any order, each word allowed one slip.
        var shared = 0
        for word in target.core where core.contains(where: { wordsMatch(word, $0) }) { shared += 1 }
        let larger = max(target.core.count, core.count)
        if shared * 3 >= larger * 2, shared >= 1, larger >= 2 || shared == larger {
            return 40 * shared / larger
        }
        return 0
    }

    /// The target's core words that `word` could be shared as (one slip allowed), as bits: bit `i`
    /// for `target.core[i]`. For ``mayScore(_:sharedWords:joinedLength:)``.
    public static func sharedWords(_ target: Folded, _ word: String) -> UInt64 {
        var bits: UInt64 = 0
        for (index, core) in target.core.prefix(64).enumerated() where wordsMatch(core, word) { bits |= 1 << UInt64(index) }
        return bits
    }

    /// Whether a candidate can score above 0 against `target`, told only which of the target's core
    /// words its words could share (``sharedWords(_:_:)``, or-ed over them) and its core words'
    /// length run together (nil when not known exactly). False only when no way of scoring is
    /// open: not the same letters nor a few slips apart (the lengths differ by more than the
    /// slips allowed), not initials, and too few words that could be shared. A register text
    /// offers thousands of runs for one name, and this dismisses most of them unfolded.
    public static func mayScore(_ target: Folded, sharedWords: UInt64, joinedLength: Int?) -> Bool {
        guard target.core.count <= 64, let joinedLength else { return true }
        if target.core.count == 1, target.joinedLength >= 2, target.joinedLength <= 6 { return true }
        if abs(target.joinedLength - joinedLength) <= max(1, target.joinedLength / 4) { return true }
        // Sharing needs shared * 3 >= larger * 2, and larger is at least the target's core count.
        return sharedWords.nonzeroBitCount * 3 >= target.core.count * 2
    }

    /// Whether `word` says what kind of body an organisation is ("ltd", "cic"), not which one.
    public static func isLegalForm(_ word: String) -> Bool {
        legalForms.contains(word)
    }

    /// Whether `text` is the first letters of `words`, in order (words with no letters skipped).
    private static func isInitials(_ text: String, of words: [String]) -> Bool {
        var letters = text.makeIterator()
        for word in words {
            guard let first = word.first else { continue }
            guard letters.next() == first else { return false }
        }
        return letters.next() == nil
    }

    /// Whether two folded words match as the words-shared way of scoring matches them: the same,
    /// or five letters or more and one slip apart.
    static func wordsMatch(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        // A string has at least as many bytes as characters: a short one is dismissed uncounted.
        guard a.utf8.count >= 5, b.utf8.count >= 5 else { return false }
        let aLength = characterCount(a), bLength = characterCount(b)
        guard aLength >= 5, bLength >= 5, abs(aLength - bLength) <= 1 else { return false }
        return editDistance(a, b, atMost: 1) != nil
    }

    /// "did you mean `a` or `b`?", or "" with nothing to suggest.
    public static func didYouMean(_ suggestions: [String]) -> String {
        guard !suggestions.isEmpty else { return "" }
        let listed = suggestions.count == 1 ? suggestions[0]
            : suggestions.dropLast().joined(separator: ", ") + " or " + suggestions.last!
        return "; did you mean \(listed)?"
    }
}
