/// Character folding shared by name normalisation and keyword scanning.
///
/// Registers are typed by hand, so the same name turns up as "Tomás" and
/// "Tomas", "King’s" and "King's", with a hyphen or a dash. Both the name
/// matcher and the keyword scanner fold such variants to plain lowercase
/// ASCII before comparing. Folding covers the Latin-1 Supplement and Latin
/// Extended-A blocks, which hold the accented letters of the names met in
/// British and Irish public bodies; other letters are kept, lowercased.
enum TextFolding {
    /// The ASCII spelling of an accented Latin letter, lowercased, or `nil`
    /// when `scalar` is not one. Most letters fold to one byte; a few
    /// (æ, ß, œ, þ, ĳ) to two, returned as `second`.
    static func foldLatin(_ scalar: UInt32) -> (first: UInt8, second: UInt8?)? {
        func one(_ letter: Unicode.Scalar) -> (first: UInt8, second: UInt8?) { (UInt8(letter.value), nil) }
        func two(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> (first: UInt8, second: UInt8?) {
            (UInt8(a.value), UInt8(b.value))
        }
        switch scalar {
        case 0xC0...0xC5, 0xE0...0xE5: return one("a")
        case 0xC6, 0xE6: return two("a", "e")
        case 0xC7, 0xE7: return one("c")
        case 0xC8...0xCB, 0xE8...0xEB: return one("e")
        case 0xCC...0xCF, 0xEC...0xEF: return one("i")
        case 0xD0, 0xF0: return one("d")
        case 0xD1, 0xF1: return one("n")
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8: return one("o")
        case 0xD9...0xDC, 0xF9...0xFC: return one("u")
        case 0xDD, 0xFD, 0xFF: return one("y")
        case 0xDE, 0xFE: return two("t", "h")
        case 0xDF: return two("s", "s")
        case 0x100...0x105: return one("a")
        case 0x106...0x10D: return one("c")
        case 0x10E...0x111: return one("d")
        case 0x112...0x11B: return one("e")
        case 0x11C...0x123: return one("g")
        case 0x124...0x127: return one("h")
        case 0x128...0x131: return one("i")
        case 0x132...0x133: return two("i", "j")
        case 0x134...0x135: return one("j")
        case 0x136...0x138: return one("k")
        case 0x139...0x142: return one("l")
        case 0x143...0x14B: return one("n")
        case 0x14C...0x151: return one("o")
        case 0x152...0x153: return two("o", "e")
        case 0x154...0x159: return one("r")
        case 0x15A...0x161, 0x17F: return one("s")
        case 0x162...0x167: return one("t")
        case 0x168...0x173: return one("u")
        case 0x174...0x175: return one("w")
        case 0x176...0x178: return one("y")
        case 0x179...0x17E: return one("z")
        default: return nil
        }
    }

    /// Whether `scalar` is a space of any kind: ASCII white space, the
    /// non-breaking spaces that word processors leave behind, and the
    /// typographic spaces.
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is a combining accent, left behind by text that
    /// spells "á" as "a" followed by U+0301. Folding drops these.
    static func isCombiningMark(_ scalar: UInt32) -> Bool {
        (0x300...0x36F).contains(scalar)
    }

    /// Typographic apostrophes and quotes folded to the ASCII apostrophe.
    static func isApostrophe(_ scalar: UInt32) -> Bool {
        scalar == 0x27 || scalar == 0x2018 || scalar == 0x2019 || scalar == 0x201B || scalar == 0x2032
    }

    /// Hyphens and dashes folded to the ASCII hyphen.
    static func isDash(_ scalar: UInt32) -> Bool {
        scalar == 0x2D || (0x2010...0x2015).contains(scalar) || scalar == 0x2212
    }

    /// `byte` in lowercase, if it is an ASCII capital.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Removes leading and trailing spaces of every kind, including the
    /// non-breaking spaces that registers copied out of documents carry.
    static func trimmed(_ text: String) -> String {
        // The usual case, decided on the bytes in place (a register trims every cell, and
        // `utf8.first` and `.last` walk String's indices): empty, or visible ASCII at both ends.
        let isTrimmed = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
        }
        if isTrimmed ?? false { return text }
        guard !text.isEmpty else { return text }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0.value) }),
              let end = scalars.lastIndex(where: { !isSpace($0.value) })
        else { return "" }
        return String(scalars[start...end])
    }
}
