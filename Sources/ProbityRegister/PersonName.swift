import ProbitySupport

/// The comparable form of a person's name.
///
/// The same person is written differently across one set of papers:
/// "Dr Hasib Ur Rub" on the register and "Dr Hasib Ur-Rub" in the minutes,
/// "Councillor Colin Smith" and "Cllr Colin Smith". Normalising strips the
/// differences that never distinguish two people — case, accents,
/// punctuation, honorifics — and keeps everything else.
public enum PersonName {
    /// Titles dropped from the front of a name. Only at the front: a
    /// surname such as "Sir" or "Dame" elsewhere stays.
    static let honorifics: Set<String> = [
        "dr", "doctor", "cllr", "councillor", "councilor", "mr", "mrs", "ms", "miss", "mx",
        "prof", "professor", "sir", "dame", "lord", "lady", "rev", "revd", "reverend",
    ]

    /// Post-nominal letters dropped from the end of a name. Only those that
    /// are never surnames: "KC" and "JP", say, are real family names.
    static let postNominals: Set<String> = [
        "obe", "mbe", "cbe", "kbe", "dbe", "phd", "frcgp", "mrcgp", "frcp", "frcs", "frcpsych", "mrcp",
    ]

    /// The normal form of `name`: lowercase ASCII where the letters allow,
    /// accents removed (Tomás → tomas, Ó → o), punctuation, hyphens and
    /// apostrophes read as spaces, spaces collapsed, leading honorifics and
    /// trailing post-nominals removed.
    ///
    ///     normalise("Dr Hasib Ur-Rub") == "hasib ur rub"
    ///     normalise("Councillor Colin Smith") == normalise("Cllr Colin Smith")
    public static func normalise(_ name: String) -> String {
        // A register normalises every name it holds, most of them ASCII: those are folded on
        // the stack and made into one `String`, with no array between.
        let fast: String?? = name.utf8.withContiguousStorageIfAvailable { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { buffer -> String? in
                guard let count = foldASCIIWords(bytes, into: buffer) else { return nil }
                let folded = UnsafeBufferPointer(rebasing: buffer[..<count])
                return String(decoding: UnsafeBufferPointer(rebasing: folded[withoutTitles(folded)]), as: UTF8.self)
            }
        }
        if let fast = fast ?? nil { return fast }
        return normaliseByWords(name)
    }

    /// ``normalise(_:)`` for any name, through ``foldedWords(_:)``.
    static func normaliseByWords(_ name: String) -> String {
        foldedWords(name).withUnsafeBufferPointer { folded in
            String(decoding: UnsafeBufferPointer(rebasing: folded[withoutTitles(folded)]), as: UTF8.self)
        }
    }

    /// The part of a name's folded words left without its leading honorifics and trailing
    /// post-nominals. At least one word is kept, however odd the name: a person called "Miss"
    /// is still somebody.
    private static func withoutTitles(_ folded: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = folded.count
        while let space = folded[start..<end].firstIndex(of: space),
              isOneOf(folded[start..<space], honorificBytes) {
            start = space + 1
        }
        while let space = folded[start..<end].lastIndex(of: space),
              folded[start..<space].contains(self.space),       // three words or more
              isOneOf(folded[(space + 1)..<end], postNominalBytes) {
            end = space
        }
        return start..<end
    }

    /// The honorifics and post-nominals as bytes, so that a name's first and last words are
    /// compared with them where they lie, not made into strings and hashed (a register
    /// normalises every name it holds).
    private static let honorificBytes = honorifics.map { Array($0.utf8) }
    private static let postNominalBytes = postNominals.map { Array($0.utf8) }

    /// Whether `word` is spelled as one of `words`.
    private static func isOneOf(_ word: Slice<UnsafeBufferPointer<UInt8>>, _ words: [[UInt8]]) -> Bool {
        words.contains { $0.count == word.count && $0.elementsEqual(word) }
    }

    /// `name`'s folded words written into `buffer` (which has room for `name`'s bytes: the
    /// words are never longer), as ``foldedWords(_:)`` folds an ASCII name; their length, or
    /// nil (with `buffer` spoilt) for a name with a byte outside ASCII.
    private static func foldASCIIWords(_ name: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var count = 0
        var pendingSpace = false
        for byte in name {
            if byte >= 0x80 { return nil }
            if byte.isASCIIAlphanumeric {
                if pendingSpace {
                    if count > 0 {
                        buffer[count] = space
                        count += 1
                    }
                    pendingSpace = false
                }
                buffer[count] = TextFolding.lowercased(byte)
                count += 1
            } else {
                pendingSpace = true
            }
        }
        return count
    }

    /// The folded words of `name`, before titles are removed.
    package static func words(_ name: String) -> [String] {
        foldedWords(name).split(separator: space).map { String(decoding: $0, as: UTF8.self) }
    }

    private static let space = UInt8(ascii: " ")

    /// `name` folded to its words, separated by single spaces: letters and
    /// digits lowercased and stripped of accents, everything else a break
    /// between words. Most names are ASCII, and take the short road.
    package static func foldedWords(_ name: String) -> [UInt8] {
        if let folded = name.utf8.withContiguousStorageIfAvailable(foldedASCIIWords), let folded { return folded }
        // A name with a byte outside ASCII, or (never for a native string) whose bytes are not
        // contiguous.
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false

        var isASCII = true
        for byte in name.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte.isASCIIAlphanumeric {
                append(TextFolding.lowercased(byte), to: &out, pendingSpace: &pendingSpace)
            } else {
                pendingSpace = true
            }
        }
        if isASCII { return out }

        out.removeAll(keepingCapacity: true)
        pendingSpace = false
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if byte.isASCIIAlphanumeric {
                    append(TextFolding.lowercased(byte), to: &out, pendingSpace: &pendingSpace)
                } else {
                    pendingSpace = true
                }
            } else if let folded = TextFolding.foldLatin(value) {
                append(folded.first, to: &out, pendingSpace: &pendingSpace)
                if let second = folded.second { out.append(second) }
            } else if TextFolding.isCombiningMark(value) {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for byte in String(scalar).lowercased().utf8 { append(byte, to: &out, pendingSpace: &pendingSpace) }
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// ``foldedWords(_:)`` of a name all of whose UTF-8 `bytes` are ASCII, written straight into
    /// an array of the name's length (``foldASCIIWords(_:into:)``); nil when a byte is not ASCII.
    /// Appending byte by byte was most of the cost of indexing a register's texts by word
    /// (docs/performance.md, item 29).
    private static func foldedASCIIWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var isASCII = true
        let out = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            let written = foldASCIIWords(bytes, into: buffer)
            isASCII = written != nil
            count = written ?? 0
        }
        return isASCII ? out : nil
    }

    /// Appends a letter, preceded by the space a break before it left
    /// pending (never at the very start).
    @inline(__always)
    private static func append(_ byte: UInt8, to out: inout [UInt8], pendingSpace: inout Bool) {
        if pendingSpace {
            if !out.isEmpty { out.append(space) }
            pendingSpace = false
        }
        out.append(byte)
    }
}
