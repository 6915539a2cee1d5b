import Dispatch
import Foundation
import Glibc
import ProbityBenchmark
import ProbitySupport

/// `probity bench --workload end-to-end`: what a user runs, timed whole. Writes the generated
/// workload to a scratch folder, then runs, as separate processes taking turns, `probity check
/// --batch` (full `probity.report/1` lines) and the hand-written program
/// (``HandWrittenProgram``, through `probity bench --hand-written DIR`), each `runs` times, and
/// reports the medians of their wall-clock and CPU (user + system) times and the ratio. Every
/// answer of both, on every run, is checked against ``ReferenceEvaluator``: a mismatch makes
/// the bench exit 1, so a fast wrong answer never counts.
///
/// With more than one thread, each run also times the batch at one thread, whose output must be
/// byte for byte the same, and two one-thread batches at once: what two threads gain over one is
/// reported beside what this machine gives two processes that share nothing, the most two
/// threads could gain on it (issue #17: two threads at least 1.8× one on a quiet machine). A
/// run's batches follow one another closely, so they are also compared run by run: on a host
/// whose speed drifts from minute to minute, the medians of those ratios move less than the
/// ratio of the medians (docs/performance.md, item 38).
enum EndToEndBench {
    /// One process run: its wall-clock and CPU seconds.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    static func run(_ config: WorkloadConfig, threads: Int, runs: Int, format: ReportFormat, log: (String) -> Void) -> ExitCode {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("probity-bench-end-to-end-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        log("generating and writing \(config.decisions) decisions, \(config.ruleCount) rules, \(config.interests) interests to \(directory) …")
        let workload = Workload(config)
        do {
            try workload.write(to: directory)
        } catch {
            Output.error("error: cannot write the workload to `\(directory)`: \(error)\n")
            return .badInput
        }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            Output.error("error: cannot find the probity executable to run (/proc/self/exe)\n")
            return .badInput
        }
        func probityArguments(threads: Int) -> [String] {
            ["check", "--rules", directory + "/rules.probity", "--register", directory + "/register.csv",
             "--threads", String(threads), "--batch", directory + "/decisions.jsonl"]
        }
        let handArguments = ["bench", "--hand-written", directory]
        let oneThreadArguments = probityArguments(threads: 1)
        let reference = ReferenceEvaluator(workload: workload)
        var probity: [Timing] = [], hand: [Timing] = [], oneThread: [Timing] = [], together: [Timing] = []
        var mismatches: [String] = []
        func failed(_ arguments: [String]) -> ExitCode {
            Output.error("error: `\(executable) \(arguments.joined(separator: " "))` failed\n")
            return .failure
        }
        for index in 0..<runs {
            log("run \(index + 1) of \(runs): probity check --batch, then the hand-written program"
                + (threads > 1 ? ", then probity at one thread, alone and two at once …" : " …"))
            for (arguments, name) in [(probityArguments(threads: threads), "probity.out"), (handArguments, "hand.out")] {
                let path = directory + "/" + name
                guard let timing = time(executable, arguments, outputs: [path]) else { return failed(arguments) }
                if name == "probity.out" { probity.append(timing) } else { hand.append(timing) }
                mismatches += check(path, probity: name == "probity.out", workload: workload, reference: reference)
            }
            guard threads > 1 else { continue }
            let one = directory + "/one-thread.out"
            guard let alone = time(executable, oneThreadArguments, outputs: [one]) else { return failed(oneThreadArguments) }
            oneThread.append(alone)
            // The answers are already checked: at one thread they must be the same bytes.
            let expected = FileManager.default.contents(atPath: directory + "/probity.out")
            if FileManager.default.contents(atPath: one) != expected {
                mismatches.append("probity's output at 1 thread differs from its output at \(threads) threads")
            }
            let second = directory + "/one-thread-2.out"
            guard let both = time(executable, oneThreadArguments, outputs: [one, second]) else {
                return failed(oneThreadArguments)
            }
            together.append(both)
            for path in [one, second] where FileManager.default.contents(atPath: path) != expected {
                mismatches.append("probity's output at 1 thread, run beside another, differs from its output at \(threads) threads")
            }
        }
        let result = (probity: median(probity), hand: median(hand))
        // Two threads over one, and what two one-thread runs at once do in the time one does alone.
        let scaling = oneThread.isEmpty ? nil
            : (oneThread: median(oneThread), threadsOverOne: median(oneThread).wall / result.probity.wall,
               machine: 2 * median(oneThread).wall / median(together).wall,
               threadsOverOneByRun: middle(zip(oneThread, probity).map { $0.wall / $1.wall }),
               // Two threads' gain over two processes' gain in the same run, (one / threads) over
               // (2 × one / together): the one-thread run cancels out.
               threadsOverMachineByRun: middle(zip(together, probity).map { $0.wall / (2 * $1.wall) }))
        let lines = Double(config.decisions)
        switch format {
        case .json:
            func n(_ x: Double) -> JSONValue { .number(String(format: "%.4f", x)) }
            func timing(_ t: Timing) -> JSONValue {
                .object([("wall_seconds", n(t.wall)), ("cpu_seconds", n(t.cpu)), ("decisions_per_second", n(lines / t.wall))])
            }
            var members: [(key: String, value: JSONValue)] = [
                ("format", .string("probity.bench-end-to-end/1")),
                ("decisions", .integer(config.decisions)), ("rules", .integer(config.ruleCount)),
                ("threads", .integer(threads)), ("runs", .integer(runs)),
                ("probity", timing(result.probity)), ("hand_written", timing(result.hand)),
                ("wall_ratio", n(result.hand.wall / result.probity.wall)),
                ("cpu_ratio", n(result.hand.cpu / result.probity.cpu)),
            ]
            if let scaling {
                members += [("probity_one_thread", timing(scaling.oneThread)), ("threads_over_one", n(scaling.threadsOverOne)),
                            ("machine_two_at_once", n(scaling.machine)), ("threads_over_one_by_run", n(scaling.threadsOverOneByRun)),
                            ("threads_over_machine_by_run", n(scaling.threadsOverMachineByRun))]
            }
            members += [("checked", .integer(2 * runs * config.decisions)), ("mismatches", .integer(mismatches.count))]
            Output.write(JSONWriter.pretty(.object(members)) + "\n")
        case .text:
            func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
            func line(_ label: String, _ t: Timing) -> String {
                "  \(label): \(f(t.wall)) s wall, \(f(t.cpu)) s CPU (median of \(runs)); \(f(lines / t.wall, 0)) decisions/s\n"
            }
            var out = "workload: end-to-end (\(config.decisions) decisions, \(config.ruleCount) rules, \(config.interests) interests, committee of \(config.committee))\n"
            out += line("probity check --batch, \(threads) thread\(threads == 1 ? "" : "s")", result.probity)
            out += line("hand-written program, 1 thread", result.hand)
            out += "  probity is \(f(result.hand.wall / result.probity.wall, 2))× as fast in wall-clock time, \(f(result.hand.cpu / result.probity.cpu, 2))× in CPU time\n"
            if let scaling {
                out += line("probity check --batch, 1 thread", scaling.oneThread)
                out += "  \(threads) threads are \(f(scaling.threadsOverOne, 2))× as fast as 1, output byte for byte the same; "
                out += "two 1-thread runs at once do \(f(scaling.machine, 2))× the work of one in the same time on this machine (the most two threads could gain)\n"
                out += "  run by run (medians of each run's ratios): \(threads) threads \(f(scaling.threadsOverOneByRun, 2))× as fast as 1, "
                out += "gaining \(f(scaling.threadsOverMachineByRun, 2))× what two 1-thread runs at once gain\n"
            }
            out += "  checked \(2 * runs * config.decisions) answers against the reference evaluator: \(mismatches.isEmpty ? "all agree" : "\(mismatches.count) MISMATCHES")\n"
            Output.write(out)
        }
        guard mismatches.isEmpty else {
            Output.error("error: \(mismatches.count) answers differ from the reference evaluator\n")
            for example in mismatches.prefix(5) { Output.error("  \(example)\n") }
            return .failure
        }
        return .success
    }

    /// Runs `executable` with `arguments` once for each of `outputs`, all at once, each one's
    /// standard output to its file, and times them: wall-clock time until the last ends, and
    /// their CPU time together. Nil when one cannot be started or does not exit 0 or 1.
    static func time(_ executable: String, _ arguments: [String], outputs: [String]) -> Timing? {
        var handles: [FileHandle] = []
        defer { for handle in handles { try? handle.close() } }
        for output in outputs {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                  let handle = FileHandle(forWritingAtPath: output) else { return nil }
            handles.append(handle)
        }
        let processes = handles.map { handle in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = handle
            process.standardError = FileHandle.nullDevice
            return process
        }
        let before = childrenCPU()
        let start = DispatchTime.now().uptimeNanoseconds
        var started: [Process] = []
        for process in processes {
            do { try process.run() } catch { break }
            started.append(process)
        }
        for process in started { process.waitUntilExit() }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard started.count == processes.count,
              started.allSatisfy({ $0.terminationStatus == 0 || $0.terminationStatus == 1 }) else { return nil }
        return Timing(wall: wall, cpu: childrenCPU() - before)
    }

    /// CPU seconds (user + system) of every child process waited for so far.
    static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func median(_ timings: [Timing]) -> Timing {
        Timing(wall: middle(timings.map(\.wall)), cpu: middle(timings.map(\.cpu)))
    }

    /// The median of `values` (the upper one of an even count).
    static func middle(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// Checks each line of `path` (probity's reports, or the hand-written answers) against the
    /// reference; returns a description of each mismatch.
    static func check(_ path: String, probity: Bool, workload: Workload, reference: ReferenceEvaluator) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return ["cannot read \(path)"] }
        let lines = data.split(separator: UInt8(ascii: "\n"))
        var mismatches: [String] = []
        if lines.count != workload.decisions.count {
            mismatches.append("\(path): \(lines.count) answers for \(workload.decisions.count) decisions")
        }
        for (index, line) in lines.prefix(workload.decisions.count).enumerated() {
            let expected = reference.answer(index, conflicts: true)
            let got = probity ? answer(report: Array(line)) : answer(handWritten: Array(line))
            let outcome = expected.approvers.isEmpty ? "no-authority" : "authorised"
            if got?.answer != expected || got?.outcome != outcome {
                mismatches.append("\(probity ? "probity" : "hand-written") line \(index + 1): \(got.map { "\($0.outcome), \($0.answer)" } ?? "unreadable"); reference: \(outcome), \(expected)")
            }
        }
        return mismatches
    }

    /// The outcome and answer in one `probity.report/1` line.
    static func answer(report line: [UInt8]) -> (outcome: String, answer: ReferenceEvaluator.Answer)? {
        guard case .success(let value) = JSONParser.parse(line), case .object(let members) = value else { return nil }
        func member(_ object: [(key: String, value: JSONValue)], _ key: String) -> JSONValue? { object.first { $0.key == key }?.value }
        func string(_ value: JSONValue?) -> String? { if case .string(let text)? = value { text } else { nil } }
        func objects(_ value: JSONValue?) -> [[(key: String, value: JSONValue)]] {
            guard case .array(let items)? = value else { return [] }
            return items.compactMap { if case .object(let object) = $0 { object } else { nil } }
        }
        guard let outcome = string(member(members, "outcome")) else { return nil }
        var recusals = objects(member(members, "recusals"))
        if case .object(let conflicts)? = member(members, "conflicts") { recusals += objects(member(conflicts, "recusals")) }
        return (outcome, ReferenceEvaluator.Answer(
            approvers: objects(member(members, "approvals")).filter { string(member($0, "action")) == "approve" }
                .compactMap { string(member($0, "by")) }.sorted(),
            procedures: objects(member(members, "procedures")).compactMap { string(member($0, "id")) }.sorted(),
            recusals: recusals.compactMap { r in string(member(r, "person")).map { $0 + "=" + (string(member(r, "level")) ?? "") } }.sorted()))
    }

    /// The outcome and answer in one line of the hand-written program's output.
    static func answer(handWritten line: [UInt8]) -> (outcome: String, answer: ReferenceEvaluator.Answer)? {
        let cells = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard cells.count == 5 else { return nil }
        func list(_ text: String, _ separator: Character) -> [String] { text.split(separator: separator).map(String.init) }
        return (cells[1], ReferenceEvaluator.Answer(approvers: list(cells[2], ","), procedures: list(cells[3], ","),
                                                    recusals: list(cells[4], ";")))
    }
}
