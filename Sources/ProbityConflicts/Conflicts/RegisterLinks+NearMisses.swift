import ProbityRegister
import ProbityReports
import ProbitySupport

extension RegisterLinks {
    /// At most this many register texts are compared with a name that matched nothing: a name
    /// sharing only a common word ("Bromley") with thousands of texts is not worth a second.
    static let nearTextLimit = 2_000

    /// Phrases on the register close to `written`, an organisation name that no register text
    /// contains: "Bromley Healthcare" (line 14) for "Bromley Heathcare CIC". Only texts sharing
    /// a word with the name are compared, and within each, runs of about as many words as the
    /// name has. Best first, then in register order; at most `limit`.
    func nearTexts(_ written: String, in register: Register, limit: Int = 2) -> [ConflictsReport.Suggestion] {
        let target = NameSuggestions.Folded(written)
        guard !target.core.isEmpty else { return [] }
        let (textsByWord, textOwners) = wordIndex.built(from: register)
        var candidates = Set<Int32>()
        for word in target.core { candidates.formUnion(textsByWord[word] ?? []) }
        var found: [(score: Int, text: Int32, phrase: String, line: Int)] = []
        for textID in candidates.sorted().prefix(Self.nearTextLimit) {
            let owner = textOwners[Int(textID)]
            let person = register.people[Int(owner.person)]
            let (text, line) = owner.source == Self.employment
                ? (person.employer, person.lines.first ?? 0)
                : (person.interests[Int(owner.source)].nature, person.interests[Int(owner.source)].line)
            if let best = Self.nearestPhrase(target, in: text) {
                found.append((best.score, textID, best.phrase, line))
            }
        }
        var seen: Set<String> = []
        var out: [ConflictsReport.Suggestion] = []
        for entry in found.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text })
        where seen.insert(NameSuggestions.Folded(entry.phrase).joined).inserted {
            out.append(ConflictsReport.Suggestion(name: entry.phrase, organisation: nil, registerLine: entry.line > 0 ? entry.line : nil))
            if out.count == limit { break }
        }
        return out
    }

    /// The run of words in `text` closest to `target`, trimmed of punctuation at its ends.
    static func nearestPhrase(_ target: NameSuggestions.Folded, in text: String) -> (phrase: String, score: Int)? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map { Self.trimmed($0, of: ",.;:()[]\"'") }
            .filter { !$0.isEmpty }
        let size = target.words.count
        var best: (phrase: String, score: Int)?
        for length in max(1, size - 1)...(size + 1) where length <= tokens.count {
            for start in 0...(tokens.count - length) {
                let phrase = tokens[start..<(start + length)].joined(separator: " ")
                let score = NameSuggestions.score(target, NameSuggestions.Folded(phrase))
                if score > (best?.score ?? 0) { best = (phrase, score) }
            }
        }
        return best
    }

    /// `text` without any of `characters` at either end.
    private static func trimmed(_ text: Substring, of characters: String) -> String {
        var text = text
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
