extension DelegationTree {
    /// The tree as an indented outline in SVG: each body a box under the body above it,
    /// officers with rounded corners, advisory links dashed. An outline stays readable at A4
    /// width however wide the tree grows.
    public func svg(title: String) -> String {
        let width = 720
        let margin = 14.0, indent = 26.0, titleSize = 14.0, detailSize = 12.0
        var canvas = SVGCanvas(width: width)
        var y = 16.0
        for line in SVGCanvas.wrap(title, width: Double(width) - 2 * margin, size: 16, weight: .bold) {
            canvas.text(line, x: margin, y: y + 14, className: "heading")
            y += 20
        }
        y += 12
        var boxes: [(x: Double, top: Double, bottom: Double)] = []
        for node in nodes {
            // Past ten levels the outline stops indenting, so that a box never leaves the page.
            let x = margin + Double(min(node.depth, 10)) * indent
            let boxWidth = Double(width) - margin - x
            let titleLines = SVGCanvas.wrap(node.title, width: boxWidth - 16, size: titleSize, weight: .bold)
            var detail = "\(node.id) · \(relation(node))"
            detail += " · \(node.ruleCount) rule\(node.ruleCount == 1 ? "" : "s") require\(node.ruleCount == 1 ? "s" : "") its approval, recommendation or notice"
            if let membership = node.membership { detail += " · \(membership)" }
            if let existence = existence(node) { detail += " · \(existence)" }
            if !node.existsOnDay, let day { detail += " · did not exist on \(DateText.long(day))" }
            let detailLines = SVGCanvas.wrap(detail, width: boxWidth - 16, size: detailSize, weight: .regular)
            let height = 10 + Double(titleLines.count) * 17 + Double(detailLines.count) * 15 + 4
            var tooltip = "\(node.title) (\(node.id)): \(relation(node))"
            if let source = node.source { tooltip += ". Source: \(source)" }
            var className = node.isOfficer ? "officer" : (node.advises != nil ? "advisory" : "body")
            if !node.existsOnDay { className += " absent" }
            canvas.beginGroup(title: tooltip, className: className)
            canvas.rect(x: x, y: y, width: boxWidth, height: height, className: "box", radius: node.isOfficer ? 12 : 2)
            var lineY = y + 18
            for line in titleLines {
                canvas.text(line, x: x + 8, y: lineY, className: "title")
                lineY += 17
            }
            for line in detailLines {
                canvas.text(line, x: x + 8, y: lineY - 2, className: "detail")
                lineY += 15
            }
            canvas.endGroup()
            boxes.append((x, y, y + height))
            y += height + 10
        }
        // Connectors from each body to the one above it (or that it advises).
        for (index, node) in nodes.enumerated() {
            guard let above = node.parent ?? node.advises else { continue }
            let from = boxes[above], to = boxes[index]
            let stemX = from.x + 12
            let midY = (to.top + to.bottom) / 2
            let d = "M\(SVGCanvas.number(stemX)) \(SVGCanvas.number(from.bottom)) V\(SVGCanvas.number(midY)) H\(SVGCanvas.number(to.x))"
            canvas.path(d, className: node.parent == nil ? "link advises" : "link")
        }
        // Legend.
        y += 6
        canvas.line(x1: margin, y1: y, x2: margin + 36, y2: y, className: "link")
        canvas.text("committee of / reports to", x: margin + 44, y: y + 4, className: "detail")
        canvas.line(x1: margin + 230, y1: y, x2: margin + 266, y2: y, className: "link advises")
        canvas.text("advises (may recommend, never approve)", x: margin + 274, y: y + 4, className: "detail")
        canvas.rect(x: margin + 560, y: y - 8, width: 30, height: 16, className: "box officer-key", radius: 8)
        canvas.text("officer", x: margin + 598, y: y + 4, className: "detail")
        if let day, nodes.contains(where: { !$0.existsOnDay }) {
            y += 22
            canvas.beginGroup(title: "bodies that did not exist on \(DateText.long(day))", className: "absent")
            canvas.rect(x: margin, y: y - 8, width: 36, height: 16, className: "box", radius: 2)
            canvas.text("did not exist on \(DateText.long(day))", x: margin + 44, y: y + 4, className: "detail")
            canvas.endGroup()
        }
        y += 20
        let description = "The delegation tree: " + nodes.map { "\($0.title) (\($0.id)), \(relation($0))" }.joined(separator: "; ")
        return canvas.document(height: y, title: title, description: description, style: Self.style)
    }

    static let style = """
    text { font-family: \(SVGCanvas.fontFamily); fill: #111; }
    .page { fill: #fff; }
    .heading { font-size: 16px; font-weight: bold; }
    .title { font-size: 14px; font-weight: bold; }
    .detail { font-size: 12px; fill: #333; }
    .box { fill: #f3f6fa; stroke: #1d3f6e; stroke-width: 1.2; }
    .officer .box, .officer-key { fill: #fff8e8; stroke: #8a5a00; }
    .advisory .box { fill: #fff; stroke-dasharray: 5 3; }
    .link { fill: none; stroke: #1d3f6e; stroke-width: 1.2; }
    .link.advises { stroke-dasharray: 5 3; }
    .absent .box { fill: #f2f2f2; stroke: #999; stroke-dasharray: 2 2; }
    .absent text { fill: #666; }

    """
}
