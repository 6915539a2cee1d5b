import ProbitySupport

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
            case .fields, .member: return nil
            case .present(let f), .contains(let f, _):
                let truth: Int64? = set.intervals.isEmpty ? nil : set.intervals[0].lowerBound
                let wantsGiven: Bool
                if case .present = key { wantsGiven = truth == 1 } else { wantsGiven = truth != nil }
                if let already = setGiven[f], already != wantsGiven { return nil }
                setGiven[f] = wantsGiven
                if case .contains(_, let element) = key, truth == 1 { elements[f, default: []].append(element) }
            }
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
