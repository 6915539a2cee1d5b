extension Ladder {
    /// The bands in ascending order of their lower limit (open below first), then rule order.
    var bandsInValueOrder: [Band] {
        bands.enumerated().sorted { a, b in
            let x = a.element.range.lower?.value ?? .min, y = b.element.range.lower?.value ?? .min
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    private func lines(_ band: Band) -> [String] {
        var lines = [band.ruleID, band.range.describe(field: moneyField)]
        lines += band.recommendations.map { "recommendation by \($0.id)" }
        lines += band.approvals.map { "approval by \($0.id)" }
        lines += band.notices.map { "notice to \($0.id)" + ($0.deemedApprovedAfter.map { " (deemed approved after \($0))" } ?? "") }
        if !band.open.isEmpty { lines.append("only when " + band.open.joined(separator: " and ")) }
        if !band.placeholders.isEmpty { lines.append("placeholder: " + band.placeholders.joined(separator: ", ")) }
        return lines
    }

    /// The ladder as a Mermaid flowchart: one node per band, left to right by value, gaps in red.
    public var mermaid: String {
        var out = "flowchart LR\n"
        out += "  %% \(kind) on \(day.iso)\(assumptions.isEmpty ? "" : ", assuming " + assumptions.joined(separator: ", "))\n"
        var previous: String?
        for (index, band) in bandsInValueOrder.enumerated() {
            let label = lines(band).map { DelegationTree.mermaidEscape($0) }.joined(separator: "<br/>")
            out += "  b\(index)[\"\(label)\"]\n"
            if !band.placeholders.isEmpty { out += "  style b\(index) stroke-dasharray: 4 2\n" }
            if let previous { out += "  \(previous) --- b\(index)\n" }
            previous = "b\(index)"
        }
        for (index, gap) in gaps.enumerated() {
            out += "  g\(index)[\"no rule gives authority<br/>\(DelegationTree.mermaidEscape(gap.describe(field: moneyField)))\"]\n"
            out += "  style g\(index) fill:#fde8e8,stroke:#c0392b\n"
        }
        return out
    }

    /// The ladder in Graphviz DOT: one record per band, left to right by value, gaps in red.
    public var dot: String {
        var out = "digraph ladder {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
        out += "  label=\"\(DelegationTree.dotEscape("\(kind) on \(day.iso)" + (assumptions.isEmpty ? "" : ", assuming " + assumptions.joined(separator: ", "))))\";\n"
        var previous: String?
        for (index, band) in bandsInValueOrder.enumerated() {
            let label = lines(band).map { DelegationTree.dotEscape($0) }.joined(separator: "\\n")
            out += "  b\(index) [label=\"\(label)\"\(band.placeholders.isEmpty ? "" : ", style=dashed")];\n"
            if let previous { out += "  \(previous) -> b\(index) [arrowhead=none];\n" }
            previous = "b\(index)"
        }
        for (index, gap) in gaps.enumerated() {
            out += "  g\(index) [label=\"no rule gives authority\\n\(DelegationTree.dotEscape(gap.describe(field: moneyField)))\", color=red, fontcolor=red];\n"
        }
        return out + "}\n"
    }
}
