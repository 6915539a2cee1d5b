#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import ProbityConflicts
import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Runs one workload through the real engine and times each stage. Every answer of a generated
/// workload is checked against ``ReferenceEvaluator``; a mismatch is counted and described.
public struct Benchmark {
    /// Per-decision timing over a run.
    public struct Latency: Sendable {
        public var decisionsPerSecond: Double
        public var medianNanoseconds: Double
        public var p99Nanoseconds: Double
    }

    public struct Result: Sendable {
        public var name: String
        public var rules = 0
        public var organisations = 0
        /// Parse + check, and building the plan, in milliseconds (median of several runs).
        public var parseAndCheckMilliseconds = 0.0
        public var planMilliseconds = 0.0
        public var compileMilliseconds: Double { parseAndCheckMilliseconds + planMilliseconds }
        public var registerRows = 0
        public var registerPeople = 0
        /// Reading the register file into people and interests.
        public var registerLoadMilliseconds = 0.0
        /// Pre-scanning it against every organisation (``ConflictScreener/init``).
        public var screenerMilliseconds = 0.0
        public var registerRowsPerSecond: Double { Double(registerRows) / ((registerLoadMilliseconds + screenerMilliseconds) / 1000) }
        public var decisions = 0
        public var committee = 0
        /// Parsing one JSON line into a ``Decision`` (and its meeting), per decision.
        public var decodeNanoseconds = 0.0
        public var approvals: Latency?
        public var withConflicts: Latency?
        /// The same work with the full report built (every id, title, citation and reason as
        /// text), as `probity check` prints it: evaluation plus rendering.
        public var fullReports: Latency?
        public var threads = 1
        /// Approvals and conflicts with `threads` threads.
        public var allCoresDecisionsPerSecond = 0.0
        public var checked = 0
        public var mismatches = 0
        public var mismatchExamples: [String] = []
        public var outcomes: [String: Int] = [:]
        public var recusals = 0
    }

    // MARK: - The generated workload

    /// Generates the workload, compiles its rules, loads its register and checks its decisions.
    public static func run(_ config: WorkloadConfig, threads: Int, timing: Bool = true, log: (String) -> Void) -> Result {
        log("generating \(config.decisions) decisions, \(config.ruleCount) rules, \(config.interests) interests …")
        let workload = Workload(config)
        var result = Result(name: "generated")
        result.organisations = config.organisations
        result.committee = config.committee

        let text = workload.rulesText()
        guard let (program, plan) = compile(text: text, into: &result) else { return result }
        let registerBytes = Array(workload.registerCSV().utf8)
        let (register, screener) = loadRegister(registerBytes, fileName: "register.csv", program: program, into: &result)
        _ = register

        let lines = workload.decisions.indices.map { Array(workload.decisionJSON($0, meeting: false).utf8) }
        let meetings = workload.decisions.indices.map { index in
            Meeting(attendees: workload.decisions[index].committee.map { workload.people[$0].name })
        }
        let decisions = decode(lines, program: program, into: &result)
        guard decisions.count == lines.count else { return result }
        // The meetings are parsed too, as check --batch does with each line's `meeting`.
        let meetingLines = workload.decisions.indices.prefix(10_000).map { Array(workload.meetingJSON($0).utf8) }
        let meetingDecoder = MeetingDecoder(program: program)
        let meetingStart = now()
        for line in meetingLines { _ = meetingDecoder.decode(json: line) }
        result.decodeNanoseconds += Double(now() - meetingStart) / Double(max(1, meetingLines.count))

        log("checking every answer against the reference evaluator …")
        let reference = ReferenceEvaluator(workload: workload)
        let engine = Engine(plan: plan, screener: screener)
        let attendances = meetings.map(screener.attendance)
        var scratch = Scratch()
        for index in decisions.indices {
            for conflicts in [false, true] {
                let report = engine.report(decisions[index], meeting: conflicts ? meetings[index] : nil)
                let got = answer(report)
                // The timed evaluation must give the same answer as the printed report.
                engine.evaluate(decisions[index], attendance: conflicts ? attendances[index] : nil, &scratch)
                let fast = engine.answer(scratch, conflicts: conflicts)
                let expected = reference.answer(index, conflicts: conflicts)
                result.checked += 1
                var problems: [String] = []
                if got != expected { problems.append("engine: \(got); reference: \(expected)") }
                if fast != expected { problems.append("evaluation: \(fast); reference: \(expected)") }
                if (report.outcome == .authorised) != !expected.approvers.isEmpty { problems.append("outcome \(report.outcome.rawValue)") }
                if conflicts, let c = report.conflicts, !c.unresolvedAttendees.isEmpty || !c.ambiguousAttendees.isEmpty {
                    problems.append("attendees not resolved: \(c.unresolvedAttendees) \(c.ambiguousAttendees.map(\.written))")
                }
                if !problems.isEmpty {
                    result.mismatches += 1
                    if result.mismatchExamples.count < 5 {
                        result.mismatchExamples.append("\(workload.decisionJSON(index, meeting: conflicts)): " + problems.joined(separator: "; "))
                    }
                }
                if conflicts {
                    result.outcomes[report.outcome.rawValue, default: 0] += 1
                    result.recusals += report.conflicts?.recusals.count ?? 0
                }
            }
        }
        if timing { measure(engine, decisions, meetings, attendances, threads: threads, into: &result, log: log) }
        return result
    }

    // MARK: - The shipped rules

    /// The shipped rules with the example register; decisions drawn from the examples with
    /// varied values and dates, all put to a meeting of everyone on the register.
    public static func runRealistic(rulesPath: String, registerPath: String, decisionsFolder: String, count: Int, seed: UInt64,
                                    threads: Int, log: (String) -> Void) -> Result? {
        var result = Result(name: "shipped")
        let parseStart = now()
        var runs: [(Double, Double)] = []
        var program: Program?
        for _ in 0..<5 {
            let t0 = now()
            let (checked, diagnostics, _) = Checker.check(path: rulesPath)
            let t1 = now()
            guard let checked else {
                log("the shipped rules do not check: \(diagnostics.filter { $0.severity == .error }.count) errors")
                return nil
            }
            _ = Plan(program: checked)
            runs.append((milliseconds(t1 - t0), milliseconds(now() - t1)))
            program = checked
        }
        _ = parseStart
        guard let program else { return nil }
        result.parseAndCheckMilliseconds = median(runs.map(\.0))
        result.planMilliseconds = median(runs.map(\.1))
        result.rules = program.rules.count
        result.organisations = program.organisations.count
        let plan = Plan(program: program)

        guard let registerData = FileManager.default.contents(atPath: registerPath) else {
            log("no example register at \(registerPath)")
            return nil
        }
        let (register, screener) = loadRegister([UInt8](registerData), fileName: (registerPath as NSString).lastPathComponent,
                                                program: program, into: &result)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: decisionsFolder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let examples: [[(key: String, value: JSONValue)]] = files.compactMap { file in
            guard let data = FileManager.default.contents(atPath: (decisionsFolder as NSString).appendingPathComponent(file)),
                  case .success(let value) = JSONParser.parse([UInt8](data)) else { return nil }
            return value.objectValue
        }
        guard !examples.isEmpty else {
            log("no example decisions in \(decisionsFolder)")
            return nil
        }
        var random = SplitMix64(seed: seed)
        let first = Workload.day(2022, 7, 1), last = Workload.day(2025, 3, 31)
        var lines: [[UInt8]] = []
        for index in 0..<count {
            var members = examples[random.below(examples.count)]
            members.removeAll { $0.key == "id" || $0.key == "date" || $0.key == "value" }
            members.insert(("id", .string("S\(index)")), at: 0)
            members.insert(("date", .string(Workload.iso(first + random.below(last - first + 1)))), at: 1)
            if program.fieldIndex["value"] != nil {
                let pence = Int64(exp(Foundation.log(1e6) + random.unit() * (Foundation.log(1e9) - Foundation.log(1e6))))
                members.append(("value", .string(Workload.pounds(pence))))
            }
            lines.append(Array(JSONWriter.compact(.object(members)).utf8))
        }
        let decisions = decode(lines, program: program, into: &result)
        guard !decisions.isEmpty else { return nil }
        let meeting = Meeting(attendees: register.people.prefix(15).map(\.name))
        result.committee = min(15, register.people.count)
        let meetings = Array(repeating: meeting, count: decisions.count)
        let engine = Engine(plan: plan, screener: screener)
        for index in decisions.indices {
            let report = engine.report(decisions[index], meeting: meetings[index])
            result.outcomes[report.outcome.rawValue, default: 0] += 1
            result.recusals += report.conflicts?.recusals.count ?? 0
        }
        measure(engine, decisions, meetings, meetings.map(screener.attendance), threads: threads, into: &result, log: log)
        return result
    }

    // MARK: - Stages

    /// The engine, used two ways: ``report(_:meeting:)`` builds the report `probity check`
    /// prints, on which every answer is checked; ``evaluate(_:attendance:_:)`` is the evaluation
    /// the timings measure — the verdict and the recusal levels as indices, before any text.
    struct Engine: Sendable {
        let plan: Plan
        let builder: ReportBuilder
        let screener: ConflictScreener

        init(plan: Plan, screener: ConflictScreener) {
            self.plan = plan
            self.builder = ReportBuilder(plan: plan)
            self.screener = screener
        }

        func report(_ decision: Decision, meeting: Meeting?) -> Report {
            var report = builder.build(decision)
            if let meeting { screener.apply(to: &report, decision: decision, meeting: meeting) }
            return report
        }

        @inline(__always)
        func evaluate(_ decision: Decision, attendance: ConflictScreener.Attendance?, _ scratch: inout Scratch) {
            plan.decide(decision, into: &scratch.verdict)
            if let attendance { screener.recusalLevels(decision, attendance: attendance, into: &scratch.levels) }
        }

        /// The evaluation's answer in the reference's form.
        func answer(_ scratch: Scratch, conflicts: Bool) -> ReferenceEvaluator.Answer {
            let program = plan.program
            return ReferenceEvaluator.Answer(
                approvers: scratch.verdict.approvers.map { program.bodies[Int($0)].id }.sorted(),
                procedures: scratch.verdict.procedures.map { program.procedures[Int($0.procedure)].id }.sorted(),
                recusals: conflicts ? scratch.levels.map { "\(screener.register.people[Int($0.person)].name)=\($0.level.rawValue)" }.sorted() : [])
        }
    }

    /// What one evaluation writes, reused from decision to decision.
    struct Scratch {
        var verdict = Verdict()
        var levels: [ConflictScreener.Level] = []
    }

    static func compile(text: String, into result: inout Result) -> (Program, Plan)? {
        var runs: [(Double, Double)] = []
        var compiled: (Program, Plan)?
        for _ in 0..<5 {
            let t0 = now()
            let loaded = RuleLoader.load(text: text, path: "rules.probity")
            let (program, diagnostics) = Checker.check(loaded)
            let t1 = now()
            guard let program else {
                let errors = diagnostics.filter { $0.severity == .error }
                // Through FileIO: FileHandle traps when standard error is closed or full.
                _ = FileIO.writeAll(Array(DiagnosticRenderer(sources: loaded.sources).render(errors).utf8), to: 2)
                return nil
            }
            let plan = Plan(program: program)
            runs.append((milliseconds(t1 - t0), milliseconds(now() - t1)))
            compiled = (program, plan)
        }
        result.parseAndCheckMilliseconds = median(runs.map(\.0))
        result.planMilliseconds = median(runs.map(\.1))
        result.rules = compiled?.0.rules.count ?? 0
        return compiled
    }

    static func loadRegister(_ bytes: [UInt8], fileName: String, program: Program, into result: inout Result) -> (Register, ConflictScreener) {
        var loads: [Double] = [], scans: [Double] = []
        var last: (Register, ConflictScreener)?
        for _ in 0..<3 {
            let t0 = now()
            let register = RegisterLoader.parse(bytes, fileName: fileName)
            let t1 = now()
            let screener = ConflictScreener(program: program, register: register)
            loads.append(milliseconds(t1 - t0))
            scans.append(milliseconds(now() - t1))
            last = (register, screener)
        }
        result.registerLoadMilliseconds = median(loads)
        result.screenerMilliseconds = median(scans)
        result.registerPeople = last!.0.people.count
        result.registerRows = last!.0.people.reduce(0) { $0 + max(1, $1.interests.count) }
        return last!
    }

    static func decode(_ lines: [[UInt8]], program: Program, into result: inout Result) -> [Decision] {
        let decoder = DecisionDecoder(program: program)
        var decisions: [Decision] = []
        decisions.reserveCapacity(lines.count)
        let t0 = now()
        for line in lines {
            switch decoder.decode(json: line) {
            case .success(let decision): decisions.append(decision)
            case .failure(let errors):
                result.mismatches += 1
                result.mismatchExamples.append("decision not read: \(String(decoding: line, as: UTF8.self)): \(errors.all.map(\.description))")
                return []
            }
        }
        result.decodeNanoseconds = Double(now() - t0) / Double(max(1, lines.count))
        result.decisions = decisions.count
        return decisions
    }

    /// Single-threaded latency per decision (approvals only, then with conflicts), and the
    /// throughput of approvals with conflicts on `threads` threads. Attendees are resolved to
    /// register people when the input is read, as decisions are decoded, outside the timings.
    static func measure(_ engine: Engine, _ decisions: [Decision], _ meetings: [Meeting], _ attendances: [ConflictScreener.Attendance], threads: Int,
                        into result: inout Result, log: (String) -> Void) {
        log("timing \(decisions.count) decisions single-threaded …")
        result.approvals = latency(decisions.count) { index, scratch in
            engine.evaluate(decisions[index], attendance: nil, &scratch)
        }
        result.withConflicts = latency(decisions.count) { index, scratch in
            engine.evaluate(decisions[index], attendance: attendances[index], &scratch)
        }
        log("timing on \(threads) threads …")
        result.threads = threads
        var rates: [Double] = []
        for _ in 0..<3 {
            let t0 = now()
            DispatchQueue.concurrentPerform(iterations: threads) { slice in
                var scratch = Scratch()
                let start = decisions.count * slice / threads, end = decisions.count * (slice + 1) / threads
                for index in start..<end { engine.evaluate(decisions[index], attendance: attendances[index], &scratch) }
            }
            rates.append(Double(decisions.count) / (Double(now() - t0) / 1e9))
        }
        result.allCoresDecisionsPerSecond = median(rates)
        log("timing the full reports single-threaded …")
        result.fullReports = latency(decisions.count) { index, _ in
            _ = engine.report(decisions[index], meeting: meetings[index])
        }
    }

    /// Times each call of `body` (the timer's own cost, about 20 ns a pair, is included), and
    /// the whole run once more without per-call timers for the rate.
    static func latency(_ count: Int, _ body: (Int, inout Scratch) -> Void) -> Latency {
        var scratch = Scratch()
        var samples = [UInt64](repeating: 0, count: count)
        for index in 0..<count {
            let t0 = now()
            body(index, &scratch)
            samples[index] = now() - t0
        }
        var rates: [Double] = []
        for _ in 0..<3 {
            let t0 = now()
            for index in 0..<count { body(index, &scratch) }
            rates.append(Double(count) / (Double(now() - t0) / 1e9))
        }
        samples.sort()
        return Latency(decisionsPerSecond: median(rates),
                       medianNanoseconds: Double(samples[count / 2]),
                       p99Nanoseconds: Double(samples[min(count - 1, count * 99 / 100)]))
    }

    /// The engine's report brought to the reference's form.
    static func answer(_ report: Report) -> ReferenceEvaluator.Answer {
        ReferenceEvaluator.Answer(
            approvers: report.approvals.filter { $0.action == .approve }.map(\.by).sorted(),
            procedures: report.procedures.map(\.id).sorted(),
            recusals: (report.conflicts?.recusals ?? []).map { "\($0.person)=\($0.level.rawValue)" }.sorted())
    }

    // MARK: - Clocks and memory

    @inline(__always)
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func milliseconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1e6 }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// The most memory the process has held (resident set), in bytes.
    public static func peakMemoryBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
        #endif
    }
}
