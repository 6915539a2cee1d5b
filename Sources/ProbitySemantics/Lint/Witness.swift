import ProbitySupport
import ProbitySyntax

/// One concrete decision inside a region, written as the JSON `probity check` reads, so that a
/// finding can be checked by running it: a gap's decision gets `no-authority`, an overlap's
/// fires both rules.
extension DecisionSpace {
    /// A decision inside `box`, or nil when none can be written without evaluating: the box
    /// fixes the truth of a comparison of two fields or of `x in someSet` (lint treats those as
    /// independent axes; the values chosen for the fields they read might not agree), or asks a
    /// set field to be both given and left out.
    public func witness(in box: Box, program: Program, id: String) -> JSONValue? {
        var members: [(key: String, value: JSONValue)] = [("id", .string(id))]
        var given: [Int: JSONValue] = [:]
        // Set fields, from the atoms about them: whether given, and which elements in or out.
        var setGiven: [Int: Bool] = [:]
        var elements: [Int: [Value]] = [:]
        var excluded: [Int: [Value]] = [:]

        for d in dimensions.indices {
            let set = box.sets[d]
            guard !set.isEmpty else { return nil }
            let dimension = dimensions[d]
            if let f = dimension.field {
                if f == Field.dateIndex { continue }
                // A field the region allows to be left out is left out: the shortest example.
                if set.missing || set.intervals.isEmpty { continue }
                given[f] = value(at: pick(set, on: d, program: program), of: f, on: d, program: program)
                continue
            }
            if set == dimension.full { continue }
            guard let key = atomDimensions.first(where: { $0.value == d })?.key else { return nil }
            switch key {
            case .fields: continue
            case .member(let f, let setField):
                // `f in setField`: the set is given, and holds f's value exactly when the region
                // wants the test true.
                guard let truth = set.intervals.first?.lowerBound, let ordinal = memberValue(f, box: box, program: program, given: &given),
                      setGiven[setField] ?? true else { return nil }
                setGiven[setField] = true
                if truth == 1 { elements[setField, default: []].append(.integer(ordinal)) } else { excluded[setField, default: []].append(.integer(ordinal)) }
            case .present(let f), .contains(let f, _):
                let truth: Int64? = set.intervals.isEmpty ? nil : set.intervals[0].lowerBound
                let wantsGiven: Bool
                if case .present = key { wantsGiven = truth == 1 } else { wantsGiven = truth != nil }
                if let already = setGiven[f], already != wantsGiven { return nil }
                setGiven[f] = wantsGiven
                if case .contains(_, let element) = key {
                    if truth == 1 { elements[f, default: []].append(element) } else if truth == 0 { excluded[f, default: []].append(element) }
                }
            }
        }
        // A value both wanted in a set and kept out of it: no such decision.
        for (f, out) in excluded where out.contains(where: { (elements[f] ?? []).contains($0) }) { return nil }
        // Comparisons of two fields: values that make each as the region needs, by trying the
        // ends of the fields' ranges.
        guard let solved = solveComparisons(in: box, program: program) else { return nil }
        for (f, n) in solved {
            given[f] = dimensionOfField[f].map { value(at: n, of: f, on: $0, program: program) }
                ?? Self.json(of: .integer(n), as: program.fields[f].type, program: program)
        }
        let dateSet = box.sets[dateDimension]
        guard !dateSet.intervals.isEmpty else { return nil }
        members.append(("date", .string(Day(number: Int32(clamping: pick(dateSet, on: dateDimension, program: program))).iso)))

        for (f, field) in program.fields.enumerated() where f > Field.dateIndex {
            if let value = given[f] {
                members.append((field.name, value))
            } else if let element = field.type.elementType, setGiven[f] ?? field.isRequired {
                members.append((field.name, .array((elements[f] ?? []).map { Self.json(of: $0, as: element, program: program) })))
            } else if field.isRequired, dimensionOfField[f] == nil {
                members.append((field.name, Self.placeholderValue(of: field.type, program: program)))
            }
        }
        return .object(members)
    }

    /// Values for the fields of every comparison of two fields `box` fixes (`a < b` true, or
    /// false), found by trying the ends of each field's ranges (and, for a field no rule bounds,
    /// the neighbours of the other field's values); nil when none is found or a comparison is to
    /// be undecided. Empty when the box fixes none.
    func solveComparisons(in box: Box, program: Program) -> [Int: Int64]? {
        var constraints: [(a: Int, op: ComparisonOperator, b: Int, holds: Bool)] = []
        for (key, d) in atomDimensions {
            guard case .fields(let a, let op, let b) = key, box.sets[d] != dimensions[d].full else { continue }
            guard let truth = box.sets[d].intervals.first?.lowerBound else { return nil }
            for f in [a, b] where !program.fields[f].type.isOrdered {
                guard case .enumeration = program.fields[f].type else { return nil }
            }
            constraints.append((a, op, b, truth == 1))
        }
        guard !constraints.isEmpty else { return [:] }
        var candidates: [Int: [Int64]] = [:]
        for f in Set(constraints.flatMap { [$0.a, $0.b] }) {
            guard let d = dimensionOfField[f] else { continue }
            var values: [Int64] = []
            for r in box.sets[d].intervals.prefix(4) {
                values.append(r.lowerBound)
                values.append(r.upperBound)
                if r.lowerBound < r.upperBound {
                    values.append(r.lowerBound + 1)
                    values.append(r.upperBound - 1)
                }
            }
            guard !values.isEmpty else { return nil }
            candidates[f] = Array(Set(values)).sorted()
        }
        for f in Set(constraints.flatMap { [$0.a, $0.b] }) where candidates[f] == nil {
            let others = constraints.filter { $0.a == f || $0.b == f }.flatMap { c in candidates[c.a == f ? c.b : c.a] ?? [] }
            var values: Set<Int64> = [0, 1]
            for v in others {
                values.insert(v)
                if v > 0 { values.insert(v - 1) }
                if v < Int64.max { values.insert(v + 1) }
            }
            if case .enumeration(let labels) = program.fields[f].type { values = values.filter { $0 >= 0 && $0 < Int64(labels.count) } }
            candidates[f] = values.sorted()
        }
        let fields = candidates.keys.sorted()
        var chosen: [Int: Int64] = [:]
        var tries = 0
        func search(_ index: Int) -> Bool {
            tries += 1
            if tries > 100_000 { return false }
            if index == fields.count {
                return constraints.allSatisfy { c in
                    let x = chosen[c.a]!, y = chosen[c.b]!
                    let result: Bool
                    switch c.op {
                    case .less: result = x < y
                    case .lessOrEqual: result = x <= y
                    case .greater: result = x > y
                    case .greaterOrEqual: result = x >= y
                    case .equal: result = x == y
                    case .notEqual: result = x != y
                    }
                    return result == c.holds
                }
            }
            for v in candidates[fields[index]]! {
                chosen[fields[index]] = v
                if search(index + 1) { return true }
            }
            return false
        }
        return search(0) ? chosen : nil
    }

    /// The ordinal `f` takes in the witness for a test `f in someSet`: the value already chosen
    /// for it in `box`, or the first value of its type when no rule bounds it (recorded in
    /// `given`). Nil when it cannot be a set element (text, or an undeclared organisation).
    func memberValue(_ f: Int, box: Box, program: Program, given: inout [Int: JSONValue]) -> Int64? {
        let type = program.fields[f].type
        var ordinal: Int64 = 0
        if let d = dimensionOfField[f] {
            guard !box.sets[d].intervals.isEmpty else { return nil }
            ordinal = pick(box.sets[d], on: d, program: program)
        }
        switch type {
        case .organisation: guard ordinal < Int64(program.organisations.count) else { return nil }
        case .body: guard ordinal < Int64(program.bodies.count) else { return nil }
        case .enumeration(let labels): guard ordinal < Int64(labels.count) else { return nil }
        default: return nil
        }
        given[f] = Self.json(of: .integer(ordinal), as: type, program: program)
        return ordinal
    }

    /// Why no witness could be written for `box`: the atoms it fixes, as written.
    public func whyNoWitness(for box: Box) -> String {
        let atoms = dimensions.indices.filter { dimensions[$0].field == nil && box.sets[$0] != dimensions[$0].full }.map { dimensions[$0].name }
        guard !atoms.isEmpty else { return "no example decision could be written for this region" }
        return "no example decision could be written: the region fixes \(Self.list(atoms, "and")), which lint treats as independent of the fields they read"
    }

    /// A value in `set` on dimension `d`: the lower end of its first interval, except for dates,
    /// where the day nearest the scheme's start (or 2024-01-01) is more telling than year 1.
    func pick(_ set: IntervalSet, on d: Int, program: Program) -> Int64 {
        let first = set.intervals[0]
        guard case .ordered(.date) = dimensions[d].kind else { return first.lowerBound }
        let reference = Int64(program.scheme.effectiveFrom ?? Day(year: 2024, month: 1, day: 1)!.number)
        for r in set.intervals where r.contains(reference) { return reference }
        return set.intervals.first { $0.lowerBound > reference }?.lowerBound ?? set.intervals.last!.upperBound
    }

    /// The JSON for ordinal or amount `n` of field `f` on dimension `d`.
    func value(at n: Int64, of f: Int, on d: Int, program: Program) -> JSONValue {
        let type = program.fields[f].type
        switch type {
        case .money: return .string(Money(pence: n).description)
        case .date: return .string(Day(number: Int32(clamping: n)).iso)
        case .number: return .integer(n)
        case .text:
            guard case .categorical(let labels) = dimensions[d].kind, Int(n) < labels.count - 1 else {
                return .string(unmentionedText(on: d))
            }
            return .string(String(labels[Int(n)].dropFirst().dropLast()))
        case .organisation:
            guard Int(n) < program.organisations.count else { return .string(undeclaredOrganisation(program)) }
            return .string(program.organisations[Int(n)].id)
        default: return Self.json(of: .integer(n), as: type, program: program)
        }
    }

    static func json(of value: Value, as type: FieldType, program: Program) -> JSONValue {
        switch (value, type) {
        case (.text(let text), _): return .string(text)
        case (.integer(let n), .enumeration(let labels)): return .string(Int(n) < labels.count ? labels[Int(n)] : "")
        case (.integer(let n), .body): return .string(Int(n) < program.bodies.count ? program.bodies[Int(n)].id : "")
        case (.integer(let n), .organisation): return .string(Int(n) < program.organisations.count ? program.organisations[Int(n)].id : "")
        case (.integer(let n), .money): return .string(Money(pence: n).description)
        case (.integer(let n), .date): return .string(Day(number: Int32(clamping: n)).iso)
        case (.integer(let n), _): return .integer(n)
        }
    }

    /// A value for a required field no rule tests.
    static func placeholderValue(of type: FieldType, program: Program) -> JSONValue {
        switch type {
        case .money: .string(Money.zero.description)
        case .number: .integer(0)
        case .date: .string(Day(year: 2024, month: 1, day: 1)!.iso)
        case .text: .string("example")
        case .enumeration(let labels): .string(labels.first ?? "")
        case .body: .string(program.bodies.first?.id ?? "")
        case .organisation: .string(program.organisations.first?.id ?? "Example Ltd")
        case .set: .array([])
        }
    }

    /// A text no rule mentions on dimension `d`.
    func unmentionedText(on d: Int) -> String {
        guard case .categorical(let labels) = dimensions[d].kind else { return "other" }
        var text = "other", n = 1
        while labels.contains("\"\(text)\"") {
            n += 1
            text = "other \(n)"
        }
        return text
    }

    /// A name no declared organisation has.
    func undeclaredOrganisation(_ program: Program) -> String {
        var name = "Undeclared Organisation Ltd", n = 1
        let taken = Set(program.organisations.flatMap { [$0.id, $0.name] + $0.aliases }.map { $0.lowercased() })
        while taken.contains(name.lowercased()) {
            n += 1
            name = "Undeclared Organisation \(n) Ltd"
        }
        return name
    }
}
