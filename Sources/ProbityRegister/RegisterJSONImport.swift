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
struct RegisterJSONImport {
    private var builder: RegisterBuilder
    /// Each key met → the field it names: a register repeats the same few keys on every row,
    /// so each is matched against the headers' spellings once.
    private let keys = KeyFields()

    static func read(_ bytes: [UInt8], fileName: String) -> Result<Register, RegisterLoadError> {
        var reader = RegisterJSONImport(builder: RegisterBuilder(fileName: fileName))
        // The flat shape, an array of rows, is read row by row as the parser reaches each one,
        // never as one tree of the whole file.
        var entries = 0
        switch JSONParser.forEachElement(bytes, { row, line in
            entries += 1
            reader.builder.entryLine = line
            // Past the cap the rows are still parsed (the file must be valid JSON, and the
            // message gives their number) but not kept.
            if entries <= RegisterLoader.maximumRows { reader.readRow(row, entry: .row(entries)) }
        }) {
        case .failure(let error):
            return .failure(.badJSON(fileName: fileName, reason: error.description))
        case .success(true):
            break
        case .success(false):
            reader.builder.entryLine = 0
            // The nested shape, an object with a `people` array, is read as a tree.
            let document: JSONValue
            switch JSONParser.parse(bytes) {
            case .success(let value): document = value
            case .failure(let error): return .failure(.badJSON(fileName: fileName, reason: error.description))
            }
            guard let people = document["people"]?.arrayValue else {
                return .failure(.badJSON(
                    fileName: fileName,
                    reason: "expected an array of rows or an object with a `people` array, found \(document.kindDescription)"))
            }
            entries = people.count
            if entries <= RegisterLoader.maximumRows {
                for (index, person) in people.enumerated() { reader.readPerson(person, entry: .person(index + 1)) }
            }
        }
        if entries > RegisterLoader.maximumRows {
            return .failure(.tooLarge(fileName: fileName, reason: "\(entries) entries; expected at most \(RegisterLoader.maximumRows)"))
        }
        return .success(reader.builder.finish(fileName: fileName))
    }

    /// Which entry of the file a message is about, worded only when a message needs it.
    enum Entry: CustomStringConvertible {
        case row(Int)
        case person(Int)
        case interest(Int, person: Int)

        var description: String {
            switch self {
            case .row(let number): "row \(number)"
            case .person(let number): "person \(number)"
            case .interest(let number, let person): "interest \(number) of person \(person)"
            }
        }
    }

    /// A row's cells, by `RegisterField.rawValue`; a field not given is empty.
    typealias Cells = [String]

    /// One row of the flat shape.
    private mutating func readRow(_ row: JSONValue, entry: Entry) {
        let keys = keys
        builder.row { builder in
            guard let cells = Self.fields(of: row, entry: entry, keys: keys, builder: &builder) else { return }
            let name = TextFolding.trimmed(cells[RegisterField.name.rawValue])
            if !name.isEmpty {
                builder.startPerson(name: name, employer: cells[RegisterField.employer.rawValue],
                                    position: cells[RegisterField.position.rawValue], line: 0)
            }
            Self.declare(cells, into: &builder, isContinuation: name.isEmpty)
        }
    }

    /// What a row or interest declares.
    private static func declare(_ cells: Cells, into builder: inout RegisterBuilder, isContinuation: Bool) {
        func cell(_ field: RegisterField) -> String { cells[field.rawValue] }
        builder.declare(type: cell(.type), nature: cell(.nature), organisation: cell(.organisation),
                        validFrom: cell(.validFrom), validTo: cell(.validTo), declaredOn: cell(.declaredOn),
                        line: 0, isContinuation: isContinuation,
                        employer: isContinuation ? cell(.employer) : "", position: isContinuation ? cell(.position) : "")
    }

    /// One person of the nested shape, with their interests.
    private mutating func readPerson(_ person: JSONValue, entry: Entry) {
        // The person is one row, and each of their interests another.
        var started = false
        let keys = keys
        builder.row { builder in
            guard let cells = Self.fields(of: person, entry: entry, keys: keys, builder: &builder) else { return }
            let name = TextFolding.trimmed(cells[RegisterField.name.rawValue])
            if name.isEmpty {
                builder.reject(line: 0, message: "\(entry) has no name; skipped")
                return
            }
            builder.startPerson(name: name, employer: cells[RegisterField.employer.rawValue],
                                position: cells[RegisterField.position.rawValue], line: 0)
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
        guard case .person(let personNumber) = entry else { return }
        for (index, interest) in interests.enumerated() {
            builder.row { builder in
                guard let cells = Self.fields(of: interest, entry: .interest(index + 1, person: personNumber), keys: keys, builder: &builder) else { return }
                Self.declare(cells, into: &builder, isContinuation: false)
            }
        }
    }

    /// The register fields of an object, as text. Numbers keep their
    /// lexeme, `null` is empty; any other non-string value loses the entry.
    /// Keys that name no field are reported (`interests` is read by the caller).
    private static func fields(of value: JSONValue, entry: Entry, keys: KeyFields, builder: inout RegisterBuilder) -> Cells? {
        guard let members = value.objectValue else {
            builder.reject(line: 0, message: "\(entry) is \(value.kindDescription), expected an object; skipped")
            return nil
        }
        var cells = Cells(repeating: "", count: RegisterField.allCases.count)
        var given = 0 as UInt16   // one bit per field already read
        for (position, (key, member)) in members.enumerated() {
            // A key the importer does not read is said, never dropped in silence.
            guard let field = keys.field(named: key, at: position) else {
                if key != "interests" {
                    builder.ignore(line: 0, message: "`\(key)` of \(entry) is not a key the importer recognises; its value is not read (docs/registers.md lists the keys read)")
                }
                continue
            }
            let bit = UInt16(1) << field.rawValue
            guard given & bit == 0 else {
                builder.ignore(line: 0, message: "`\(key)` of \(entry) is a second `\(field.title)`; only the first is read")
                continue
            }
            given |= bit
            switch member {
            case .string(let text): cells[field.rawValue] = text
            case .number(let lexeme): cells[field.rawValue] = lexeme
            case .null: break
            default:
                builder.reject(line: 0, message: "`\(key)` of \(entry) is \(member.kindDescription), expected a string; skipped")
                return nil
            }
        }
        return cells
    }

    /// The field each key names, matched once per distinct key (a class, so the rows'
    /// closures, which hold the builder, can use it too). Rows mostly repeat the keys of the
    /// row before in the same order, so the key at each position is first compared with the
    /// one there last time (short keys compare as two words), before any hashing.
    final class KeyFields {
        private var fields: [String: RegisterField?] = [:]
        private var lastKeys: [String] = []
        private var lastFields: [RegisterField?] = []

        func field(named key: String, at position: Int) -> RegisterField? {
            if position < lastKeys.count, lastKeys[position] == key { return lastFields[position] }
            let field: RegisterField?
            if let known = fields[key] {
                field = known
            } else {
                field = RegisterField.named(key)
                fields[key] = field
            }
            if position < lastKeys.count {
                lastKeys[position] = key
                lastFields[position] = field
            } else if position == lastKeys.count {
                lastKeys.append(key)
                lastFields.append(field)
            }
            return field
        }
    }
}
