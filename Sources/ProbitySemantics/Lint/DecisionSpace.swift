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
    /// nil when the rule was not analysed (the budget ran out first).
    public var node: DiagramNode?
    /// The smallest box holding `node`'s decisions: a cheap first test before comparing diagrams.
    public var bounds: Box?
    /// The rule's effective period does not meet the scheme's (or ends before it starts).
    public var periodIsEmpty: Bool
    /// The dimensions the condition reads.
    public var dimensions: Set<Int>
    /// The dimensions the condition tests with `is present` / `is not present`.
    public var presenceTested: Set<Int>
    /// The conditions lint treats as independent atoms, as written.
    public var opaque: [String]

    public var isAnalysed: Bool { node != nil }
    public var isUnreachable: Bool { node == DecisionDiagram.empty }
}

/// The space of all decisions a program can be asked about, as a product of one dimension per
/// field the rules test (and the decision date), and each rule's reach in it as a decision
/// diagram. Each axis is cut into the cells its rules' bounds make (``ValuePartition``), so
/// everything here is exact: money in pence, dates as day numbers, enumerations as ordinals. A
/// comparison of a field with another field, `contains`, and `in` a set-valued field are the
/// only conditions not split into intervals; each becomes a true/false axis of its own (so
/// `a < b` and `not (a < b)` are still exclusive, but `a < b` is not related to `a > £1m`).
///
/// Conditions use three-valued logic: a test of a field the decision leaves out is unknown and
/// a rule fires only when its condition is true. So each condition is converted to the pair
/// (where it is true, where it is false); `not` swaps them, `and` intersects the true parts and
/// unites the false parts, `or` the reverse. "Not given" is a cell of each optional field's
/// axis, in neither part of a test, so a rule that needs a field never covers a decision
/// without it.
///
/// The diagram's levels follow ``displayOrder`` (categories, amounts, atoms, the date), which
/// is also the order regions are read back in.
public struct DecisionSpace: Sendable {
    public var dimensions: [Dimension]
    public var dimensionOfField: [Int: Int]
    /// The axis of the decision date.
    public var dateDimension: Int
    /// One per rule of the program, in order.
    public var regions: [RuleRegion]
    /// Where each rule's clauses are, when the syntax is known.
    public var layout: RuleLayout
    /// Each dimension's cells.
    public var partitions: [ValuePartition]
    /// The dimension each diagram level tests, and the level of each dimension.
    public var dimensionOfLevel: [Int]
    public var levelOfDimension: [Int]
    /// The diagrams of every rule and of every analysis made from them.
    public private(set) var diagram: DecisionDiagram
    /// Which rules analyses could not finish for; shared by the lint rules of one run.
    public let ledger: AnalysisLedger

    var atomDimensions: [AtomKey: Int]

    /// The box of every decision.
    public var universe: Box { Box(dimensions.map(\.full)) }

    public init(program: Program, syntax: [FileSyntax] = [], budget: LintBudget = .standard) {
        var builder = SpaceBuilder(program: program)
        builder.collect()
        dimensions = builder.dimensions
        dimensionOfField = builder.dimensionOfField
        dateDimension = builder.dimensionOfField[Field.dateIndex]!
        atomDimensions = builder.atomDimensions
        layout = RuleLayout(program: program, syntax: syntax)
        // The converter that finds the bounds reads the space itself, so every property has a
        // value first; the partitions and the diagram (which need the bounds) come after.
        regions = []
        partitions = []
        dimensionOfLevel = []
        levelOfDimension = []
        ledger = AnalysisLedger()
        diagram = DecisionDiagram(cellCounts: [], budget: budget)
        dimensionOfLevel = displayOrder
        levelOfDimension = Array(repeating: 0, count: dimensions.count)
        for (level, d) in dimensionOfLevel.enumerated() { levelOfDimension[d] = level }

        // Cut every axis at the bounds the rules test, then build each rule's diagram.
        var tested = [[IntervalSet]](repeating: [], count: dimensions.count)
        let collector = ConditionConverter(space: self, program: program)
        for rule in program.rules {
            tested[dateDimension].append(period(of: rule))
            if let condition = rule.condition { collector.collectTests(condition, into: &tested) }
        }
        partitions = dimensions.indices.map { d in
            ValuePartition(domain: dimensions[d].domain, canBeMissing: dimensions[d].canBeMissing,
                           isOrdered: dimensions[d].isOrdered, tested: tested[d])
        }
        diagram = DecisionDiagram(cellCounts: dimensionOfLevel.map { partitions[$0].count }, budget: budget)
        var regions: [RuleRegion] = []
        regions.reserveCapacity(program.rules.count)
        for (index, rule) in program.rules.enumerated() {
            var region = region(of: rule, program: program)
            if region.node == nil { ledger.notAnalysed(index) }
            if let node = region.node { region.bounds = bounds(of: node) }
            regions.append(region)
        }
        self.regions = regions
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
        var node: DiagramNode? = DecisionDiagram.empty
        if !period.isEmpty {
            node = try? {
                () throws(BudgetExceeded) -> DiagramNode in
                try diagram.checkBudget()
                let inPeriod = try diagramNode(of: box(dateDimension, period))
                guard let condition = rule.condition else { return inPeriod }
                return try diagram.and(converter.truth(condition).true, inPeriod)
            }()
        }
        if let condition = rule.condition { converter.scan(condition) }
        return RuleRegion(node: node, bounds: nil, periodIsEmpty: period.isEmpty, dimensions: converter.read,
                          presenceTested: converter.presence, opaque: converter.opaque)
    }

    /// The truth of a condition on its own (without a rule's period), or nil when the budget
    /// is used up.
    public func truth(of condition: Condition, in program: Program) -> DiagramNode? {
        let converter = ConditionConverter(space: self, program: program)
        return try? converter.truth(condition).true
    }

    /// The diagram of a box. Each of the box's sets must be a union of cells (every set lint
    /// builds is: the partition is cut at every bound a rule or period uses).
    public func diagramNode(of box: Box) throws(BudgetExceeded) -> DiagramNode {
        try diagram.box(ranges: dimensionOfLevel.map { d in
            box.sets[d] == dimensions[d].full ? nil : partitions[d].cellRanges(meeting: box.sets[d])
        })
    }
}

/// The rules an analysis could not finish for because the budget ran out. A class so that
/// every lint rule of one run records into the same ledger.
public final class AnalysisLedger: @unchecked Sendable {
    /// Rule indices, with nothing proved about them (their diagrams, or an analysis using them,
    /// were not finished).
    public private(set) var unanalysed: Set<Int> = []
    /// The analyses (lint codes) that stopped early.
    public private(set) var stoppedChecks: Set<DiagnosticCode> = []

    public init() {}

    public func notAnalysed(_ rule: Int) { unanalysed.insert(rule) }

    public func stopped(_ code: DiagnosticCode, rules: some Sequence<Int>) {
        stoppedChecks.insert(code)
        unanalysed.formUnion(rules)
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


/// Converts a checked condition to the decisions where it is true and where it is false.
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

    /// What one test (a condition that is not `and`, `or`, `not` or a constant) says.
    enum Test {
        /// The test is true for `values` of dimension `d` and false for its other values; unknown
        /// when the field is not given. Swapped when `negated`.
        case values(d: Int, IntervalSet, negated: Bool)
        /// `is present` (`is not present` when negated) of dimension `d`.
        case presence(d: Int, negated: Bool)
        /// A test of nothing lint models: taken as both true and false everywhere.
        case unmodelled
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

    /// Adds the set every test of `condition` splits its axis at, for cutting the axes.
    func collectTests(_ condition: Condition, into tested: inout [[IntervalSet]]) {
        switch condition {
        case .all(let parts), .any(let parts): parts.forEach { collectTests($0, into: &tested) }
        case .not(let inner): collectTests(inner, into: &tested)
        case .constant: break
        default:
            if case .values(let d, let set, _) = test(condition) { tested[d].append(set) }
        }
    }

    /// `lo...hi` as a set, empty when `lo > hi`.
    static func span(_ lo: Int64, _ hi: Int64) -> IntervalSet {
        lo <= hi ? IntervalSet(lo...hi) : .empty
    }

    func test(_ condition: Condition) -> Test {
        switch condition {
        case .all, .any, .not, .constant:
            return .unmodelled
        case .compare(let field, let op, let value, _):
            guard let d = space.dimensionOfField[field] else { return .unmodelled }
            let present = space.dimensions[d].present
            // A string no rule mentions cannot be the value: `= "x"` is never true, `!=` always.
            guard let n = ordinal(of: value, in: d) else { return .values(d: d, op == .notEqual ? present : .empty, negated: false) }
            let lo = space.dimensions[d].domain.lowerBound, hi = space.dimensions[d].domain.upperBound
            switch op {
            case .equal: return .values(d: d, Self.span(max(n, lo), min(n, hi)), negated: false)
            case .notEqual: return .values(d: d, Self.span(max(n, lo), min(n, hi)), negated: true)
            case .less: return .values(d: d, n == .min ? .empty : Self.span(lo, min(n - 1, hi)), negated: false)
            case .lessOrEqual: return .values(d: d, Self.span(lo, min(n, hi)), negated: false)
            case .greater: return .values(d: d, n == .max ? .empty : Self.span(max(n + 1, lo), hi), negated: false)
            case .greaterOrEqual: return .values(d: d, Self.span(max(n, lo), hi), negated: false)
            }
        case .oneOf(let field, let values, let negated, _):
            guard let d = space.dimensionOfField[field] else { return .unmodelled }
            let set = IntervalSet(values.compactMap { ordinal(of: $0, in: d) }.map { $0...$0 }).intersection(space.dimensions[d].present)
            return .values(d: d, set, negated: negated)
        case .interval(let field, let lower, let upper, let negated, _):
            guard let d = space.dimensionOfField[field] else { return .unmodelled }
            let domain = space.dimensions[d].domain
            var lo = domain.lowerBound, hi = domain.upperBound
            if let lower {
                if lower.isClosed { lo = max(lo, lower.value) } else if lower.value == .max { return .values(d: d, .empty, negated: negated) } else { lo = max(lo, lower.value + 1) }
            }
            if let upper {
                if upper.isClosed { hi = min(hi, upper.value) } else if upper.value == .min { return .values(d: d, .empty, negated: negated) } else { hi = min(hi, upper.value - 1) }
            }
            return .values(d: d, Self.span(lo, hi), negated: negated)
        case .present(let field, let negated, _):
            if let d = space.dimensionOfField[field] { return .presence(d: d, negated: negated) }
            guard let d = space.atomDimensions[.present(field)] else { return .unmodelled }
            return .values(d: d, IntervalSet(1...1), negated: negated)
        case .contains, .memberOfField, .compareFields:
            guard let (key, negated) = AtomKey.of(condition), let d = space.atomDimensions[key] else { return .unmodelled }
            return .values(d: d, IntervalSet(1...1), negated: negated)
        }
    }

    func truth(_ condition: Condition) throws(BudgetExceeded) -> (true: DiagramNode, false: DiagramNode) {
        let diagram = space.diagram
        switch condition {
        case .constant(let flag):
            return flag ? (DecisionDiagram.all, DecisionDiagram.empty) : (DecisionDiagram.empty, DecisionDiagram.all)
        case .not(let inner):
            let (t, f) = try truth(inner)
            return (f, t)
        case .all(let parts):
            var t = DecisionDiagram.all, f = DecisionDiagram.empty
            for part in parts {
                let (pt, pf) = try truth(part)
                t = try diagram.and(t, pt)
                f = try diagram.or(f, pf)
            }
            return (t, f)
        case .any(let parts):
            var t = DecisionDiagram.empty, f = DecisionDiagram.all
            for part in parts {
                let (pt, pf) = try truth(part)
                t = try diagram.or(t, pt)
                f = try diagram.and(f, pf)
            }
            return (t, f)
        default:
            switch test(condition) {
            case .unmodelled:
                return (DecisionDiagram.all, DecisionDiagram.all)
            case .values(let d, let set, let negated):
                let present = space.dimensions[d].present
                let t = set.intersection(present), f = present.subtracting(t)
                let pair = (try restriction(d, t), try restriction(d, f))
                return negated ? (pair.1, pair.0) : pair
            case .presence(let d, let negated):
                let pair = (try restriction(d, space.dimensions[d].present),
                            space.dimensions[d].canBeMissing ? try restriction(d, .onlyMissing) : DecisionDiagram.empty)
                return negated ? (pair.1, pair.0) : pair
            }
        }
    }

    func restriction(_ d: Int, _ set: IntervalSet) throws(BudgetExceeded) -> DiagramNode {
        if set.isEmpty { return DecisionDiagram.empty }
        return try space.diagram.restriction(level: space.levelOfDimension[d], cellRanges: space.partitions[d].cellRanges(meeting: set))
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
