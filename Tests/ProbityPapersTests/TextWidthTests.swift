@testable import ProbityPapers
import Testing

/// The SVG graphs lay text out by an estimate of its width. It must hold in DejaVu Sans, the
/// font Chromium falls back to where Liberation Sans and Arial are missing (about a tenth wider):
/// laid out for Liberation's metrics, the tree's heading and the ladder's subtitle ran past the
/// picture's edge in DejaVu Sans.
@Suite struct TextWidthTests {
    /// Lines that were cut off or nearly so, with their widths in pixels as Chromium 156 drew them
    /// (`getComputedTextLength`) in DejaVu Sans 2.37, and in Liberation Sans 1.07.
    static let measured: [(text: String, size: Double, weight: SVGCanvas.Weight, dejaVu: Double, liberation: Double)] = [
        ("Delegation tree: South east London delegations and conflicts of interest (SEL ICB, One", 16, .bold, 783.4, 661.1),
        ("Rules in force on 23 November 2023, for decisions of kind contract-award by value; assuming budget = icb-delegated,", 12, .regular, 713.6, 626.0),
        ("CA-BROMLEY-PLACE-LEAD", 12, .bold, 174.2, 162.0),
        ("only when route is present and route = single-tender-waiver", 12, .regular, 363.4, 315.6),
    ]

    @Test func theEstimateCoversTheWiderFontAndLittleMore() {
        for line in Self.measured {
            let estimate = SVGCanvas.textWidth(line.text, size: line.size, weight: line.weight)
            #expect(estimate >= line.dejaVu, "\(line.text): estimated \(estimate), drawn \(line.dejaVu) in DejaVu Sans")
            #expect(estimate >= line.liberation, "\(line.text): estimated \(estimate), drawn \(line.liberation) in Liberation Sans")
            // Generous, not wasteful: no more than 2% over the wider font's width.
            #expect(estimate <= line.dejaVu * 1.02, "\(line.text): estimated \(estimate), drawn \(line.dejaVu) in DejaVu Sans")
        }
    }

    @Test func boldIsMeasuredWiderThanRegular() {
        let text = "NHS South East London ICB Board"
        #expect(SVGCanvas.textWidth(text, size: 14, weight: .bold) > SVGCanvas.textWidth(text, size: 14, weight: .regular))
    }

    @Test func everyPrintableCharacterHasAWidthInBothWeights() {
        for scalar in (32...126).compactMap(Unicode.Scalar.init) {
            let character = Character(scalar)
            #expect(TextMetrics.regular[character] != nil, "regular \(character)")
            #expect(TextMetrics.bold[character] != nil, "bold \(character)")
        }
    }

    @Test func anUnknownCharacterIsMeasuredAsWideAsTheWidest() {
        let widest = (TextMetrics.regular.values.max() ?? 0, TextMetrics.bold.values.max() ?? 0)
        #expect(TextMetrics.unknown >= max(widest.0, widest.1))
        #expect(SVGCanvas.textWidth("語", size: 10, weight: .regular) == Double(TextMetrics.unknown) / 100)
    }

    /// The tree's heading, 692 units wide in bold 16px: the line that ran past the edge in
    /// DejaVu Sans now breaks before "(SEL ICB", and no line is estimated wider than the room.
    @Test func theTreeHeadingWrapsForTheWiderFont() {
        let title = "Delegation tree: South east London delegations and conflicts of interest (SEL ICB, One Bromley, Bexley, SEL ICP)"
        let lines = SVGCanvas.wrap(title, width: 692, size: 16, weight: .bold)
        #expect(lines == ["Delegation tree: South east London delegations and conflicts of interest", "(SEL ICB, One Bromley, Bexley, SEL ICP)"])
        for line in lines {
            #expect(SVGCanvas.textWidth(line, size: 16, weight: .bold) <= 692)
        }
    }
}
