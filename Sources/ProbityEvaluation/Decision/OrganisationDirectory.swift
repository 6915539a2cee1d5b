import ProbitySemantics

/// Looks organisations up by id, name or alias, forgiving case, spacing and punctuation:
/// "Bromley Health Care", "bromley healthcare cic" and "BHC" can all name one organisation.
package struct OrganisationDirectory: Sendable {
    private var byKey: [String: Int] = [:]
    /// Every id, name and alias exactly as declared: decisions mostly copy them, and an exact
    /// match needs no folding.
    private var byExactName: [String: Int] = [:]

    public init(_ organisations: [Organisation]) {
        for (index, organisation) in organisations.enumerated() {
            for name in [organisation.id, organisation.name] + organisation.aliases {
                let key = OrganisationDirectory.key(name)
                if byKey[key] == nil { byKey[key] = index }
            }
        }
        // Filled afterwards, each name with what its folded key finds, so both ways agree.
        for organisation in organisations {
            for name in [organisation.id, organisation.name] + organisation.aliases {
                byExactName[name] = byKey[OrganisationDirectory.key(name)]
            }
        }
    }

    public func lookup(_ written: String) -> Int? {
        byExactName[written] ?? byKey[OrganisationDirectory.key(written)]
    }

    /// Lowercase letters and digits, words separated by one space.
    public static func key(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            let lower = (byte >= 65 && byte <= 90) ? byte + 32 : byte
            let isWordByte = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower >= 0x80
            if isWordByte {
                if pendingSpace, !out.isEmpty { out.append(32) }
                pendingSpace = false
                out.append(lower)
            } else if lower != UInt8(ascii: "'") {
                // An apostrophe joins (King's → kings); anything else separates words.
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
