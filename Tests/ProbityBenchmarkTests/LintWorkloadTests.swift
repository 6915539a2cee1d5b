import ProbityBenchmark
import ProbityEngine
import ProbitySemantics
import ProbitySupport
import XCTest

/// The generated lint workloads check, lint without running out of budget, and every gap and
/// overlap lint finds in them comes with a decision the engine agrees about: many interacting
/// fields, money, dates and optional fields at once.
final class LintWorkloadTests: XCTestCase {
    func lint(_ text: String) throws -> (Program, [LintFinding]) {
        let loaded = RuleLoader.load(text: text)
        let (checked, diagnostics) = Checker.check(loaded)
        let program = try XCTUnwrap(checked, "\(diagnostics.prefix(3).map(\.message))")
        return (program, Linter().lint(program, syntax: loaded.files))
    }

    func testEveryWitnessInAGeneratedInteractingSchemeHolds() throws {
        for seed: UInt64 in [6, 14] {
            let (program, findings) = try lint(LintWorkload.interacting(rules: 250, seed: seed))
            XCTAssertFalse(findings.contains { $0.diagnostic.code == "P0910" })
            let plan = Plan(program: program)
            let decoder = DecisionDecoder(program: program)
            let checked = findings.filter { ["P0901", "P0902"].contains($0.diagnostic.code) }
            XCTAssertFalse(checked.isEmpty, "seed \(seed): the planted gaps and overlaps are found")
            for finding in checked {
                let witness = try XCTUnwrap(finding.witness, finding.diagnostic.message)
                guard case .success(let decision) = decoder.decode(witness) else {
                    XCTFail("seed \(seed): witness does not decode: \(JSONWriter.compact(witness))")
                    continue
                }
                let verdict = plan.decide(decision)
                if finding.diagnostic.code == "P0901" {
                    XCTAssertEqual(verdict.outcome, .noAuthority, "seed \(seed): \(finding.diagnostic.message)")
                } else {
                    XCTAssertTrue(Set(finding.rules).isSubset(of: verdict.matches.fired.map(Int.init)), "seed \(seed): \(finding.diagnostic.message)")
                }
            }
        }
    }

    func testABandedSchemeIsComplete() throws {
        let (_, findings) = try lint(LintWorkload.banded(rules: 400))
        XCTAssertEqual(findings.map(\.diagnostic.code).filter { $0.category == .lint && $0 != .unusedBody }, [])
    }
}
