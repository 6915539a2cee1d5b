import Foundation
import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest

/// Lint and the engine can never disagree: every gap lint reports comes with a decision the plan
/// answers `no-authority`, every overlap with a decision both rules fire on, and on random
/// schemes over small domains lint's gaps, overlaps, dead and shadowed rules are exactly what
/// evaluating every decision finds.
final class LintAgreesWithEvaluationTests: XCTestCase {
    // MARK: - Witnesses

    /// Checks each gap's and overlap's witness through the plan; returns how many were checked.
    @discardableResult
    func assertWitnessesHold(_ program: Program, _ findings: [LintFinding], context: String,
                             file: StaticString = #filePath, line: UInt = #line) -> Int {
        let plan = Plan(program: program)
        let decoder = DecisionDecoder(program: program)
        var checked = 0
        for finding in findings where ["P0901", "P0902"].contains(finding.diagnostic.code) {
            guard let witness = finding.witness else {
                XCTFail("\(context): no witness for \(finding.diagnostic.message)", file: file, line: line)
                continue
            }
            let text = JSONWriter.compact(witness)
            guard case .success(let decision) = decoder.decode(witness) else {
                XCTFail("\(context): witness does not decode: \(text)", file: file, line: line)
                continue
            }
            let verdict = plan.decide(decision)
            if finding.diagnostic.code == "P0901" {
                XCTAssertEqual(verdict.outcome, .noAuthority, "\(context): \(finding.diagnostic.message): \(text)", file: file, line: line)
            } else {
                let fired = Set(verdict.matches.fired.map(Int.init))
                XCTAssertTrue(Set(finding.rules).isSubset(of: fired), "\(context): \(finding.diagnostic.message): \(text) fires \(fired)", file: file, line: line)
            }
            checked += 1
        }
        return checked
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    func testEveryWitnessOfTheShippedRulesAndThePlantedCasesHolds() throws {
        let paths = ["Rules", "Tests/ProbityCLITests/Cases/lint-planted/rules.probity"]
        var checked = 0
        for path in paths {
            let loaded = RuleLoader.load(path: Self.repository.appendingPathComponent(path).path)
            let (program, diagnostics) = Checker.check(loaded)
            let checkedProgram = try XCTUnwrap(program, "\(path): \(diagnostics.map(\.message))")
            let findings = Linter().lint(checkedProgram, syntax: loaded.files)
            checked += assertWitnessesHold(checkedProgram, findings, context: path)
        }
        // The shipped rules have their accepted gaps; the planted file a gap and an overlap.
        XCTAssertGreaterThan(checked, 10)
    }

    // MARK: - Differential: lint against every decision

    /// The values a random scheme's decisions take: enumerations, money at and either side of
    /// the generator's only bounds (£1, £2, £3), and four days.
    struct Domain {
        static let enumerations: [(name: String, values: [String], required: Bool)] = [
            ("kind", ["k0", "k1"], true),
            ("f1", ["a", "b", "c"], false),
            ("f2", ["a", "b"], true),
            ("f3", ["x", "y", "z"], false),
        ]
        static let pence: [Int64] = [0, 99, 100, 101, 199, 200, 201, 299, 300, 301, 1_000_000]
        static let firstDay = Day(year: 2024, month: 1, day: 1)!.number
        static let days = 4
    }

    /// A random condition of depth at most `depth` over the domain.
    func randomCondition(_ random: inout SplitMix64, depth: Int) -> String {
        let choice = Int.random(in: 0..<(depth > 0 ? 12 : 9), using: &random)
        let pick = { (values: [String], random: inout SplitMix64) in values[Int.random(in: 0..<values.count, using: &random)] }
        switch choice {
        case 0: return "kind = \(pick(["k0", "k1"], &random))"
        case 1: return "f1 = \(pick(["a", "b", "c"], &random))"
        case 2: return "f1 in {\(pick(["a", "b"], &random)), c}"
        case 3: return "f2 != \(pick(["a", "b"], &random))"
        case 4: return "f3 \(pick(["is present", "is not present"], &random))"
        case 5: return "f3 not in {\(pick(["x", "y"], &random))}"
        case 6: return "value \(pick([">", "<=", ">=", "<"], &random)) £\(Int.random(in: 1...3, using: &random))"
        case 7: return "value in (£\(Int.random(in: 1...2, using: &random)) .. £3]"
        case 8: return "kind = \(pick(["k0", "k1"], &random)) and f2 = \(pick(["a", "b"], &random))"
        case 9: return "not (\(randomCondition(&random, depth: depth - 1)))"
        case 10: return "(\(randomCondition(&random, depth: depth - 1)) and \(randomCondition(&random, depth: depth - 1)))"
        default: return "(\(randomCondition(&random, depth: depth - 1)) or \(randomCondition(&random, depth: depth - 1)))"
        }
    }

    func randomScheme(_ random: inout SplitMix64) -> String {
        var text = "scheme \"Random\" version \"1\" effective from 2024-01-01 until 2024-01-04\nfields\n"
        for field in Domain.enumerations {
            text += "  \(field.required ? "required " : "")\(field.name): one of \(field.values.joined(separator: ", "))\n"
        }
        text += "  value: money\nbody b0 \"B0\"\nbody b1 \"B1\"\n  committee of b0\nbody b2 \"B2\"\n  committee of b0\n"
        for index in 0..<Int.random(in: 2...7, using: &random) {
            text += "rule R\(index) \"rule \(index)\"\n"
            switch Int.random(in: 0..<4, using: &random) {
            case 0: text += "  effective from 2024-01-0\(Int.random(in: 2...4, using: &random))\n"
            case 1: text += "  effective until 2024-01-0\(Int.random(in: 1...3, using: &random))\n"
            default: break
            }
            if Int.random(in: 0..<6, using: &random) > 0 { text += "  when \(randomCondition(&random, depth: 2))\n" }
            if Int.random(in: 0..<5, using: &random) == 0 {
                text += "  require recommendation by b\(Int.random(in: 0...2, using: &random))\n"
            } else {
                text += "  require approval by b\(Int.random(in: 0...2, using: &random))\n"
            }
        }
        return text
    }

    /// One decision of the domain: a value (ordinal or pence) or nil (left out) per field.
    struct Point {
        var values: [String: Int64?]
        var day: Int32
    }

    func allPoints() -> [Point] {
        var points = [Point(values: [:], day: 0)]
        for field in Domain.enumerations {
            let options: [Int64?] = field.values.indices.map { Int64($0) } + (field.required ? [] : [nil])
            points = points.flatMap { p in options.map { v in var q = p; q.values[field.name] = v; return q } }
        }
        points = points.flatMap { p in (Domain.pence.map { Optional($0) } + [nil]).map { v in var q = p; q.values["value"] = v; return q } }
        return points.flatMap { p in (0..<Domain.days).map { d in var q = p; q.day = Domain.firstDay + Int32(d); return q } }
    }

    func json(_ point: Point) -> String {
        var members = [#""id":"p""#, #""date":"\#(Day(number: point.day).iso)""#]
        for field in Domain.enumerations {
            if let v = point.values[field.name] ?? nil { members.append(#""\#(field.name)":"\#(field.values[Int(v)])""#) }
        }
        if let v = point.values["value"] ?? nil { members.append(#""value":"\#(Money(pence: v).description)""#) }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Whether a point lies in a box of the space.
    func contains(_ box: Box, _ point: Point, _ space: DecisionSpace, _ program: Program) -> Bool {
        for (f, d) in space.dimensionOfField {
            let set = box.sets[d]
            if f == Field.dateIndex {
                if !set.contains(Int64(point.day)) { return false }
                continue
            }
            let value = point.values[program.fields[f].name] ?? nil
            if let value { if !set.contains(value) { return false } } else if !set.missing { return false }
        }
        return true
    }

    /// The split lint uses, worked out independently: the enumeration read by most approving
    /// rules, `kind` on a tie, then the first declared.
    func split(_ program: Program, approving: [Int]) -> Int? {
        var best: (count: Int, isKind: Bool, field: Int)?
        for (f, field) in program.fields.enumerated() {
            guard case .enumeration = field.type else { continue }
            let count = approving.filter { program.rules[$0].condition?.fieldsRead.contains(f) ?? false }.count
            guard count > 0 else { continue }
            let isKind = field.name == "kind"
            if best == nil || (count, isKind ? 1 : 0, -f) > (best!.count, best!.isKind ? 1 : 0, -best!.field) { best = (count, isKind, f) }
        }
        return best?.field
    }

    /// Fields a condition tests with `is present` / `is not present`.
    func presenceTested(_ condition: Condition?) -> Set<Int> {
        switch condition {
        case .all(let parts)?, .any(let parts)?: return parts.reduce(into: []) { $0.formUnion(presenceTested($1)) }
        case .not(let inner)?: return presenceTested(inner)
        case .present(let f, _, _)?: return [f]
        default: return []
        }
    }

    func testLintsGapsAndOverlapsEqualEvaluatingEveryDecision() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let points = allPoints()
        // So that the comparison is never vacuous: gaps and overlaps were found, and not everywhere.
        var gapPoints = 0, overlapPoints = 0, checkedPoints = 0, deadRules = 0, shadowedRules = 0
        for scheme in 0..<25 {
            let text = randomScheme(&random)
            let context = "seed \(seed), scheme \(scheme):\n\(text)"
            let (checked, diagnostics) = Checker.check(RuleLoader.load(text: text))
            guard let program = checked else { XCTFail("\(context)\n\(diagnostics.map(\.message))"); continue }
            let plan = Plan(program: program)
            let decoder = DecisionDecoder(program: program)
            let fired: [Set<Int>] = try points.map { point in
                guard case .success(let decision) = decoder.decode(json: Array(json(point).utf8)) else { throw XCTSkip("undecodable \(json(point))") }
                return Set(plan.match(decision).fired.map(Int.init))
            }
            let space = DecisionSpace(program: program)
            let findings = Linter(rules: [GapRule(limit: .max), OverlapRule(), UnreachableRule(), ShadowedRule(), IncompleteAnalysisRule()])
                .lint(program, space)
            XCTAssertFalse(findings.contains { $0.diagnostic.code == "P0910" }, context)
            assertWitnessesHold(program, findings, context: context)

            let approving = program.rules.indices.filter { !program.rules[$0].approvals.isEmpty }
            // Gaps, by brute force.
            var expectedGaps = Set<Int>()
            if !approving.isEmpty {
                let splitField = split(program, approving: approving)
                let groups: [[Int]] = splitField.map { f in
                    let name = program.fields[f].name
                    return (0..<Int64(Domain.enumerations.first { $0.name == name }!.values.count)).map { v in
                        points.indices.filter { (points[$0].values[name] ?? nil) == v }
                    }
                } ?? [Array(points.indices)]
                for group in groups {
                    let relevant = approving.filter { rule in group.contains { fired[$0].contains(rule) } }
                    if relevant.isEmpty {
                        if splitField != nil { expectedGaps.formUnion(group) }
                        continue
                    }
                    var tested = relevant.reduce(into: Set<Int>()) { $0.formUnion(program.rules[$1].condition?.fieldsRead ?? []) }
                    if let splitField { tested.remove(splitField) }
                    let mayBeMissing = relevant.reduce(into: Set<Int>()) { $0.formUnion(presenceTested(program.rules[$1].condition)) }
                    for index in group where fired[index].isDisjoint(with: approving) {
                        let complete = tested.allSatisfy { f in
                            f == Field.dateIndex || mayBeMissing.contains(f) || (points[index].values[program.fields[f].name] ?? nil) != nil
                        }
                        if complete { expectedGaps.insert(index) }
                    }
                }
            }
            let gapRegions = findings.filter { $0.diagnostic.code == "P0901" }.flatMap(\.regions)
            let linted = Set(points.indices.filter { i in gapRegions.contains { contains($0, points[i], space, program) } })
            // One region, one finding: no two gaps of a kind could be read as one box (differing
            // in one category, or in adjoining runs of an amount or date).
            let splitDimension = split(program, approving: approving).flatMap { space.dimensionOfField[$0] }
            for (x, a) in gapRegions.enumerated() {
                for b in gapRegions[(x + 1)...] {
                    let differing = a.sets.indices.filter { a.sets[$0] != b.sets[$0] }
                    guard differing.count == 1, let d = differing.first, d != splitDimension else { continue }
                    let union = a.sets[d].union(b.sets[d])
                    let isOrdered = space.dimensions[d].isOrdered
                    XCTAssertFalse(!isOrdered || union.intervals.count == 1,
                                   "two gap findings are one region: \(space.describe(a, within: space.universe, program: program)) and \(space.describe(b, within: space.universe, program: program)): \(context)")
                }
            }
            gapPoints += expectedGaps.count
            checkedPoints += points.count
            XCTAssertEqual(linted.subtracting(expectedGaps).map { json(points[$0]) }.sorted().prefix(3), [], "lint reports as gaps: \(context)")
            XCTAssertEqual(expectedGaps.subtracting(linted).map { json(points[$0]) }.sorted().prefix(3), [], "lint misses gaps: \(context)")

            // Overlaps, pair by pair.
            for (position, j) in approving.enumerated() {
                for i in approving[..<position] where Set(program.rules[i].approvals) != Set(program.rules[j].approvals) {
                    let both = Set(points.indices.filter { fired[$0].contains(i) && fired[$0].contains(j) })
                    let finding = findings.first { $0.diagnostic.code == "P0902" && $0.rules == [j, i] }
                    let regions = finding?.regions ?? []
                    let linted = Set(points.indices.filter { p in regions.contains { contains($0, points[p], space, program) } })
                    XCTAssertEqual(linted, both, "overlap of R\(i) and R\(j): \(context)")
                    overlapPoints += both.count
                }
            }

            // Dead rules: those no decision fires. Shadowed rules: those another rule requiring
            // at least as much fires on whenever they fire (of two identical rules, the later).
            let firedBy = program.rules.indices.map { rule in Set(points.indices.filter { fired[$0].contains(rule) }) }
            let dead = Set(program.rules.indices.filter { firedBy[$0].isEmpty })
            XCTAssertEqual(Set(findings.filter { $0.diagnostic.code == "P0903" }.flatMap(\.rules)), dead, "dead rules: \(context)")
            deadRules += dead.count
            func requires(_ rule: Int) -> Set<String> {
                Set(program.rules[rule].approvals.map { "a\($0)" } + program.rules[rule].recommendations.map { "r\($0)" })
            }
            let shadowed = Set(program.rules.indices.filter { a in
                !firedBy[a].isEmpty && program.rules.indices.contains { b in
                    b != a && requires(a).isSubset(of: requires(b)) && firedBy[a].isSubset(of: firedBy[b])
                        && !(b > a && requires(b) == requires(a) && firedBy[b] == firedBy[a])
                }
            })
            XCTAssertEqual(Set(findings.filter { $0.diagnostic.code == "P0904" }.flatMap(\.rules)), shadowed, "shadowed rules: \(context)")
            shadowedRules += shadowed.count
        }
        print("LintAgreesWithEvaluationTests: \(checkedPoints) decisions, \(gapPoints) in gaps, \(overlapPoints) in overlaps, \(deadRules) dead and \(shadowedRules) shadowed rules")
        XCTAssertGreaterThan(gapPoints, 0)
        XCTAssertLessThan(gapPoints, checkedPoints)
        XCTAssertGreaterThan(overlapPoints, 0)
    }
}
