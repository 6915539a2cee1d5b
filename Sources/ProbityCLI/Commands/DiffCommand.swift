import Foundation
import ProbitySemantics
import ProbitySupport
import ProbityTooling

/// `probity diff OLD NEW --decisions HISTORY.jsonl`: evaluates every past decision under both
/// versions of the rules and lists those whose outcome or requirements change, grouped by the
/// kind of change, after a rule-level summary of what changed. Exit 0 if no decision changes,
/// 1 if some do, 2 on bad input.
enum DiffCommand {
    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: ["decisions", "format"])
        try arguments.rejectUnknown(["decisions", "format"])
        let format = try ReportFormat(arguments.value("format"))
        guard arguments.positionals.count == 2 else {
            throw UsageError("`diff` needs the old and the new rules (files or folders), found \(arguments.positionals.count) paths")
        }
        guard let history = arguments.value("decisions") else {
            throw UsageError("`diff` needs `--decisions HISTORY.jsonl`: the past decisions to evaluate under both versions")
        }
        let (oldPath, newPath) = (arguments.positionals[0], arguments.positionals[1])
        let oldProgram = RuleSet.load(oldPath)?.program
        let newProgram = RuleSet.load(newPath)?.program
        guard let oldProgram, let newProgram else { return .badInput }
        guard let bytes = RuleSet.readFile(history, code: .unreadableDecisions, what: "decisions") else { return .badInput }
        var impact = DecisionImpact(old: oldProgram, new: newProgram)
        var number = 0
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            impact.add(line: number, json: Array(line))
        }
        let diff = RuleDiff(oldName: oldPath, newName: newPath, rules: RuleChanges(old: oldProgram, new: newProgram), impact: impact)
        switch format {
        case .text: Output.write(diff.text)
        case .json: Output.write(JSONWriter.pretty(diff.json) + "\n")
        }
        return impact.changes.isEmpty ? .success : .failure
    }
}
