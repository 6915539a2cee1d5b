import ProbityRegister
import ProbityReports
import ProbitySupport

extension RegisterLinks {
    /// Phrases on the register close to `written`, an organisation name that no register text
    /// contains: "Bromley Healthcare" (line 14) for "Bromley Heathcare CIC". Every text sharing a
    /// word with the name is compared (through the ``RunIndex``, or for a name of many words the
    /// ``PhraseIndex``, each built once per register), and within each, runs of about as many
    /// words as the name has; each text offers its closest run. Best first, then in register
    /// order; at most `limit`.
    func nearTexts(_ written: String, in register: Register, limit: Int = 2) -> [ConflictsReport.Suggestion] {
        nearTextsMemo.value(for: NameSuggestions.Question(written: written, limit: limit)) {
            searchNearTexts(written, in: register, limit: limit)
        }
    }

    private func searchNearTexts(_ written: String, in register: Register, limit: Int) -> [ConflictsReport.Suggestion] {
        let target = NameSuggestions.Folded(written)
        guard !target.core.isEmpty else { return [] }
        // Both searches give the same suggestions. Reading the texts one by one costs about as
        // much a name sharing common words as making the run index once: they are read one by one
        // until a quarter of the register's have been (a batch naming only a few new names, or
        // names sharing few texts, never makes the index), then through the index for a name
        // sharing its words with more than a few texts.
        let (textsByWord, owners) = wordIndex.built(from: register)
        let sharing = target.core.reduce(0) { $0 + (textsByWord[$1]?.count ?? 0) }
        if sharing > 64, runIndex.isWorthUsing(reading: sharing, of: owners.count),
           let found = searchNearTextsByRun(target, in: register, limit: limit) {
            return found
        }
        return searchNearTextsTextByText(target, in: register, limit: limit)
    }

    /// The search for a name of more words than the ``RunIndex`` holds: every text sharing a word
    /// with it, run by run.
    func searchNearTextsTextByText(_ target: NameSuggestions.Folded, in register: Register, limit: Int) -> [ConflictsReport.Suggestion] {
        let (textsByWord, textOwners) = wordIndex.built(from: register)
        var candidates = Set<Int32>()
        for word in target.core { candidates.formUnion(textsByWord[word] ?? []) }
        let ordered = candidates.sorted()
        let phrases = phraseIndex.splitting(ordered, of: register, owners: textOwners)
        // A text written on many rows (an employer) is searched once for this name.
        var scores = PhraseIndex.Index.Scores()
        var sharedByToken = [UInt64?](repeating: nil, count: phrases.tokens.count)
        var bestOfText: [Int32: (phrase: String, score: Int)?] = [:]
        var found: [(score: Int, text: Int32, phrase: String, line: Int)] = []
        for textID in ordered {
            let distinct = phrases.distinct[Int(textID)]
            let best: (phrase: String, score: Int)?
            if let known = bestOfText[distinct] {
                best = known
            } else {
                best = phrases.nearestPhrase(target, inText: Int(distinct), scores: &scores, sharedByToken: &sharedByToken)
                bestOfText[distinct] = best
            }
            if let best { found.append((best.score, textID, best.phrase, Self.suggestionSource(textOwners[Int(textID)], in: register).line)) }
        }
        return Self.bestPhrases(found, limit: limit)
    }

    /// The best `limit` of `found`, by score then text, each phrase once however it is folded:
    /// the one ranking both searches of ``nearTexts(_:in:limit:)`` end in.
    static func bestPhrases(_ found: [(score: Int, text: Int32, phrase: String, line: Int)], limit: Int) -> [ConflictsReport.Suggestion] {
        var seen: Set<String> = []
        var out: [ConflictsReport.Suggestion] = []
        for entry in found.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text })
        where seen.insert(NameSuggestions.Folded(entry.phrase).joined).inserted {
            out.append(ConflictsReport.Suggestion(name: entry.phrase, organisation: nil, registerLine: entry.line > 0 ? entry.line : nil))
            if out.count == limit { break }
        }
        return out
    }

    /// A text's words as written, split at spaces and without punctuation at their ends: the
    /// tokens its suggested phrases are made of.
    ///
    /// By byte for an ASCII text with no carriage return, where each byte is a character: split
    /// by character, the register's texts took 67,000 instructions each, a third of making the
    /// ``RunIndex``. Otherwise by character (``phraseTokensByCharacter(_:)``, the definition).
    static func phraseTokens(_ text: String) -> [String] {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) else { return phraseTokensByCharacter(text) }
        var tokens: [String] = []
        var start = utf8.startIndex
        while start != utf8.endIndex {
            var end = start
            while end != utf8.endIndex, !isTokenSeparator(utf8[end]) { end = utf8.index(after: end) }
            var first = start, last = end
            while first != last, isTrimmed(utf8[first]) { first = utf8.index(after: first) }
            while first != last, isTrimmed(utf8[utf8.index(before: last)]) { last = utf8.index(before: last) }
            if first != last { tokens.append(String(text[first..<last])) }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        return tokens
    }

    private static func isTokenSeparator(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10
    }

    /// The punctuation `phraseTokensByCharacter` trims: `,.;:()[]"'`.
    private static func isTrimmed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        default: return false
        }
    }

    /// ``phraseTokens(_:)`` by character, for any text.
    static func phraseTokensByCharacter(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map { Self.trimmed($0, of: ",.;:()[]\"'") }
            .filter { !$0.isEmpty }
    }

    /// The run of words in `text` closest to `target`, trimmed of punctuation at its ends: the
    /// definition the ``PhraseIndex`` computes faster (its tests compare the two).
    static func nearestPhrase(_ target: NameSuggestions.Folded, in text: String) -> (phrase: String, score: Int)? {
        let tokens = phraseTokens(text)
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
