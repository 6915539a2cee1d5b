import ProbitySemantics
import ProbitySyntax

/// Which placeholder constants each rule's condition uses, so that every answer resting on a
/// placeholder can say so. Found by reading the condition's source text for the constants'
/// names: the checker has already replaced them by their values.
struct Placeholders {
    struct Entry: Sendable {
        var name: String
        var explanation: String
    }

    /// Per rule index: the placeholders its condition names, in declaration order.
    let byRule: [[Entry]]

    init(program: Program) {
        let placeholders = program.constants.compactMap { constant in
            constant.placeholder.map { Entry(name: constant.name, explanation: $0) }
        }
        byRule = program.rules.map { rule in
            guard !placeholders.isEmpty, let range = rule.condition?.range else { return [] }
            let text = program.sources[range.file].text(in: range)
            return placeholders.filter { Self.mentions(text, $0.name) }
        }
    }

    /// Whether `text` has `name` as a whole word (names may hold `-` and `_`).
    static func mentions(_ text: String, _ name: String) -> Bool {
        var searchStart = text.startIndex
        while let found = text.range(of: name, range: searchStart..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !isNameCharacter(before) && !isNameCharacter(after) { return true }
            searchStart = found.upperBound
        }
        return false
    }

    private static func isNameCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "-" || character == "_"
    }
}
