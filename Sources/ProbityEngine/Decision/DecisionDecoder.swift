import ProbitySemantics
import ProbitySupport

/// Reads decisions (JSON objects) against a program's field declarations.
///
/// `id` and `date` are always required; every other key must be a declared field; each value
/// must have its field's type. Money is read exactly from its text (`"£1.2m"`, `"1200000.00"`
/// or the number `1200000.00`), never through a binary floating-point number.
package struct DecisionDecoder: Sendable {
    public let program: Program
    public private(set) var organisations: OrganisationDirectory
    /// Per enumeration field: each value's ordinal, for reading decisions straight from bytes.
    let ordinals: [[String: Int64]]
    /// The same values by their bytes, each entry with its ordinal as `ordinals` says.
    let ordinalsByBytes: [(values: ByteStringTable, ordinals: [Int64])]
    /// The declared fields' names by their bytes, each entry with its field's index: a line's
    /// keys are read without making strings.
    let fieldKeys: ByteStringTable
    let fieldOfKey: [Int]
    /// A decision with no field given, copied for each line read: its tables are allocated
    /// once, and a line copies only those it writes to (a scheme without set fields never
    /// copies the set tables).
    private(set) var blankDecision: Decision
    /// Per field: its type, read for every value a line gives. The decoder's own copy, and a
    /// replica's in boxes of its own: an enumeration's or a set's type is a box, retained for
    /// each value read, and the program's are shared by every thread.
    private(set) var fieldTypes: [FieldType]
    /// The fields a decision must give.
    let requiredFields: [Int]

    public init(program: Program) {
        self.program = program
        self.organisations = OrganisationDirectory(program.organisations)
        let ordinals = program.fields.map { field -> [String: Int64] in
            guard case .enumeration(let values) = field.type.elementType ?? field.type else { return [:] }
            return Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, Int64($0)) })
        }
        self.ordinals = ordinals
        self.ordinalsByBytes = ordinals.map { byValue in
            let values = ByteStringTable(byValue.keys.sorted())
            return (values, values.strings.map { byValue[$0] ?? -1 })
        }
        let keys = program.fieldIndex.keys.sorted()
        self.fieldKeys = ByteStringTable(keys)
        self.fieldOfKey = fieldKeys.strings.map { program.fieldIndex[$0] ?? -1 }
        self.blankDecision = Decision(fieldCount: program.fields.count)
        self.fieldTypes = program.fields.map { DecisionDecoder.unshared($0.type) }
        self.requiredFields = program.fields.indices.filter { program.fields[$0].isRequired }
    }

    /// `type` in boxes of its own (building an indirect case makes its box).
    private static func unshared(_ type: FieldType) -> FieldType {
        switch type {
        case .enumeration(let values): .enumeration(values)
        case .set(let element): .set(unshared(element))
        default: type
        }
    }

    /// A decoder that reads as this one, for another thread: the same tables, with a blank
    /// decision, field types and organisations' exact names of its own. Each line's decision
    /// starts as a copy of the blank, sharing (and retaining) its tables until it writes to
    /// them, a decision's copies retain them again, and a decision holds the exact name of each
    /// organisation it names: from one decoder, two threads would write the same reference
    /// counts on every line (docs/performance.md, items 21 and 28).
    package func replica() -> DecisionDecoder {
        var copy = self
        copy.blankDecision = Decision(fieldCount: program.fields.count)
        copy.fieldTypes = fieldTypes.map(DecisionDecoder.unshared)
        copy.organisations = organisations.withOwnExactTexts
        return copy
    }

    /// Parses JSON text and decodes it.
    public func decode(json bytes: [UInt8]) -> Result<Decision, DecisionErrors> {
        switch JSONParser.parse(bytes) {
        case .failure(let error):
            return .failure(DecisionErrors([DecisionError(code: .malformedJSON, field: nil, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)")]))
        case .success(let value):
            return decode(value)
        }
    }

    /// Decodes a parsed JSON object, reporting every bad field, not only the first.
    public func decode(_ value: JSONValue) -> Result<Decision, DecisionErrors> {
        guard let members = value.objectValue else {
            return .failure(DecisionErrors([DecisionError(code: .wrongValueType, field: nil, message: "a decision must be a JSON object, found \(value.kindDescription)")]))
        }
        var decision = Decision(fieldCount: program.fields.count)
        var errors: [DecisionError] = []
        var given: Set<Int> = []
        for (key, raw) in members {
            guard let index = program.fieldIndex[key] else {
                let hint = closestMatch(to: key, among: program.fieldIndex.keys).map { "; did you mean `\($0)`?" } ?? ""
                errors.append(DecisionError(code: .unknownDecisionField, field: key, message: "unknown field `\(key)`: the scheme declares no such decision field\(hint)"))
                continue
            }
            if raw.isNull { continue }  // null is the same as leaving the field out
            if let error = store(raw, in: &decision, field: index) {
                errors.append(error)
                given.insert(index)
            }
        }
        // A field given with a bad value has its error already: not also "missing".
        for (index, field) in program.fields.enumerated() where field.isRequired && !decision.isPresent[index] && !given.contains(index) {
            errors.append(DecisionError(code: .missingRequiredField, field: field.name, message: "missing required field `\(field.name)`; expected \(field.type.expectation)"))
        }
        if !errors.isEmpty { return .failure(DecisionErrors(errors.sorted { ($0.field ?? "", $0.code) < ($1.field ?? "", $1.code) })) }
        decision.id = decision.texts[Field.idIndex] ?? ""
        decision.date = Int32(truncatingIfNeeded: decision.scalars[Field.dateIndex])
        return .success(decision)
    }

    private func store(_ raw: JSONValue, in decision: inout Decision, field index: Int) -> DecisionError? {
        let field = program.fields[index]
        if case .set(let element) = field.type {
            guard let items = raw.arrayValue else {
                return mismatch(field, found: raw)
            }
            var values: [Int64] = []
            var names: [String] = []
            for item in items {
                switch scalar(item, as: element, field: field) {
                case .success(let value):
                    values.append(value)
                    if element == .organisation, let name = item.stringValue { names.append(name) }
                case .failure(let error):
                    return error
                }
            }
            decision.isPresent[index] = true
            decision.sets[index] = values
            decision.nameLists[index] = names
            return nil
        }
        if field.type == .text || (index == Field.idIndex) {
            guard let text = raw.stringValue ?? raw.numberText else { return mismatch(field, found: raw) }
            decision.isPresent[index] = true
            decision.texts[index] = text
            return nil
        }
        switch scalar(raw, as: field.type, field: field) {
        case .success(let value):
            decision.isPresent[index] = true
            decision.scalars[index] = value
            if field.type == .organisation { decision.texts[index] = raw.stringValue }
            return nil
        case .failure(let error):
            return error
        }
    }

    private func scalar(_ raw: JSONValue, as type: FieldType, field: Field) -> Result<Int64, DecisionError> {
        switch type {
        case .money:
            let text = raw.stringValue.map { $0.trimmingSpaces } ?? raw.numberText
            guard let text, let money = Money.parse(text) else {
                return .failure(DecisionError(code: .wrongValueType, field: field.name, message: "field `\(field.name)` must be an amount of money such as \"£1.2m\", \"1200000.00\" or 1200000.00 (whole pence), found \(raw.shortDescription)"))
            }
            return .success(money.pence)
        case .date:
            let wrongType = DecisionError(code: .wrongValueType, field: field.name, message: "field `\(field.name)` must be a date written YYYY-MM-DD, found \(raw.shortDescription)")
            guard let text = raw.stringValue else { return .failure(wrongType) }
            // One rule for dates everywhere (`DateText`): a decision writes ISO, and is told it.
            switch DateText.read(text.trimmingSpaces) {
            case .iso(let day):
                return .success(Int64(day.number))
            case .dayFirst(let day):
                return .failure(DecisionError(code: .dayFirstDate, field: field.name, message: "field `\(field.name)` is \"\(text)\", a day-first date; a decision writes dates as YYYY-MM-DD: did you mean `\(day.iso)`?"))
            case .noSuchDay(let year, let month, let day):
                return .failure(DecisionError(code: .nonexistentDay, field: field.name, message: "field `\(field.name)` is \"\(text)\", a day that does not exist: \(DateText.whyNoSuchDay(year: year, month: month, day: day))"))
            case .unreadable:
                return .failure(wrongType)
            }
        case .number:
            guard let text = raw.numberText ?? raw.stringValue, let n = Int64(text) else {
                return .failure(DecisionError(code: .wrongValueType, field: field.name, message: "field `\(field.name)` must be a whole number, found \(raw.shortDescription)"))
            }
            return .success(n)
        case .enumeration(let values):
            guard let text = raw.stringValue else { return .failure(mismatch(field, found: raw)) }
            guard let ordinal = values.firstIndex(of: text) else {
                let hint = closestMatch(to: text, among: values).map { "did you mean `\($0)`? " } ?? ""
                let listed = values.count <= 12 ? values.map { "`\($0)`" }.joined(separator: ", ") : "one of \(values.count) declared values"
                return .failure(DecisionError(code: .valueOutsideEnumeration, field: field.name, message: "`\(text)` is not a value of field `\(field.name)`; \(hint)expected \(listed)"))
            }
            return .success(Int64(ordinal))
        case .body:
            guard let text = raw.stringValue else { return .failure(mismatch(field, found: raw)) }
            guard let body = program.bodyIndex[text] else {
                let hint = closestMatch(to: text, among: program.bodyIndex.keys).map { "; did you mean `\($0)`?" } ?? ""
                return .failure(DecisionError(code: .valueOutsideEnumeration, field: field.name, message: "field `\(field.name)` names `\(text)`, which is not a declared body or officer\(hint)"))
            }
            return .success(Int64(body))
        case .organisation:
            guard let text = raw.stringValue else { return .failure(mismatch(field, found: raw)) }
            // An organisation nobody declared is allowed: it is screened by its name alone.
            return .success(organisations.lookup(text).map(Int64.init) ?? Decision.unknownOrganisation)
        case .text, .set:
            return .failure(mismatch(field, found: raw))
        }
    }

    private func mismatch(_ field: Field, found raw: JSONValue) -> DecisionError {
        DecisionError(code: .wrongValueType, field: field.name, message: "field `\(field.name)` must be \(field.type.expectation), found \(raw.shortDescription)")
    }
}

extension FieldType {
    /// What a decision must give for a field of this type, for error messages.
    var expectation: String {
        switch self {
        case .money: "an amount of money such as \"£1.2m\""
        case .date: "a date written YYYY-MM-DD"
        case .number: "a whole number"
        case .text: "a string"
        case .organisation: "an organisation's name as a string"
        case .body: "a body or officer id as a string"
        case .enumeration(let values):
            values.count <= 12 ? "one of " + values.map { "`\($0)`" }.joined(separator: ", ") : "one of \(values.count) declared values"
        case .set(let element): "a JSON array, each element \(element.expectation)"
        }
    }
}

extension JSONValue {
    /// The value as it appeared, shortened, for messages.
    var shortDescription: String {
        let text = JSONWriter.compact(self)
        return text.count > 40 ? String(text.prefix(37)) + "…" : text
    }
}

extension String {
    package var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
