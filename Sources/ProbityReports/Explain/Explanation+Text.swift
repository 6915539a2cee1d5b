import ProbitySupport

extension Explanation {
    /// The explanation as a governance lead reads it: the rules that fired and why, the rules
    /// that could not be decided, every rule that did not fire with the first condition that
    /// failed, the rules not in effect, then the outcome as `probity check` gives it.
    public var text: String {
        let day = Day(number: date).iso
        var out = "explanation of decision \(decision) (\(day)): \(report.outcome.rawValue)\n"
        out += "\(rules.count) rule\(rules.count == 1 ? "" : "s") considered: \(rules(.fired).count) fired, "
            + "\(rules(.undecided).count) undecided, \(rules(.notFired).count) did not fire, \(rules(.notInEffect).count) not in effect\n"
        section(&out, "rules that fired", .fired) { verdict in
            "     because \(verdict.reason)\n" + verdict.requires.map { "     requires \($0)\n" }.joined()
        }
        section(&out, "rules undecided for want of a field", .undecided) { verdict in
            "     \(verdict.reason); it needs \(verdict.missingFields.map { "`\($0)`" }.joined(separator: ", "))\n"
        }
        section(&out, "rules that did not fire", .notFired) { verdict in
            "     \(verdict.reason)\n"
        }
        section(&out, "rules not in effect on \(day)", .notInEffect) { verdict in
            "     \(verdict.reason.replacingPrefix("not in effect on \(day): ", with: ""))\n"
        }
        if let conflicts { out += conflicts.text }
        out += "\noutcome\n" + String(repeating: "-", count: 7) + "\n" + report.text
        return out
    }

    private func section(_ out: inout String, _ title: String, _ status: Status, _ body: (RuleVerdict) -> String) {
        let verdicts = rules(status)
        guard !verdicts.isEmpty else { return }
        out += "\n\(title) (\(verdicts.count)):\n"
        for verdict in verdicts {
            out += "  - \(verdict.rule.id) \"\(verdict.rule.title)\", \(verdict.rule.location)\n"
            out += body(verdict)
        }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
