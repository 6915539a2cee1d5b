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
/// as `"valid_from"`; a key that names no field is reported. Issues name the
/// entry (row 3, interest 2 of person 3) and point at the line a row starts
/// on; an interest of the flat shape cites that line, as a table's row does,
/// and one of the nested shape has none (0).
struct RegisterJSONImport {
    /// Reads a whole file's bytes (without a byte order mark).
    static func read(_ bytes: [UInt8], fileName: String) -> Result<Register, RegisterLoadError> {
        var reader = RegisterJSONImport(fileName: fileName)
        _ = bytes.withUnsafeBufferPointer { reader.take($0) }
        return reader.finish()
    }

    /// Reads a whole file's bytes (without a byte order mark), `chunkSize` at a time, as
    /// ``read(_:fileName:)`` reads them, sharing the rows with a thread that calls `sharing`'s
    /// ``RegisterReadSharing/help()`` meanwhile, as a table's are
    /// (``RegisterTableImport/read(_:fileName:sharing:chunkSize:)``): once the document is seen to
    /// be an array of rows the rest is offered, and a part the helper reads from the start of a
    /// row is taken in when the rows read here end there (``absorb(_:)``); otherwise the rows
    /// are read on here. The nested shape is read here alone.
    static func read(_ bytes: [UInt8], fileName: String, sharing: RegisterReadSharing,
                     chunkSize: Int = 1 << 18) -> Result<Register, RegisterLoadError> {
        var reader = RegisterJSONImport(fileName: fileName, expectedPeople: bytes.count / RegisterReadSharing.bytesPerJSONPerson)
        bytes.withUnsafeBufferPointer { whole in
            _ = sharing.readShared(
                count: whole.count, chunkSize: chunkSize,
                // To the later part's first byte: the `,` before it is read only with it in sight.
                pastSplit: 1,
                readOn: { range in reader.take(UnsafeBufferPointer(rebasing: whole[range])) },
                makeOffer: { reader.stream.readsRows ? .init(bytes: bytes, kind: .json, fileName: fileName) : nil },
                takeIn: { later in
                    guard case .json(let part) = later.part else { return false }
                    return reader.absorb(part)
                })
        }
        return reader.finish()
    }

    private let fileName: String
    /// Both shapes are read element by element as the file's chunks arrive, never as a tree of
    /// the file: a row of the flat shape member by member straight into its cells, a person of
    /// the nested shape (with their interests) as one small tree.
    private var stream = JSONRowStream(nestedKey: "people")
    private var rows: RowReader
    /// How the document ended, once it has: the stream's own end, or that of a later part
    /// taken in (``absorb(_:)``), after which this stream reads nothing more.
    private var ended: Result<JSONStreamShape, JSONSyntaxError>?

    init(fileName: String, expectedPeople: Int = 0) {
        self.fileName = fileName
        rows = RowReader(builder: RegisterBuilder(fileName: fileName, expectedRows: expectedPeople))
    }

    /// An import of a later part of the array document `fileName`: bytes that begin where a row
    /// does, on `line` (``JSONRowStream/init(continuingRowsAtLine:nestedKey:maximumDepth:)``), to
    /// be ``absorb(_:)``ed by the import of the part before (``RegisterBuilder/init(laterPartOf:expectedRows:)``).
    init(laterPartOf fileName: String, line: Int, expectedPeople: Int = 0) {
        self.fileName = fileName
        stream = JSONRowStream(continuingRowsAtLine: line, nestedKey: "people")
        rows = RowReader(builder: RegisterBuilder(laterPartOf: fileName, expectedRows: expectedPeople))
        firstLine = line
    }

    /// For a later part, the line its first row begins on.
    private var firstLine = 0

    /// Elements of the array read so far.
    var entriesRead: Int { rows.entries }

    /// Whether a later part read so far could still be taken in (``absorb(_:)``): nothing said
    /// names a row by its number and no two rows share a line (an error in the document is
    /// ``take(_:)`` returning `false`).
    var canStillBeTakenIn: Bool { !rows.namedAnEntry && !rows.rowsShareALine }

    /// Takes the file's next chunk; `false` once the file has failed and nothing more it holds matters.
    mutating func take(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        stream.append(chunk, into: &rows)
    }

    /// Ends a later part (the file's end): whether it read as rows to the end of a document, so
    /// that it can be taken in.
    mutating func endPart() -> Bool {
        let end = stream.finish(into: &rows)
        ended = end
        return (try? end.get()) == .rows
    }

    /// Takes in `later`, the import of the rows that follow this one's in the file, ended with
    /// ``endPart()``, as ``RegisterBuilder/absorb(_:)`` does; `false`, changing nothing, when that
    /// cannot give what reading those rows here would: this import has not read to the `{` of
    /// an element of an array document, the first byte of `later`'s
    /// (``JSONRowStream/endsAtRowStart``), `later` did not read as rows to the document's end,
    /// it said something naming a row by its number (counted from its own start, so wrong
    /// here), two of its rows share a line (or its first, this import's last: never at a split a
    /// helper makes, and not shown to differ, but a line shared across the parts is one a table
    /// never has), or together they pass the cap on entries.
    mutating func absorb(_ later: RegisterJSONImport) -> Bool {
        stream.readHeld(into: &rows)
        // The line is counted the same way on both sides (a line a LF); checked all the same,
        // as a table's part is, so that a change to either count cannot go unnoticed.
        guard ended == nil, stream.endsAtRowStart, stream.lineOfLastByteHeld() == later.firstLine,
              let laterEnd = later.ended, (try? laterEnd.get()) == .rows,
              !later.rows.namedAnEntry, !later.rows.rowsShareALine, rows.lastRowLine < later.firstLine,
              rows.entries + later.rows.entries <= RegisterLoader.maximumRows,
              rows.builder.canAbsorb(later.rows.builder) else { return false }
        rows.absorb(later.rows)
        ended = laterEnd
        return true
    }

    /// The register, or why the file has none.
    mutating func finish() -> Result<Register, RegisterLoadError> {
        switch ended ?? stream.finish(into: &rows) {
        case .failure(let error):
            return .failure(.badJSON(fileName: fileName, reason: error.description))
        case .success(.rows), .success(.object(hasNestedArray: true)):
            break
        case .success(.object(hasNestedArray: false)):
            return .failure(.badJSON(fileName: fileName, reason: "expected an array of rows or an object with a `people` array, found \(JSONValue.object([]).kindDescription)"))
        case .success(.other(let kind)):
            return .failure(.badJSON(fileName: fileName, reason: "expected an array of rows or an object with a `people` array, found \(kind)"))
        }
        if rows.entries > RegisterLoader.maximumRows {
            return .failure(.tooLarge(fileName: fileName, reason: "\(rows.entries) entries; expected at most \(RegisterLoader.maximumRows)"))
        }
        return .success(rows.builder.finish(fileName: fileName))
    }

    /// Reads the flat shape's rows as the parser hands on their members, and the nested shape's
    /// people as the parser hands on each whole.
    ///
    /// A row's string members are kept as the bytes where they lie in the document
    /// (``RegisterRowCells``, as a table's cells are) until the row ends, and read then by the
    /// path a table's rows take.
    struct RowReader: JSONStreamVisitor {
        var builder: RegisterBuilder
        /// Each key met → the field it names, for the nested shape (see `KeyFields`).
        private let keys = KeyFields()
        /// Elements of the array met so far, rows or not.
        private(set) var entries = 0
        /// Whether something was said that names an entry by its number (`row 3`): a later
        /// part's numbers count from its own start, so such a part is not taken in.
        private(set) var namedAnEntry = false
        /// Whether two rows began on one line. A builder takes in a later part as reading its
        /// rows would only when each row has a line of its own, as a table's records do (the
        /// findings it makes on taking a part in are placed by line), so such a part is not.
        private(set) var rowsShareALine = false
        /// The line the last row began on.
        private(set) var lastRowLine = 0
        /// Both as they were before the row begun, for a row read again from its start.
        private var beforeRow = (lastRowLine: 0, rowsShareALine: false)

        private mutating func noteRow(on line: Int) {
            beforeRow = (lastRowLine, rowsShareALine)
            if line == lastRowLine { rowsShareALine = true }
            lastRowLine = line
        }
        /// What the row's members have said: fields given, keys not read, why the row is lost.
        private var cells = RowCells()
        /// The row's cells, as bytes of the document.
        private var rowCells = RegisterRowCells()
        /// The row's values that are not plain strings in the document (a string with an escape,
        /// a number's lexeme), one after another, and the field each is the cell of.
        private var heldBytes: [UInt8] = []
        private var held: [(field: RegisterField, range: Range<Int>)] = []
        /// By key number: the field the key names, and its text (for messages).
        private var fieldOfKey: [RegisterField?] = []
        private var keyTexts: [String] = []
        /// String cells made into text, a repeated value made once (and trimmed, as the
        /// builder trims every cell).
        private var cellText = RegisterCellText()
        /// For the rows of one template shape (``JSONTemplateRow/shape``): the field each
        /// member is the cell of, by `RegisterField.rawValue`, when every member's key names a
        /// field of its own; nil when one does not (the rows are then read member by member,
        /// which says so).
        private var templateShape = 0
        private var templateFields: InlineArray<16, Int>?

        init(builder: RegisterBuilder) {
            self.builder = builder
        }

        /// Whether the current entry is within the cap; past it rows are parsed (the file must
        /// be valid JSON, and the message gives their number) but not kept.
        private var isKept: Bool { entries <= RegisterLoader.maximumRows }

        mutating func newKey(_ key: JSONRowKey) {
            // Keys are numbered 0, 1, 2… as first met, each once.
            fieldOfKey.append(RegisterField.named(key.text))
            keyTexts.append(key.text)
        }

        mutating func beginRow(line: Int) {
            entries += 1
            noteRow(on: line)
            builder.entryLine = line
            // A row's strings come through `cellText`, and a number's lexeme has no spaces.
            builder.cellsAreTrimmed = true
            cells.reset()
            rowCells.clear()
            if !held.isEmpty {
                held.removeAll(keepingCapacity: true)
                heldBytes.removeAll(keepingCapacity: true)
            }
        }

        mutating func member(_ key: Int, _ value: JSONValue) {
            guard isKept else { return }
            let field = fieldOfKey[key]
            guard cells.accepts(key: keyTexts[key], field: field, entry: .row(entries)), let field else { return }
            switch value {
            case .string(let text): hold(text.utf8, as: field)
            case .number(let lexeme): hold(lexeme.utf8, as: field)
            case .null: break
            case let other: cells.reject(key: keyTexts[key], value: other, entry: .row(entries))
            }
        }

        /// Keeps `bytes` as the cell of `field` until the row ends.
        private mutating func hold<Bytes: Sequence<UInt8>>(_ bytes: Bytes, as field: RegisterField) {
            let start = heldBytes.count
            heldBytes.append(contentsOf: bytes)
            held.append((field, start..<heldBytes.count))
        }

        /// A string with an escape: its decoded bytes kept as the cell until the row ends.
        mutating func member(_ key: Int, decoded: UnsafeBufferPointer<UInt8>) {
            guard isKept else { return }
            guard cells.accepts(key: keyTexts[key], field: fieldOfKey[key], entry: .row(entries)), let field = fieldOfKey[key] else { return }
            hold(decoded, as: field)
        }

        mutating func member(_ key: Int, text: UnsafeBufferPointer<UInt8>) {
            guard isKept else { return }
            // The usual member: a key naming a field not yet given, in a row not lost.
            if let field = fieldOfKey[key], cells.takesQuietly(field) {
                rowCells[field] = text
                return
            }
            if cells.accepts(key: keyTexts[key], field: fieldOfKey[key], entry: .row(entries)), let field = fieldOfKey[key] {
                rowCells[field] = text
            }
        }

        /// A row read whole by its template, every member a string: its cells set at once
        /// and read as the row a table's record makes. It is what `beginRow(line:)`, a
        /// `member` a member and `endRow()` would do for the same row, with nothing to check
        /// member by member once the shape's keys are known to name distinct fields.
        mutating func templateRow(_ row: borrowing JSONTemplateRow) {
            if row.shape != templateShape {
                templateShape = row.shape
                templateFields = Self.fields(ofMembers: row, fieldOfKey: fieldOfKey)
            }
            guard let fields = templateFields else {
                templateRowMemberByMember(row)
                return
            }
            entries += 1
            noteRow(on: row.line)
            builder.entryLine = row.line
            guard isKept else { return }
            builder.cellsAreTrimmed = true
            rowCells.clear()
            for member in 0..<row.count { rowCells[rawValue: fields[member]] = row.value(member) }
            rowCells.read(line: row.line, text: &cellText, into: &builder)
        }

        /// The field of each member of rows shaped as `row`, when every member's key names a
        /// field and no two the same one.
        private static func fields(ofMembers row: borrowing JSONTemplateRow, fieldOfKey: [RegisterField?]) -> InlineArray<16, Int>? {
            var fields = InlineArray<16, Int>(repeating: 0)
            var given = 0 as UInt16
            for member in 0..<row.count {
                guard let field = fieldOfKey[row.key(member)] else { return nil }
                let bit = UInt16(1) << field.rawValue
                guard given & bit == 0 else { return nil }
                given |= bit
                fields[member] = field.rawValue
            }
            return fields
        }

        mutating func abandonRow() {
            entries -= 1
            (lastRowLine, rowsShareALine) = beforeRow
            cells.reset()
        }

        /// Takes in the rows `later` read after this reader's, the builder's as
        /// ``RegisterBuilder/absorb(_:)`` does (the caller has checked it can).
        mutating func absorb(_ later: RowReader) {
            builder.absorb(later.builder)
            entries += later.entries
            namedAnEntry = namedAnEntry || later.namedAnEntry
            rowsShareALine = rowsShareALine || later.rowsShareALine
        }

        mutating func endRow() {
            guard isKept else { return }
            if !cells.notes.isEmpty || cells.rejection != nil { namedAnEntry = true }
            for note in cells.notes { builder.ignore(line: 0, message: note) }
            if let rejection = cells.rejection {
                builder.row { builder in builder.reject(line: 0, message: rejection) }
                return
            }
            // The line the row's object starts on: what a report cites as the interest's
            // `register line`, as a table's row number is.
            let line = builder.entryLine
            if held.isEmpty {
                rowCells.read(line: line, text: &cellText, into: &builder)
                return
            }
            heldBytes.withUnsafeBufferPointer { bytes in
                for (field, range) in held { rowCells[field] = UnsafeBufferPointer(rebasing: bytes[range]) }
                rowCells.read(line: line, text: &cellText, into: &builder)
            }
        }

        mutating func nestedElement(_ value: JSONValue, line: Int) {
            entries += 1
            namedAnEntry = true
            // The nested shape's issues name the entry (person 3, interest 2 of person 3), and
            // its interests have no line of their own to cite: their line is 0 (none).
            builder.entryLine = 0
            builder.cellsAreTrimmed = false    // read from a tree, untrimmed
            guard isKept else { return }
            RegisterJSONImport.readPerson(value, entry: .person(entries), keys: keys, builder: &builder)
        }

        mutating func element(_ value: JSONValue, line: Int) {
            entries += 1
            noteRow(on: line)
            builder.entryLine = line
            guard isKept else { return }
            namedAnEntry = true
            let entry = Entry.row(entries)
            builder.row { builder in
                builder.reject(line: 0, message: "\(entry) is \(value.kindDescription), expected an object; skipped")
            }
        }
    }

    /// A row's cells as its members are read, by the rules both shapes share: a key that
    /// names no field is reported (`interests` is read by the caller), a second key naming the
    /// same field is reported and not read, numbers keep their lexeme, `null` is empty, and
    /// any other value loses the row (the members after it are not looked at). What is
    /// reported is held in `notes` and `rejection` for the caller to say, so a row read again
    /// from its start (``JSONStreamVisitor/abandonRow()``) has said nothing yet.
    struct RowCells {
        /// By `RegisterField.rawValue`; a field not given is empty.
        private(set) var values = Cells(repeating: "", count: RegisterField.allCases.count)
        /// One bit per field already read, and per field whose text is in `values`.
        private var given = 0 as UInt16
        private var valuesSet = 0 as UInt16
        /// Why the row is not kept, once a value could not be read.
        private(set) var rejection: String?
        /// Keys not read, said in order with the row (`RegisterBuilder.ignore`).
        private(set) var notes: [String] = []

        /// Takes `field` as given and says `true` when its value is to be read with nothing to
        /// say: the row is not lost and the field not given yet. Otherwise `false`, taking
        /// nothing (``accepts(key:field:entry:)`` then says why).
        @inline(__always)
        mutating func takesQuietly(_ field: RegisterField) -> Bool {
            let bit = UInt16(1) << field.rawValue
            guard rejection == nil, given & bit == 0 else { return false }
            given |= bit
            return true
        }

        /// Loses the row: the value of `key` is not a string.
        mutating func reject(key: String, value: JSONValue, entry: Entry) {
            rejection = "`\(key)` of \(entry) is \(value.kindDescription), expected a string; skipped"
        }

        mutating func reset() {
            // Only the fields set can hold text.
            var left = valuesSet
            while left != 0 {
                values[left.trailingZeroBitCount] = ""
                left &= left - 1
            }
            valuesSet = 0
            given = 0
            rejection = nil
            if !notes.isEmpty { notes.removeAll() }
        }

        mutating func take(key: String, field: RegisterField?, value: JSONValue, entry: Entry) {
            guard accepts(key: key, field: field, entry: entry), let field else { return }
            switch value {
            case .string(let text): set(field, to: text)
            case .number(let lexeme): set(field, to: lexeme)
            case .null: break
            case let other: reject(key: key, value: other, entry: entry)
            }
        }

        /// Whether the value of `key`, naming `field`, is to be read: not once the row is lost,
        /// nor for a key that names no field or a field already read (each said in `notes`).
        /// The field is then taken as given; its value is set by the caller (`set(_:to:)`).
        mutating func accepts(key: String, field: RegisterField?, entry: Entry) -> Bool {
            guard rejection == nil else { return false }
            // A key the importer does not read is said, never dropped in silence.
            guard let field else {
                if key != "interests" {
                    notes.append("`\(key)` of \(entry) is not a key the importer recognises; its value is not read (docs/registers.md lists the keys read)")
                }
                return false
            }
            let bit = UInt16(1) << field.rawValue
            guard given & bit == 0 else {
                notes.append("`\(key)` of \(entry) is a second `\(field.title)`; only the first is read")
                return false
            }
            given |= bit
            return true
        }

        /// Sets the text of a field `accepts` took.
        mutating func set(_ field: RegisterField, to text: String) {
            values[field.rawValue] = text
            valuesSet |= UInt16(1) << field.rawValue
        }
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

    /// What a row or interest declares.
    private static func declare(_ cells: Cells, into builder: inout RegisterBuilder, isContinuation: Bool, line: Int) {
        func cell(_ field: RegisterField) -> String { cells[field.rawValue] }
        func date(_ field: RegisterField) -> RegisterDateCell { RegisterDateCell(text: TextFolding.trimmed(cells[field.rawValue])) }
        builder.declare(type: cell(.type), nature: cell(.nature), organisation: cell(.organisation),
                        validFrom: date(.validFrom), validTo: date(.validTo), declaredOn: date(.declaredOn),
                        line: line, isContinuation: isContinuation,
                        employer: isContinuation ? cell(.employer) : "", position: isContinuation ? cell(.position) : "")
    }

    /// One person of the nested shape, with their interests.
    private static func readPerson(_ person: JSONValue, entry: Entry, keys: KeyFields, builder: inout RegisterBuilder) {
        // The person is one row, and each of their interests another.
        var started = false
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
                Self.declare(cells, into: &builder, isContinuation: false, line: 0)
            }
        }
    }

    /// The register fields of an object of the nested shape, as text, read by `RowCells`'s
    /// rules; nil, with the entry reported, when it is not an object or a value cannot be read.
    private static func fields(of value: JSONValue, entry: Entry, keys: KeyFields, builder: inout RegisterBuilder) -> Cells? {
        guard let members = value.objectValue else {
            builder.reject(line: 0, message: "\(entry) is \(value.kindDescription), expected an object; skipped")
            return nil
        }
        var cells = RowCells()
        for (position, (key, member)) in members.enumerated() {
            cells.take(key: key, field: keys.field(named: key, at: position), value: member, entry: entry)
        }
        for note in cells.notes { builder.ignore(line: 0, message: note) }
        if let rejection = cells.rejection {
            builder.reject(line: 0, message: rejection)
            return nil
        }
        return cells.values
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
