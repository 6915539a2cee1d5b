/// The kinds of interest in the NHS England guidance on conflicts of
/// interest, plus `unspecified` for a declaration whose type was left blank
/// or could not be read. The raw values are the names the rule language
/// uses (`non-financial-professional -> no-vote`).
public enum InterestType: String, Sendable, CaseIterable {
    /// A direct financial benefit: a directorship, shares, paid work.
    case financial
    /// One of the other kinds, held by a close associate: a spouse,
    /// partner, relative or business partner.
    case indirect
    /// A non-financial benefit to a professional standing or career.
    case nonFinancialProfessional = "non-financial-professional"
    /// A non-financial benefit from a personal role, such as a trusteeship.
    case nonFinancialPersonal = "non-financial-personal"
    /// Declared with no type, or a type the importer could not read.
    case unspecified

    /// Reads the text of a register's "Declared Interest" column.
    ///
    /// Forgiving, as registers are typed by hand: case, spacing, hyphens
    /// and a trailing "Interest"/"Interests" do not matter, so "Non
    /// Financial Professional", "Non-financial professional interest" and
    /// "NON-FINANCIAL PROFESSIONAL INTERESTS" are all the same type.
    public static func classify(_ text: String) -> InterestClassification {
        let trimmed = TextFolding.trimmed(text)
        let words = PersonName.words(trimmed)
        if words.isEmpty { return .unspecified }
        let phrase = words.joined(separator: " ")

        if noneDeclaredPhrases.contains(phrase) { return .noneDeclared }
        // "All interests are declared on the London Borough of Bromley
        // register of interests." points elsewhere; nothing here to screen.
        if phrase.contains("declared on") || phrase.contains("declared in")
            || phrase.contains("see the") || phrase.hasPrefix("see ") {
            return .pointer(trimmed)
        }

        var core = words
        while let last = core.last, last == "interest" || last == "interests" || last == "declared" {
            core.removeLast()
        }
        switch core.joined() {
        case "financial", "directfinancial", "pecuniary", "disclosablepecuniary":
            return .interest(.financial)
        case "indirect", "indirectfinancial", "indirectnonfinancial":
            return .interest(.indirect)
        case "nonfinancialprofessional", "professionalnonfinancial", "professional":
            return .interest(.nonFinancialProfessional)
        case "nonfinancialpersonal", "personalnonfinancial", "personal":
            return .interest(.nonFinancialPersonal)
        default:
            return .unrecognised(trimmed)
        }
    }

    /// Phrases meaning "nothing to declare", after folding.
    private static let noneDeclaredPhrases: Set<String> = [
        "no interests declared", "no interest declared", "no interests to declare",
        "no interest to declare", "no interests", "no declared interests", "nothing to declare",
        "nil", "nil return", "none", "none declared", "n a", "na", "not applicable",
    ]
}

/// What a register's type column says about a row.
public enum InterestClassification: Equatable, Sendable {
    /// A declaration of this kind.
    case interest(InterestType)
    /// "No interests declared", "Nil", "None": a declaration that there is
    /// nothing to declare.
    case noneDeclared
    /// A pointer to another register ("All interests are declared on the
    /// London Borough of Bromley register of interests."), kept word for
    /// word. The interests exist but are not here, so cannot be screened.
    case pointer(String)
    /// The type column is empty.
    case unspecified
    /// Text that is none of the above, kept word for word.
    case unrecognised(String)
}
