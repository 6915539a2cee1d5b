import ProbityRegister
import ProbitySupport
import Synchronization

extension RegisterLinks {
    /// The register's texts split into words once, for the "did you mean" phrases of
    /// ``RegisterLinks/nearTexts(_:in:limit:)``. Every distinct word as written (a token) is folded
    /// once, each text is kept as its token ids, and a phrase — a run of tokens — is scored once
    /// per name however many texts hold it. Without it, each name that matched nothing split,
    /// trimmed and folded every candidate text again, run by run, and so stopped at 2,000 texts.
    ///
    /// Built on first use, by whichever thread needs it first; the others wait for it.
    final class PhraseIndex: Sendable {
        struct Index: Sendable {
            /// Token id → the token as written, without punctuation at its ends.
            var tokens: [String] = []
            /// Token id → its folded words (usually one; "Health-care" has two).
            var words: [[String]] = []
            /// Text id (as in ``WordIndex``) → its tokens, in order.
            var texts: [[Int32]] = []
            /// Text id → the register line its suggestion cites (0 when unknown).
            var lines: [Int] = []
        }

        private let index = Mutex<Index?>(nil)

        /// The index of the texts the word index numbered (`owners`, by text id): an interest's
        /// nature, or for employment the employer (the name a suggestion should offer).
        func built(from register: Register, owners: [Link]) -> Index {
            index.withLock { index in
                if let index { return index }
                var built = Index()
                var tokenIDs: [String: Int32] = [:]
                built.texts.reserveCapacity(owners.count)
                built.lines.reserveCapacity(owners.count)
                for owner in owners {
                    let person = register.people[Int(owner.person)]
                    let (text, line) = owner.source == RegisterLinks.employment
                        ? (person.employer, person.lines.first ?? 0)
                        : (person.interests[Int(owner.source)].nature, person.interests[Int(owner.source)].line)
                    built.texts.append(RegisterLinks.phraseTokens(text).map { token in
                        if let id = tokenIDs[token] { return id }
                        let id = Int32(built.tokens.count)
                        tokenIDs[token] = id
                        built.tokens.append(token)
                        built.words.append(PersonName.words(token))
                        return id
                    })
                    built.lines.append(line)
                }
                index = built
                return built
            }
        }
    }
}

extension RegisterLinks.PhraseIndex.Index {
    /// Each run of tokens scored so far for one name, by a hash of its token ids, with where it
    /// was first seen so a hash collision is recognised (and the run scored afresh), never trusted.
    typealias Scores = [UInt64: (score: Int, text: Int32, start: Int32, length: Int32)]

    /// The run of tokens in text `textID` closest to `target` (runs of one word fewer to one
    /// more than the name has, shortest and earliest first; a later run wins only when closer).
    /// `scores` keeps each run's score for the rest of this name's search, so a run that many
    /// texts hold ("Bromley Health Care") is folded and scored once.
    func nearestPhrase(_ target: NameSuggestions.Folded, inText textID: Int, scores: inout Scores) -> (phrase: String, score: Int)? {
        let text = texts[textID]
        let size = target.words.count
        var best: (start: Int, length: Int, score: Int)?
        for length in max(1, size - 1)...(size + 1) where length <= text.count {
            for start in 0...(text.count - length) {
                let run = text[start..<(start + length)]
                let key = Self.hash(run)
                let score: Int
                if let known = scores[key], Int(known.length) == length,
                   texts[Int(known.text)][Int(known.start)..<(Int(known.start) + length)].elementsEqual(run) {
                    score = known.score
                } else {
                    score = NameSuggestions.score(target, NameSuggestions.Folded(words: run.flatMap { words[Int($0)] }))
                    if scores[key] == nil { scores[key] = (score, Int32(textID), Int32(start), Int32(length)) }
                }
                if score > (best?.score ?? 0) { best = (start, length, score) }
            }
        }
        return best.map { best in
            (phrase: text[best.start..<(best.start + best.length)].map { tokens[Int($0)] }.joined(separator: " "), score: best.score)
        }
    }

    /// FNV-1a over the run's token ids and its length.
    private static func hash(_ run: ArraySlice<Int32>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(run.count)
        for token in run {
            hash = (hash ^ UInt64(UInt32(bitPattern: token))) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
