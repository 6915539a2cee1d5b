import ProbitySupport
import ProbitySyntax

extension Checker {
    /// Resolves a name in one table, reporting an undeclared name with a "did you mean" fix-it.
    mutating func resolve(_ name: Name, in table: [String: Int], kind: String) -> Int? {
        if let index = table[name.text] { return index }
        error(.undeclaredName, "undeclared \(kind) `\(name.text)`", at: name.range, fixIt: suggestion(for: name, among: table.keys))
        return nil
    }

    mutating func resolveBody(_ name: Name) -> Int? {
        if let index = bodyIndex[name.text] { return index }
        let note: [DiagnosticNote] = declared[name.text].map { [DiagnosticNote("`\(name.text)` is a \($0.kind), not a body or officer", at: $0.range)] } ?? []
        error(.undeclaredName, "undeclared body or officer `\(name.text)`", at: name.range, notes: note,
              fixIt: suggestion(for: name, among: bodyIndex.keys))
        return nil
    }

    /// A fix-it replacing `name` with the closest candidate, if one is close enough.
    func suggestion(for name: Name, among candidates: some Sequence<String>) -> FixIt? {
        guard let best = closestMatch(to: name.text, among: candidates) else { return nil }
        return FixIt(message: "did you mean `\(best)`?", range: name.range, replacement: best)
    }
}
