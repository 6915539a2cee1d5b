import ProbityEngine
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension ReportBuilder {
    /// The organisation fields (single or sets) that some rule's condition tests: a name there
    /// that no rule file declares silently fails every such test, so the report says so.
    static func testedOrganisationFields(_ program: Program) -> [Int] {
        // Marked in place (a set of every rule's fields was 11 M instructions at 2,200 rules).
        var read = [Bool](repeating: false, count: program.fields.count)
        for index in program.rules.indices { program.rules[index].condition?.forEachFieldRead { read[$0] = true } }
        return program.fields.indices.filter { field in
            guard read[field] else { return false }
            switch program.fields[field].type {
            case .organisation, .set(.organisation): return true
            default: return false
            }
        }
    }

    /// P1021: each organisation the decision names in a field the rules test, that no rule file
    /// declares by name or alias. The rules took it as none of the declared organisations;
    /// the finding says so, with the declared names it may have meant.
    func addUnknownOrganisationFindings(_ decision: Decision, into report: inout Report) {
        for field in testedOrganisationFields where decision.isPresent[field] {
            var unknown: [String] = []
            if case .set = program.fields[field].type {
                for (position, value) in decision.sets[field].enumerated() where value == Decision.unknownOrganisation {
                    if position < decision.nameLists[field].count { unknown.append(decision.nameLists[field][position]) }
                }
            } else if decision.scalars[field] == Decision.unknownOrganisation, let written = decision.texts[field] {
                unknown.append(written)
            }
            let name = program.fields[field].name
            for written in unknown {
                report.undeclaredOrganisations.append((field: name, written: written))
                let suggestions = directory.suggestions(for: written).map(directory.displayName)
                report.findings.append(Report.Finding(
                    severity: .warning, code: .undeclaredOrganisation,
                    message: "`\(name)` names \"\(written)\", which is no organisation the rules declare (by name or alias), so every rule testing `\(name)` took it as none of them"
                        + NameSuggestions.didYouMean(suggestions),
                    isBlocking: false))
            }
        }
    }
}
