import Probity
import ProbitySyntax
import ProbityTooling

/// `probity test [--coverage] [PATH]`: runs the `test` blocks beside the rules.
enum TestCommand {
    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: [])
        try arguments.rejectUnknown(["coverage", "verbose"])
        guard arguments.positionals.count <= 1 else { throw UsageError("`test` takes one rules file or folder") }
        guard let scheme = RuleSet.load(arguments.positionals.first) else { return .badInput }
        let program = scheme.program
        let run = Engine(scheme: scheme).runTests()
        let results = run.results, coverage = run.coverage
        for result in results where !result.passed || arguments.has("verbose") {
            Output.write("\(result.passed ? "ok  " : "FAIL") \(result.location) \"\(result.title)\"\n")
            for failure in result.failures { Output.write("     \(failure)\n") }
        }
        let failed = results.filter { !$0.passed }.count
        if arguments.has("coverage") { Output.write(coverageText(coverage, program)) }
        if results.isEmpty { Output.error("warning: no `test` blocks found\n") }
        Output.write("\(results.count - failed) passed, \(failed) failed\n")
        return failed == 0 ? .success : .failure
    }

    /// Rules no test made fire and branches no test saw both ways, per file, with percentages.
    static func coverageText(_ coverage: TestCoverage, _ program: Program) -> String {
        var out = "\ncoverage:\n"
        var byFile: [FileID: (rules: [Int], branches: [Int])] = [:]
        for index in program.rules.indices { byFile[program.rules[index].range.file, default: ([], [])].rules.append(index) }
        for (index, branch) in coverage.branches.enumerated() {
            byFile[program.rules[branch.rule].range.file, default: ([], [])].branches.append(index)
        }
        var totalRules = 0, coveredRules = 0, totalBranches = 0, coveredBranches = 0
        for file in byFile.keys.sorted() {
            let (rules, branches) = byFile[file]!
            let firedRules = rules.filter { coverage.ruleFired[$0] }
            let seenBranches = branches.filter { coverage.branches[$0].isCovered }
            totalRules += rules.count; coveredRules += firedRules.count
            totalBranches += branches.count; coveredBranches += seenBranches.count
            out += "  \(program.sources[file].path): rules \(percent(firedRules.count, rules.count)), branches \(percent(seenBranches.count, branches.count))\n"
            for rule in rules where !coverage.ruleFired[rule] {
                out += "    rule \(program.rules[rule].id) never fired (\(program.sources.citation(of: program.rules[rule].range)))\n"
            }
            for index in branches where !coverage.branches[index].isCovered {
                let branch = coverage.branches[index]
                let text = branch.condition.range.map { program.sources[$0.file].text(in: $0) } ?? "?"
                let missing = branch.seenTrue ? "false" : branch.seenFalse ? "true" : "true or false"
                out += "    rule \(program.rules[branch.rule].id): `\(text)` never \(missing)\n"
            }
        }
        out += "  total: rules \(percent(coveredRules, totalRules)), branches \(percent(coveredBranches, totalBranches))\n"
        return out
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "100% (0 of 0)" : "\(part * 100 / whole)% (\(part) of \(whole))"
    }
}
