@testable import ProbitySemantics
import ProbitySyntax
import ProbitySupport
import ProbityTestSupport
import XCTest

/// `Condition.conjuncts` shares a flat `all`'s parts instead of rebuilding them; it must still
/// give what the recursive definition gives for any shape, flat or nested.
final class ConditionConjunctsTests: XCTestCase {
    /// The definition the fast path replaced, word for word.
    private func definition(_ condition: Condition) -> [Condition] {
        if case .all(let parts) = condition { return parts.flatMap { definition($0) } }
        return [condition]
    }

    private func randomCondition(depth: Int, _ random: inout SplitMix64) -> Condition {
        let range = SourceRange(file: FileID(0), start: 0, end: 0)
        let a = Int(random.next() % 5), b = Int(random.next() % 5)
        let leaf: Condition = switch random.next() % 8 {
        case 0: .present(field: a, negated: random.next() % 2 == 0, range)
        case 1: .compareFields(a, .less, b, range)
        case 2: .memberOfField(field: a, setField: b, negated: false, range)
        case 3: .compare(field: a, .less, .integer(Int64(b)), range)
        case 4: .oneOf(field: a, [.integer(Int64(b))], negated: false, range)
        case 5: .interval(field: a, lower: nil, upper: nil, negated: false, range)
        case 6: .contains(setField: a, .integer(Int64(b)), range)
        default: .constant(true)
        }
        guard depth > 0 else { return leaf }
        let count = Int(random.next() % 4)
        let parts = (0..<count).map { _ in randomCondition(depth: depth - 1, &random) }
        switch random.next() % 5 {
        case 0, 1: return .all(parts)
        case 2: return .any(parts)
        case 3: return .not(randomCondition(depth: depth - 1, &random))
        default: return leaf
        }
    }

    /// Seeded: random trees of `all`, `any` and `not`, nested up to four deep.
    func testConjunctsAgreeWithTheRecursiveDefinition() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for _ in 0..<2_000 {
            let condition = randomCondition(depth: Int(random.next() % 5), &random)
            XCTAssertEqual(condition.conjuncts, definition(condition), "seed \(seed): \(condition)")
        }
    }

    /// The fields a condition reads, as `fieldsRead` defined them before it was made from
    /// `forEachFieldRead`, word for word.
    private func fieldsReadDefinition(_ condition: Condition) -> Set<Int> {
        switch condition {
        case .all(let parts), .any(let parts): parts.reduce(into: []) { $0.formUnion(fieldsReadDefinition($1)) }
        case .not(let inner): fieldsReadDefinition(inner)
        case .compare(let f, _, _, _), .oneOf(let f, _, _, _), .interval(let f, _, _, _, _), .present(let f, _, _):
            [f]
        case .compareFields(let a, _, let b, _), .memberOfField(let a, let b, _, _): [a, b]
        case .contains(let f, _, _): [f]
        case .constant: []
        }
    }

    /// Seeded: the fields visited are the fields read, and `fieldsRead` is what it was.
    func testForEachFieldReadVisitsTheFieldsRead() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for _ in 0..<2_000 {
            let condition = randomCondition(depth: Int(random.next() % 5), &random)
            var visited = Set<Int>()
            condition.forEachFieldRead { visited.insert($0) }
            XCTAssertEqual(visited, fieldsReadDefinition(condition), "seed \(seed): \(condition)")
            XCTAssertEqual(condition.fieldsRead, fieldsReadDefinition(condition), "seed \(seed): \(condition)")
        }
    }

    func testAFlatAllGivesItsPartsAndALeafItself() {
        let range = SourceRange(file: FileID(0), start: 0, end: 0)
        let a = Condition.present(field: 1, negated: false, range), b = Condition.constant(true)
        XCTAssertEqual(Condition.all([a, b]).conjuncts, [a, b])
        XCTAssertEqual(Condition.all([a, .all([b, .all([])]), a]).conjuncts, [a, b, a])
        XCTAssertEqual(a.conjuncts, [a])
        XCTAssertEqual(Condition.all([]).conjuncts, [])
    }
}

/// The checker's table of a long enumeration's ordinals against reading the list.
final class EnumerationOrdinalTests: XCTestCase {
    /// Seeded: lists long and short, with repeated values (the first one counts), asked for
    /// values in the list and not, and the same field asked again with another list.
    func testTheTableGivesTheFirstPositionAsTheListDoes() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        var checker = Checker(loaded: RuleLoader.load(text: ""))
        for _ in 0..<300 {
            let field = Int(random.next() % 3)
            let values = (0..<Int(random.next() % 30)).map { _ in "k\(random.next() % 25)" }
            for _ in 0..<10 {
                let text = "k\(random.next() % 30)"
                XCTAssertEqual(checker.enumerationOrdinal(of: text, in: values, field: field), values.firstIndex(of: text), "seed \(seed): \(text) in \(values)")
            }
        }
    }
}
