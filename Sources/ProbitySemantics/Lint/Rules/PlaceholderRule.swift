import ProbitySyntax

/// P0907: a `let` constant marked `placeholder "…"` that a rule still uses. The checker inlines
/// constants, so use is found in the text of each rule's conditions (a whole-word match of the
/// constant's name).
public struct PlaceholderRule: LintRule {
    public let code: DiagnosticCode = .placeholderInUse
    public let summary = "a placeholder constant still in use"

    public init() {}

    public func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        let texts: [String?] = program.rules.indices.map { index in
            guard let range = space.layout.rules[index]?.condition ?? program.rules[index].condition?.range else { return nil }
            return program.sources[range.file].text(in: range)
        }
        return program.constants.compactMap { constant in
            guard let reason = constant.placeholder else { return nil }
            let users = texts.indices.filter { texts[$0].map { Self.mentions($0, constant.name) } ?? false }
            guard !users.isEmpty else { return nil }
            let names = users.prefix(5).map { "`\(program.rules[$0].id)`" } + (users.count > 5 ? ["\(users.count - 5) more"] : [])
            return LintFinding(.warning(code, "`\(constant.name)` is a placeholder still used by rule\(users.count == 1 ? "" : "s") \(DecisionSpace.list(names, "and")): \(reason)",
                                        at: constant.range,
                                        notes: users.prefix(3).map { DiagnosticNote("used by rule `\(program.rules[$0].id)`", at: program.rules[$0].range) }),
                               rules: users)
        }
    }

    /// Whether `text` contains `name` as a whole identifier.
    static func mentions(_ text: String, _ name: String) -> Bool {
        let bytes = Array(text.utf8), target = Array(name.utf8)
        guard target.count <= bytes.count else { return false }
        func isNamePart(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
        }
        var i = 0
        while i + target.count <= bytes.count {
            if bytes[i..<(i + target.count)].elementsEqual(target),
               i == 0 || !isNamePart(bytes[i - 1]),
               i + target.count == bytes.count || !isNamePart(bytes[i + target.count]) {
                return true
            }
            i += 1
        }
        return false
    }
}
