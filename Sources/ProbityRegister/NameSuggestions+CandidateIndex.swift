import ProbitySupport

extension NameSuggestions {
    /// A list of candidates indexed so that a name is scored only against those that can score
    /// above 0: ``ranked(_:)`` answers exactly as ``NameSuggestions/ranked(_:among:)`` does over the
    /// whole list, the same indices in the same order.
    ///
    /// Ranking a name new to a batch against every candidate (6,000 organisation names, 5,000
    /// people) cost 300–1,000 ordinary lines (docs/performance.md, item 24). Each way of scoring has
    /// a bound that names the few candidates it can reach, so the index keeps one table per way:
    ///
    /// - the same letters: candidates by their core words run together;
    /// - initials: candidates by the first letter of their first word and their number of words;
    /// - a few slips: within `limit` slips, one of any `limit + 1` pieces of the name that do not
    ///   overlap survives unchanged in the candidate, which must also be within `limit` letters of
    ///   its length. Candidates are listed by each letter pair and triple they hold, by length; the
    ///   pieces reaching fewest are read, and each candidate reached is held to the pair count
    ///   (at least `(L - 1) - 2 * limit` of the name's `L - 1` pairs survive, each slip spoiling
    ///   two at most) and its letter counts;
    /// - words shared: a candidate sharing enough of the name's core words (one slip allowed in a
    ///   word of five letters or more) holds one of its rarest; candidates are listed by their core
    ///   words, and a word one slip away is found by the words that are the same with one letter
    ///   deleted.
    ///
    /// The bounds are on bytes, so they are kept for candidates whose words are plain ASCII
    /// letters and digits (folding leaves nearly all so); any other candidate is always scored,
    /// and a name that is not plain is scored against every candidate.
    public struct CandidateIndex: Sendable {
        /// The candidates, as given.
        public let candidates: [Folded]
        /// Candidates with a word that is not plain ASCII letters and digits: always scored.
        private let unindexed: [Int32]
        /// Core words run together → candidates, in order.
        private let byJoined: [String: [Int32]]
        /// `words << 8 | first byte` of the core words and of all words → candidates, in order.
        private let byInitials: [Int: [Int32]]
        /// Plain candidates by the length of their core words run together.
        private let byLength: [[Int32]]
        /// Letter pairs and letter triples → the candidates holding each, by length. Triples only
        /// for a list of ``fewestForTriples`` plain candidates or more: their table has 46,656
        /// entries to make, more than a short list's pairs cost to read.
        private let pairs: GramTable
        private let triples: GramTable?
        public static let fewestForTriples = 1_024
        /// The plain candidates' core words run together, one after another, each byte as its
        /// ``code(_:)``: candidate `c`'s are `letters[letterStarts[c]..<letterStarts[c + 1]]` (none
        /// for a candidate not plain). Read for each candidate a name's pieces reach, without a
        /// `String` to walk.
        private let letters: [UInt8]
        private let letterStarts: [Int32]
        /// Each distinct core word of a plain candidate → its id; `words[id]` the word.
        private let vocabulary: [String: Int32]
        private let words: [String]
        /// Word id → the candidates with it among their core words, each once, in order.
        private let byWord: [[Int32]]
        /// Candidate → the ids of its core words (a plain candidate's; none for another):
        /// `candidateWords[candidateWordStarts[c]..<candidateWordStarts[c + 1]]`.
        private let candidateWordStarts: [Int32]
        private let candidateWords: [Int32]
        /// A word of five letters or more with one letter deleted → the ids of the words it came
        /// from: a word one slip from another shares such a deletion with it, or is one.
        private let byDeletion: [String: [Int32]]

        /// Indexes `candidates`; their order is the order ties keep. A table of letter triples is
        /// made when `triplesFrom` candidates or more are plain (tests make it for short lists too).
        public init(_ candidates: [Folded], triplesFrom: Int = CandidateIndex.fewestForTriples) {
            self.candidates = candidates
            var unindexed: [Int32] = []
            var byJoined: [String: [Int32]] = [:]
            var byInitials: [Int: [Int32]] = [:]
            var byLength: [[Int32]] = []
            var vocabulary: [String: Int32] = [:]
            var words: [String] = []
            var byWord: [[Int32]] = []
            var plain: [Int32] = []
            var candidateWordStarts: [Int32] = [0]
            var candidateWords: [Int32] = []
            var letters: [UInt8] = []
            var letterStarts: [Int32] = [0]
            candidateWordStarts.reserveCapacity(candidates.count + 1)
            letterStarts.reserveCapacity(candidates.count + 1)
            for (index, candidate) in candidates.enumerated() {
                let id = Int32(index)
                defer {
                    candidateWordStarts.append(Int32(candidateWords.count))
                    letterStarts.append(Int32(letters.count))
                }
                guard !candidate.core.isEmpty else { continue }  // scores 0 against every name
                guard candidate.joinedIsASCII, candidate.words.allSatisfy(Self.isPlain) else {
                    unindexed.append(id)
                    continue
                }
                plain.append(id)
                for byte in candidate.joined.utf8 { letters.append(UInt8(Self.code(byte))) }
                byJoined[candidate.joined, default: []].append(id)
                let coreKey = Self.initialsKey(candidate.core), wordsKey = Self.initialsKey(candidate.words)
                if let coreKey { byInitials[coreKey, default: []].append(id) }
                if let wordsKey, wordsKey != coreKey { byInitials[wordsKey, default: []].append(id) }
                let length = candidate.joinedLength
                if byLength.count <= length { byLength.append(contentsOf: repeatElement([], count: length + 1 - byLength.count)) }
                byLength[length].append(id)
                for word in candidate.core {
                    let wordID: Int32
                    if let known = vocabulary[word] {
                        wordID = known
                    } else {
                        wordID = Int32(words.count)
                        vocabulary[word] = wordID
                        words.append(word)
                        byWord.append([])
                    }
                    if byWord[Int(wordID)].last != id { byWord[Int(wordID)].append(id) }
                    candidateWords.append(wordID)
                }
            }
            var byDeletion: [String: [Int32]] = [:]
            for (wordID, word) in words.enumerated() where word.utf8.count >= 5 {
                Self.forEachDeletion(of: word) { byDeletion[$0, default: []].append(Int32(wordID)) }
            }
            // Shortest candidates first within each pair and triple.
            plain.sort { (candidates[Int($0)].joinedLength, $0) < (candidates[Int($1)].joinedLength, $1) }
            pairs = GramTable(size: 2, plain: plain, letters: letters, letterStarts: letterStarts)
            triples = plain.count >= triplesFrom
                ? GramTable(size: 3, plain: plain, letters: letters, letterStarts: letterStarts) : nil
            self.letters = letters
            self.letterStarts = letterStarts
            self.unindexed = unindexed
            self.byJoined = byJoined
            self.byInitials = byInitials
            self.byLength = byLength
            self.vocabulary = vocabulary
            self.words = words
            self.byWord = byWord
            self.candidateWordStarts = candidateWordStarts
            self.candidateWords = candidateWords
            self.byDeletion = byDeletion
        }

        /// The indices of every candidate close to `target`, best first (ties in candidate order):
        /// `NameSuggestions.ranked(target, among: candidates)`, scoring only the candidates the
        /// index names.
        public func ranked(_ target: Folded) -> [Int] {
            scored(target).map(\.index)
        }

        /// ``ranked(_:)`` with each candidate's score (above 0).
        public func scored(_ target: Folded) -> [(index: Int, score: Int)] {
            guard !target.words.isEmpty else { return [] }
            var scored: [(index: Int, score: Int)] = []
            if target.joinedIsASCII, target.words.allSatisfy(Self.isPlain) {
                var chosen = unindexed
                chosen.append(contentsOf: byJoined[target.joined] ?? [])
                let length = target.joinedLength
                if target.core.count == 1, length >= 2, length <= 6, let first = target.joined.utf8.first {
                    chosen.append(contentsOf: byInitials[length << 8 | Int(first)] ?? [])
                }
                // The bounds prove every plain candidate they leave out of `withinSlips` more than a
                // few slips away: those are scored without counting an edit distance.
                var withinSlips: [Int32] = []
                appendWithinSlips(target, to: &withinSlips)
                withinSlips.sort()
                chosen.append(contentsOf: withinSlips)
                appendSharingWords(target, to: &chosen)
                chosen.sort()
                var previous: Int32 = -1
                for id in chosen where id != previous {
                    previous = id
                    let candidate = candidates[Int(id)]
                    let score = withinSlips.sortedContains(id) || unindexed.sortedContains(id)
                        ? NameSuggestions.score(target, candidate) : NameSuggestions.score(target, beyondSlips: candidate)
                    if score > 0 { scored.append((Int(id), score)) }
                }
            } else {
                // Not plain: the bounds on bytes do not hold, so every candidate is scored.
                for (index, candidate) in candidates.enumerated() {
                    let score = NameSuggestions.score(target, candidate)
                    if score > 0 { scored.append((index, score)) }
                }
            }
            return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        }

        /// The candidates that may be within the slips `score` allows of `target` (its core words
        /// run together): within that many letters of its length, and holding enough of its pairs.
        ///
        /// Within `limit` slips, any `limit + 1` pieces of the name that do not overlap are not all
        /// touched (a slip changes, drops or adds a letter in one piece at most), so a candidate
        /// holds one of them unchanged. The pieces are letter pairs and triples, chosen so that
        /// the candidates of a length in reach holding them are fewest; those are then counted as
        /// before (at least `(L - 1) - 2 * limit` of the name's pairs survive, each slip spoiling
        /// two at most) and by their letters. Counting every pair read thousands of candidates
        /// for each common pair ("ar", "he"); a name unlike the register has pieces no candidate
        /// holds, and a slip of a register name has rare triples.
        private func appendWithinSlips(_ target: Folded, to chosen: inout [Int32]) {
            let length = target.joinedLength
            let limit = max(1, length / 4)
            let shortest = max(0, length - limit), longest = length + limit
            let needed = (length - 1) - 2 * limit
            var letterCounts = LetterCounts(target.joined)
            guard needed > 0 else {
                // Too short for any pair to be sure to survive: every candidate of a length in reach.
                for candidateLength in shortest...longest where candidateLength < byLength.count {
                    for id in byLength[candidateLength] where letterCounts.slipsAtLeast(codes: letters[Int(letterStarts[Int(id)])..<Int(letterStarts[Int(id) + 1])]) <= limit {
                        chosen.append(id)
                    }
                }
                return
            }
            let bytes = target.joined.utf8.map { UInt8(Self.code($0)) }
            let chosenPieces = pieces(bytes, count: limit + 1, shortest, longest)
            guard chosenPieces.contains(where: { !$0.window.isEmpty }) else { return }
            // The candidates reached, each once and in order: a bit each, read in order.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (candidates.count + 63) / 64) { reached in
                reached.initialize(repeating: 0)
                for piece in chosenPieces {
                    for id in piece.table[piece.window] { reached[Int(id) >> 6] |= 1 << UInt64(id & 63) }
                }
                // Each candidate reached, counted as the count over every pair counted it: the times
                // of each of the name's pairs it holds, each pair once (`seen` marks the pairs
                // counted for the candidate at hand).
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * Self.alphabet * Self.alphabet) { tables in
                    tables.initialize(repeating: 0)
                    let pairCount = Self.alphabet * Self.alphabet
                    for at in 0..<(bytes.count - 1) { tables[pairs.gram(bytes, at: at)] += 1 }
                    letters.withUnsafeBufferPointer { all in
                        for (word, bits) in reached.enumerated() where bits != 0 {
                            var bits = bits
                            while bits != 0 {
                                let id = word << 6 | bits.trailingZeroBitCount
                                bits &= bits - 1
                                let own = UnsafeBufferPointer(rebasing: all[Int(letterStarts[id])..<Int(letterStarts[id + 1])])
                                let mark = Int32(id + 1)
                                var held = 0
                                for at in 1..<max(1, own.count) {
                                    let pair = Int(own[at - 1]) * Self.alphabet + Int(own[at])
                                    let times = tables[pair]
                                    if times > 0, tables[pairCount + pair] != mark {
                                        tables[pairCount + pair] = mark
                                        held += Int(times)
                                    }
                                }
                                if held >= needed, letterCounts.slipsAtLeast(codes: own) <= limit { chosen.append(Int32(id)) }
                            }
                        }
                    }
                }
            }
        }

        /// The longest name whose pieces are chosen for fewest candidates; a longer one (no real
        /// organisation's) takes pairs from its start, as sure and less selective.
        private static let longestChoosingPieces = 256

        /// `count` pieces of `bytes` (letter codes) that do not overlap, pairs or triples, with the window
        /// of candidates of `shortest...longest` letters holding each: the fewest candidates in all
        /// (`bytes` holds at least `2 * count` letters).
        private func pieces(_ bytes: [UInt8], count: Int, _ shortest: Int, _ longest: Int)
            -> [(table: GramTable, window: Range<Int>)] {
            guard bytes.count <= Self.longestChoosingPieces else {
                return (0..<count).map { piece in (pairs, pairs.window(pairs.gram(bytes, at: 2 * piece), shortest, longest)) }
            }
            let letters = bytes.count
            let pairWindows = (0..<(letters - 1)).map { pairs.window(pairs.gram(bytes, at: $0), shortest, longest) }
            let tripleWindows = triples.map { triples in
                (0..<max(0, letters - 2)).map { triples.window(triples.gram(bytes, at: $0), shortest, longest) }
            } ?? []
            // fewest[p * (count + 1) + j]: the fewest candidates of `j` pieces within the first `p`
            // letters; how[…]: 0 when letter `p - 1` is in no piece, else the size of the piece ending there.
            let width = count + 1, unreachable = Int.max / 2
            var fewest = [Int](repeating: unreachable, count: (letters + 1) * width)
            var how = [UInt8](repeating: 0, count: (letters + 1) * width)
            fewest[0] = 0
            for p in 1...letters {
                for j in 0...count {
                    var best = fewest[(p - 1) * width + j], way: UInt8 = 0
                    if j > 0, p >= 2 {
                        let viaPair = fewest[(p - 2) * width + j - 1] + pairWindows[p - 2].count
                        if viaPair < best { best = viaPair; way = 2 }
                    }
                    if j > 0, p >= 3, !tripleWindows.isEmpty {
                        let viaTriple = fewest[(p - 3) * width + j - 1] + tripleWindows[p - 3].count
                        if viaTriple < best { best = viaTriple; way = 3 }
                    }
                    fewest[p * width + j] = best
                    how[p * width + j] = way
                }
            }
            var chosen: [(table: GramTable, window: Range<Int>)] = []
            var p = letters, j = count
            while j > 0 {
                switch how[p * width + j] {
                case 2: chosen.append((pairs, pairWindows[p - 2])); p -= 2; j -= 1
                case 3:
                    // Only chosen when there are triples.
                    if let triples { chosen.append((triples, tripleWindows[p - 3])) }
                    p -= 3
                    j -= 1
                default: p -= 1
                }
            }
            return chosen
        }

        /// How many of each letter a plain name has, and a bound on the slips between it and
        /// another: each slip adds a letter, takes one away, or both, so at least as many slips as
        /// the letters one has more of than the other, either way, are needed.
        private struct LetterCounts {
            private var name = [Int32](repeating: 0, count: CandidateIndex.alphabet)
            private var scratch = [Int32](repeating: 0, count: CandidateIndex.alphabet)

            init(_ joined: String) {
                for byte in joined.utf8 { name[CandidateIndex.code(byte)] += 1 }
            }

            /// The fewest slips between the name and another plain name, told as its letters'
            /// codes (``code(_:)``), by counting letters.
            mutating func slipsAtLeast(codes other: some Sequence<UInt8>) -> Int {
                for letter in 0..<CandidateIndex.alphabet { scratch[letter] = name[letter] }
                for code in other { scratch[Int(code)] -= 1 }
                var more = 0, fewer = 0
                for count in scratch {
                    if count > 0 { more += Int(count) } else { fewer -= Int(count) }
                }
                return max(more, fewer)
            }
        }

        /// The candidates sharing enough of `target`'s core words for `score`'s words-shared way.
        ///
        /// Sharing needs at least `needed` (two thirds) of the name's `n` core words, so a candidate
        /// that shares enough shares one of any `n - needed + 1` of them: only the candidates of the
        /// rarest are counted, by their own words, rather than every candidate of every word ("care"
        /// names thousands of the register's runs).
        private func appendSharingWords(_ target: Folded, to chosen: inout [Int32]) {
            let core = target.core
            let matching = core.map(matchingWords)
            let needed = max(1, (2 * core.count + 2) / 3)
            let reach = matching.map { words in words.reduce(0) { $0 + byWord[Int($1)].count } }
            let rarest = core.indices.sorted { (reach[$0], $0) < (reach[$1], $1) }.prefix(core.count - needed + 1)
            var reached: [Int32] = []
            for position in rarest {
                for wordID in matching[position] { reached.append(contentsOf: byWord[Int(wordID)]) }
            }
            reached.sort()
            var previous: Int32 = -1
            for id in reached where id != previous {
                previous = id
                let own = candidateWords[Int(candidateWordStarts[Int(id)])..<Int(candidateWordStarts[Int(id) + 1])]
                var count = 0
                for words in matching where words.contains(where: own.contains) { count += 1 }
                let larger = max(core.count, candidates[Int(id)].core.count)
                if count * 3 >= larger * 2, larger >= 2 || count == larger { chosen.append(id) }
            }
        }

        /// The ids of the indexed words that `word` matches as `score` matches words: the same, or
        /// (five letters or more) one slip apart.
        private func matchingWords(_ word: String) -> [Int32] {
            var found: [Int32] = []
            if let id = vocabulary[word] { found.append(id) }
            if word.utf8.count >= 5 {
                found.append(contentsOf: byDeletion[word] ?? [])
                Self.forEachDeletion(of: word) { deleted in
                    if let id = vocabulary[deleted] { found.append(id) }
                    found.append(contentsOf: byDeletion[deleted] ?? [])
                }
                found.sort()
                var previous: Int32 = -1
                found = found.filter { id in
                    defer { previous = id }
                    return id != previous && NameSuggestions.wordsMatch(word, words[Int(id)])
                }
            }
            return found
        }

        /// Letters a–z and digits 0–9: the bytes a plain folded word is made of.
        static let alphabet = 36

        /// `byte`'s place in the alphabet: letters first, then digits.
        static func code(_ byte: UInt8) -> Int {
            byte >= 97 ? Int(byte) - 97 : Int(byte) - 48 + 26
        }

        /// Whether `word` is all lowercase ASCII letters and digits, and not empty.
        private static func isPlain(_ word: String) -> Bool {
            !word.utf8.isEmpty && word.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        }

        /// The key a name of `words.count` letters finds these words by as their initials, or nil
        /// when no such name is looked up (initials are two to six letters).
        private static func initialsKey(_ words: [String]) -> Int? {
            guard words.count >= 2, words.count <= 6, let first = words[0].utf8.first else { return nil }
            return words.count << 8 | Int(first)
        }

        /// Calls `body` with `word` (plain ASCII) with each one of its letters deleted in turn.
        private static func forEachDeletion(of word: String, _ body: (String) -> Void) {
            let bytes = Array(word.utf8)
            for at in bytes.indices {
                body(String(decoding: bytes[..<at] + bytes[(at + 1)...], as: UTF8.self))
            }
        }
    }
}
