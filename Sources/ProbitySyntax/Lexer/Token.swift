import ProbitySupport

/// The kinds of token. Keywords are not token kinds: they are identifiers that the parser
/// recognises where the grammar expects them (contextual keywords).
public enum TokenKind: UInt8, Sendable {
    case identifier, string, money, date, number, percent
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, equal, notEqual, less, lessEqual, greater, greaterEqual
    case dotDot, arrow, question
    case invalid, endOfFile

    /// How the token is named in "expected …" messages.
    public var spelling: String {
        switch self {
        case .identifier: "a name"
        case .string: "a string"
        case .money: "an amount of money"
        case .date: "a date"
        case .number: "a number"
        case .percent: "a percentage"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .leftBrace: "`{`"
        case .rightBrace: "`}`"
        case .comma: "`,`"
        case .colon: "`:`"
        case .equal: "`=`"
        case .notEqual: "`!=`"
        case .less: "`<`"
        case .lessEqual: "`<=`"
        case .greater: "`>`"
        case .greaterEqual: "`>=`"
        case .dotDot: "`..`"
        case .arrow: "`->`"
        case .question: "`?`"
        case .invalid: "an invalid character"
        case .endOfFile: "the end of the file"
        }
    }
}

/// One token. Literal values are decoded once, by the lexer: money to pence, dates to day
/// numbers, identifiers to interned symbols.
public struct Token: Sendable {
    public var kind: TokenKind
    /// Byte offsets `[start, end)` in the file.
    public var start: Int32
    public var end: Int32
    /// True if only whitespace precedes the token on its line: declarations start there.
    public var isAtLineStart: Bool
    /// Money in pence, a day number, a number, a percentage, or an identifier's ``Symbol``.
    public var integer: Int64 = 0
    /// A string literal's decoded text (identifiers keep their text in the interner).
    public var text: String = ""
}
