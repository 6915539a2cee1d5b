import Foundation
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityEngine
import ProbityReports

/// One evaluator, traced or not: for random decisions over the shipped rules, the traced
/// evaluation of every rule gives the untraced truth, and the explanation's verdicts are
/// `Plan.decide`'s. Seeded; the seed is printed (replay with `PROBITY_TEST_SEED`).
final class TracedEvaluationPropertyTests: XCTestCase {
    private static var root: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    /// Every integer a rule compares with, and its neighbours: random values then fall on both
    /// sides of every bound.
    private static func boundaries(_ program: Program) -> [Int64] {
        var found: Set<Int64> = [0, 1]
        func visit(_ condition: Condition) {
            switch condition {
            case .all(let parts), .any(let parts): parts.forEach(visit)
            case .not(let inner): visit(inner)
            case .compare(_, _, .integer(let n), _), .contains(_, .integer(let n), _): found.formUnion([n &- 1, n, n &+ 1])
            case .oneOf(_, let members, _, _):
                for case .integer(let n) in members { found.insert(n) }
            case .interval(_, let lower, let upper, _, _):
                for bound in [lower, upper].compactMap({ $0 }) { found.formUnion([bound.value &- 1, bound.value, bound.value &+ 1]) }
            default: break
            }
        }
        for rule in program.rules {
            rule.condition.map(visit)
            for day in [rule.effectiveFrom, rule.effectiveUntil].compactMap({ $0 }) { found.formUnion([Int64(day) - 1, Int64(day), Int64(day) + 1]) }
        }
        return found.sorted()
    }

    private static func randomDecision(_ program: Program, _ g: inout SplitMix64, boundaries: [Int64], dates: [Int32]) -> Decision {
        func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(g.next() % UInt64(n)) }
        func ordinal(_ type: FieldType) -> Int64 {
            switch type {
            case .enumeration(let values): Int64(below(values.count))
            case .body: Int64(below(program.bodies.count))
            case .organisation: below(8) == 0 ? Decision.unknownOrganisation : Int64(below(program.organisations.count))
            default: boundaries[below(boundaries.count)]
            }
        }
        var decision = Decision(fieldCount: program.fields.count)
        decision.id = "random"
        decision.date = dates[below(dates.count)]
        for (index, field) in program.fields.enumerated() where below(6) != 0 {
            decision.isPresent[index] = true
            switch field.type {
            case .text:
                decision.texts[index] = ["", "fast", "slow", "other"][below(4)]
            case .set(let element):
                decision.sets[index] = Array(Set((0..<below(4)).map { _ in ordinal(element) })).sorted()
            case .organisation:
                decision.scalars[index] = ordinal(field.type)
                if decision.scalars[index] == Decision.unknownOrganisation { decision.texts[index] = "Nobody Declared Ltd" }
            default:
                decision.scalars[index] = ordinal(field.type)
            }
        }
        return decision
    }

    func testTracedEvaluationAndTheExplanationAgreeWithTheUntracedPlanOnTheShippedRules() throws {
        let (seed, generator) = TestSeed.generator()
        var g = generator
        let (checked, _, _) = Checker.check(path: Self.root.appendingPathComponent("Rules").path)
        let program = try XCTUnwrap(checked, "the shipped rules do not check")
        let plan = Plan(program: program)
        let explainer = Explainer(plan: plan)
        let boundaries = Self.boundaries(program)
        let dates = boundaries.filter { $0 > 18_000 && $0 < 22_000 }.map { Int32($0) } + [19_000, 19_500, 20_000, 20_500]
        var fired = 0, undecided = 0
        for _ in 0..<400 {
            let decision = Self.randomDecision(program, &g, boundaries: boundaries, dates: dates)
            for rule in program.rules.indices {
                let (truth, trace) = plan.trace(rule: rule, decision)
                XCTAssertEqual(truth, plan.truth(ofRule: rule, decision), "seed \(seed): rule \(program.rules[rule].id)")
                if plan.roots[rule] >= 0 { XCTAssertEqual(trace.events.last?.truth, truth, "seed \(seed): the root is reported last") }
            }
            let verdict = plan.decide(decision)
            let explanation = explainer.explain(decision)
            let ids = { (rules: [Int32]) in rules.map { program.rules[Int($0)].id } }
            XCTAssertEqual(explanation.rules(.fired).map(\.rule.id), ids(verdict.matches.fired), "seed \(seed)")
            XCTAssertEqual(explanation.rules(.undecided).map(\.rule.id), ids(verdict.matches.undecided), "seed \(seed)")
            XCTAssertEqual(explanation.report.outcome, verdict.outcome, "seed \(seed)")
            fired += verdict.matches.fired.count
            undecided += verdict.matches.undecided.count
            if testRun?.failureCount ?? 0 > 0 { return }
        }
        // The decisions reach the rules: some fire, some are undecided.
        XCTAssertGreaterThan(fired, 50, "seed \(seed)")
        XCTAssertGreaterThan(undecided, 50, "seed \(seed)")
    }

    /// A near miss's reason worded from the pieces made once per rule (``FieldTestWording``)
    /// is the reason worded from a trace of the rule, word for word, on random decisions over
    /// the shipped rules: fields missing, unknown organisations, sets, text and bounds on both
    /// sides.
    func testNearMissReasonsFromPiecesAreThoseWordedFromATrace() throws {
        let (seed, generator) = TestSeed.generator()
        var g = generator
        let (checked, _, _) = Checker.check(path: Self.root.appendingPathComponent("Rules").path)
        let program = try XCTUnwrap(checked, "the shipped rules do not check")
        let builder = ReportBuilder(plan: Plan(program: program))
        let boundaries = Self.boundaries(program)
        let dates = boundaries.filter { $0 > 18_000 && $0 < 22_000 }.map { Int32($0) } + [19_000, 19_500, 20_000, 20_500]
        var compared = 0
        for _ in 0..<400 {
            let decision = Self.randomDecision(program, &g, boundaries: boundaries, dates: dates)
            let fromPieces = builder.nearMisses(decision, fromIndex: false)
            let fromTrace = builder.nearMisses(decision, fromIndex: false, wordedFromTrace: true)
            XCTAssertEqual(fromPieces.map(\.rule.id), fromTrace.map(\.rule.id), "seed \(seed)")
            XCTAssertEqual(fromPieces.map(\.reason), fromTrace.map(\.reason), "seed \(seed)")
            compared += fromPieces.count
            if testRun?.failureCount ?? 0 > 0 { return }
        }
        XCTAssertGreaterThan(compared, 1_000, "seed \(seed)")
    }
}
