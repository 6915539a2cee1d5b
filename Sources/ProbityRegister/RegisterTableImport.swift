import ProbitySupport

/// Reads a register kept as a table: CSV, TSV or semicolon-separated,
/// with the NHS template's header or short aliases of it.
///
/// Records are taken one at a time as the file is split (``CSVRecordStream``), so a register
/// is read in the memory of the people it holds, not of its file: only the records above the
/// header (at most ``headerSearchLimit``) are held until the header is found.
struct RegisterTableImport {
    /// How many records to look through for the header. Registers pasted
    /// out of meeting papers may have a title or a blank line above it.
    static let headerSearchLimit = 50

    /// Reads a whole file's bytes.
    static func read(_ bytes: [UInt8], fileName: String) -> Result<Register, RegisterLoadError> {
        var table = RegisterTableImport(fileName: fileName)
        var records = CSVRecordStream()
        records.appendFields(bytes) { _ = table.take($0) }
        records.finishFields { _ = table.take($0) }
        return table.finish()
    }

    /// Reads a whole file's bytes, `chunkSize` at a time, as ``read(_:fileName:)`` reads them,
    /// sharing the rows with a thread that calls `sharing`'s ``RegisterReadSharing/help()``
    /// meanwhile: once the header is read the rest is offered, and a part the helper reads is
    /// taken in when the records read here end where it begins (see ``RegisterReadSharing``).
    static func read(_ bytes: [UInt8], fileName: String, sharing: RegisterReadSharing,
                     chunkSize: Int = 1 << 18) -> Result<Register, RegisterLoadError> {
        var table = RegisterTableImport(fileName: fileName, expectedPeople: bytes.count / RegisterReadSharing.bytesPerPerson)
        var records = CSVRecordStream()
        bytes.withUnsafeBufferPointer { whole in
            let takenIn = sharing.readShared(
                count: whole.count, chunkSize: chunkSize,
                readOn: { range in
                    var goOn = true
                    records.appendFields(UnsafeBufferPointer(rebasing: whole[range])) { goOn = table.take($0) && goOn }
                    return goOn
                },
                makeOffer: {
                    guard let header = table.header, let separator = records.separator else { return nil }
                    return .init(bytes: bytes, kind: .table(header: header, separator: separator), fileName: fileName)
                },
                // Taken in when the records read here end where the part begins, on the line it
                // began on (the split might lie inside a quoted field).
                takeIn: { later in
                    guard case .table(let part) = later.part else { return false }
                    return records.endsAtRecordStart({ _ = table.take($0) }) && records.nextLine == later.firstLine && table.absorb(part)
                })
            if !takenIn { records.finishFields { _ = table.take($0) } }
        }
        return table.finish()
    }

    private let fileName: String
    /// Records read before the header was found.
    private var above: [CSVRecord] = []
    /// The header, once found: its width and the column of each field it names.
    private(set) var header: Header?
    private var builder: RegisterBuilder
    /// Cells made into text, a repeated value made once.
    private var cellText = RegisterCellText()
    /// The row being read, its cells the record's bytes.
    private var rowCells = RegisterRowCells()
    /// Records after the header, blank ones included (the cap counts them as the file has them).
    private var rowsAfterHeader = 0
    /// Why the file cannot be read, once that is known; nothing more is taken.
    private var failure: RegisterLoadError?

    /// A table's header: its width and the column of each field it names (indexed by
    /// `RegisterField.rawValue`).
    typealias Header = (width: Int, columns: [Int?])

    /// An import of the file `fileName` from its start, with room for about `expectedPeople`.
    init(fileName: String, expectedPeople: Int = 0) {
        self.fileName = fileName
        builder = RegisterBuilder(fileName: fileName, expectedRows: expectedPeople)
        builder.cellsAreTrimmed = true     // every cell comes through `cellText`
    }

    /// An import of a later part of the file `fileName`, below `header`, to be ``absorb(_:)``ed
    /// by the import of the part before it (``RegisterBuilder/init(laterPartOf:expectedRows:)``).
    init(laterPartOf fileName: String, header: Header, expectedPeople: Int = 0) {
        self.fileName = fileName
        self.header = header
        builder = RegisterBuilder(laterPartOf: fileName, expectedRows: expectedPeople)
        builder.cellsAreTrimmed = true
    }

    /// Takes in `later`, the import of the records that follow this one's in the file, as
    /// ``RegisterBuilder/absorb(_:)`` does; `false`, changing nothing, when that cannot give
    /// what reading them here would (``RegisterBuilder/canAbsorb(_:)``), or this import has
    /// failed or found no header.
    mutating func absorb(_ later: RegisterTableImport) -> Bool {
        guard failure == nil, header != nil, later.failure == nil, builder.canAbsorb(later.builder) else { return false }
        rowsAfterHeader += later.rowsAfterHeader
        builder.absorb(later.builder)
        return true
    }

    /// Takes the file's next record, as its fields' bytes; `false` once the file has failed and
    /// nothing more it holds matters.
    mutating func take(_ record: CSVFields) -> Bool {
        if failure != nil { return false }
        guard let header else {
            findHeader(record.record)
            return failure == nil
        }
        rowsAfterHeader += 1
        // Past the cap the rows are counted, for the message, but not kept.
        if rowsAfterHeader <= RegisterLoader.maximumRows { readRow(record, header: header) }
        return true
    }

    /// The register, or why the file has none.
    func finish() -> Result<Register, RegisterLoadError> {
        if let failure { return .failure(failure) }
        guard header != nil else { return .failure(.noRecognisableHeader(fileName: fileName)) }
        if rowsAfterHeader > RegisterLoader.maximumRows {
            return .failure(.tooLarge(fileName: fileName, reason: "\(rowsAfterHeader) rows; expected at most \(RegisterLoader.maximumRows)"))
        }
        return .success(builder.finish(fileName: fileName))
    }

    /// Looks for the header in `record`, the next record above any header: the first that
    /// names a `name` column and a declaration column is it, and its unread columns are said.
    private mutating func findHeader(_ record: CSVRecord) {
        guard let columns = Self.columns(ofHeader: record) else {
            above.append(record)
            if above.count >= Self.headerSearchLimit { failure = .noRecognisableHeader(fileName: fileName) }
            return
        }
        above = []
        let width = record.fields.count
        if width > RegisterLoader.maximumColumns {
            failure = .tooLarge(fileName: fileName, reason: "the header has \(width) columns; expected at most \(RegisterLoader.maximumColumns)")
            return
        }
        header = (width, columns)
        // A column the importer does not read is said, never dropped in silence.
        for (column, text) in record.fields.enumerated() where !columns.contains(column) {
            let header = TextFolding.trimmed(text)
            builder.ignore(line: record.line,
                           message: header.isEmpty
                               ? "column \(column + 1) has no header; its values are not read"
                               : RegisterField.named(header).map { "column `\(header)` is a second `\($0.title)` column; only the first is read" }
                               ?? "column `\(header)` is not one the importer recognises; its values are not read (docs/registers.md lists the columns read)")
        }
    }

    /// One record below the header. Its cells are read as bytes (``RegisterRowCells``), as a
    /// JSON row's are, and only the fields the header names are made into text
    /// (``RegisterCellText``), each trimmed as `TextFolding.trimmed` trims, as the builder would.
    private mutating func readRow(_ fields: CSVFields, header: Header) {
        if (0..<fields.count).allSatisfy({ RegisterCellText.isBlank(fields[$0]) }) { return }   // blank line or page break
        let (width, columns) = header
        let line = fields.line
        if fields.count < width || (width..<fields.count).contains(where: { !RegisterCellText.isBlank(fields[$0]) }) {
            builder.row { builder in
                builder.reject(line: line, message: "row has \(fields.count) fields, expected \(width); the row is skipped")
            }
            return
        }
        for (field, column) in columns.enumerated() {
            rowCells[rawValue: field] = column.map { fields[$0] } ?? UnsafeBufferPointer(start: nil, count: 0)
        }
        rowCells.read(line: line, text: &cellText, into: &builder)
    }

    /// The column of each field `record` names (indexed by `RegisterField.rawValue`), when it
    /// is a header: it names a `name` column and a `type`, `nature` or `organisation` column.
    /// Where two columns name the same field the first is used.
    static func columns(ofHeader record: CSVRecord) -> [Int?]? {
        var columns = [Int?](repeating: nil, count: RegisterField.allCases.count)
        for (column, text) in record.fields.enumerated() {
            if let field = RegisterField.named(text), columns[field.rawValue] == nil {
                columns[field.rawValue] = column
            }
        }
        let hasName = columns[RegisterField.name.rawValue] != nil
        let hasDeclaration = columns[RegisterField.type.rawValue] != nil
            || columns[RegisterField.nature.rawValue] != nil
            || columns[RegisterField.organisation.rawValue] != nil
        return hasName && hasDeclaration ? columns : nil
    }
}
