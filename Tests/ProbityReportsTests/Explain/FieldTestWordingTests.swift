@testable import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// The pieces a near miss is worded from, joined without interpolation, against the
/// interpolated definition they replaced (kept here word for word).
final class FieldTestWordingTests: XCTestCase {
    private struct Pieces: Equatable {
        var field: Int, notGiven: String, lead: String, showsValue: Bool, whenHolds: String, whenFails: String
    }

    private func definition(_ condition: Condition, _ program: Program) -> Pieces? {
        func membership(negated: Bool, _ place: String) -> (String, String) {
            negated ? (", not \(place)", ", \(place)") : (", \(place)", ", not \(place)")
        }
        switch condition {
        case .compare(let field, let op, let value, _):
            let name = program.fields[field].name
            let expected = program.describe(value, as: program.fields[field].type)
            let (holds, fails) = op == .equal ? ("", ", not \(expected)") : (", \(op.words) \(expected)", ", not \(op.words) \(expected)")
            return Pieces(field: field, notGiven: "`\(name)` is not given", lead: "`\(name)` is ", showsValue: true, whenHolds: holds, whenFails: fails)
        case .oneOf(let field, let members, let negated, _):
            let name = program.fields[field].name
            let listed = members.map { program.describe($0, as: program.fields[field].type) }.joined(separator: ", ")
            let (holds, fails) = membership(negated: negated, "one of \(listed)")
            return Pieces(field: field, notGiven: "`\(name)` is not given", lead: "`\(name)` is ", showsValue: true, whenHolds: holds, whenFails: fails)
        case .interval(let field, let lower, let upper, let negated, _):
            let name = program.fields[field].name
            let type = program.fields[field].type
            let interval = (lower.map { ($0.isClosed ? "[" : "(") + program.describe(.integer($0.value), as: type) } ?? "(")
                + " .. " + (upper.map { program.describe(.integer($0.value), as: type) + ($0.isClosed ? "]" : ")") } ?? ")")
            let (holds, fails) = membership(negated: negated, "in \(interval)")
            return Pieces(field: field, notGiven: "`\(name)` is not given", lead: "`\(name)` is ", showsValue: true, whenHolds: holds, whenFails: fails)
        case .contains(let setField, let value, _):
            let name = program.fields[setField].name
            let described = program.describe(value, as: program.fields[setField].type)
            return Pieces(field: setField, notGiven: "`\(name)` is not given", lead: "", showsValue: false,
                          whenHolds: "`\(name)` includes \(described)", whenFails: "`\(name)` does not include \(described)")
        default:
            return nil
        }
    }

    /// Seeded: comparisons, intervals (open, closed, unbounded, negated) and lists over the
    /// tiered scheme's money and enumeration fields.
    func testPiecesAgreeWithTheInterpolatedDefinition() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let program = try XCTUnwrap(makePlan(tieredScheme)).program
        let range = SourceRange(file: FileID(0), start: 0, end: 0)
        let money = try XCTUnwrap(program.fieldIndex["value"]), kind = try XCTUnwrap(program.fieldIndex["kind"])
        let operators: [ComparisonOperator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        for _ in 0..<2_000 {
            let pence = Int64(random.next() % 200_000_000)
            let bound = { (random: inout SplitMix64) -> Bound? in
                random.next() % 4 == 0 ? nil : Bound(value: Int64(random.next() % 200_000_000), isClosed: random.next() % 2 == 0)
            }
            let condition: Condition
            switch random.next() % 5 {
            case 0: condition = .compare(field: money, operators[Int(random.next() % 6)], .integer(pence), range)
            case 1: condition = .compare(field: kind, .equal, .integer(Int64(random.next() % 4)), range)
            case 2: condition = .interval(field: money, lower: bound(&random), upper: bound(&random), negated: random.next() % 2 == 0, range)
            case 3: condition = .oneOf(field: kind, (0..<Int(random.next() % 4)).map { _ in .integer(Int64(random.next() % 4)) }, negated: random.next() % 2 == 0, range)
            default: condition = .present(field: money, negated: false, range)
            }
            let made = FieldTestWording(condition, program: program).map {
                Pieces(field: $0.field, notGiven: $0.notGiven, lead: $0.lead, showsValue: $0.showsValue, whenHolds: $0.whenHolds, whenFails: $0.whenFails)
            }
            XCTAssertEqual(made, definition(condition, program), "seed \(seed): \(condition)")
        }
    }
}
