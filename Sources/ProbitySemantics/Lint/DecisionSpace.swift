import ProbitySupport
import ProbitySyntax

/// One axis of the decision space.
public struct Dimension: Sendable {
    public enum Kind: Sendable {
        /// Money (pence), a date (day number) or a number, with its field type for display.
        case ordered(FieldType)
        /// An enumeration, body, organisation or text field: ordinals with a label each. For
        /// organisations the last ordinal stands for every undeclared name; for text, for every
        /// string no rule mentions.
        case categorical([String])
        /// A condition lint cannot split into intervals (`bidders contains x`, `a < b`,
        /// `x in someSet`): its truth is an axis of its own, 0 false and 1 true. Atoms are
        /// treated as independent of each other and of the fields they read.
        case atom(String)
    }

    /// The field, or nil for an atom.
    public var field: Int?
    /// The name shown in messages: the field's name, or the atom as written.
    public var name: String
    public var kind: Kind
    public var domain: ClosedRange<Int64>
    /// Whether a decision may leave the field out (not `required`).
    public var canBeMissing: Bool

    /// Every value, and "not given" where that is possible.
    public var full: IntervalSet { IntervalSet(domain, missing: canBeMissing) }
    /// Every value, but not "not given".
    public var present: IntervalSet { IntervalSet(domain) }

    public var isOrdered: Bool {
        if case .ordered = kind { return true }
        return false
    }
}

/// What lint knows about one rule's reach.
public struct RuleRegion: Sendable {
    /// The decisions the rule fires for (its condition true and the date in its period), or
    /// nil when the condition was too complex to analyse.
    public var boxes: [Box]?
    /// The rule's effective period does not meet the scheme's (or ends before it starts).
    public var periodIsEmpty: Bool
    /// The dimensions the condition reads.
    public var dimensions: Set<Int>
    /// The dimensions the condition tests with `is present` / `is not present`.
    public var presenceTested: Set<Int>
    /// The conditions lint treats as independent atoms, as written.
    public var opaque: [String]

    public var isUnreachable: Bool { boxes?.isEmpty ?? false }
}

/// The space of all decisions a program can be asked about, as a product of one dimension per
/// field the rules test (and the decision date), and each rule's reach in it as a union of
/// boxes. Everything here is exact, by interval arithmetic on whole numbers: money in pence,
/// dates as day numbers, enumerations as ordinals. A comparison of a field with another field,
/// `contains`, and `in` a set-valued field are the only conditions not split into intervals;
/// each becomes a true/false axis of its own (so `a < b` and `not (a < b)` are still exclusive,
/// but `a < b` is not related to `a > £1m`).
///
/// Conditions use three-valued logic: a test of a field the decision leaves out is unknown and
/// a rule fires only when its condition is true. So each condition is converted to the pair
/// (where it is true, where it is false); `not` swaps them, `and` intersects the true parts and
/// unites the false parts, `or` the reverse. "Not given" is a value of each optional field's
/// axis, in neither part of a test, so a rule that needs a field never covers a decision
/// without it.
public struct DecisionSpace: Sendable {
    /// A condition whose disjunctive normal form exceeds this many boxes is too complex.
    public static let boxLimit = 256

    public var dimensions: [Dimension]
    public var dimensionOfField: [Int: Int]
    /// The axis of the decision date.
    public var dateDimension: Int
    /// One per rule of the program, in order.
    public var regions: [RuleRegion]
    /// Where each rule's clauses are, when the syntax is known.
    public var layout: RuleLayout

    var atomDimensions: [AtomKey: Int]

    /// The box of every decision.
    public var universe: Box { Box(dimensions.map(\.full)) }

    public init(program: Program, syntax: [FileSyntax] = []) {
        var builder = SpaceBuilder(program: program)
        builder.collect()
        dimensions = builder.dimensions
        dimensionOfField = builder.dimensionOfField
        dateDimension = builder.dimensionOfField[Field.dateIndex]!
        atomDimensions = builder.atomDimensions
        layout = RuleLayout(program: program, syntax: syntax)
        regions = []
        regions = program.rules.map { region(of: $0, program: program) }
    }

    /// The box of every decision with one dimension restricted.
    public func box(_ dimension: Int, _ set: IntervalSet) -> Box {
        var sets = dimensions.map(\.full)
        sets[dimension] = set
        return Box(sets)
    }

    /// The days a rule is effective, as a set of the date axis.
    public func period(of rule: Rule) -> IntervalSet {
        let domain = dimensions[dateDimension].domain
        let from = rule.effectiveFrom.map { max(Int64($0), domain.lowerBound) } ?? domain.lowerBound
        let until = rule.effectiveUntil.map { min(Int64($0), domain.upperBound) } ?? domain.upperBound
        return from <= until ? IntervalSet(from...until) : .empty
    }

    func region(of rule: Rule, program: Program) -> RuleRegion {
        let period = period(of: rule)
        var converter = ConditionConverter(space: self, program: program)
        var boxes: [Box]? = []
        if !period.isEmpty {
            let periodBox = box(dateDimension, period)
            if let condition = rule.condition {
                boxes = (try? converter.truth(condition)).map { Boxes.simplify(Boxes.intersect($0.true, [periodBox])) }
            } else {
                boxes = [periodBox]
            }
        }
        if let condition = rule.condition { converter.scan(condition) }
        return RuleRegion(boxes: boxes, periodIsEmpty: period.isEmpty, dimensions: converter.read,
                          presenceTested: converter.presence, opaque: converter.opaque)
    }

    /// The truth of a condition on its own (without a rule's period), or nil when too complex.
    public func truth(of condition: Condition, in program: Program) -> [Box]? {
        var converter = ConditionConverter(space: self, program: program)
        return (try? converter.truth(condition)).map { Boxes.simplify($0.true) }
    }
}

/// An opaque condition, normalised so that the same test written two ways is one axis.
enum AtomKey: Hashable, Sendable {
    case contains(Int, Value)
    case member(Int, Int)
    case fields(Int, ComparisonOperator, Int)
    case present(Int)

    /// The key and whether the condition is its negation.
    static func of(_ condition: Condition) -> (AtomKey, negated: Bool)? {
        switch condition {
        case .contains(let set, let value, _): return (.contains(set, value), false)
        case .memberOfField(let f, let set, let negated, _): return (.member(f, set), negated)
        case .compareFields(let a, let op, let b, _):
            switch op {
            case .less, .lessOrEqual: return (.fields(a, op, b), false)
            case .greater: return (.fields(b, .less, a), false)
            case .greaterOrEqual: return (.fields(b, .lessOrEqual, a), false)
            case .equal: return (.fields(min(a, b), .equal, max(a, b)), false)
            case .notEqual: return (.fields(min(a, b), .equal, max(a, b)), true)
            }
        default: return nil
        }
    }

    var fieldsRead: [Int] {
        switch self {
        case .contains(let f, _), .present(let f): [f]
        case .member(let a, let b), .fields(let a, _, let b): [a, b]
        }
    }

    func describe(_ program: Program) -> String {
        let name = { (f: Int) in program.fields[f].name }
        switch self {
        case .contains(let f, let value):
            return "`\(name(f)) contains \(program.describe(value, as: program.fields[f].type))`"
        case .member(let f, let set): return "`\(name(f)) in \(name(set))`"
        case .fields(let a, let op, let b): return "`\(name(a)) \(op.rawValue) \(name(b))`"
        case .present(let f): return "`\(name(f)) is present`"
        }
    }
}

/// Collects the axes: every field a rule condition reads, the decision date, and the atoms.
struct SpaceBuilder {
    let program: Program
    var dimensions: [Dimension] = []
    var dimensionOfField: [Int: Int] = [:]
    var atomDimensions: [AtomKey: Int] = [:]
    var strings: [Int: [String]] = [:]
    var used: Set<Int> = [Field.dateIndex]

    static let earliest = Int64(Day(year: 1, month: 1, day: 1)!.number)
    static let latest = Int64(Day(year: 9999, month: 12, day: 31)!.number)

    init(program: Program) {
        self.program = program
    }

    mutating func collect() {
        var atoms: [AtomKey] = []
        for rule in program.rules {
            guard let condition = rule.condition else { continue }
            visit(condition, &atoms)
        }
        for f in used.sorted() {
            let field = program.fields[f]
            var domain: ClosedRange<Int64>
            var kind: Dimension.Kind
            switch field.type {
            case .money: (domain, kind) = (0...Int64.max, .ordered(.money))
            case .number: (domain, kind) = (0...Int64.max, .ordered(.number))
            case .date:
                domain = SpaceBuilder.earliest...SpaceBuilder.latest
                if f == Field.dateIndex {
                    let from = program.scheme.effectiveFrom.map(Int64.init) ?? domain.lowerBound
                    let until = program.scheme.effectiveUntil.map(Int64.init) ?? domain.upperBound
                    if from <= until { domain = from...until }
                }
                kind = .ordered(.date)
            case .enumeration(let values): (domain, kind) = (0...Int64(max(0, values.count - 1)), .categorical(values))
            case .body: (domain, kind) = (0...Int64(max(0, program.bodies.count - 1)), .categorical(program.bodies.map(\.id)))
            case .organisation:
                (domain, kind) = (0...Int64(program.organisations.count), .categorical(program.organisations.map(\.id) + ["an undeclared organisation"]))
            case .text:
                let mentioned = strings[f] ?? []
                (domain, kind) = (0...Int64(mentioned.count), .categorical(mentioned.map { "\"\($0)\"" } + ["other text"]))
            case .set: continue
            }
            dimensionOfField[f] = dimensions.count
            dimensions.append(Dimension(field: f, name: field.name, kind: kind, domain: domain, canBeMissing: !field.isRequired))
        }
        for atom in atoms where atomDimensions[atom] == nil {
            atomDimensions[atom] = dimensions.count
            let optional = atom.fieldsRead.contains { !program.fields[$0].isRequired }
            if case .present = atom {
                dimensions.append(Dimension(field: nil, name: atom.describe(program), kind: .atom(atom.describe(program)), domain: 0...1, canBeMissing: false))
            } else {
                dimensions.append(Dimension(field: nil, name: atom.describe(program), kind: .atom(atom.describe(program)), domain: 0...1, canBeMissing: optional))
            }
        }
    }

    mutating func visit(_ condition: Condition, _ atoms: inout [AtomKey]) {
        switch condition {
        case .all(let parts), .any(let parts): parts.forEach { visit($0, &atoms) }
        case .not(let inner): visit(inner, &atoms)
        case .constant: break
        case .compare(let f, _, let value, _):
            note(f, value)
        case .oneOf(let f, let values, _, _):
            values.forEach { note(f, $0) }
        case .interval(let f, _, _, _, _):
            used.insert(f)
        case .present(let f, _, _):
            if program.fields[f].type.elementType != nil { atoms.append(.present(f)) } else { used.insert(f) }
        case .contains, .memberOfField, .compareFields:
            if let (key, _) = AtomKey.of(condition) { atoms.append(key) }
        }
    }

    mutating func note(_ f: Int, _ value: Value) {
        used.insert(f)
        if case .text(let text) = value, !(strings[f] ?? []).contains(text) { strings[f, default: []].append(text) }
    }
}

struct TooComplex: Error {}

/// Converts a checked condition to the boxes where it is true and where it is false.
struct ConditionConverter {
    let space: DecisionSpace
    let program: Program
    var read: Set<Int> = []
    var presence: Set<Int> = []
    var opaque: [String] = []

    init(space: DecisionSpace, program: Program) {
        self.space = space
        self.program = program
    }

    /// Records which axes a condition reads (without converting it).
    mutating func scan(_ condition: Condition) {
        switch condition {
        case .all(let parts), .any(let parts): parts.forEach { scan($0) }
        case .not(let inner): scan(inner)
        case .constant: break
        case .compare(let f, _, _, _), .oneOf(let f, _, _, _), .interval(let f, _, _, _, _):
            if let d = space.dimensionOfField[f] { read.insert(d) }
        case .present(let f, _, _):
            if let d = space.dimensionOfField[f] {
                read.insert(d)
                presence.insert(d)
            } else if let d = space.atomDimensions[.present(f)] {
                read.insert(d)
            }
        case .contains, .memberOfField, .compareFields:
            if let (key, _) = AtomKey.of(condition), let d = space.atomDimensions[key] {
                read.insert(d)
                if !opaque.contains(space.dimensions[d].name) { opaque.append(space.dimensions[d].name) }
            }
        }
    }

    func restrict(_ d: Int, _ whereTrue: IntervalSet, negated: Bool = false) -> (true: [Box], false: [Box]) {
        let present = space.dimensions[d].present
        let t = whereTrue.intersection(present)
        let f = present.subtracting(t)
        let pair = (t.isEmpty ? [] : [space.box(d, t)], f.isEmpty ? [] : [space.box(d, f)])
        return negated ? (pair.1, pair.0) : pair
    }

    /// `lo...hi` as a set, empty when `lo > hi`.
    static func span(_ lo: Int64, _ hi: Int64) -> IntervalSet {
        lo <= hi ? IntervalSet(lo...hi) : .empty
    }

    mutating func truth(_ condition: Condition) throws(TooComplex) -> (true: [Box], false: [Box]) {
        switch condition {
        case .constant(let flag):
            return flag ? ([space.universe], []) : ([], [space.universe])
        case .not(let inner):
            let (t, f) = try truth(inner)
            return (f, t)
        case .all(let parts):
            var t: [Box] = [space.universe]
            var f: [Box] = []
            for part in parts {
                let (pt, pf) = try truth(part)
                if t.count * pt.count > DecisionSpace.boxLimit { throw TooComplex() }
                t = Boxes.simplify(Boxes.intersect(t, pt))
                f = Boxes.simplify(f + pf)
                if t.count > DecisionSpace.boxLimit || f.count > DecisionSpace.boxLimit { throw TooComplex() }
            }
            return (t, f)
        case .any(let parts):
            var t: [Box] = []
            var f: [Box] = [space.universe]
            for part in parts {
                let (pt, pf) = try truth(part)
                if f.count * pf.count > DecisionSpace.boxLimit { throw TooComplex() }
                t = Boxes.simplify(t + pt)
                f = Boxes.simplify(Boxes.intersect(f, pf))
                if t.count > DecisionSpace.boxLimit || f.count > DecisionSpace.boxLimit { throw TooComplex() }
            }
            return (t, f)
        case .compare(let field, let op, let value, _):
            guard let d = space.dimensionOfField[field] else { return ([space.universe], [space.universe]) }
            guard let n = ordinal(of: value, in: d) else { return op == .notEqual ? restrict(d, space.dimensions[d].present) : ([], restrict(d, .empty).false) }
            let lo = space.dimensions[d].domain.lowerBound, hi = space.dimensions[d].domain.upperBound
            switch op {
            case .equal: return restrict(d, IntervalSet(n...n))
            case .notEqual: return restrict(d, IntervalSet(n...n), negated: true)
            case .less: return restrict(d, n == .min ? .empty : Self.span(lo, n - 1))
            case .lessOrEqual: return restrict(d, Self.span(lo, n))
            case .greater: return restrict(d, n == .max ? .empty : Self.span(n + 1, hi))
            case .greaterOrEqual: return restrict(d, Self.span(n, hi))
            }
        case .oneOf(let field, let values, let negated, _):
            guard let d = space.dimensionOfField[field] else { return ([space.universe], [space.universe]) }
            let set = IntervalSet(values.compactMap { ordinal(of: $0, in: d) }.map { $0...$0 })
            return restrict(d, set, negated: negated)
        case .interval(let field, let lower, let upper, let negated, _):
            guard let d = space.dimensionOfField[field] else { return ([space.universe], [space.universe]) }
            let domain = space.dimensions[d].domain
            var lo = domain.lowerBound, hi = domain.upperBound
            if let lower {
                if lower.isClosed { lo = max(lo, lower.value) } else if lower.value == .max { return restrict(d, .empty, negated: negated) } else { lo = max(lo, lower.value + 1) }
            }
            if let upper {
                if upper.isClosed { hi = min(hi, upper.value) } else if upper.value == .min { return restrict(d, .empty, negated: negated) } else { hi = min(hi, upper.value - 1) }
            }
            return restrict(d, Self.span(lo, hi), negated: negated)
        case .present(let field, let negated, _):
            if let d = space.dimensionOfField[field] {
                let pair: (true: [Box], false: [Box]) = ([space.box(d, space.dimensions[d].present)],
                                                         space.dimensions[d].canBeMissing ? [space.box(d, .onlyMissing)] : [])
                return negated ? (pair.false, pair.true) : pair
            }
            guard let d = space.atomDimensions[.present(field)] else { return ([space.universe], [space.universe]) }
            return restrict(d, IntervalSet(1...1), negated: negated)
        case .contains, .memberOfField, .compareFields:
            guard let (key, negated) = AtomKey.of(condition), let d = space.atomDimensions[key] else {
                return ([space.universe], [space.universe])
            }
            return restrict(d, IntervalSet(1...1), negated: negated)
        }
    }

    /// The position of a constant on a dimension's axis.
    func ordinal(of value: Value, in d: Int) -> Int64? {
        switch value {
        case .integer(let n): return n
        case .text(let text):
            guard case .categorical(let labels) = space.dimensions[d].kind else { return nil }
            return labels.firstIndex(of: "\"\(text)\"").map(Int64.init)
        }
    }
}
