import ProbitySyntax

/// Where the clauses of each rule (and each enumeration value) are written, so that findings
/// can point at the clause at fault rather than at the rule's name. Built from the parsed
/// files; without them every finding points at the rule's name.
public struct RuleLayout: Sendable {
    public struct Clauses: Sendable {
        /// The whole declaration.
        public var range: SourceRange
        public var effective: SourceRange?
        /// The `when` clauses, joined.
        public var condition: SourceRange?
        /// Each `require notice to …` clause, with whether it has a deemed-approval period.
        public var notices: [(names: [String], deemed: Bool, range: SourceRange)]
    }

    /// By rule index.
    public var rules: [Clauses?]
    /// Field name → value → where the value is declared.
    public var enumerationValues: [String: [String: SourceRange]]

    public init(program: Program, syntax: [FileSyntax]) {
        var byName: [SourceRange: RuleSyntax] = [:]
        var values: [String: [String: SourceRange]] = [:]
        for file in syntax {
            for declaration in file.declarations {
                switch declaration {
                case .rule(let rule): byName[rule.name.range] = rule
                case .fields(let fields):
                    for field in fields.fields {
                        var type = field.type
                        if case .setOf(let element) = type { type = element }
                        if case .oneOf(let names) = type {
                            for name in names where values[field.name.text]?[name.text] == nil {
                                values[field.name.text, default: [:]][name.text] = name.range
                            }
                        }
                    }
                default: break
                }
            }
        }
        enumerationValues = values
        rules = program.rules.map { rule in
            guard let syntax = byName[rule.range] else { return nil }
            let condition = syntax.conditions.map(\.range).reduce(nil) { (total: SourceRange?, next) in total.map { $0.union(next) } ?? next }
            let notices: [(names: [String], deemed: Bool, range: SourceRange)] = syntax.requirements.compactMap {
                if case .notice(let names, let deemed, let range) = $0 { return (names.map(\.text), deemed != nil, range) }
                return nil
            }
            return Clauses(range: syntax.range, effective: syntax.effective?.range, condition: condition, notices: notices)
        }
    }
}
