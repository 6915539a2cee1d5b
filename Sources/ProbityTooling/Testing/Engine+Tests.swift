import Probity

extension Engine {
    /// Runs every `test` block of the scheme, in source order, each exactly as `check` would
    /// evaluate its decision, and records which rules and branches they exercised.
    public func runTests() -> TestRun {
        var runner = TestRunner(engine: self)
        var coverage = TestCoverage(program: program)
        let results = program.tests.map { runner.run($0, coverage: &coverage) }
        return TestRun(results: results, coverage: coverage)
    }
}

/// The results of a scheme's `test` blocks: ``Engine/runTests()``.
public struct TestRun: Sendable {
    public var results: [TestResult]
    public var coverage: TestCoverage

    public var failed: Int { results.filter { !$0.passed }.count }
}
