import Foundation
import ProbityBenchmark
import ProbitySemantics
import ProbitySupport

/// `probity bench --workload lint [--rules-scale N] [--seed S] [--runs R]`: times `probity
/// lint` on generated schemes (interacting fields, random rules with catch-alls, value bands,
/// each at growing sizes) and on the shipped rules, each the median of R runs (default 5). With `--write DIR`
/// it writes the two largest generated schemes there instead, for `probity lint` or other tools.
enum LintBench {
    static func run(rulesScale: Int, seed: UInt64, runs: Int, format: ReportFormat, writeTo directory: String?,
                    log: (String) -> Void) -> ExitCode {
        if let directory {
            let files = [("interacting-\(2000 * rulesScale).probity", LintWorkload.interacting(rules: 2000 * rulesScale, seed: seed)),
                         ("random-\(2000 * rulesScale).probity", LintWorkload.random(rules: 2000 * rulesScale, seed: seed)),
                         ("random-overlapping-\(500 * rulesScale).probity", LintWorkload.random(rules: 500 * rulesScale, seed: seed, approvers: 6)),
                         ("banded-\(8000 * rulesScale).probity", LintWorkload.banded(rules: 8000 * rulesScale))]
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name)) }
            } catch {
                Output.error("error: cannot write the lint workloads to `\(directory)`: \(error)\n")
                return .badInput
            }
            Output.write("wrote \(files.map { directory + "/" + $0.0 }.joined(separator: ", "))\nrun: probity lint \(directory)/\(files[0].0)\n")
            return .success
        }
        var results: [LintBenchmark.Measurement] = []
        func measure(_ name: String, _ load: () -> LoadedRules) -> Bool {
            log("linting \(name) (\(runs) runs) …")
            guard let result = LintBenchmark.measure(name: name, load: load, runs: runs) else {
                Output.error("error: the \(name) rules do not check\n")
                return false
            }
            results.append(result)
            return true
        }
        for size in [250, 500, 1000, 2000].map({ $0 * rulesScale }) {
            let text = LintWorkload.interacting(rules: size, seed: seed)
            guard measure("interacting-\(size)", { RuleLoader.load(text: text) }) else { return .failure }
        }
        for size in [500, 1000, 2000].map({ $0 * rulesScale }) {
            let text = LintWorkload.random(rules: size, seed: seed)
            guard measure("random-\(size)", { RuleLoader.load(text: text) }) else { return .failure }
        }
        for size in [500, 1000, 2000, 4000, 8000].map({ $0 * rulesScale }) {
            let text = LintWorkload.banded(rules: size)
            guard measure("banded-\(size)", { RuleLoader.load(text: text) }) else { return .failure }
        }
        if let bundled = RuleSet.bundledPath {
            guard measure("shipped", { RuleLoader.load(path: bundled, displayPath: "Rules") }) else { return .failure }
        }
        switch format {
        case .text: Output.write(text(results))
        case .json: Output.write(JSONWriter.pretty(json(results)) + "\n")
        }
        return .success
    }

    static func text(_ results: [LintBenchmark.Measurement]) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        var out = "lint workloads (medians):\n"
        for r in results {
            let findings = r.findings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += "  \(r.name): \(r.rules) rules; parse + check \(f(r.parseAndCheckMilliseconds)) ms; lint \(f(r.lintMilliseconds)) ms, CPU \(f(r.lintCPUMilliseconds)) ms"
            out += " (\(f(r.lintCPUMilliseconds * 1000 / Double(max(1, r.rules)))) µs CPU/rule; runs \(r.lintRuns.map(f).joined(separator: ", "))); \(r.diagramNodes) diagram nodes; findings \(findings.isEmpty ? "none" : findings)\n"
        }
        return out
    }

    static func json(_ results: [LintBenchmark.Measurement]) -> JSONValue {
        func n(_ x: Double) -> JSONValue { .number(String(format: "%.3f", x)) }
        return .object([
            ("format", .string("probity.bench-lint/1")),
            ("workloads", .array(results.map { r in
                .object([
                    ("name", .string(r.name)),
                    ("rules", .integer(r.rules)),
                    ("parse_check_ms", n(r.parseAndCheckMilliseconds)),
                    ("lint_ms", n(r.lintMilliseconds)),
                    ("lint_runs_ms", .array(r.lintRuns.map(n))),
                    ("lint_cpu_ms", n(r.lintCPUMilliseconds)),
                    ("diagram_nodes", .integer(r.diagramNodes)),
                    ("findings", .object(r.findings.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
                ])
            })),
        ])
    }
}
