import ProbitySupport

/// A recursive-descent parser for rule files.
///
/// The parser never throws and never stops at the first error: it reports what it expected,
/// skips to the next line or declaration, and carries on, so one run shows every syntax error.
/// Nesting is capped (``maximumDepth``) so hostile input cannot exhaust the stack.
public struct Parser {
    /// The deepest nesting of parentheses, sets and `not` that a condition may have.
    public static let maximumDepth = 64

    /// The most terms joined by `and`/`or` in one condition, parentheses included. A chain is a
    /// tree as deep as it is long, and every pass over it (checking, formatting, linting,
    /// releasing it) recurses: the cap keeps them all off the end of the stack.
    public static let maximumTerms = 1_000

    /// Words that begin a top-level declaration when they start a line.
    static let declarationKeywords: Set<String> = [
        "scheme", "include", "fields", "let", "body", "officer", "procedure", "rule", "organisation",
        "conflicts", "members", "quorum", "voting", "test", "calendar", "papers", "audit", "aliases",
    ]

    let file: FileID
    var tokens: [Token]
    var index = 0
    var interner: Interner
    var diagnostics: [Diagnostic]
    var depth = 0
    /// `and`/`or` operators read so far in the current condition (see ``maximumTerms``).
    var terms = 0

    init(tokens: [Token], file: FileID, interner: Interner, diagnostics: [Diagnostic]) {
        self.tokens = tokens
        self.file = file
        self.interner = interner
        self.diagnostics = diagnostics
    }

    /// Parses one file. Diagnostics include the lexer's.
    public static func parse(_ source: SourceFile, id: FileID, interner: inout Interner)
        -> (syntax: FileSyntax, diagnostics: [Diagnostic])
    {
        let (tokens, lexerDiagnostics) = Lexer.tokenize(source.bytes, file: id, interner: &interner)
        var parser = Parser(tokens: tokens, file: id, interner: interner, diagnostics: lexerDiagnostics)
        let syntax = parser.parseFile()
        interner = parser.interner
        return (syntax, parser.diagnostics)
    }

    mutating func parseFile() -> FileSyntax {
        var declarations: [Declaration] = []
        while current.kind != .endOfFile {
            if let declaration = parseDeclaration() {
                declarations.append(declaration)
            }
        }
        return FileSyntax(file: file, declarations: declarations)
    }

    // MARK: - Token access

    var current: Token { tokens[index] }

    func token(at offset: Int) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    /// The text of an identifier token.
    func word(_ token: Token) -> String? {
        token.kind == .identifier ? interner[Symbol(rawValue: Int32(token.integer))] : nil
    }

    func isKeyword(_ keyword: String, at offset: Int = 0) -> Bool {
        word(token(at: offset)) == keyword
    }

    /// True where a new declaration begins (or the file ends): the end of the current one.
    var atDeclarationStart: Bool {
        let token = current
        if token.kind == .endOfFile { return true }
        guard token.isAtLineStart, let text = word(token) else { return false }
        // `decision fields` (the sketch's spelling) opens the fields block; a test's
        // `decision { … }` clause does not end the test.
        if text == "decision" { return isKeyword("fields", at: 1) }
        // The sketch's quorum clause `members excluded for a conflict …` is no `members` block.
        if text == "members" { return !isKeyword("excluded", at: 1) }
        // A test's `papers sent DATE` clause is no `papers BODY …` rule.
        if text == "papers" { return !isKeyword("sent", at: 1) }
        return Parser.declarationKeywords.contains(text)
    }

    func range(of token: Token) -> SourceRange {
        SourceRange(file: file, start: Int(token.start), end: Int(token.end))
    }

    /// The range from `start` to the end of the last token consumed.
    func range(from start: Token) -> SourceRange {
        let last = index > 0 ? tokens[index - 1] : start
        return SourceRange(file: file, start: Int(start.start), end: Int(max(last.end, start.end)))
    }

    // MARK: - Expectations

    // What was expected, and where, is taken as an autoclosure: it is worded only when a
    // diagnostic needs it. Every field of a test's decision, every organisation and every rule
    // passes one, and wording each eagerly ("the organisation `org-0001`") cost about a
    // thousand instructions apiece (docs/performance.md, item 38).

    /// Consumes `keyword` if it is next; otherwise reports what was expected.
    @discardableResult
    mutating func expectKeyword(_ keyword: String, _ context: @autoclosure () -> String) -> Bool {
        if isKeyword(keyword) {
            advance()
            return true
        }
        error(.unexpectedToken, "expected `\(keyword)` \(context()), found \(describe(current))", at: current)
        return false
    }

    mutating func consume(_ kind: TokenKind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ context: @autoclosure () -> String) -> Token? {
        if let token = consume(kind) { return token }
        error(.unexpectedToken, "expected \(kind.spelling) \(context()), found \(describe(current))", at: current)
        return nil
    }

    mutating func expectName(_ what: @autoclosure () -> String) -> Name? {
        guard current.kind == .identifier, !atDeclarationStart else {
            error(.unexpectedToken, "expected \(what()), found \(describe(current))", at: current)
            return nil
        }
        return name(advance())
    }

    func name(_ token: Token) -> Name {
        let symbol = Symbol(rawValue: Int32(token.integer))
        return Name(symbol: symbol, text: interner[symbol], range: range(of: token))
    }

    mutating func expectString(_ what: @autoclosure () -> String) -> StringLiteral? {
        guard current.kind == .string else {
            error(.unexpectedToken, "expected \(what()) in quotes, found \(describe(current))", at: current)
            return nil
        }
        let token = advance()
        return StringLiteral(value: token.text, range: range(of: token))
    }

    /// Parses `NAME { ',' NAME }`.
    mutating func nameList(_ what: @autoclosure () -> String) -> [Name] {
        var names: [Name] = []
        guard let first = expectName(what()) else { return names }
        names.append(first)
        while consume(.comma) != nil {
            guard let next = expectName(what()) else { break }
            names.append(next)
        }
        return names
    }

    /// Parses `STRING { ',' STRING }`.
    mutating func stringList(_ what: @autoclosure () -> String) -> [StringLiteral] {
        var strings: [StringLiteral] = []
        guard let first = expectString(what()) else { return strings }
        strings.append(first)
        while consume(.comma) != nil {
            guard let next = expectString(what()) else { break }
            strings.append(next)
        }
        return strings
    }

    mutating func expectDate(_ context: @autoclosure () -> String) -> Int32? {
        guard let token = consume(.date) else {
            error(.unexpectedToken, "expected a date (YYYY-MM-DD) \(context()), found \(describe(current))", at: current)
            return nil
        }
        return Int32(token.integer)
    }

    mutating func expectNumber(_ context: @autoclosure () -> String) -> Int? {
        guard let token = consume(.number) else {
            error(.unexpectedToken, "expected a number \(context()), found \(describe(current))", at: current)
            return nil
        }
        return Int(clamping: token.integer)
    }

    // MARK: - Diagnostics and recovery

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier: "`\(word(token) ?? "")`"
        case .string: "the string \"\(token.text)\""
        case .endOfFile, .invalid: token.kind.spelling
        default: token.kind.spelling
        }
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at token: Token, notes: [DiagnosticNote] = []) {
        // The lexer has already explained an invalid token; a second message would only repeat it.
        if token.kind == .invalid { return }
        error(code, message, at: range(of: token), notes: notes)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        // One error per token: a second complaint about the same spot only adds noise.
        if let last = diagnostics.last, last.range?.start == range.start, last.range?.file == range.file { return }
        diagnostics.append(.error(code, message, at: range, notes: notes))
    }

    /// Skips the rest of the current line (always consuming at least one token).
    mutating func skipToNextLine() {
        if current.kind == .endOfFile { return }
        advance()
        while current.kind != .endOfFile, !current.isAtLineStart { advance() }
    }

    /// Skips to the start of the next declaration.
    mutating func skipToDeclaration() {
        if current.kind == .endOfFile { return }
        advance()
        while !atDeclarationStart { advance() }
    }

    /// After a clause, anything left on its line is unexpected.
    mutating func endClause(_ context: String) {
        if !atDeclarationStart, !current.isAtLineStart {
            error(.unexpectedToken, "unexpected \(describe(current)) after \(context); expected the end of the line", at: current)
            while current.kind != .endOfFile, !current.isAtLineStart { advance() }
        }
    }
}
