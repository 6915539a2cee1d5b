import Dispatch
import Foundation
import ProbityBenchmark
import ProbitySupport

/// `probity bench`: generates the workload of issue #6 from a seed, runs it (and the shipped
/// rules with the example register) through the engine, checks every generated answer against
/// an independent reference, and prints the timings. `--write DIR` writes the generated workload
/// as files for `probity check --batch` and for other engines.
enum BenchCommand {
    static let valued: Set<String> = ["decisions", "threads", "format", "write", "seed", "rules-scale", "register-scale",
                                      "committee", "workload", "examples", "runs", "hand-written"]

    /// The most decisions a benchmark generates: 10,000,000 (about 2 GB of workload).
    static let maximumDecisions = 10_000_000

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: valued)
        try arguments.rejectUnknown(valued)
        let format = try ReportFormat(arguments.value("format"))
        // Each number has a ceiling (docs/robustness.md), so no request can ask for more memory
        // than a machine has.
        func number(_ name: String, _ fallback: Int, atMost limit: Int = Int.max) throws(UsageError) -> Int {
            guard let text = arguments.value(name) else { return fallback }
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n >= 1, n <= limit else {
                throw UsageError("`--\(name)` needs a whole number from 1 to \(limit)")
            }
            return n
        }
        var config = WorkloadConfig()
        config.decisions = try number("decisions", config.decisions, atMost: BenchCommand.maximumDecisions)
        config.seed = UInt64(try number("seed", Int(config.seed)))
        config.kinds *= try number("rules-scale", 1, atMost: 1_000)
        let registerScale = try number("register-scale", 1, atMost: 1_000)
        config.people *= registerScale
        config.interests *= registerScale
        config.committee = try number("committee", config.committee, atMost: 1_000)
        let threads = try number("threads", ProcessInfo.processInfo.activeProcessorCount, atMost: CheckCommand.maximumThreads)
        let workload = arguments.value("workload") ?? "all"
        guard ["all", "generated", "shipped", "lint", "end-to-end"].contains(workload) else {
            throw UsageError("unknown workload `\(workload)`; expected `all`, `generated`, `shipped`, `lint` or `end-to-end`")
        }
        let log: (String) -> Void = { Output.error("bench: \($0)\n") }
        if let directory = arguments.value("hand-written") {
            // The comparison program alone, on files `--write` wrote: its answers on standard output.
            do {
                _ = try HandWrittenProgram.run(directory: directory, output: Output.destination)
                return .success
            } catch {
                Output.error("error: \(error)\n")
                return .badInput
            }
        }
        if workload == "end-to-end" {
            return EndToEndBench.run(config, threads: threads, runs: try number("runs", 3, atMost: 100), format: format, log: log)
        }
        if workload == "lint" {
            return LintBench.run(rulesScale: try number("rules-scale", 1), seed: config.seed, runs: try number("runs", 5), format: format,
                                 writeTo: arguments.value("write"), log: log)
        }

        if let directory = arguments.value("write") {
            log("writing the workload to \(directory) …")
            do {
                try Workload(config).write(to: directory)
            } catch {
                Output.error("error: cannot write the workload to `\(directory)`: \(error)\n")
                return .badInput
            }
            Output.write("""
            wrote \(directory)/rules.probity, register.csv, decisions.jsonl (each line with its meeting), meetings.jsonl
            run: probity check --rules \(directory)/rules.probity --register \(directory)/register.csv --batch \(directory)/decisions.jsonl

            """)
            return .success
        }

        var results: [Benchmark.Result] = []
        if workload != "shipped" {
            results.append(Benchmark.run(config, threads: threads, log: log))
        }
        if workload != "generated" {
            let examples = arguments.value("examples") ?? "Examples"
            if let rules = RuleSet.bundledPath,
               let shipped = Benchmark.runRealistic(
                rulesPath: rules, registerPath: examples + "/registers/lcp-board-2023-11-23.tsv",
                decisionsFolder: examples + "/decisions", count: config.decisions, seed: config.seed, threads: threads, log: log) {
                results.append(shipped)
            } else {
                log("skipped the shipped workload (run from the repository, or pass --examples DIR)")
            }
        }
        let memory = Benchmark.peakMemoryBytes()
        switch format {
        case .json: Output.write(JSONWriter.pretty(json(results, memory: memory)) + "\n")
        case .text: Output.write(results.map(text).joined(separator: "\n") + "peak memory: \(memory / 1_048_576) MiB (ru_maxrss)\n")
        }
        let mismatches = results.reduce(0) { $0 + $1.mismatches }
        if mismatches > 0 {
            Output.error("error: \(mismatches) answers differ from the reference evaluator\n")
            for result in results { for example in result.mismatchExamples { Output.error("  \(example)\n") } }
            return .failure
        }
        return .success
    }

    static func text(_ r: Benchmark.Result) -> String {
        func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
        func micro(_ ns: Double) -> String { f(ns / 1000, 2) + " µs" }
        var out = "workload: \(r.name)\n"
        out += "  rules: \(r.rules) rules, \(r.organisations) organisations; compile \(f(r.compileMilliseconds, 2)) ms"
        out += " (parse + check \(f(r.parseAndCheckMilliseconds, 2)) ms, plan \(f(r.planMilliseconds, 2)) ms)\n"
        out += "  register: \(r.registerRows) rows, \(r.registerPeople) people; load \(f(r.registerLoadMilliseconds, 2)) ms"
        out += " + pre-scan \(f(r.screenerMilliseconds, 2)) ms = \(f(r.registerRowsPerSecond, 0)) rows/s\n"
        out += "  decisions: \(r.decisions), committee of \(r.committee); decode \(micro(r.decodeNanoseconds)) per decision (not in the times below)\n"
        for (label, latency) in [("approvals only", r.approvals), ("approvals + conflicts", r.withConflicts),
                                 ("full reports (with conflicts, as text values)", r.fullReports)] {
            guard let latency else { continue }
            out += "  \(label), 1 thread: \(f(latency.decisionsPerSecond, 0)) decisions/s; median \(micro(latency.medianNanoseconds)), p99 \(micro(latency.p99Nanoseconds))\n"
        }
        out += "  approvals + conflicts, \(r.threads) threads: \(f(r.allCoresDecisionsPerSecond, 0)) decisions/s\n"
        out += "  outcomes: \(r.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); recusals \(r.recusals)\n"
        if r.name == "generated" {
            out += "  checked \(r.checked) answers against the reference evaluator: \(r.mismatches == 0 ? "all agree" : "\(r.mismatches) MISMATCHES")\n"
        }
        return out
    }

    static func json(_ results: [Benchmark.Result], memory: Int) -> JSONValue {
        func n(_ x: Double) -> JSONValue { .number(String(format: "%.3f", x)) }
        func latency(_ l: Benchmark.Latency?) -> JSONValue {
            guard let l else { return .null }
            return .object([("decisions_per_second", n(l.decisionsPerSecond)), ("median_ns", n(l.medianNanoseconds)), ("p99_ns", n(l.p99Nanoseconds))])
        }
        return .object([
            ("format", .string("probity.bench/1")),
            ("peak_memory_bytes", .integer(memory)),
            ("workloads", .array(results.map { r in
                .object([
                    ("name", .string(r.name)),
                    ("rules", .integer(r.rules)),
                    ("organisations", .integer(r.organisations)),
                    ("compile_ms", n(r.compileMilliseconds)),
                    ("parse_check_ms", n(r.parseAndCheckMilliseconds)),
                    ("plan_ms", n(r.planMilliseconds)),
                    ("register_rows", .integer(r.registerRows)),
                    ("register_people", .integer(r.registerPeople)),
                    ("register_load_ms", n(r.registerLoadMilliseconds)),
                    ("register_prescan_ms", n(r.screenerMilliseconds)),
                    ("register_rows_per_second", n(r.registerRowsPerSecond)),
                    ("decisions", .integer(r.decisions)),
                    ("committee", .integer(r.committee)),
                    ("decode_ns", n(r.decodeNanoseconds)),
                    ("approvals_only", latency(r.approvals)),
                    ("approvals_and_conflicts", latency(r.withConflicts)),
                    ("full_reports", latency(r.fullReports)),
                    ("threads", .integer(r.threads)),
                    ("all_cores_decisions_per_second", n(r.allCoresDecisionsPerSecond)),
                    ("checked", .integer(r.checked)),
                    ("mismatches", .integer(r.mismatches)),
                    ("recusals", .integer(r.recusals)),
                ])
            })),
        ])
    }
}
