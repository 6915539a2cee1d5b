import ProbitySupport
import ProbitySyntax

/// Turns register rows, from whichever file format, into people.
///
/// The formats differ only in how rows are found; what a row means is the
/// same for all of them, and lives here: a named row starts (or returns
/// to) a person, the type column is classified, dates are read, and a
/// person named twice is merged into one.
struct RegisterBuilder {
    private(set) var people: [RegisterPerson] = []
    private(set) var issues: [Diagnostic] = []
    /// The register's file name, where every finding is.
    let fileName: String
    /// The line the current entry starts on, for findings about a JSON entry made at line 0
    /// (a cell's value, which has no line of its own): the finding still points at its entry.
    var entryLine = 0
    private var indexByKey: [String: Int] = [:]
    private var noted: Set<Int> = []          // people already reported as listed twice
    private var current: Int?                 // the person continuation rows belong to
    private var classifications: [String: InterestClassification] = [:]
    /// Up to eight type texts met lately, and the next of them to be replaced.
    private var recentlyClassified: [(text: String, classification: InterestClassification)] = []
    private var nextRecent = 0
    /// Whether the cells handed in are trimmed already (``RegisterCellText`` made them), so that
    /// they are not trimmed again.
    var cellsAreTrimmed = false
    /// Rows read, kept and reported so far.
    private(set) var rows = RegisterRowCount()
    /// Whether the row being read was reported (and so not kept).
    private var rowReported = false

    /// A builder with room for about `expectedRows` rows, so that a large
    /// register does not grow its tables many times over.
    init(fileName: String, expectedRows: Int = 0) {
        self.fileName = fileName
        people.reserveCapacity(expectedRows)
        indexByKey.reserveCapacity(expectedRows)
    }

    /// `cell` trimmed, unless the importer trimmed it.
    @inline(__always)
    private func trimmed(_ cell: String) -> String {
        cellsAreTrimmed ? cell : TextFolding.trimmed(cell)
    }

    /// Reads one non-blank row through `body`, counting it as kept unless `body` reported it.
    mutating func row(_ body: (inout RegisterBuilder) -> Void) {
        rows.read += 1
        rowReported = false
        body(&self)
        if rowReported { rows.reported += 1 } else { rows.kept += 1 }
    }

    /// Reports the current row as not used: an error at `line` (P1920). The row is counted
    /// as reported, not kept.
    private mutating func reportRow(line: Int, _ message: String) {
        record(.rowNotKept, line: line, message)
        rowReported = true
    }

    /// Records a finding at `line` (0: the file has no lines to point at) and, for a value,
    /// the `field` it is in.
    mutating func record(_ finding: RegisterFinding, line: Int, _ message: String, field: RegisterField? = nil) {
        issues.append(Diagnostic(finding.severity, finding.code, message,
                                 in: InputPosition(file: fileName, line: line > 0 ? line : entryLine > 0 ? entryLine : nil,
                                                   field: field?.title)))
    }

    /// Starts, or returns to, the person named `name`.
    mutating func startPerson(name rawName: String, employer rawEmployer: String,
                              position rawPosition: String, line: Int) {
        let name = trimmed(rawName)
        let employer = trimmed(rawEmployer)
        let position = trimmed(rawPosition)
        let key = PersonName.normalise(name)

        // One hash for a new name, the usual case: the new person's number is put in and the
        // one it displaced, if any, is put back.
        if let existing = indexByKey.updateValue(people.count, forKey: key) {
            indexByKey[key] = existing
            current = existing
            people[existing].lines.append(line)
            if people[existing].employer.isEmpty { people[existing].employer = employer }
            if people[existing].position.isEmpty { people[existing].position = position }
            if noted.insert(existing).inserted {
                let first = people[existing].lines.first ?? 0
                let whereFirst = first > 0 ? " (first at line \(first))" : ""
                var message = "`\(name)` is listed more than once\(whereFirst); the entries are merged"
                if !employer.isEmpty && employer != people[existing].employer {
                    message += ", keeping the employer `\(people[existing].employer)` and not `\(employer)`"
                }
                record(.readAs, line: line, message)
            }
            return
        }
        current = people.count
        // Room for a few interests and the lines of their rows (a register has about four a
        // person), not grown one at a time.
        var lines: [Int] = []
        lines.reserveCapacity(5)
        lines.append(line)
        var person = RegisterPerson(name: name, key: key, employer: employer, position: position, lines: lines)
        person.interests.reserveCapacity(4)
        people.append(person)
    }

    /// Records what a row declares for the current person. A row with no
    /// person above it is reported and dropped.
    ///
    /// An interest's organisation, given in a column of its own, is read with its nature
    /// ("Riverside Care Ltd: director"), which is where screening looks for organisations.
    /// A continuation row's `employer` and `position` are not the person's (those are on the
    /// named row): with no declaration beside them they are kept as an unspecified interest in
    /// that employer, so a decision about it cannot screen clean.
    ///
    /// The dates come read (``RegisterDateCell``); the other cells are trimmed here unless
    /// `cellsAreTrimmed`.
    mutating func declare(type rawType: String, nature rawNature: String, organisation rawOrganisation: String = "",
                          validFrom: RegisterDateCell, validTo: RegisterDateCell, declaredOn: RegisterDateCell = .empty,
                          line: Int, isContinuation: Bool, employer rawEmployer: String = "", position rawPosition: String = "") {
        let typeText = trimmed(rawType)
        let organisation = trimmed(rawOrganisation)
        let writtenNature = trimmed(rawNature)
        var nature = organisation.isEmpty ? writtenNature
            : writtenNature.isEmpty ? organisation
            : PersonName.words(writtenNature).joined(separator: " ").contains(PersonName.words(organisation).joined(separator: " "))
                ? writtenNature : organisation + ": " + writtenNature
        let employer = trimmed(rawEmployer), position = trimmed(rawPosition)
        var keptEmployment = false
        if typeText.isEmpty && nature.isEmpty && validFrom.isEmpty && validTo.isEmpty && declaredOn.isEmpty {
            guard isContinuation else { return }   // a named row with nothing declared: the person is kept
            guard current != nil, !(employer.isEmpty && position.isEmpty) else {
                reportRow(line: line, current == nil
                    ? "continuation row with no person above it; the row is skipped"
                    : "continuation row declares nothing (no type, nature or dates); the row is skipped")
                return
            }
            nature = [position, employer].filter { !$0.isEmpty }.joined(separator: ", ")
            keptEmployment = true
        }

        guard let person = current else {
            reportRow(line: line, "continuation row with no person above it; the row is skipped")
            return
        }
        // A nil return and a pointer are declarations too: the date counts whatever the row says.
        if let declared = readDate(declaredOn, field: .declaredOn, line: line),
           people[person].declaredOn.map({ declared > $0 }) ?? true {
            people[person].declaredOn = declared
            people[person].declaredOnLine = line
        }
        if typeText.isEmpty && nature.isEmpty && validFrom.isEmpty && validTo.isEmpty { return }
        if isContinuation { people[person].lines.append(line) }
        if keptEmployment {
            record(.readAs, line: line, "continuation row with an employer or position but no declaration; kept as an unspecified interest (`\(nature)`)")
            people[person].interests.append(DeclaredInterest(
                type: .unspecified, typeText: "", nature: nature, validFrom: nil, validTo: nil, line: line))
            return
        }

        let classification = classify(typeText)
        let type: InterestType
        switch classification {
        case .noneDeclared:
            if nature.isEmpty { return }
            // Contradictory; keeping the interest is the side that cannot hide a conflict.
            type = .unspecified
            record(.readAs, line: line, "`\(typeText)` with a nature of interest; kept as an unspecified interest")
        case .pointer(let text):
            if !people[person].pointers.contains(text) { people[person].pointers.append(text) }
            return
        case .interest(let kind):
            type = kind
        case .unspecified:
            if nature.isEmpty {
                // On a named row the person is kept; a continuation row holds nothing else.
                let message = "dates with no interest declared are ignored"
                if isContinuation { reportRow(line: line, message + "; the row is skipped") } else {
                    record(.readAs, line: line, message)
                }
                return
            }
            type = .unspecified
            record(.readAs, line: line, "no type in `Declared Interest`; the interest is taken as unspecified")
        case .unrecognised(let text):
            type = .unspecified
            record(.readAs, line: line, "unrecognised interest type `\(text)`; taken as unspecified")
        }

        let from = readDate(validFrom, field: .validFrom, line: line)
        let to = readDate(validTo, field: .validTo, line: line)
        if let from, let to, to < from {
            record(.readAs, line: line, "`Valid To` \(to.iso) is before `Valid From` \(from.iso)")
        }
        people[person].interests.append(DeclaredInterest(
            type: type, typeText: typeText, nature: nature, validFrom: from, validTo: to, line: line))
    }

    /// Reports a row that could not be read at all.
    mutating func reject(line: Int, message: String) {
        reportRow(line: line, message)
    }

    /// Reports a value (a column, a key) that is not read; the row goes on.
    mutating func ignore(line: Int, message: String) {
        record(.valueNotRead, line: line, message)
    }

    func finish(fileName: String) -> Register {
        // Issues are made in row order except merges noted late; keep them stable by line.
        let ordered = issues.enumerated().sorted { a, b in
            a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
        }.map(\.element)
        return Register(people: people, issues: ordered, fileName: fileName, rows: rows)
    }

    /// The type column's meaning, remembered: a large register repeats a
    /// handful of type texts many thousands of times.
    private mutating func classify(_ text: String) -> InterestClassification {
        // A register has a handful of type texts: the last few met are compared (as the same
        // string, when the importer made one text of a repeated cell, or as bytes) before any
        // is hashed.
        let length = text.utf8.count
        for recent in recentlyClassified where recent.text.utf8.count == length && recent.text == text {
            return recent.classification
        }
        let result: InterestClassification
        if let known = classifications[text] {
            result = known
        } else {
            result = InterestType.classify(text)
            classifications[text] = result
        }
        if recentlyClassified.count < 8 {
            recentlyClassified.append((text, result))
        } else {
            recentlyClassified[nextRecent] = (text, result)
            nextRecent = (nextRecent + 1) % 8
        }
        return result
    }

    /// A date read by the rules every file shares (`DateText`): ISO `yyyy-mm-dd`, or day first
    /// `dd/mm/yyyy`, `d/m/yyyy` (dots or dashes taken for slashes). An empty date is open. An
    /// unreadable date, or one naming a day that does not exist, is reported and left open,
    /// which makes the interest count for longer, never shorter.
    private mutating func readDate(_ cell: RegisterDateCell, field: RegisterField, line: Int) -> Day? {
        let text: String
        switch cell {
        case .empty: return nil
        case .day(let day): return day
        case .notADay(let written): text = written
        }
        switch DateText.read(text) {
        case .iso(let day), .dayFirst(let day):
            return day     // never: the cell was read already
        case .noSuchDay(let year, let month, let day):
            record(.valueNotRead, line: line, "date `\(text)` in `\(field.title)` is a day that does not exist (\(DateText.whyNoSuchDay(year: year, month: month, day: day))); taken as open", field: field)
        case .unreadable:
            record(.valueNotRead, line: line, "unreadable date `\(text)` in `\(field.title)`; expected dd/mm/yyyy or yyyy-mm-dd; taken as open", field: field)
        }
        return nil
    }

    static func parseDate(_ text: String) -> Day? {
        switch DateText.read(text) {
        case .iso(let day), .dayFirst(let day): day
        case .noSuchDay, .unreadable: nil
        }
    }
}
