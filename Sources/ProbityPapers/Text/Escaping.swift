/// Escaping for the formats papers are written in.
enum Escaping {
    /// Text for HTML or XML content and attribute values: `&`, `<`, `>` and both quotes.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and newline are not allowed in XML 1.0.
            case "\t", "\n": out.unicodeScalars.append(character)
            case _ where character.value < 0x20: out += " "
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Text for Markdown, so that a register's `*`, `_` or `|` never turns into emphasis or a
    /// table column, and a line break inside a cell never ends the row.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#":
                out += "\\"
                out.unicodeScalars.append(character)
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// An identifier usable in an HTML `id` or fragment: letters, digits, `-` and `_` kept,
    /// anything else as `-`.
    static func anchor(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let plain = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || scalar == "-" || scalar == "_"
            return plain ? Character(scalar) : "-"
        })
    }
}
