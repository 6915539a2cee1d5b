import Foundation

extension Ladder {
    /// The ladder in SVG: a log-scale money axis, one band per rule case with who recommends or
    /// approves, gaps hatched in red, conditional cover hatched in amber, placeholder limits
    /// dashed and starred.
    public func svg(title: String) -> String {
        let width = 720
        let margin = 14.0, labelWidth = 270.0, axisLeft = 300.0, axisRight = Double(width) - 24
        let scale = LogScale(thresholds: thresholds.map(\.pence), left: axisLeft, right: axisRight)
        var canvas = SVGCanvas(width: width)
        canvas.raw("""
        <defs>
        <pattern id="gap-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fde8e8"/><line x1="0" y1="0" x2="0" y2="8" stroke="#c0392b" stroke-width="3"/></pattern>
        <pattern id="conditional-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff6e0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#c98a00" stroke-width="2"/></pattern>
        </defs>

        """)
        var y = 16.0
        for line in SVGCanvas.wrap(title, width: Double(width) - 2 * margin, size: 16, weight: .bold) {
            canvas.text(line, x: margin, y: y + 14, className: "heading")
            y += 20
        }
        var subtitle = "Rules in force on \(DateText.long(day)), for decisions of kind \(kind) by \(moneyField)"
        subtitle += assumptions.isEmpty ? "; no other field assumed." : "; assuming \(assumptions.joined(separator: ", "))."
        for line in SVGCanvas.wrap(subtitle, width: Double(width) - 2 * margin, size: 12, weight: .regular) {
            canvas.text(line, x: margin, y: y + 12, className: "subtitle")
            y += 16
        }
        y += 8

        // Threshold labels, staggered so that close limits never overlap.
        var levels: [Double] = []
        var labels: [(x: Double, level: Int, text: String, placeholder: Bool)] = []
        for threshold in thresholds {
            let x = scale.x(threshold.pence)
            let text = MoneyText.short(threshold.pence) + (threshold.placeholders.isEmpty ? "" : "*")
            let half = SVGCanvas.textWidth(text, size: 12, weight: threshold.placeholders.isEmpty ? .regular : .bold) / 2 + 4
            let level = levels.firstIndex { $0 < x - half } ?? levels.count
            if level == levels.count { levels.append(0) }
            levels[level] = x + half
            labels.append((x, level, text, !threshold.placeholders.isEmpty))
        }
        let labelTop = y
        y += Double(max(levels.count, 1)) * 15 + 4
        let rowsTop = y

        // One row per band.
        var rows: [(top: Double, bottom: Double)] = []
        for (index, band) in bandsInValueOrder.enumerated() {
            var lines: [(text: String, className: String)] = [(band.ruleID, "rule")]
            for body in band.recommendations { lines.append(("recommendation by \(body.title) (\(body.id))", "who")) }
            for body in band.approvals { lines.append(("approval by \(body.title) (\(body.id))", "who")) }
            for body in band.notices {
                lines.append(("notice to \(body.title) (\(body.id))" + (body.deemedApprovedAfter.map { ", deemed approved after \($0) without objection" } ?? ""), "who"))
            }
            lines.append((band.range.describe(field: moneyField), "range"))
            if !band.open.isEmpty { lines.append(("only when " + band.open.joined(separator: " and "), "open")) }
            if !band.placeholders.isEmpty { lines.append(("* rests on placeholder " + band.placeholders.joined(separator: ", "), "placeholder")) }
            let wrapped = lines.flatMap { line in SVGCanvas.wrap(line.text, width: labelWidth - 8, size: 12, weight: line.className == "rule" ? .bold : .regular).map { ($0, line.className) } }
            let height = Double(wrapped.count) * 15 + 10
            var tooltip = "\(band.ruleID) \"\(band.title)\": \(band.range.describe(field: moneyField))"
            if !band.open.isEmpty { tooltip += ", only when " + band.open.joined(separator: " and ") }
            tooltip += ". " + (band.citation.map { "Source: \($0)" } ?? "No source cited") + " (\(band.location))"
            canvas.beginGroup(title: tooltip, className: "band")
            if index % 2 == 0 { canvas.rect(x: margin - 4, y: y, width: Double(width) - 2 * margin + 8, height: height, className: "stripe") }
            var lineY = y + 15
            for (text, className) in wrapped {
                canvas.text(text, x: margin, y: lineY, className: className)
                lineY += 15
            }
            let from = band.range.lower.map { scale.x($0.value) } ?? axisLeft
            let to = band.range.upper.map { scale.x($0.value) } ?? axisRight
            var barClass = !band.approvals.isEmpty ? "bar approve" : (!band.recommendations.isEmpty ? "bar recommend" : "bar notice")
            if !band.open.isEmpty { barClass += " conditional" }
            if !band.placeholders.isEmpty { barClass += " placeholder" }
            canvas.rect(x: from, y: y + 6, width: max(to - from, 2), height: 16, className: barClass, radius: 3)
            canvas.endGroup()
            rows.append((y, y + height))
            y += height
        }

        // Gap rows: where nothing gives authority, and where only conditional bands do.
        for (ranges, label, className) in [(gaps, "no rule gives authority", "gap"), (conditionalGaps, "authority only under the conditions shown", "conditional-gap")] where !ranges.isEmpty {
            canvas.beginGroup(title: label + ": " + ranges.map { $0.describe(field: moneyField) }.joined(separator: "; "), className: className)
            // Bold and, for conditional cover, longer than the label column in DejaVu Sans: wrapped
            // to the column like a band's lines, so that it never runs into the bars.
            var lineY = y + 15
            for line in SVGCanvas.wrap(label, width: labelWidth - 8, size: 12, weight: .bold) {
                canvas.text(line, x: margin, y: lineY, className: className + "-label")
                lineY += 14
            }
            for range in ranges {
                canvas.text(range.describe(field: moneyField), x: margin, y: lineY, className: "range")
                lineY += 15
            }
            for range in ranges {
                let from = range.lower.map { scale.x($0.value) } ?? axisLeft
                let to = range.upper.map { scale.x($0.value) } ?? axisRight
                canvas.rect(x: from, y: y + 6, width: max(to - from, 2), height: 16, className: className + "-bar")
                // A gap runs down through every band, so that a reader sees it at each step.
                if className == "gap" {
                    canvas.rect(x: from, y: rowsTop, width: max(to - from, 2), height: y - rowsTop, className: "gap-column")
                }
            }
            canvas.endGroup()
            y = lineY
        }
        let rowsBottom = y + 4

        // Thresholds across the rows, labelled above.
        for (x, level, text, placeholder) in labels {
            canvas.line(x1: x, y1: labelTop + Double(level) * 15 + 13, x2: x, y2: rowsBottom, className: placeholder ? "threshold placeholder" : "threshold")
            canvas.text(text, x: x, y: labelTop + Double(level) * 15 + 10, className: placeholder ? "threshold-label placeholder-label" : "threshold-label", anchor: .middle)
        }

        // The money axis.
        y = rowsBottom + 4
        canvas.line(x1: axisLeft, y1: y, x2: axisRight, y2: y, className: "axis")
        for (x, text) in scale.ticks {
            canvas.line(x1: x, y1: y, x2: x, y2: y + 5, className: "axis")
            canvas.text(text, x: x, y: y + 17, className: "tick", anchor: x <= axisLeft + 1 ? .start : (x >= axisRight - 1 ? .end : .middle))
        }
        canvas.text("\(moneyField) (log scale)", x: axisLeft - 8, y: y + 17, className: "tick", anchor: .end)
        y += 34

        // Legend and notes.
        let legend: [(String, String)] = [("bar approve", "approval"), ("bar recommend", "recommendation"), ("bar notice", "notice only"), ("bar approve conditional", "only under a condition"),
                                          ("bar approve placeholder", "limit is a placeholder (*)"), ("gap-bar", "no rule gives authority")]
        var legendX = margin
        for (className, text) in legend {
            let textWidth = SVGCanvas.textWidth(text, size: 12, weight: .regular)
            if legendX + 30 + textWidth > Double(width) - margin {
                legendX = margin
                y += 18
            }
            canvas.rect(x: legendX, y: y - 10, width: 24, height: 12, className: className, radius: 2)
            canvas.text(text, x: legendX + 30, y: y, className: "note")
            legendX += 30 + textWidth + 18
        }
        y += 20
        var notes: [String] = []
        let placeholders = Set(bands.flatMap(\.placeholders)).sorted()
        if !placeholders.isEmpty {
            notes.append("* Placeholders, not figures from the papers: \(placeholders.joined(separator: ", ")). Rules/README.md says what each stands for and what to replace it with.")
        }
        if !undrawn.isEmpty { notes.append("Not drawn (more than \(PartialCondition.caseLimit) cases): \(undrawn.joined(separator: ", ")).") }
        notes.append("Each band is one rule (or one case of a rule); every rule that matches a decision applies, so a decision needs every approval and recommendation drawn at its value.")
        for note in notes {
            for line in SVGCanvas.wrap(note, width: Double(width) - 2 * margin, size: 12, weight: .regular) {
                canvas.text(line, x: margin, y: y, className: "note")
                y += 15
            }
        }
        y += 6
        return canvas.document(height: y, title: title, description: description, style: Self.style)
    }

    /// The ladder in words, for the picture's description.
    var description: String {
        var parts = bands.map { band in
            let who = (band.recommendations.map { "recommendation by \($0.title)" } + band.approvals.map { "approval by \($0.title)" }
                       + band.notices.map { "notice to \($0.title)" }).joined(separator: ", ")
            return "\(band.range.describe(field: moneyField)): \(who) (\(band.ruleID)\(band.open.isEmpty ? "" : ", only when " + band.open.joined(separator: " and ")))"
        }
        if !gaps.isEmpty { parts.append("no rule gives authority for " + gaps.map { $0.describe(field: moneyField) }.joined(separator: "; ")) }
        return "Delegation ladder for \(kind) decisions on \(day.iso): " + parts.joined(separator: "; ")
    }

    static let style = """
    text { font-family: \(SVGCanvas.fontFamily); fill: #111; }
    .page { fill: #fff; }
    .heading { font-size: 16px; font-weight: bold; }
    .subtitle { font-size: 12px; fill: #333; }
    .rule { font-size: 12px; font-weight: bold; }
    .who, .range, .note, .tick { font-size: 12px; }
    .range { fill: #333; }
    .open { font-size: 12px; fill: #7a5200; font-style: italic; }
    .placeholder { font-size: 12px; fill: #8b1a1a; }
    .stripe { fill: #f5f7fa; }
    .bar { stroke-width: 1.2; }
    .bar.approve { fill: #1d3f6e; stroke: #1d3f6e; }
    .bar.recommend { fill: #cfe0f3; stroke: #1d3f6e; }
    .bar.notice { fill: #fff; stroke: #1d3f6e; stroke-dasharray: 1 2; }
    .bar.conditional { fill-opacity: .45; }
    .bar.placeholder { stroke: #8b1a1a; stroke-dasharray: 4 2; stroke-width: 2; }
    .gap-label { font-size: 12px; font-weight: bold; fill: #a93226; }
    .conditional-gap-label { font-size: 12px; font-weight: bold; fill: #7a5200; }
    .gap-bar { fill: url(#gap-hatch); stroke: #c0392b; }
    .gap-column { fill: #c0392b; fill-opacity: .07; }
    .conditional-gap-bar { fill: url(#conditional-hatch); stroke: #c98a00; }
    .threshold { stroke: #777; stroke-dasharray: 3 3; }
    .threshold.placeholder { stroke: #8b1a1a; }
    .threshold-label { font-size: 12px; fill: #333; }
    .placeholder-label { fill: #8b1a1a; font-weight: bold; }
    .axis { stroke: #111; stroke-width: 1; }

    """
}

/// A log-scale money axis in whole decades of pounds, wide enough for every threshold with a
/// decade to spare each side.
struct LogScale {
    let lowDecade: Int
    let highDecade: Int
    let left: Double
    let right: Double

    init(thresholds: [Int64], left: Double, right: Double) {
        let pounds = thresholds.filter { $0 >= 100 }.map { Double($0) / 100 }
        var low = pounds.min().map { Int(Foundation.log10($0).rounded(.down)) - 1 } ?? 3
        var high = pounds.max().map { Int(Foundation.log10($0).rounded(.up)) + 1 } ?? 7
        // At least three decades, within £1 … £1tn whatever the limits (a limit beyond is drawn
        // at the axis's end): the names run out past £1tn, and a range must never be empty.
        low = min(max(low, 0), 9)
        high = max(min(high, 12), low + 3)
        lowDecade = low
        highDecade = high
        self.left = left
        self.right = right
    }

    func x(_ pence: Int64) -> Double {
        guard pence > 0 else { return left }
        let position = (Foundation.log10(Double(pence) / 100) - Double(lowDecade)) / Double(highDecade - lowDecade)
        return left + min(max(position, 0), 1) * (right - left)
    }

    var ticks: [(x: Double, text: String)] {
        (lowDecade...highDecade).map { decade in
            var pence: Int64 = 100
            for _ in 0..<decade { pence *= 10 }
            return (x(pence), Self.decadeText(decade))
        }
    }

    static func decadeText(_ decade: Int) -> String {
        let names = ["£1", "£10", "£100", "£1k", "£10k", "£100k", "£1m", "£10m", "£100m", "£1bn", "£10bn", "£100bn", "£1tn"]
        return decade < names.count ? names[decade] : "£1e\(decade)"
    }
}
