/// Writes SVG by hand: elements with escaped text and attributes, coordinates rounded to a
/// tenth, a stylesheet inside the picture, text always as text. The result needs nothing else
/// to show: no fonts, scripts or links are fetched.
struct SVGCanvas {
    let width: Int
    private(set) var body = ""

    init(width: Int) {
        self.width = width
    }

    static let fontFamily = "'Liberation Sans', Arial, Helvetica, sans-serif"

    /// The weight text is drawn in: bold letters are wider, so text is measured in the weight
    /// its class gives it.
    enum Weight { case regular, bold }

    /// How wide `text` is at `size` pixels in the widest font that may draw it (Liberation Sans,
    /// named first, or DejaVu Sans, the fallback where it is missing; `TextMetrics`), so that
    /// text laid out by it is never cut off whichever of them the reader's machine has.
    static func textWidth(_ text: some StringProtocol, size: Double, weight: Weight) -> Double {
        Double(text.reduce(0) { $0 + thousandthsOfEm($1, weight: weight) }) / 1000 * size
    }

    private static func thousandthsOfEm(_ character: Character, weight: Weight) -> Int {
        (weight == .bold ? TextMetrics.bold : TextMetrics.regular)[character] ?? TextMetrics.unknown
    }

    /// Breaks `text` into lines no wider than `width` at `size`; a word longer than a line is
    /// broken where it must be. Linear in the text: each character is measured once.
    static func wrap(_ text: String, width: Double, size: Double, weight: Weight) -> [String] {
        var lines: [String] = []
        var line = "", lineWidth = 0.0
        let space = textWidth(" ", size: size, weight: weight)
        for word in text.split(separator: " ") {
            let wordWidth = textWidth(word, size: size, weight: weight)
            if !line.isEmpty && lineWidth + space + wordWidth <= width {
                line += " " + word
                lineWidth += space + wordWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            lineWidth = 0
            if wordWidth <= width {
                line = String(word)
                lineWidth = wordWidth
                continue
            }
            // Too long for any line: cut it, character by character.
            for character in word {
                let characterWidth = Double(thousandthsOfEm(character, weight: weight)) / 1000 * size
                if !line.isEmpty && lineWidth + characterWidth > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += characterWidth
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    mutating func raw(_ text: String) {
        body += text
    }

    /// Opens a group with an accessible title (shown by browsers on hover, read by screen readers).
    mutating func beginGroup(title: String, className: String? = nil) {
        body += "<g\(className.map { " class=\"\($0)\"" } ?? "")><title>\(Escaping.xml(title))</title>\n"
    }

    mutating func endGroup() {
        body += "</g>\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, radius: Double = 0) {
        body += "<rect class=\"\(className)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" height=\"\(Self.number(max(height, 0)))\""
        body += radius > 0 ? " rx=\"\(Self.number(radius))\"/>\n" : "/>\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body += "<line class=\"\(className)\" x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\"/>\n"
    }

    mutating func path(_ d: String, className: String) {
        body += "<path class=\"\(className)\" d=\"\(d)\"/>\n"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ text: String, x: Double, y: Double, className: String, anchor: Anchor = .start) {
        let anchorAttribute = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        body += "<text class=\"\(className)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\"\(anchorAttribute)>\(Escaping.xml(text))</text>\n"
    }

    /// The finished picture: `width` units wide, `height` high.
    func document(height: Double, title: String, description: String, style: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        // Printed size: a quarter of a millimetre per unit, so that the 720-unit canvas is 180 mm
        // wide and fits an A4 page inside its margins, with 12-unit text at about 8.5 pt.
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(Self.number(height))\""
        out += " width=\"\(Self.number(Double(width) / 4))mm\" height=\"\(Self.number(height / 4))mm\""
        out += " role=\"img\" aria-labelledby=\"svg-title svg-desc\" lang=\"en-GB\">\n"
        out += "<title id=\"svg-title\">\(Escaping.xml(title))</title>\n<desc id=\"svg-desc\">\(Escaping.xml(description))</desc>\n"
        out += "<style>\n\(style)</style>\n"
        out += "<rect class=\"page\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(Self.number(height))\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }
}
