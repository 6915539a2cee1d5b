/// A register row's cells as bytes, by field, as both file formats hand them on: a table's
/// cells as byte ranges of the record (`CSVFields`), a JSON row's string members as byte ranges
/// of the document. ``read(line:text:into:)`` makes them the builder's row, one path for both
/// formats, so a row means the same whichever file it came from.
///
/// The bytes are borrowed: they last only while the record or row they point into is being
/// read, and the cells are emptied (``clear()``) before the next is set.
struct RegisterRowCells {
    /// By `RegisterField.rawValue`; a field not given is empty.
    /// In place (a row is read for every line of the file, so its cells are never a heap array).
    private var cells = InlineArray<9, UnsafeBufferPointer<UInt8>>(repeating: UnsafeBufferPointer(start: nil, count: 0))

    subscript(field: RegisterField) -> UnsafeBufferPointer<UInt8> {
        get { cells[field.rawValue] }
        set { cells[field.rawValue] = newValue }
    }

    /// The cell of the field whose `rawValue` is `rawValue`.
    subscript(rawValue rawValue: Int) -> UnsafeBufferPointer<UInt8> {
        get { cells[rawValue] }
        set { cells[rawValue] = newValue }
    }

    /// Every field not given.
    mutating func clear() {
        cells = InlineArray(repeating: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The row these cells hold, on `line`, read into `builder` as one row: a named row starts
    /// (or returns to) its person, and whatever it declares is declared. Each cell is made into
    /// trimmed text by `text` (a repeated value made once), a date read from its bytes.
    func read(line: Int, text: inout RegisterCellText, into builder: inout RegisterBuilder) {
        let name = text.text(self[.name], field: .name)
        let isContinuation = name.isEmpty
        let employer = text.text(self[.employer], field: .employer)
        let position = text.text(self[.position], field: .position)
        let type = text.text(self[.type], field: .type)
        let nature = text.text(self[.nature], field: .nature)
        let organisation = text.text(self[.organisation], field: .organisation)
        let validFrom = text.date(self[.validFrom], field: .validFrom)
        let validTo = text.date(self[.validTo], field: .validTo)
        let declaredOn = text.date(self[.declaredOn], field: .declaredOn)
        builder.row { builder in
            if !isContinuation {
                builder.startPerson(name: name, employer: employer, position: position, line: line)
            }
            builder.declare(type: type, nature: nature, organisation: organisation,
                            validFrom: validFrom, validTo: validTo, declaredOn: declaredOn,
                            line: line, isContinuation: isContinuation,
                            employer: isContinuation ? employer : "", position: isContinuation ? position : "")
        }
    }
}
