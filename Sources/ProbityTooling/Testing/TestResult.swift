/// The result of one `test` block.
public struct TestResult: Sendable {
    public var title: String
    /// `file:line` of the test.
    public var location: String
    /// Each expectation that did not hold, as a sentence with expected and actual.
    public var failures: [String]

    public var passed: Bool { failures.isEmpty }
}
