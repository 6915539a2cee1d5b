import ProbitySyntax

extension Checker {
    /// A shape with one hole: `"Councillor in {place}"` is the prefix "Councillor in ", the hole
    /// `place` and an empty suffix.
    struct AliasShape {
        var prefix: String
        var hole: String
        var suffix: String

        /// The shape of `text`, or nil unless it has exactly one `{word}` hole.
        init?(_ text: String) {
            guard let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") else { return nil }
            let hole = String(text[text.index(after: open)..<close])
            let rest = text[text.index(after: close)...]
            guard !hole.isEmpty, hole.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }),
                  !rest.contains("{"), !rest.contains("}"), !text[..<open].contains("}") else { return nil }
            prefix = String(text[..<open])
            self.hole = hole
            suffix = String(rest)
        }

        /// What fills the hole when `name` has this shape (compared without regard to case), or nil.
        func filling(_ name: String) -> String? {
            let lowered = name.lowercased()
            guard lowered.count > prefix.count + suffix.count, lowered.hasPrefix(prefix.lowercased()),
                  lowered.hasSuffix(suffix.lowercased()) else { return nil }
            let filling = name.dropFirst(prefix.count).dropLast(suffix.count)
            let trimmed = filling.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
            return trimmed.isEmpty ? nil : String(trimmed)
        }

        func filled(with place: String) -> String { prefix + place + suffix }
    }

    /// Gives each organisation the aliases of every `aliases` declaration whose `for
    /// organisations named` shape its name (or, failing that, an `aka` alias) has (P1203 for a malformed shape,
    /// P1204 for a declaration that fits no organisation, P1205 for an alias that would name
    /// two organisations). Runs once every organisation is declared, before anything resolves
    /// a name.
    mutating func expandAliasShapes(_ declarations: [AliasShapesSyntax]) {
        for syntax in declarations {
            guard let (shapes, named) = checkShapes(syntax) else { continue }
            var fitted = false
            for index in organisations.indices {
                // The name first; an `aka` alias only when the name has none of the shapes, so
                // "London Borough of Bromley Council" does not make "Councillor in Bromley Council".
                let aliases = organisations[index].aliases.filter { !organisations[index].shapedAliases.contains($0) }
                var places: [String] = []
                for written in [[organisations[index].name], aliases] where places.isEmpty {
                    for name in written {
                        for shape in named {
                            if let place = shape.filling(name), !places.contains(place) { places.append(place) }
                        }
                    }
                }
                for place in places {
                    fitted = true
                    for shape in shapes { addShapedAlias(shape.filled(with: place), to: index, from: syntax) }
                }
            }
            if !fitted {
                warning("P1204", "no organisation's name has the shape \(named.map { "\"\($0.prefix){\($0.hole)}\($0.suffix)\"" }.joined(separator: " or ")), so these aliases name nothing; expected the shape of a declared organisation's name or `aka` alias",
                        at: syntax.range)
            }
        }
    }

    private mutating func checkShapes(_ syntax: AliasShapesSyntax) -> (shapes: [AliasShape], named: [AliasShape])? {
        var valid = true
        func shapes(_ literals: [StringLiteral], _ what: String) -> [AliasShape] {
            literals.compactMap { literal in
                if let shape = AliasShape(literal.value) { return shape }
                error("P1203", "\(what) \"\(literal.value)\" has no single `{word}` hole; expected one, as in \"Councillor in {place}\"", at: literal.range)
                valid = false
                return nil
            }
        }
        let given = shapes(syntax.shapes, "the alias shape")
        let named = shapes(syntax.named, "the name shape")
        if syntax.named.isEmpty {
            error("P1203", "`aliases` does not say which organisations get them; expected `for organisations named \"London Borough of {place}\"`", at: syntax.range)
            return nil
        }
        guard valid, let hole = named.first?.hole else { return nil }
        for (shape, literal) in zip(given + named, syntax.shapes + syntax.named) where shape.hole != hole {
            error("P1203", "the hole `{\(shape.hole)}` in \"\(literal.value)\" is not the name shapes' `{\(hole)}`; expected one hole name throughout", at: literal.range)
            valid = false
        }
        return valid ? (given, named) : nil
    }

    private mutating func addShapedAlias(_ alias: String, to index: Int, from syntax: AliasShapesSyntax) {
        let key = alias.lowercased()
        if let other = organisationNames[key] {
            if other != index {
                error("P1205", "the alias shape gives \"\(alias)\" to `\(organisations[index].id)`, but it already names `\(organisations[other].id)`; expected each name to identify one organisation",
                      at: syntax.range, notes: [DiagnosticNote("`\(organisations[other].id)` is declared here", at: organisations[other].range)])
            }
            return
        }
        organisationNames[key] = index
        organisations[index].aliases.append(alias)
        organisations[index].shapedAliases.append(alias)
    }
}
