#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbitySemantics
import ProbitySyntax

/// Times `probity lint` on a rule text: parsing and checking, then the analysis (the decision
/// space, every rule's diagram, every lint rule), each the median of several runs.
public enum LintBenchmark {
    public struct Measurement: Sendable {
        public var name: String
        public var rules = 0
        public var parseAndCheckMilliseconds = 0.0
        /// The analysis alone, median, and every run's time (wall clock).
        public var lintMilliseconds = 0.0
        public var lintRuns: [Double] = []
        /// The analysis alone, median, in CPU time of the thread: on a machine shared with other
        /// work it says what the analysis itself costs, whatever the wall clock did.
        public var lintCPUMilliseconds = 0.0
        /// Findings by code, from the last run.
        public var findings: [String: Int] = [:]
        public var diagramNodes = 0
    }

    /// Lints `loaded` `runs` times; nil when the rules do not check.
    public static func measure(name: String, load: () -> LoadedRules, runs: Int) -> Measurement? {
        var result = Measurement(name: name)
        var checkTimes: [Double] = []
        var cpuTimes: [Double] = []
        for _ in 0..<max(1, runs) {
            let clock = ContinuousClock()
            let start = clock.now
            let loaded = load()
            let (checked, _) = Checker.check(loaded)
            guard let program = checked else { return nil }
            let checkedAt = clock.now
            let cpuStart = threadCPUMilliseconds()
            let space = DecisionSpace(program: program, syntax: loaded.files)
            let findings = Linter().lint(program, space)
            cpuTimes.append(threadCPUMilliseconds() - cpuStart)
            let end = clock.now
            checkTimes.append(milliseconds(checkedAt - start))
            result.lintRuns.append(milliseconds(end - checkedAt))
            result.rules = program.rules.count
            result.findings = findings.reduce(into: [:]) { $0[$1.diagnostic.code.description, default: 0] += 1 }
            result.diagramNodes = space.diagram.nodeCount
        }
        result.parseAndCheckMilliseconds = median(checkTimes)
        result.lintMilliseconds = median(result.lintRuns)
        result.lintCPUMilliseconds = median(cpuTimes)
        return result
    }

    /// CPU time used by this thread so far.
    static func threadCPUMilliseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }

    static func milliseconds(_ d: Swift.Duration) -> Double {
        let (seconds, attoseconds) = d.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
