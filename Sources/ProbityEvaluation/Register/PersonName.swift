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
        var tokens = words(name)
        // Keep at least one word, however odd the name: a person called
        // "Miss" is still somebody.
        while tokens.count > 1, honorifics.contains(tokens[0]) {
            tokens.removeFirst()
        }
        while tokens.count > 2, let last = tokens.last, postNominals.contains(last) {
            tokens.removeLast()
        }
        return tokens.joined(separator: " ")
    }

    /// The folded words of `name`, before titles are removed.
    static func words(_ name: String) -> [String] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var tokens: [String] = []

        func endWord() {
            if !bytes.isEmpty {
                tokens.append(String(decoding: bytes, as: UTF8.self))
                bytes.removeAll(keepingCapacity: true)
            }
        }

        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if TextFolding.isASCIIAlphanumeric(byte) {
                    bytes.append(TextFolding.lowercased(byte))
                } else {
                    endWord()
                }
            } else if let folded = TextFolding.foldLatin(value) {
                bytes.append(folded.first)
                if let second = folded.second { bytes.append(second) }
            } else if TextFolding.isCombiningMark(value) {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                bytes.append(contentsOf: String(scalar).lowercased().utf8)
            } else {
                endWord()
            }
        }
        endWord()
        return tokens
    }
}
