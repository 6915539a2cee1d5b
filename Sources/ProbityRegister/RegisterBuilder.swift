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
    /// People already reported as listed more than once, and where in `issues` that finding is
    /// (which only a later part's is asked: once a part is absorbed, only whether a person is
    /// here matters).
    private var notedAt: [Int: Int] = [:]
    private var current: Int?                 // the person continuation rows belong to
    /// Whether this builder reads a later part of a file (``init(laterPartOf:expectedRows:)``):
    /// its first person stands for whoever the part before ended with.
    private let isLaterPart: Bool
    /// In a later part, the employer each person's first row gave (the merge's message needs
    /// it); empty otherwise.
    private var firstEmployers: [String] = []
    /// In a later part, whether a continuation row came before the part's first named row.
    private var continuesEarlierPerson = false
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
        isLaterPart = false
        people.reserveCapacity(expectedRows)
        indexByKey.reserveCapacity(expectedRows)
    }

    /// A builder for a later part of the file `fileName`, read on another thread and
    /// ``absorb(_:)``ed by the builder of the part before it. Its rows are built as they would be
    /// after that part's, but for what depends on it: the person continuation rows at the part's
    /// start belong to (a stand-in, person 0, until the merge) and people the part before
    /// listed already (merged then, with the finding the file read whole would have made).
    init(laterPartOf fileName: String, expectedRows: Int = 0) {
        self.fileName = fileName
        isLaterPart = true
        people.reserveCapacity(expectedRows + 1)
        indexByKey.reserveCapacity(expectedRows)
        people.append(RegisterPerson(name: "", key: ""))
        firstEmployers.append("")
        current = 0
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
            if notedAt[existing] == nil {
                notedAt[existing] = issues.count
                record(.readAs, line: line, Self.listedAgain(name: name, firstLine: people[existing].lines.first ?? 0,
                                                             keptEmployer: people[existing].employer, employer: employer))
            }
            return
        }
        current = people.count
        if isLaterPart { firstEmployers.append(employer) }
        // Room for a few interests and the lines of their rows (a register has about four a
        // person), not grown one at a time.
        var lines: [Int] = []
        lines.reserveCapacity(5)
        lines.append(line)
        var person = RegisterPerson(name: name, key: key, employer: employer, position: position, lines: lines)
        person.interests.reserveCapacity(4)
        people.append(person)
    }

    /// The finding for a person named again on `name`'s row, whose employer cell says
    /// `employer`, the person's first row being on `firstLine` and the employer kept
    /// `keptEmployer`.
    private static func listedAgain(name: String, firstLine: Int, keptEmployer: String, employer: String) -> String {
        let whereFirst = firstLine > 0 ? " (first at line \(firstLine))" : ""
        var message = "`\(name)` is listed more than once\(whereFirst); the entries are merged"
        if !employer.isEmpty && employer != keptEmployer {
            message += ", keeping the employer `\(keptEmployer)` and not `\(employer)`"
        }
        return message
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
        if isContinuation && isLaterPart && current == 0 { continuesEarlierPerson = true }
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

// MARK: A file read in two parts

extension RegisterBuilder {
    /// Whether ``absorb(_:)`` can give what reading `later`'s rows after this builder's would:
    /// not when rows at the start of `later` continue a person and this part ended with none
    /// (read whole, those rows would have been reported, not kept).
    func canAbsorb(_ later: RegisterBuilder) -> Bool {
        later.isLaterPart && (current != nil || !later.continuesEarlierPerson)
    }

    /// Takes in the people, findings and rows of `later`, the builder of the rows that follow
    /// this builder's in the file (``init(laterPartOf:expectedRows:)``), so that this builder
    /// holds what it would hold had it read those rows itself (``canAbsorb(_:)`` must hold):
    ///
    /// - the rows continuing a person at the start of `later` go to the person this part ended
    ///   with;
    /// - a person `later` names who is listed here already is merged into that person as their
    ///   later rows would have been: the employer and position kept unless empty, the lines,
    ///   interests and pointers after these, the latest date of declaration (the first row
    ///   with it); the "listed more than once" finding is made at their first row in `later`
    ///   unless it was made here, and `later`'s own finding for them is dropped;
    /// - everyone else is added in the order `later` met them, with its findings as they are.
    mutating func absorb(_ later: RegisterBuilder) {
        precondition(canAbsorb(later), "absorb(_:) needs a later part that can follow this one")
        rows.read += later.rows.read
        rows.kept += later.rows.kept
        rows.reported += later.rows.reported

        var findingsDropped = Set<Int>()
        var findingsMade: [Diagnostic] = []
        var indexInThis = [Int](repeating: 0, count: later.people.count)
        if let current { Self.append(later.people[0], to: &people[current]) }
        indexInThis[0] = current ?? 0
        for index in 1..<later.people.count {
            let person = later.people[index]
            guard let existing = indexByKey[person.key] else {
                indexInThis[index] = people.count
                indexByKey[person.key] = people.count
                if let finding = later.notedAt[index] { notedAt[people.count] = finding }
                people.append(person)
                continue
            }
            indexInThis[index] = existing
            if let finding = later.notedAt[index] { findingsDropped.insert(finding) }
            // The person's first row in `later` comes back to them: its employer fills an empty
            // one before the finding is worded, as it did when the rows were read in turn.
            let firstRowEmployer = later.firstEmployers[index]
            let employerThen = people[existing].employer.isEmpty ? firstRowEmployer : people[existing].employer
            if notedAt[existing] == nil {
                notedAt[existing] = findingsMade.count
                findingsMade.append(Diagnostic(RegisterFinding.readAs.severity, RegisterFinding.readAs.code,
                                               Self.listedAgain(name: person.name, firstLine: people[existing].lines.first ?? 0,
                                                                keptEmployer: employerThen, employer: firstRowEmployer),
                                               in: InputPosition(file: fileName, line: person.lines[0], field: nil)))
            }
            if people[existing].employer.isEmpty { people[existing].employer = person.employer }
            if people[existing].position.isEmpty { people[existing].position = person.position }
            Self.append(person, to: &people[existing])
        }
        // Sorted by line in `finish`, stably: a finding made for a row comes before those
        // `later` made for the same row, as the row's name is read before what it declares.
        issues += findingsMade
        issues += later.issues.enumerated().filter { !findingsDropped.contains($0.offset) }.map(\.element)
        current = later.current.map { indexInThis[$0] }
    }

    /// Adds what `later`, the same person's rows further down the file, declares to `person`.
    private static func append(_ later: RegisterPerson, to person: inout RegisterPerson) {
        person.lines += later.lines
        person.interests += later.interests
        for pointer in later.pointers where !person.pointers.contains(pointer) { person.pointers.append(pointer) }
        if let declared = later.declaredOn, person.declaredOn.map({ declared > $0 }) ?? true {
            person.declaredOn = declared
            person.declaredOnLine = later.declaredOnLine
        }
    }
}
