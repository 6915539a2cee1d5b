import ProbityRegister
import ProbityReports
import ProbitySupport
import Synchronization

extension RegisterLinks {
    /// Every run of words on the register, by length, indexed for "did you mean"
    /// (``NameSuggestions/CandidateIndex``), so that ``RegisterLinks/nearTexts(_:in:limit:)`` scores a
    /// name against the few runs that can score and reads only the texts holding them.
    ///
    /// Searching the texts that share a word with the name, run by run (the ``PhraseIndex``), cost
    /// 40 M instructions for a name sharing "Health" or "Care" with thousands of texts: ten
    /// thousand ordinary lines for a supplier new on every line (docs/performance.md, item 24). The
    /// register's distinct runs are far fewer than its texts' runs (about 18,000 of five words
    /// on the benchmark register of 20,088 rows), and the runs that can score against one name
    /// are a handful.
    ///
    /// Made on first use, each length of run when a name first needs it, and shared by every
    /// thread (``MadeOnce``).
    final class RunIndex: Sendable {
        /// The longest run indexed: a name of more words (`longestRun` or more) is searched text by
        /// text, through the ``PhraseIndex``.
        static let longestRun = 8

        /// The register's texts split into tokens, each distinct text once.
        struct Texts: Sendable {
            /// Token id → the token as written, without punctuation at its ends.
            var tokens: [String] = []
            /// Token id → its folded words.
            var words: [[String]] = []
            /// Distinct text → its tokens, in order.
            var texts: [[Int32]] = []
            /// Distinct text → the text ids (of the ``WordIndex``) whose suggestion source it is and
            /// whose own text it is, in order: they share its words.
            var ownIDs: [[Int32]] = []
            /// Distinct text → the other text ids whose suggestion source it is (a position, whose
            /// suggestions come from the employer), in order: each shares its own text's words.
            var borrowedIDs: [[Int32]] = []
        }

        /// The distinct runs of one length, indexed, and where each occurs.
        struct Runs: Sendable {
            var index: NameSuggestions.CandidateIndex
            /// Run id → its occurrences as (distinct text, first token), in order.
            var occurrences: [[(text: Int32, start: Int32)]]
        }

        private let texts = MadeOnce<Texts>()
        /// Texts read one by one so far, or nil once the index is used.
        private let readOneByOne = Mutex<Int?>(0)

        /// Whether a name sharing its words with `sharing` of the register's `textCount` texts is
        /// searched through the index: once the texts read one by one, with these, number more
        /// than a quarter of the register's, and from then on.
        func isWorthUsing(reading sharing: Int, of textCount: Int) -> Bool {
            readOneByOne.withLock { read in
                guard let sofar = read else { return true }
                if sofar + sharing > textCount / 4 {
                    read = nil
                    return true
                }
                read = sofar + sharing
                return false
            }
        }
        private let runs: [MadeOnce<Runs>] = (0...RunIndex.longestRun).map { _ in MadeOnce<Runs>() }

        /// The register's texts split, made on first use.
        func texts(of register: Register, owners: [Link]) -> Texts {
            texts.value {
                var made = Texts()
                var tokenIDs: [String: Int32] = [:]
                var textIDs: [String: Int32] = [:]
                let ownTexts = RegisterLinks.texts(of: register)
                for (textID, owner) in owners.enumerated() {
                    let text = RegisterLinks.suggestionSource(owner, in: register).text
                    let distinct: Int32
                    if let known = textIDs[text] {
                        distinct = known
                    } else {
                        distinct = Int32(made.texts.count)
                        textIDs[text] = distinct
                        made.texts.append(RegisterLinks.phraseTokens(text).map { token in
                            if let id = tokenIDs[token] { return id }
                            let id = Int32(made.tokens.count)
                            tokenIDs[token] = id
                            made.tokens.append(token)
                            made.words.append(PersonName.words(token))
                            return id
                        })
                        made.ownIDs.append([])
                        made.borrowedIDs.append([])
                    }
                    if ownTexts[textID].text == text {
                        made.ownIDs[Int(distinct)].append(Int32(textID))
                    } else {
                        made.borrowedIDs[Int(distinct)].append(Int32(textID))
                    }
                }
                return made
            }
        }

        /// The distinct runs of `length` tokens in `texts`, made when a name first needs them.
        func runs(ofLength length: Int, in texts: Texts) -> Runs {
            runs[length].value {
                var runIDs: [ArraySlice<Int32>: Int32] = [:]
                var folded: [NameSuggestions.Folded] = []
                var occurrences: [[(text: Int32, start: Int32)]] = []
                var words: [String] = []
                for (textID, text) in texts.texts.enumerated() where text.count >= length {
                    for start in 0...(text.count - length) {
                        let run = text[start..<(start + length)]
                        let runID: Int32
                        if let known = runIDs[run] {
                            runID = known
                        } else {
                            runID = Int32(folded.count)
                            runIDs[run] = runID
                            words.removeAll(keepingCapacity: true)
                            for token in run { words.append(contentsOf: texts.words[Int(token)]) }
                            folded.append(NameSuggestions.Folded(words: words))
                            occurrences.append([])
                        }
                        occurrences[Int(runID)].append((Int32(textID), Int32(start)))
                    }
                }
                return Runs(index: NameSuggestions.CandidateIndex(folded), occurrences: occurrences)
            }
        }
    }

    /// ``nearTexts(_:in:limit:)``'s search through the ``RunIndex``: the same suggestions as reading
    /// every text sharing a word with the name; nil for a name of too many words for the index.
    func searchNearTextsByRun(_ target: NameSuggestions.Folded, in register: Register, limit: Int) -> [ConflictsReport.Suggestion]? {
        let size = target.words.count
        guard size + 1 <= RunIndex.longestRun else { return nil }
        let (textsByWord, textOwners) = wordIndex.built(from: register)
        let texts = runIndex.texts(of: register, owners: textOwners)
        // Each distinct text's closest run: the best score, then the shortest and earliest run,
        // as reading the text's runs in that order and keeping only a closer one finds.
        var best: [Int32: (score: Int, length: Int, start: Int)] = [:]
        for length in max(1, size - 1)...(size + 1) {
            let runs = runIndex.runs(ofLength: length, in: texts)
            for (runID, score) in runs.index.scored(target) {
                for (text, start) in runs.occurrences[runID] {
                    if let known = best[text], known.score > score || (known.score == score && (known.length, known.start) < (length, Int(start))) {
                        continue
                    }
                    best[text] = (score, length, Int(start))
                }
            }
        }
        guard !best.isEmpty else { return [] }
        // A text is searched only when it shares a word with the name (``WordIndex``): the first
        // such text id of each distinct text is the one its suggestion would be listed under.
        let sharing = target.core.compactMap { textsByWord[$0] }
        func sharesAWord(_ textID: Int32) -> Bool {
            sharing.contains { $0.sortedContains(textID) }
        }
        var found: [(score: Int, text: Int32, phrase: String, line: Int)] = []
        for (text, run) in best {
            var first: Int32?
            if let own = texts.ownIDs[Int(text)].first, sharesAWord(own) { first = own }
            for textID in texts.borrowedIDs[Int(text)] {
                if let found = first, textID > found { break }
                if sharesAWord(textID) {
                    first = textID
                    break
                }
            }
            guard let first else { continue }
            let phrase = texts.texts[Int(text)][run.start..<(run.start + run.length)].map { texts.tokens[Int($0)] }.joined(separator: " ")
            found.append((run.score, first, phrase, Self.suggestionSource(textOwners[Int(first)], in: register).line))
        }
        return Self.bestPhrases(found, limit: limit)
    }
}
