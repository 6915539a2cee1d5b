import ProbitySupport
import ProbitySyntax

extension Checker {
    /// Type-checks a `when` condition. Nil if it has an error (already reported).
    mutating func checkCondition(_ expression: Expression) -> Condition? {
        switch expression {
        case .and:
            // Flatten left-nested chains iteratively: a long `and` chain must not exhaust the stack.
            var parts: [Expression] = []
            var rest = expression
            while case .and(let left, let right, _) = rest {
                parts.append(right)
                rest = left
            }
            parts.append(rest)
            // Every part is checked (each error reported); their conjuncts are appended in
            // place, not gathered through an array per part.
            var conjuncts: [Condition] = []
            conjuncts.reserveCapacity(parts.count)
            var failed = false
            for part in parts.reversed() {
                guard let checked = checkCondition(part) else { failed = true; continue }
                if case .all = checked { conjuncts += checked.conjuncts } else { conjuncts.append(checked) }
            }
            return failed ? nil : .all(conjuncts)
        case .or:
            var parts: [Expression] = []
            var rest = expression
            while case .or(let left, let right, _) = rest {
                parts.append(right)
                rest = left
            }
            parts.append(rest)
            let checked = parts.reversed().map { checkCondition($0) }
            guard checked.allSatisfy({ $0 != nil }) else { return nil }
            return .any(checked.compactMap { $0 }.flatMap { if case .any(let inner) = $0 { inner } else { [$0] } })
        case .not(let inner, _):
            return checkCondition(inner).map(Condition.not)
        case .comparison(let op, let left, let right, let range):
            return checkComparison(op, left, right, range)
        case .membership(let left, let right, let negated, let range):
            return checkMembership(left, right, negated: negated, range)
        case .contains(let left, let right, let range):
            guard let (set, type) = field(left, role: "before `contains`") else { return nil }
            guard let element = type.elementType else {
                error(.operatorNotApplicable, "`contains` needs a set; `\(fields[set].name)` is \(type); expected `\(fields[set].name) = …` or `… in {…}`", at: left.range)
                return nil
            }
            return value(right, as: element, comparedWith: set).map { .contains(setField: set, $0, range) }
        case .presence(let operand, let negated, let range):
            guard let (index, _) = field(operand, role: "before `is present`") else { return nil }
            return .present(field: index, negated: negated, range)
        case .literal(.boolean(let flag), _):
            return .constant(flag)
        case .invalid:
            return nil
        case .name, .literal, .set, .interval:
            error(.valueWhereConditionExpected, "expected a condition such as `kind = contract-award` or `value > £1m`, found a value", at: expression.range)
            return nil
        }
    }

    /// The field an operand names, with its type. Reports anything else.
    mutating func field(_ expression: Expression, role: String) -> (Int, FieldType)? {
        guard case .name(let name) = expression else {
            if case .invalid = expression { return nil }
            error(.valueWhereConditionExpected, "expected a decision field \(role)", at: expression.range)
            return nil
        }
        guard let index = fieldIndex[name.text] else {
            undeclaredField(name)
            return nil
        }
        return (index, fields[index].type)
    }

    mutating func undeclaredField(_ name: Name) {
        if let previous = declared[name.text] {
            error(.undeclaredName, "`\(name.text)` is a \(previous.kind), not a decision field", at: name.range,
                  notes: [DiagnosticNote("declared here", at: previous.range)])
        } else {
            error(.undeclaredName, "undeclared field `\(name.text)`; every decision field must be declared in a `fields` block",
                  at: name.range, fixIt: suggestion(for: name, among: fieldIndex.keys))
        }
    }

    func isField(_ expression: Expression) -> Bool {
        if case .name(let name) = expression { return fieldIndex[name.text] != nil }
        return false
    }

    mutating func checkComparison(_ op: ComparisonOperator, _ left: Expression, _ right: Expression, _ range: SourceRange) -> Condition? {
        // A field belongs on the left; `£1m < value` reads as `value > £1m`.
        if !isField(left), isField(right) {
            return checkComparison(op.mirrored, right, left, range)
        }
        guard let (index, type) = field(left, role: "on one side of `\(op.rawValue)`") else { return nil }
        if type.elementType != nil {
            error(.operatorNotApplicable, "`\(fields[index].name)` is \(type) and cannot be compared with `\(op.rawValue)`; expected `\(fields[index].name) contains …`", at: left.range)
            return nil
        }
        if op != .equal, op != .notEqual, !type.isOrdered {
            error(.operatorNotApplicable, "`\(op.rawValue)` needs money, a date or a number; `\(fields[index].name)` is \(type)", at: range)
            return nil
        }
        if isField(right), case .name(let other) = right, let otherIndex = fieldIndex[other.text] {
            guard fields[otherIndex].type == type else {
                error(.typeMismatch, "cannot compare `\(fields[index].name)` (\(type)) with `\(other.text)` (\(fields[otherIndex].type))", at: range)
                return nil
            }
            return .compareFields(index, op, otherIndex, range)
        }
        return value(right, as: type, comparedWith: index).map { .compare(field: index, op, $0, range) }
    }

    mutating func checkMembership(_ left: Expression, _ right: Expression, negated: Bool, _ range: SourceRange) -> Condition? {
        guard let (index, type) = field(left, role: "before `in`") else { return nil }
        switch right {
        case .set(let elements, _):
            if type.elementType != nil {
                error(.operatorNotApplicable, "`\(fields[index].name)` is \(type); expected `\(fields[index].name) contains …` for each element", at: left.range)
                return nil
            }
            let values = elements.map { value($0, as: type, comparedWith: index) }
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            return .oneOf(field: index, values.compactMap { $0 }, negated: negated, range)
        case .interval(let lower, let upper, let intervalRange):
            guard type.isOrdered else {
                error(.operatorNotApplicable, "an interval needs money, a date or a number; `\(fields[index].name)` is \(type)", at: intervalRange)
                return nil
            }
            let low = lower.map { bound in value(bound.value, as: type, comparedWith: index).map { (bound.isClosed, $0) } }
            let high = upper.map { bound in value(bound.value, as: type, comparedWith: index).map { (bound.isClosed, $0) } }
            if let low, low == nil { return nil }
            if let high, high == nil { return nil }
            func bound(_ pair: (Bool, Value)??) -> Bound? {
                guard case .some(.some((let closed, .integer(let n)))) = pair else { return nil }
                return Bound(value: n, isClosed: closed)
            }
            let lowerBound = bound(low), upperBound = bound(high)
            if let l = lowerBound, let u = upperBound, l.value > u.value || (l.value == u.value && !(l.isClosed && u.isClosed)) {
                warning(.emptyInterval, "the interval is empty: no value of `\(fields[index].name)` lies in it", at: intervalRange)
            }
            return .interval(field: index, lower: lowerBound, upper: upperBound, negated: negated, range)
        case .name(let name) where fieldIndex[name.text] != nil:
            let setIndex = fieldIndex[name.text]!
            guard fields[setIndex].type.elementType == type else {
                error(.typeMismatch, "`\(name.text)` is \(fields[setIndex].type); expected a set of \(type) to test `\(fields[index].name)` against", at: name.range)
                return nil
            }
            return .memberOfField(field: index, setField: setIndex, negated: negated, range)
        case .name(let name):
            // `kind in contract-award`: one value where a set was meant.
            let written = "\(fields[index].name) in {\(name.text)}"
            error(.valueWhereConditionExpected, "expected a set `{a, b}`, an interval `(lo .. hi]` or a set-valued field after `in`, found `\(name.text)`",
                  at: right.range, fixIt: FixIt(message: "did you mean `\(written)`?", range: right.range, replacement: "{\(name.text)}"))
            return nil
        default:
            error(.valueWhereConditionExpected, "expected a set `{a, b}`, an interval `(lo .. hi]` or a set-valued field after `in`", at: right.range)
            return nil
        }
    }

    /// Converts an operand to a constant of the field's type, resolving names in that type's
    /// namespace: enumeration values, bodies, organisations, or `let` constants.
    mutating func value(_ expression: Expression, as type: FieldType, comparedWith fieldIndex: Int) -> Value? {
        let fieldName = fields[fieldIndex].name
        switch expression {
        case .literal(let literal, let range):
            return value(of: literal, as: type, fieldName: fieldName, range: range)
        case .name(let name):
            switch type {
            case .enumeration(let values):
                if let ordinal = enumerationOrdinal(of: name.text, in: values, field: fieldIndex) { return .integer(Int64(ordinal)) }
            case .body:
                if let body = bodyIndex[name.text] { return .integer(Int64(body)) }
            case .organisation:
                if let organisation = organisationIndex[name.text] { return .integer(Int64(organisation)) }
            case .set(let element):
                return value(expression, as: element, comparedWith: fieldIndex)
            default:
                break
            }
            if let constant = constantIndex[name.text] {
                return value(of: constants[constant].value, as: type, fieldName: fieldName, range: name.range)
            }
            reportUnknownValue(name, for: fieldName, type: type)
            return nil
        case .invalid:
            return nil
        default:
            error(.valueWhereConditionExpected, "expected a value to compare with `\(fieldName)`", at: expression.range)
            return nil
        }
    }

    /// The first position of `text` in `values`, the enumeration of field `field` (or of its
    /// elements). Long enumerations are looked up in a table made once per field: reading the
    /// list was a hundred string compares a rule with 200 kinds.
    mutating func enumerationOrdinal(of text: String, in values: [String], field: Int) -> Int? {
        guard values.count > 8 else { return values.firstIndex(of: text) }
        if let known = enumerationOrdinals[field], known.values == values { return known.ordinals[text] }
        var ordinals: [String: Int] = [:]
        ordinals.reserveCapacity(values.count)
        for (ordinal, value) in values.enumerated() where ordinals[value] == nil { ordinals[value] = ordinal }
        enumerationOrdinals[field] = (values, ordinals)
        return ordinals[text]
    }

    mutating func reportUnknownValue(_ name: Name, for fieldName: String, type: FieldType) {
        switch type {
        case .enumeration(let values):
            let listed = values.count <= 8 ? values.map { "`\($0)`" }.joined(separator: ", ") : "one of the \(values.count) values declared for it"
            error(.valueNotInEnumeration, "`\(name.text)` is not a value of `\(fieldName)`; expected \(listed)", at: name.range,
                  fixIt: suggestion(for: name, among: values))
        case .body:
            error(.undeclaredName, "undeclared body or officer `\(name.text)`", at: name.range, fixIt: suggestion(for: name, among: bodyIndex.keys))
        case .organisation:
            error(.undeclaredName, "undeclared organisation `\(name.text)`", at: name.range, fixIt: suggestion(for: name, among: organisationIndex.keys))
        default:
            if let previous = declared[name.text] {
                error(.typeMismatch, "`\(name.text)` is a \(previous.kind); expected \(type.article) to compare with `\(fieldName)`", at: name.range)
            } else {
                error(.undeclaredName, "undeclared name `\(name.text)`; expected \(type.article) to compare with `\(fieldName)`", at: name.range,
                      fixIt: suggestion(for: name, among: Array(constantIndex.keys) + Array(self.fieldIndex.keys)))
            }
        }
    }

    mutating func value(of literal: Literal, as type: FieldType, fieldName: String, range: SourceRange) -> Value? {
        switch (literal, type) {
        case (.money(let pence), .money): return .integer(pence)
        case (.date(let day), .date): return .integer(Int64(day))
        case (.number(let n), .number): return .integer(n)
        case (.string(let text), .text): return .text(text)
        case (.string(let text), .organisation):
            if let organisation = organisationNames[text.lowercased()] { return .integer(Int64(organisation)) }
            error(.undeclaredName, "no organisation is called \"\(text)\"; expected the name or alias of a declared organisation", at: range)
            return nil
        case (.string(let text), .enumeration(let values)):
            if let ordinal = values.firstIndex(of: text) { return .integer(Int64(ordinal)) }
        case (.string(let text), .body):
            if let body = bodyIndex[text] { return .integer(Int64(body)) }
        case (_, .set(let element)):
            return value(of: literal, as: element, fieldName: fieldName, range: range)
        default:
            break
        }
        error(.typeMismatch, "cannot compare `\(fieldName)` (\(type)) with \(literal.typeDescription); expected \(type.article)", at: range)
        return nil
    }
}

extension ComparisonOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    var mirrored: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}

extension Literal {
    /// "an amount of money", "a date", … for messages.
    var typeDescription: String {
        switch self {
        case .money: "an amount of money"
        case .date: "a date"
        case .number: "a number"
        case .string: "a string"
        case .boolean: "`true` or `false`"
        }
    }
}

extension FieldType {
    /// The type with an article, for "expected …" messages.
    var article: String {
        switch self {
        case .money: "an amount of money"
        case .date: "a date"
        case .number: "a number"
        case .text: "a string"
        case .organisation: "an organisation"
        case .body: "a body or officer"
        case .enumeration: "a value of \(self)"
        case .set(let element): "\(element.article)"
        }
    }
}
