import ProbitySupport
import ProbitySyntax

extension Program {
    /// Per rule, the `let` constants marked `placeholder "…"` that its condition uses, in
    /// declaration order. The checker inlines constants, so use is found, as lint's P0907 finds
    /// it, in the text of the rule's condition (a whole-word match of the constant's name).
    /// An answer resting on such a rule rests on a figure the papers do not give.
    public func placeholdersUsedByRule() -> [[Int]] {
        let placeholders = constants.indices.filter { constants[$0].placeholder != nil }
        guard !placeholders.isEmpty else { return rules.map { _ in [] } }
        return rules.map { rule in
            guard let range = rule.condition?.range else { return [] }
            let text = sources[range.file].text(in: range)
            return placeholders.filter { PlaceholderRule.mentions(text, constants[$0].name) }
        }
    }
}

extension Literal {
    /// The value as a rule file writes it: `£250,000`, `2024-01-01`, `12`, `"text"`.
    public var sourceText: String {
        switch self {
        case .money(let pence): Money(pence: pence).description
        case .date(let day): Day(number: day).iso
        case .number(let number): "\(number)"
        case .string(let text): "\"\(text)\""
        case .boolean(let value): value ? "true" : "false"
        }
    }
}
