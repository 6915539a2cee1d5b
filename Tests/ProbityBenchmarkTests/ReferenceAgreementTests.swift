import ProbityBenchmark
import XCTest

/// The engine against the independent reference evaluator on a small generated workload:
/// every answer (approvers, procedures, each member's recusal level) must agree. No timing.
final class ReferenceAgreementTests: XCTestCase {
    func testEngineAgreesWithReferenceOnGeneratedWorkload() {
        var config = WorkloadConfig()
        config.seed = 42
        config.decisions = 3_000
        config.kinds = 6
        config.organisations = 150
        config.people = 400
        config.interests = 2_000
        config.committee = 15
        let result = Benchmark.run(config, threads: 1, timing: false) { _ in }
        XCTAssertEqual(result.decisions, 3_000)
        XCTAssertEqual(result.checked, 6_000)
        XCTAssertEqual(result.mismatches, 0, result.mismatchExamples.joined(separator: "\n"))
        // The workload exercises what it should: recusals and decisions without authority occur.
        XCTAssertGreaterThan(result.recusals, 0)
        XCTAssertGreaterThan(result.outcomes["no-authority", default: 0], 0)
    }

    func testGenerationIsDeterministic() {
        var config = WorkloadConfig()
        config.decisions = 50
        config.people = 100
        config.interests = 300
        let a = Workload(config), b = Workload(config)
        XCTAssertEqual(a.rulesText(), b.rulesText())
        XCTAssertEqual(a.registerCSV(), b.registerCSV())
        XCTAssertEqual((0..<50).map { a.decisionJSON($0, meeting: true) }, (0..<50).map { b.decisionJSON($0, meeting: true) })
    }

    func testCivilDaysRoundTrip() {
        for day in stride(from: Workload.day(1999, 12, 25), through: Workload.day(2030, 3, 1), by: 17) {
            let (y, m, d) = Workload.civil(day)
            XCTAssertEqual(Workload.day(y, m, d), day)
        }
        XCTAssertEqual(Workload.day(1970, 1, 1), 0)
        XCTAssertEqual(Workload.day(2024, 3, 1) - Workload.day(2024, 2, 28), 2)
    }
}
