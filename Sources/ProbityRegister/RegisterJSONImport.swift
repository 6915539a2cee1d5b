import ProbitySupport

/// Reads a register kept as JSON, in either of two shapes:
///
/// - an array of rows, each an object with the table's fields
///   (`name, employer, position, type, nature, valid_from, valid_to`),
///   where a row with no name continues the person above; or
/// - `{"people": [{"name", "employer", "position",
///   "interests": [{"type", "nature", "valid_from", "valid_to"}]}]}`.
///
/// Keys are matched like table headers, so `"Valid From"` works as well
/// as `"valid_from"`; a key that names no field is reported. JSON has no
/// useful line numbers, so issues carry line 0 and name the entry instead.
enum RegisterJSONImport {
    static func read(_ bytes: [UInt8], fileName: String) -> Result<Register, RegisterLoadError> {
        let document: JSONValue
        switch JSONParser.parse(bytes) {
        case .success(let value): document = value
        case .failure(let error): return .failure(.badJSON(fileName: fileName, reason: error.description))
        }

        var builder = RegisterBuilder()
        let entries = document.arrayValue?.count ?? document["people"]?.arrayValue?.count ?? 0
        if entries > RegisterLoader.maximumRows {
            return .failure(.tooLarge(fileName: fileName, reason: "\(entries) entries; expected at most \(RegisterLoader.maximumRows)"))
        }
        if let rows = document.arrayValue {
            for (index, row) in rows.enumerated() {
                builder.row { readRow(row, entry: "row \(index + 1)", into: &$0) }
            }
        } else if let people = document["people"]?.arrayValue {
            for (index, person) in people.enumerated() {
                readPerson(person, entry: "person \(index + 1)", into: &builder)
            }
        } else {
            return .failure(.badJSON(
                fileName: fileName,
                reason: "expected an array of rows or an object with a `people` array, found \(document.kindDescription)"))
        }
        return .success(builder.finish(fileName: fileName))
    }

    /// One row of the flat shape.
    private static func readRow(_ row: JSONValue, entry: String, into builder: inout RegisterBuilder) {
        guard let cells = fields(of: row, entry: entry, builder: &builder) else { return }
        let name = TextFolding.trimmed(cells[.name] ?? "")
        if !name.isEmpty {
            builder.startPerson(name: name, employer: cells[.employer] ?? "", position: cells[.position] ?? "", line: 0)
        }
        builder.declare(type: cells[.type] ?? "", nature: cells[.nature] ?? "", organisation: cells[.organisation] ?? "",
                        validFrom: cells[.validFrom] ?? "", validTo: cells[.validTo] ?? "", declaredOn: cells[.declaredOn] ?? "",
                        line: 0, isContinuation: name.isEmpty,
                        employer: name.isEmpty ? cells[.employer] ?? "" : "", position: name.isEmpty ? cells[.position] ?? "" : "")
    }

    /// One person of the nested shape, with their interests.
    private static func readPerson(_ person: JSONValue, entry: String, into builder: inout RegisterBuilder) {
        // The person is one row, and each of their interests another.
        var started = false
        builder.row { builder in
            guard let cells = fields(of: person, entry: entry, builder: &builder) else { return }
            let name = TextFolding.trimmed(cells[.name] ?? "")
            if name.isEmpty {
                builder.reject(line: 0, message: "\(entry) has no name; skipped")
                return
            }
            builder.startPerson(name: name, employer: cells[.employer] ?? "", position: cells[.position] ?? "", line: 0)
            started = true
        }
        guard let interestsValue = person["interests"], !interestsValue.isNull else { return }
        guard started, let interests = interestsValue.arrayValue else {
            builder.row { builder in
                builder.reject(line: 0, message: started
                    ? "`interests` of \(entry) is \(interestsValue.kindDescription), expected an array"
                    : "the interests of \(entry) belong to nobody; skipped")
            }
            return
        }
        for (index, interest) in interests.enumerated() {
            let interestEntry = "interest \(index + 1) of \(entry)"
            builder.row { builder in
                guard let cells = fields(of: interest, entry: interestEntry, builder: &builder) else { return }
                builder.declare(type: cells[.type] ?? "", nature: cells[.nature] ?? "", organisation: cells[.organisation] ?? "",
                                validFrom: cells[.validFrom] ?? "", validTo: cells[.validTo] ?? "", declaredOn: cells[.declaredOn] ?? "",
                                line: 0, isContinuation: false)
            }
        }
    }

    /// The register fields of an object, as text. Numbers keep their
    /// lexeme, `null` is empty; any other non-string value loses the entry.
    /// Keys that name no field are reported (`interests` is read by the caller).
    private static func fields(of value: JSONValue, entry: String,
                               builder: inout RegisterBuilder) -> [RegisterField: String]? {
        guard let members = value.objectValue else {
            builder.reject(line: 0, message: "\(entry) is \(value.kindDescription), expected an object; skipped")
            return nil
        }
        var cells: [RegisterField: String] = [:]
        for (key, member) in members {
            // A key the importer does not read is said, never dropped in silence.
            guard let field = RegisterField.named(key) else {
                if key != "interests" {
                    builder.reject(line: 0, message: "`\(key)` of \(entry) is not a key the importer recognises; its value is not read (docs/registers.md lists the keys read)")
                }
                continue
            }
            guard cells[field] == nil else {
                builder.reject(line: 0, message: "`\(key)` of \(entry) is a second `\(field.title)`; only the first is read")
                continue
            }
            switch member {
            case .string(let text): cells[field] = text
            case .number(let lexeme): cells[field] = lexeme
            case .null: cells[field] = ""
            default:
                builder.reject(line: 0, message: "`\(key)` of \(entry) is \(member.kindDescription), expected a string; skipped")
                return nil
            }
        }
        return cells
    }
}
