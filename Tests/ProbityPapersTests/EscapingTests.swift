import ProbityPapers
import Testing

/// Register text is pasted into papers as text: never as Markdown or HTML.
@Suite struct EscapingTests {
    @Test func registerTextNeverBecomesMarkup() {
        let sentence: Sentence = [.text("a | b *c* _d_ <b>e</b> [f](g) # h & i")]
        #expect(MeetingPaper.markdownText(sentence) == "a \\| b \\*c\\* \\_d\\_ \\<b\\>e\\</b\\> \\[f\\](g) \\# h & i")
        #expect(MeetingPaper.htmlText(sentence) == "a | b *c* _d_ &lt;b&gt;e&lt;/b&gt; [f](g) # h &amp; i")
    }
}
