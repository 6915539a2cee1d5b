import ProbitySupport

/// Finds which of many known names occur in a piece of free text.
///
/// Registers often name the related organisation only inside prose: "The
/// practice holds a contract from Bromley Health Care", "member and
/// shareholder of BGPA". The scanner looks for every organisation name and
/// alias at once, so linking a register to the organisations the rules
/// know about costs one pass over each text, however many names there are.
///
/// It is an Aho–Corasick automaton (Aho and Corasick, "Efficient string
/// matching", CACM 1975) compiled to a full transition table over a
/// compressed byte alphabet. Text and patterns are first folded the same
/// way:
/// - ASCII letters to lowercase, and accented Latin letters to plain ones;
/// - every run of spaces, tabs, line breaks and non-breaking spaces to one
///   space; typographic apostrophes and dashes to ASCII ones.
///
/// A match counts only on word boundaries: where a pattern begins (or
/// ends) with a letter or digit, the text must not have a letter or digit
/// just before (or after) it. "BHC" is found in "member of BHC." but not in
/// "BHCX"; both "Bromley Healthcare" and "Bromley Healthcare CIC" are found
/// in "Bromley Healthcare CIC".
public struct KeywordScanner: Sendable {
    /// The alphabet class of each byte; class 0 is every byte no pattern uses.
    private let byteClass: [UInt8]
    private let classCount: Int
    /// A state's row: `transitions[row + class]` is the next state's row (its number times
    /// `classCount`), or that row's complement (`~row`, negative) when a pattern ends in it, its
    /// own or one along its failure links. Rows, not state numbers, so that the scan's step
    /// from byte to byte is a load and an add, with no multiply in that chain of dependent
    /// loads, and the flag, so that a byte ending no pattern (nearly every byte) reads nothing
    /// else: the next-state load was 58% of the scan's samples (docs/performance.md, item 38).
    private let transitions: [Int32]
    /// The patterns that end exactly at each state: `ownOutputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let ownOutputs: [Int32]
    /// The nearest state along the failure links with outputs of its own,
    /// or -1: the other patterns that end here, as suffixes.
    private let outputLink: [Int32]
    /// Per pattern: folded length, caller's id, and which ends need a boundary.
    private let lengths: [Int32]
    private let ids: [Int32]
    private let startsWithWord: [Bool]
    private let endsWithWord: [Bool]
    /// Per pattern: whether a hyphenated continuation makes it another name (a place's).
    private let closedAtHyphen: [Bool]

    /// Compiles the patterns. Several patterns may share an id (the aliases
    /// of one organisation); patterns that fold to nothing are ignored.
    ///
    /// The patterns at the positions in `placeNames` name a place ("Councillor
    /// in Bromley"): a match followed by a hyphen and a letter or digit does
    /// not count, because the text names a longer place ("Councillor in
    /// Bromley-by-Bow", in Tower Hamlets).
    public init(patterns: [(text: String, id: Int32)], placeNames: Set<Int> = []) {
        var folded: [[UInt8]] = []
        var ids: [Int32] = []
        var closedAtHyphen: [Bool] = []
        for (position, pattern) in patterns.enumerated() {
            var bytes = KeywordScanner.fold(pattern.text)
            if bytes.last == KeywordScanner.space { bytes.removeLast() }
            if bytes.first == KeywordScanner.space { bytes.removeFirst() }
            if bytes.isEmpty { continue }
            folded.append(bytes)
            ids.append(pattern.id)
            closedAtHyphen.append(placeNames.contains(position))
        }
        self.closedAtHyphen = closedAtHyphen

        // The alphabet: only bytes that occur in some pattern need a column.
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for bytes in folded {
            for byte in bytes where byteClass[Int(byte)] == 0 {
                // At most 255 distinct bytes can appear, so classes fit in a byte.
                byteClass[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }

        // The trie, with -1 for "no edge yet". Each state's own patterns are kept as a count per
        // state and the state each pattern ends at, not as an array per state: building the
        // patterns of the benchmark workload's 2,000 organisations allocated one array per state twice over.
        var transitions = [Int32](repeating: -1, count: classCount)
        transitions.reserveCapacity(classCount * (folded.reduce(0) { $0 + $1.count } + 1))
        var stateCount = 1
        var endState = [Int32](repeating: 0, count: folded.count)
        for (pattern, bytes) in folded.enumerated() {
            var state = 0
            for byte in bytes {
                let slot = state * classCount + Int(byteClass[Int(byte)])
                if transitions[slot] < 0 {
                    transitions[slot] = Int32(stateCount)
                    stateCount += 1
                    transitions.append(contentsOf: repeatElement(-1, count: classCount))
                }
                state = Int(transitions[slot])
            }
            endState[pattern] = Int32(state)
        }
        // Each state's own patterns, in pattern order: `ownOutputs[outputStart[s]..<outputStart[s + 1]]`.
        var outputStart = [Int32](repeating: 0, count: stateCount + 1)
        for state in endState { outputStart[Int(state) + 1] += 1 }
        for state in 0..<stateCount { outputStart[state + 1] += outputStart[state] }
        var ownOutputs = [Int32](repeating: 0, count: folded.count)
        var filled = outputStart
        for (pattern, state) in endState.enumerated() {
            ownOutputs[Int(filled[Int(state)])] = Int32(pattern)
            filled[Int(state)] += 1
        }

        // Failure links, breadth first, filling every missing edge with the edge its failure
        // state takes: the trie becomes a complete automaton. Over the tables in place: this
        // loop visits every state's every column, and checking each index and each array's
        // uniqueness cost more than the work.
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var queue = [Int32](repeating: 0, count: stateCount)
        transitions.withUnsafeMutableBufferPointer { transitions in
        failure.withUnsafeMutableBufferPointer { failure in
        outputLink.withUnsafeMutableBufferPointer { outputLink in
        queue.withUnsafeMutableBufferPointer { queue in
        outputStart.withUnsafeBufferPointer { outputStart in
            var tail = 0
            for symbol in 0..<classCount {
                if transitions[symbol] < 0 { transitions[symbol] = 0 } else { queue[tail] = transitions[symbol]; tail &+= 1 }
            }
            var head = 0
            while head < tail {
                let state = Int(queue[head])
                head &+= 1
                let fail = Int(failure[state])
                let failHasOwn = outputStart[fail] != outputStart[fail &+ 1]
                outputLink[state] = failHasOwn ? Int32(fail) : outputLink[fail]
                let row = state &* classCount
                let failRow = fail &* classCount
                for symbol in 0..<classCount {
                    let next = transitions[row &+ symbol]
                    let viaFailure = transitions[failRow &+ symbol]
                    if next < 0 {
                        transitions[row &+ symbol] = viaFailure
                    } else {
                        failure[Int(next)] = viaFailure
                        queue[tail] = next
                        tail &+= 1
                    }
                }
            }
        }
        }
        }
        }
        }

        // State numbers to rows, flagged where a pattern ends. The states are numbered in
        // `Int32`s already; their rows must fit too (a table with more entries than that would
        // take 8 GB).
        precondition(Int32(exactly: (stateCount - 1) * classCount) != nil,
                     "the scanner's table has \(stateCount) states of \(classCount) classes, more than its rows can number")
        let rowOf = (0..<stateCount).map { state -> Int32 in
            let row = Int32(truncatingIfNeeded: state &* classCount)   // fits: checked above
            return outputStart[state] != outputStart[state + 1] || outputLink[state] >= 0 ? ~row : row
        }
        transitions.withUnsafeMutableBufferPointer { transitions in
        rowOf.withUnsafeBufferPointer { rowOf in
            for slot in 0..<transitions.count { transitions[slot] = rowOf[Int(transitions[slot])] }
        }
        }

        self.byteClass = byteClass
        self.classCount = classCount
        self.transitions = transitions
        self.outputStart = outputStart
        self.ownOutputs = ownOutputs
        self.outputLink = outputLink
        self.lengths = folded.map { Int32($0.count) }
        self.ids = ids
        self.startsWithWord = folded.map { KeywordScanner.isWordByte($0[0]) }
        self.endsWithWord = folded.map { KeywordScanner.isWordByte($0[$0.count - 1]) }
    }

    /// The ids of the patterns found in `text`, ascending, each once.
    ///
    /// Every register text passes through here when a register is loaded, so the usual case
    /// (ASCII text) is folded into a buffer on the stack and scanned without bounds checks;
    /// the ids found are kept in a short array (a text names few organisations).
    public func matches(in text: String) -> [Int32] {
        var contiguous = text
        return contiguous.withUTF8 { utf8 -> [Int32] in
            let ascii = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer -> [Int32]? in
                // Folded and checked for ASCII in one pass over the text.
                guard let count = KeywordScanner.foldASCII(utf8, into: buffer) else { return nil }
                return scan(UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
            return ascii ?? KeywordScanner.fold(text).withUnsafeBufferPointer { scan($0) }
        }
    }

    /// The automaton run over folded bytes.
    private func scan(_ text: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var found: [Int32] = []
        transitions.withUnsafeBufferPointer { transitions in
        byteClass.withUnsafeBufferPointer { byteClass in
            var row = 0
            for position in 0..<text.count {
                let next = Int(transitions[row &+ Int(byteClass[Int(text[position])])])
                guard next < 0 else {
                    row = next
                    continue
                }
                row = ~next
                report(state: row / classCount, end: position + 1, in: text, into: &found)
            }
        }
        }
        return found.count > 1 ? found.sorted() : found
    }

    /// Adds to `found` the ids of the patterns that end at `state`, its own and those along its
    /// failure links, where they end at `end` on word boundaries.
    private func report(state: Int, end: Int, in text: UnsafeBufferPointer<UInt8>, into found: inout [Int32]) {
        var reporting = outputStart[state] == outputStart[state + 1] ? Int(outputLink[state]) : state
        while reporting >= 0 {
            for slot in Int(outputStart[reporting])..<Int(outputStart[reporting + 1]) {
                let pattern = Int(ownOutputs[slot])
                if onWordBoundaries(pattern, end: end, in: text), !found.contains(ids[pattern]) {
                    found.append(ids[pattern])
                }
            }
            reporting = Int(outputLink[reporting])
        }
    }

    private func onWordBoundaries(_ pattern: Int, end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = end - Int(lengths[pattern])
        if startsWithWord[pattern] && start > 0 && KeywordScanner.isWordByte(text[start - 1]) { return false }
        if endsWithWord[pattern] && end < text.count && KeywordScanner.isWordByte(text[end]) { return false }
        if closedAtHyphen[pattern] && end + 1 < text.count && text[end] == UInt8(ascii: "-") && KeywordScanner.isWordByte(text[end + 1]) {
            return false
        }
        return true
    }

    // MARK: - Folding

    private static let space = UInt8(ascii: " ")

    /// A letter or digit: ASCII ones, and any byte of a non-ASCII letter
    /// that folding kept.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte.isASCIIAlphanumeric
    }

    /// ASCII `text` folded into `out` (which has room for all of it), as ``fold(_:)`` folds
    /// it: letters lowercased, each run of white space one space. Returns the folded length, or
    /// nil (with `out` partly written) when `text` is not all ASCII, for ``fold(_:)`` to fold.
    static func foldASCII(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        // Every register text is folded here before it is scanned, and the fold cost more than
        // the scan: each byte is now looked up in a table (white space to a space, capitals to
        // lowercase) and written, the count moving on except for a space after a space, and
        // the ASCII check is one OR over all the bytes, tested at the end.
        guard let source = text.baseAddress, let target = out.baseAddress else { return 0 }
        return asciiFold.withUnsafeBufferPointer { table -> Int? in
            var count = 0
            var seen: UInt8 = 0
            var afterSpace = false
            for index in 0..<text.count {
                let byte = source[index]
                seen |= byte
                let folded = table[Int(byte)]
                let isSpace = folded == space
                target[count] = folded
                count &+= isSpace && afterSpace ? 0 : 1
                afterSpace = isSpace
            }
            return seen < 0x80 ? count : nil
        }
    }

    /// Each byte as ``foldASCII(_:into:)`` writes it: ASCII white space (tab to carriage return,
    /// and space) as a space, capitals in lowercase, anything else as it is.
    private static let asciiFold: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        return byte == space || (byte >= 0x09 && byte <= 0x0D) ? space : TextFolding.lowercased(byte)
    }

    /// `text` in the form both patterns and texts are compared in.
    static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        func appendSpace() {
            if out.last != space { out.append(space) }
        }
        if text.isASCII {
            for byte in text.utf8 {
                if byte == space || (byte >= 0x09 && byte <= 0x0D) { appendSpace() } else { out.append(TextFolding.lowercased(byte)) }
            }
            return out
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if byte == space || (byte >= 0x09 && byte <= 0x0D) { appendSpace() } else { out.append(TextFolding.lowercased(byte)) }
            } else if let folded = TextFolding.foldLatin(value) {
                out.append(folded.first)
                if let second = folded.second { out.append(second) }
            } else if TextFolding.isCombiningMark(value) {
                continue
            } else if TextFolding.isSpace(value) {
                appendSpace()
            } else if TextFolding.isApostrophe(value) {
                out.append(UInt8(ascii: "'"))
            } else if TextFolding.isDash(value) {
                out.append(UInt8(ascii: "-"))
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(contentsOf: String(scalar).lowercased().utf8)
            } else {
                // Other symbols (bullets, ellipses) separate words and match nothing.
                appendSpace()
            }
        }
        return out
    }
}
