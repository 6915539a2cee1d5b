import ProbitySupport

/// Reads a register kept as a table: CSV, TSV or semicolon-separated,
/// with the NHS template's header or short aliases of it.
enum RegisterTableImport {
    /// How many records to look through for the header. Registers pasted
    /// out of meeting papers may have a title or a blank line above it.
    static let headerSearchLimit = 50

    static func read(_ bytes: [UInt8], fileName: String) -> Result<Register, RegisterLoadError> {
        let records = CSVReader.read(bytes).records
        guard let (headerIndex, columns) = findHeader(records) else {
            return .failure(.noRecognisableHeader(fileName: fileName))
        }
        let width = records[headerIndex].fields.count
        if width > RegisterLoader.maximumColumns {
            return .failure(.tooLarge(fileName: fileName, reason: "the header has \(width) columns; expected at most \(RegisterLoader.maximumColumns)"))
        }
        if records.count - headerIndex - 1 > RegisterLoader.maximumRows {
            return .failure(.tooLarge(fileName: fileName, reason: "\(records.count - headerIndex - 1) rows; expected at most \(RegisterLoader.maximumRows)"))
        }
        var builder = RegisterBuilder(fileName: fileName, expectedRows: records.count - headerIndex)
        // A column the importer does not read is said, never dropped in silence.
        for (column, text) in records[headerIndex].fields.enumerated() where !columns.contains(column) {
            let header = TextFolding.trimmed(text)
            builder.ignore(line: records[headerIndex].line,
                           message: header.isEmpty
                               ? "column \(column + 1) has no header; its values are not read"
                               : RegisterField.named(header).map { "column `\(header)` is a second `\($0.title)` column; only the first is read" }
                               ?? "column `\(header)` is not one the importer recognises; its values are not read (docs/registers.md lists the columns read)")
        }

        for record in records[(headerIndex + 1)...] {
            let fields = record.fields
            if fields.allSatisfy({ TextFolding.trimmed($0).isEmpty }) { continue }   // blank line or page break
            builder.row { builder in
                if fields.count < width || fields[width...].contains(where: { !TextFolding.trimmed($0).isEmpty }) {
                    builder.reject(line: record.line,
                                   message: "row has \(fields.count) fields, expected \(width); the row is skipped")
                    return
                }
                func cell(_ field: RegisterField) -> String {
                    guard let column = columns[field.rawValue] else { return "" }
                    return fields[column]
                }
                let name = TextFolding.trimmed(cell(.name))
                let isContinuation = name.isEmpty
                if !isContinuation {
                    builder.startPerson(name: name, employer: cell(.employer), position: cell(.position),
                                        line: record.line)
                }
                builder.declare(type: cell(.type), nature: cell(.nature), organisation: cell(.organisation),
                                validFrom: cell(.validFrom), validTo: cell(.validTo), declaredOn: cell(.declaredOn),
                                line: record.line, isContinuation: isContinuation,
                                employer: isContinuation ? cell(.employer) : "", position: isContinuation ? cell(.position) : "")
            }
        }
        return .success(builder.finish(fileName: fileName))
    }

    /// The first record that names a `name` column and a `type` or
    /// `nature` column, with the column of each field it names (indexed by
    /// `RegisterField.rawValue`). Where two columns name the same field the
    /// first is used.
    static func findHeader(_ records: [CSVRecord]) -> (index: Int, columns: [Int?])? {
        for (index, record) in records.prefix(headerSearchLimit).enumerated() {
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
            if hasName && hasDeclaration { return (index, columns) }
        }
        return nil
    }
}
