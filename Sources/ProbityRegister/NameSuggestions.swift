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
        let target = Folded(written)
        guard !target.words.isEmpty else { return [] }
        var scored: [(index: Int, score: Int)] = []
        for (index, candidate) in candidates.enumerated() {
            let score = Self.score(target, Folded(candidate))
            if score > 0 { scored.append((index, score)) }
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.map(\.index)
    }

    /// A name folded for comparison: its words, and its words without legal forms.
    public struct Folded: Sendable {
        public var words: [String]
        /// The words without legal forms ("cic", "ltd" …), unless that leaves none.
        public var core: [String]
        /// The core words run together, spaces set aside.
        public var joined: String

        public init(_ text: String) {
            self.init(words: PersonName.words(text))
        }

        /// A name already folded to its words (``PersonName/words(_:)``): a phrase put together
        /// from words folded once, as the register's suggestion index does.
        public init(words: [String]) {
            self.words = words
            core = words.filter { !NameSuggestions.legalForms.contains($0) }
            if core.isEmpty { core = words }
            joined = core.joined()
        }
    }

    /// How close `candidate` is to `target`, 0 for not at all; higher is closer (out of 100).
    public static func score(_ target: Folded, _ candidate: Folded) -> Int {
        guard !candidate.core.isEmpty else { return 0 }
        if target.joined == candidate.joined { return 100 }
        // Initials: "BHC" for "Bromley Health Care" (or "Bromley Healthcare CIC").
        if target.core.count == 1, target.joined.count >= 2, target.joined.count <= 6 {
            let initials = String(candidate.core.compactMap(\.first))
            let allInitials = String(candidate.words.compactMap(\.first))
            if target.joined == initials || target.joined == allInitials { return 90 }
        }
        // A few letters apart, spaces set aside ("Bromley Heathcare" / "Bromley Health Care").
        let limit = max(1, target.joined.count / 4)
        if abs(target.joined.count - candidate.joined.count) <= limit {
            let distance = editDistance(target.joined, candidate.joined)
            if distance <= limit { return 80 - min(distance, 30) }
        }
        // Most words shared, in any order, each word allowed one slip.
        let shared = target.core.filter { word in candidate.core.contains { wordsMatch(word, $0) } }.count
        let larger = max(target.core.count, candidate.core.count)
        if shared * 3 >= larger * 2, shared >= 1, larger >= 2 || shared == larger {
            return 40 * shared / larger
        }
        return 0
    }

    private static func wordsMatch(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.count >= 5, b.count >= 5, abs(a.count - b.count) <= 1 else { return false }
        return editDistance(a, b) <= 1
    }

    /// "did you mean `a` or `b`?", or "" with nothing to suggest.
    public static func didYouMean(_ suggestions: [String]) -> String {
        guard !suggestions.isEmpty else { return "" }
        let listed = suggestions.count == 1 ? suggestions[0]
            : suggestions.dropLast().joined(separator: ", ") + " or " + suggestions.last!
        return "; did you mean \(listed)?"
    }
}
