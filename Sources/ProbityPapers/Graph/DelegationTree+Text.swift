extension DelegationTree {
    /// The tree in Graphviz DOT: solid edges for `committee of` / `reports to`, dashed for `advises`.
    public var dot: String {
        var out = "digraph delegation {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
        for node in nodes {
            let shape = node.isOfficer ? "ellipse" : "box"
            let lines = [node.title, node.id] + [node.membership, existence(node)].compactMap { $0 }
            let label = lines.map { Self.dotEscape($0) }.joined(separator: "\\n")
            out += "  \"\(Self.dotEscape(node.id))\" [shape=\(shape), label=\"\(label)\"];\n"
        }
        for node in nodes {
            if let parent = node.parent {
                out += "  \"\(Self.dotEscape(nodes[parent].id))\" -> \"\(Self.dotEscape(node.id))\" [label=\"\(node.isOfficer ? "reports to" : "committee of")\", dir=back];\n"
            }
            for advised in (node.advises.map { [$0] } ?? []) + node.alsoAdvises {
                out += "  \"\(Self.dotEscape(node.id))\" -> \"\(Self.dotEscape(nodes[advised].id))\" [label=\"advises\", style=dashed];\n"
            }
        }
        return out + "}\n"
    }

    /// The tree as a Mermaid flowchart: solid links from a body to its committees and officers,
    /// dotted from an advisory body to the body it advises.
    public var mermaid: String {
        var out = "flowchart TD\n"
        for (index, node) in nodes.enumerated() {
            var label = "\(node.title)<br/><code>\(node.id)</code>"
            for line in [node.membership, existence(node)].compactMap({ $0 }) { label += "<br/>\(line)" }
            let text = Self.mermaidEscape(label)
            out += node.isOfficer ? "  n\(index)([\"\(text)\"])\n" : "  n\(index)[\"\(text)\"]\n"
        }
        for (index, node) in nodes.enumerated() {
            // Drawn from the body above, so that Mermaid lays the tree out top down.
            if let parent = node.parent { out += "  n\(parent) -->|\(node.isOfficer ? "has officer" : "has committee")| n\(index)\n" }
            for advised in (node.advises.map { [$0] } ?? []) + node.alsoAdvises { out += "  n\(index) -.->|advises| n\(advised)\n" }
        }
        return out
    }

    /// Text inside a DOT double-quoted string.
    static func dotEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Mermaid labels are quoted; a quote inside becomes `#quot;`.
    static func mermaidEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}
