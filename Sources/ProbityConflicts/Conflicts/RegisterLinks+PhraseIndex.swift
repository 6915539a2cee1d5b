import ProbityRegister
import ProbitySupport
import Synchronization

extension RegisterLinks {
    /// The register's texts split into words, for the "did you mean" phrases of
    /// ``RegisterLinks/nearTexts(_:in:limit:)``: each distinct text is split once, when a name
    /// first needs it, and each distinct word as written (a token) is folded once; a text is kept
    /// as its token ids, so a phrase — a run of tokens — is scored once per name however many
    /// texts hold it. Without it, each name that matched nothing split, trimmed and folded every
    /// candidate text again, run by run, and so stopped at 2,000 texts.
    ///
    /// Shared by every thread: texts are split under a lock, and each search reads a copy.
    final class PhraseIndex: Sendable {
        struct Index: Sendable {
            /// Token id → the token as written, without punctuation at its ends.
            var tokens: [String] = []
            /// Token id → its folded words (usually one; "Health-care" has two).
            var words: [[String]] = []
            /// Token id → the lengths of its words run together, for dismissing runs unfolded.
            var lengths: [TokenLengths] = []
            /// Distinct text → its tokens, in order.
            var texts: [[Int32]] = []
            /// Text id (as in ``WordIndex``) → its distinct text, or -1 until a name needs it.
            var distinct: [Int32] = []
            fileprivate var tokenIDs: [String: Int32] = [:]
            fileprivate var textIDs: [String: Int32] = [:]
        }

        private let index = Mutex<Index>(Index())

        /// The index with every text in `textIDs` (ids of the word index's `owners`) split.
        func splitting(_ textIDs: [Int32], of register: Register, owners: [Link]) -> Index {
            index.withLock { index in
                if index.distinct.count != owners.count { index.distinct = Array(repeating: -1, count: owners.count) }
                for textID in textIDs where index.distinct[Int(textID)] < 0 {
                    let text = RegisterLinks.suggestionSource(owners[Int(textID)], in: register).text
                    if let known = index.textIDs[text] {
                        index.distinct[Int(textID)] = known
                        continue
                    }
                    let tokens = RegisterLinks.phraseTokens(text).map { token in
                        if let id = index.tokenIDs[token] { return id }
                        let id = Int32(index.tokens.count)
                        index.tokenIDs[token] = id
                        index.tokens.append(token)
                        let words = PersonName.words(token)
                        index.words.append(words)
                        index.lengths.append(TokenLengths(words))
                        return id
                    }
                    let id = Int32(index.texts.count)
                    index.texts.append(tokens)
                    index.textIDs[text] = id
                    index.distinct[Int(textID)] = id
                }
                return index
            }
        }
    }

    /// A token's folded words' lengths in characters, all of them and without legal forms: a run's
    /// core run together is as long as the sum over its tokens (of the core lengths, or of all
    /// lengths when no token has a core word). Trusted only for ASCII, where characters cannot
    /// join across words.
    struct TokenLengths: Sendable {
        var all: Int32 = 0
        var core: Int32 = 0
        var hasCore = false
        var isASCII = true

        init(_ words: [String]) {
            for word in words {
                let length = Int32(characterCount(word))
                if word.utf8.count != Int(length) { isASCII = false }
                all += length
                if !NameSuggestions.isLegalForm(word) {
                    core += length
                    hasCore = true
                }
            }
        }
    }

    /// The text a suggestion is read from for `owner`, and the register line it cites: an
    /// interest's nature, or for employment the employer (the name a suggestion should offer).
    static func suggestionSource(_ owner: Link, in register: Register) -> (text: String, line: Int) {
        let person = register.people[Int(owner.person)]
        return owner.source == employment
            ? (person.employer, person.lines.first ?? 0)
            : (person.interests[Int(owner.source)].nature, person.interests[Int(owner.source)].line)
    }
}

extension RegisterLinks.PhraseIndex.Index {
    /// Each run of tokens scored so far for one name, by a hash of its token ids, with where it
    /// was first seen so a hash collision is recognised (and the run scored afresh), never trusted.
    typealias Scores = [UInt64: (score: Int, text: Int32, start: Int32, length: Int32)]

    /// The run of tokens in distinct text `textID` closest to `target` (runs of one word fewer to one
    /// more than the name has, shortest and earliest first; a later run wins only when closer).
    /// `scores` keeps each run's score for the rest of this name's search, so a run that many
    /// texts hold ("Bromley Health Care") is folded and scored once.
    /// `sharedByToken` keeps, for this name, which of its core words each token could be shared
    /// as (``NameSuggestions/sharedWords(_:_:)``), as tokens recur from text to text.
    func nearestPhrase(_ target: NameSuggestions.Folded, inText textID: Int, scores: inout Scores,
                       sharedByToken: inout [UInt64?]) -> (phrase: String, score: Int)? {
        let text = texts[textID]
        let size = target.words.count
        var best: (start: Int, length: Int, score: Int)?
        var scratch = NameSuggestions.Run()
        // Which of the name's core words each token could be shared as: with the lengths, enough
        // to dismiss most runs without folding them (NameSuggestions.mayScore).
        let shared = text.map { token in
            if let known = sharedByToken[Int(token)] { return known }
            let bits = words[Int(token)].reduce(UInt64(0)) { $0 | NameSuggestions.sharedWords(target, $1) }
            sharedByToken[Int(token)] = bits
            return bits
        }
        for length in max(1, size - 1)...(size + 1) where length <= text.count {
            for start in 0...(text.count - length) {
                let run = text[start..<(start + length)]
                if !mayScore(target, run: run, shared: shared[start..<(start + length)]) { continue }
                let key = Self.hash(run)
                let score: Int
                if let known = scores[key], Int(known.length) == length,
                   texts[Int(known.text)][Int(known.start)..<(Int(known.start) + length)].elementsEqual(run) {
                    score = known.score
                } else {
                    scratch.words.removeAll(keepingCapacity: true)
                    for token in run { scratch.words.append(contentsOf: words[Int(token)]) }
                    score = NameSuggestions.score(target, run: &scratch)
                    if scores[key] == nil { scores[key] = (score, Int32(textID), Int32(start), Int32(length)) }
                }
                if score > (best?.score ?? 0) { best = (start, length, score) }
            }
        }
        return best.map { best in
            (phrase: text[best.start..<(best.start + best.length)].map { tokens[Int($0)] }.joined(separator: " "), score: best.score)
        }
    }

    /// Whether the run can score above 0 against `target`: false says it scores 0, as folding and
    /// scoring it would find.
    private func mayScore(_ target: NameSuggestions.Folded, run: ArraySlice<Int32>, shared: ArraySlice<UInt64>) -> Bool {
        var all = 0, core = 0, hasCore = false, isASCII = true
        for token in run {
            let token = lengths[Int(token)]
            all += Int(token.all)
            core += Int(token.core)
            hasCore = hasCore || token.hasCore
            isASCII = isASCII && token.isASCII
        }
        let sharedWords = shared.reduce(UInt64(0), |)
        return NameSuggestions.mayScore(target, sharedWords: sharedWords, joinedLength: isASCII ? (hasCore ? core : all) : nil)
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
