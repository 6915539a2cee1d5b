import ProbitySupport

/// The fields of a register row, and the many ways a header or JSON key
/// names them.
///
/// The NHS template's headers are long ("Position/ Relationship with ICB")
/// and get retyped with different spacing and punctuation, so a header is
/// compared with its case, spaces and punctuation removed. Short aliases
/// let a hand-made register say just "name, employer, type, nature".
enum RegisterField: Int, CaseIterable, Sendable {
    case name, employer, position, type, nature, validFrom, validTo
    /// The organisation an interest is in, as council registers give it in an "Organisation"
    /// column (the body a councillor holds shares in or sits on the board of), not the
    /// person's employer. Read with the nature of the interest: "Organisation: nature".
    case organisation
    /// When the row was declared (or last confirmed): not in the NHS template, but registers
    /// that keep it let `probity audit` find declarations older than the review period.
    case declaredOn

    /// The header of the NHS template, used in messages.
    var title: String {
        switch self {
        case .name: return "Name"
        case .employer: return "Who do you currently work for"
        case .position: return "Position/ Relationship with ICB"
        case .type: return "Declared Interest"
        case .nature: return "Nature of interest"
        case .validFrom: return "Valid From"
        case .validTo: return "Valid To"
        case .organisation: return "Organisation"
        case .declaredOn: return "Date of declaration"
        }
    }

    /// The field a header cell or JSON key names, or `nil`.
    static func named(_ header: String) -> RegisterField? {
        let key = compact(header)
        if let field = aliases[key] { return field }
        // "Position / Relationship with the ICB", "Position/Relationship with SEL ICB" …
        if key.hasPrefix("position") || key.hasPrefix("relationshipwith") { return .position }
        if key.hasPrefix("whodoyou") { return .employer }
        if key.hasPrefix("natureof") { return .nature }
        return nil
    }

    /// `text` lowercased with everything but ASCII letters and digits removed.
    static func compact(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 where byte.isASCIIAlphanumeric {
            bytes.append(TextFolding.lowercased(byte))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let aliases: [String: RegisterField] = [
        "name": .name, "fullname": .name, "membername": .name, "person": .name,
        "whodoyoucurrentlyworkfor": .employer, "employer": .employer,
        "currentemployer": .employer, "worksfor": .employer,
        "organisation": .organisation, "organization": .organisation, "nameoforganisation": .organisation,
        "nameoforganization": .organisation, "organisationname": .organisation, "company": .organisation,
        "positionrelationshipwithicb": .position, "position": .position, "role": .position,
        "positionrole": .position, "jobtitle": .position,
        "declaredinterest": .type, "type": .type, "interesttype": .type, "typeofinterest": .type,
        "category": .type, "categoryofinterest": .type, "interestcategory": .type,
        "natureofinterest": .nature, "nature": .nature, "description": .nature, "details": .nature,
        "validfrom": .validFrom, "from": .validFrom, "datefrom": .validFrom, "startdate": .validFrom,
        "validto": .validTo, "to": .validTo, "dateto": .validTo, "enddate": .validTo,
        "dateofdeclaration": .declaredOn, "declarationdate": .declaredOn, "datedeclared": .declaredOn,
        "declared": .declaredOn, "declaredon": .declaredOn, "lastreviewed": .declaredOn, "datereviewed": .declaredOn,
        "reviewed": .declaredOn,
    ]
}
