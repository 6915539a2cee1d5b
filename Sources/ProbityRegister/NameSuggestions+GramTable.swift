import ProbitySupport

extension NameSuggestions.CandidateIndex {
    /// Runs of `size` adjacent letters (pairs, triples) → the plain candidates holding each, each
    /// candidate once, shortest first (then in candidate order), with their lengths beside them:
    /// the candidates of a length window holding a run are one slice, found by binary search.
    struct GramTable: Sendable {
        /// Letters in a run: 2 or 3.
        let size: Int
        /// Run `g`'s candidates are `candidates[starts[g]..<starts[g + 1]]`.
        private let starts: [Int32]
        private let candidates: [Int32]
        private let lengths: [Int32]

        /// Indexes `plain` (candidate ids, sorted shortest first then by id), whose letters are
        /// `letters[letterStarts[c]..<letterStarts[c + 1]]`, as codes (``code(_:)``).
        init(size: Int, plain: [Int32], letters: [UInt8], letterStarts: [Int32]) {
            self.size = size
            let count = Self.count(size: size)
            var starts = [Int32](repeating: 0, count: count + 1)
            var lastSeen = [Int32](repeating: -1, count: count)
            Self.forEachGram(size: size, of: plain, letters, letterStarts, lastSeen: &lastSeen) { gram, _ in starts[gram + 1] += 1 }
            for gram in 0..<count { starts[gram + 1] += starts[gram] }
            var next = Array(starts.dropLast())
            var candidates = [Int32](repeating: 0, count: Int(starts[count]))
            var lengths = candidates
            lastSeen = [Int32](repeating: -1, count: count)
            Self.forEachGram(size: size, of: plain, letters, letterStarts, lastSeen: &lastSeen) { gram, id in
                let at = Int(next[gram])
                candidates[at] = id
                lengths[at] = letterStarts[Int(id) + 1] - letterStarts[Int(id)]
                next[gram] += 1
            }
            self.starts = starts
            self.candidates = candidates
            self.lengths = lengths
        }

        /// The run of `size` letters starting at `at` in `codes` (``code(_:)``), as a table key.
        func gram(_ codes: [UInt8], at: Int) -> Int {
            var gram = 0
            for offset in 0..<size { gram = gram * NameSuggestions.CandidateIndex.alphabet + Int(codes[at + offset]) }
            return gram
        }

        /// Where `gram`'s candidates of `shortest...longest` letters lie.
        func window(_ gram: Int, _ shortest: Int, _ longest: Int) -> Range<Int> {
            let start = Int(starts[gram]), end = Int(starts[gram + 1])
            let from = lengths.firstIndex(notBelow: Int32(shortest), in: start..<end)
            return from..<lengths.firstIndex(notBelow: Int32(longest + 1), in: from..<end)
        }

        /// The candidates in `window` (from ``window(_:_:_:)``).
        subscript(window: Range<Int>) -> ArraySlice<Int32> {
            candidates[window]
        }

        private static func count(size: Int) -> Int {
            (0..<size).reduce(1) { total, _ in total * NameSuggestions.CandidateIndex.alphabet }
        }

        /// Calls `body` with each distinct run of `size` letters of each candidate in `ids`, and the candidate.
        private static func forEachGram(size: Int, of ids: [Int32], _ letters: [UInt8], _ letterStarts: [Int32],
                                        lastSeen: inout [Int32], _ body: (Int, Int32) -> Void) {
            let modulus = count(size: size - 1)
            for id in ids {
                var gram = 0, read = 0
                for at in Int(letterStarts[Int(id)])..<Int(letterStarts[Int(id) + 1]) {
                    gram = (gram % modulus) * NameSuggestions.CandidateIndex.alphabet + Int(letters[at])
                    read += 1
                    if read >= size, lastSeen[gram] != id {
                        lastSeen[gram] = id
                        body(gram, id)
                    }
                }
            }
        }
    }
}
