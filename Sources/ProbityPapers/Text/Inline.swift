/// A piece of running text in a paper. Papers are built as values first and rendered to
/// Markdown or HTML afterwards, so both formats say exactly the same thing and each renderer
/// escapes text its own way.
public enum Inline: Sendable, Equatable {
    case text(String)
    /// A person's name, as the register spells it.
    case person(String)
    /// Words the reader must not miss ("leave the room", "NOT quorate").
    case strong(String)
    /// An identifier from the rules (`lcp-board`), set in code type.
    case code(String)
    /// Text quoted from a register or a paper, in curly quotes.
    case quote(String)
    /// A pointer to a numbered note (a placeholder, or a reading of ours).
    case note(Int)
    /// A pointer to a rule in the appendix, by its id.
    case rule(String)
}

/// A sentence or paragraph of inline pieces.
public typealias Sentence = [Inline]

extension Array where Element == Inline {
    /// The sentence as plain text, for SVG titles and tests.
    public var plainText: String {
        map { piece in
            switch piece {
            case .text(let text), .person(let text), .strong(let text), .code(let text): text
            case .quote(let text): "“\(text)”"
            case .note(let number): "[note \(number)]"
            case .rule(let id): id
            }
        }.joined()
    }
}

extension Array where Element == Inline {
    /// A message written the project's way, with names in backticks, as text and code.
    static func message(_ text: String) -> Sentence {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { index, part in
            part.isEmpty ? nil : (index % 2 == 1 ? .code(String(part)) : .text(String(part)))
        }
    }
}
