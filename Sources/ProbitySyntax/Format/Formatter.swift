import ProbitySupport

/// Lays a rule file out in the one canonical form `probity fmt` writes.
///
/// The formatter works on tokens and comments, not on the syntax tree, so it keeps everything the
/// author wrote (comments, money as written, where long conditions break) and changes only
/// whitespace:
///
/// - declarations start at column 0, with one blank line before each (a run of declarations of
///   the same kind, such as `include`, `let` or `body` lines, may stay together);
/// - clauses are indented two spaces; blank lines inside a declaration collapse to at most one;
/// - a condition continued on the next line with `and` / `or` puts the operator under `when` so
///   the operands line up (`and` at column 3, `or` at column 4); a line that continues inside
///   brackets lines up with the first token after the innermost open bracket; a list continued
///   after a comma lines up with its first item; `deemed approved …` is indented four spaces;
/// - one space between tokens, except none inside `(`, `[`, `{` or before `)`, `]`, `}`, `,`, `:`
///   (a test's `decision { … }` record keeps one space inside its braces), and ` .. ` in intervals;
/// - trailing comments stay on their line; on consecutive lines they are aligned one space after
///   the longest code, and a comment line hanging under a trailing comment stays under it;
/// - no trailing whitespace, one final newline.
///
/// Formatting is idempotent: the layout depends only on the tokens and line breaks, which it
/// never changes.
public struct Formatter {
    /// Why a file was not formatted: its syntax errors.
    public struct Failure: Error {
        public var diagnostics: [Diagnostic]
    }

    /// Formats a file's bytes. Files with syntax errors are refused: their structure is not known.
    public static func format(_ bytes: [UInt8], path: String = "rules.probity") -> Result<String, Failure> {
        var sources = SourceMap()
        let id = sources.add(SourceFile(path: path, bytes: bytes))
        var interner = Interner()
        let (_, diagnostics) = Parser.parse(sources[id], id: id, interner: &interner)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { return .failure(Failure(diagnostics: errors)) }
        var lexInterner = Interner()
        let (tokens, comments, _) = Lexer.tokenizeKeepingComments(bytes, file: id, interner: &lexInterner)
        var formatter = Formatter(bytes: bytes, tokens: tokens.filter { $0.kind != .endOfFile }, comments: comments)
        return .success(formatter.run())
    }

    /// Formats rule text (for tests).
    public static func format(_ text: String) -> Result<String, Failure> {
        format(Array(text.utf8))
    }

    // MARK: - Lines

    /// One non-empty source line: its tokens and/or a comment.
    struct Line {
        var tokens: [Token] = []
        var comment: Range<Int>?
        /// Blank lines before this one in the source.
        var blankBefore = 0
        /// The column (in scalars) at which the comment started in the source.
        var commentColumn = 0
        var isCommentOnly: Bool { tokens.isEmpty }
    }

    private let bytes: [UInt8]
    private var lines: [Line] = []

    private init(bytes: [UInt8], tokens: [Token], comments: [Range<Int>]) {
        self.bytes = bytes
        self.lines = Formatter.splitLines(bytes: bytes, tokens: tokens, comments: comments)
    }

    private static func splitLines(bytes: [UInt8], tokens: [Token], comments: [Range<Int>]) -> [Line] {
        var lines: [Line] = []
        var current = Line()
        var currentHasContent = false
        var blank = 0
        var lineStart = 0
        var ti = 0, ci = 0
        var position = 0
        func finishLine() {
            if currentHasContent {
                current.blankBefore = blank
                lines.append(current)
                blank = 0
            } else {
                blank += 1
            }
            current = Line()
            currentHasContent = false
        }
        while ti < tokens.count || ci < comments.count {
            let nextStart: Int
            let isToken: Bool
            if ti < tokens.count, ci >= comments.count || Int(tokens[ti].start) < comments[ci].lowerBound {
                nextStart = Int(tokens[ti].start); isToken = true
            } else {
                nextStart = comments[ci].lowerBound; isToken = false
            }
            while position < nextStart {
                if bytes[position] == UInt8(ascii: "\n") {
                    finishLine()
                    lineStart = position + 1
                }
                position += 1
            }
            if isToken {
                current.tokens.append(tokens[ti])
                position = Int(tokens[ti].end)
                ti += 1
            } else {
                current.comment = comments[ci]
                current.commentColumn = bytes[lineStart..<nextStart].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                position = comments[ci].upperBound
                ci += 1
            }
            currentHasContent = true
        }
        if currentHasContent {
            current.blankBefore = blank
            lines.append(current)
        }
        return lines
    }

    // MARK: - Layout

    private func text(_ token: Token) -> String {
        if token.kind == .equal { return "=" }  // `==` is tolerated on input, written `=`
        return String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    private func word(_ token: Token) -> String? {
        token.kind == .identifier ? text(token) : nil
    }

    private func commentText(_ range: Range<Int>) -> String {
        var end = range.upperBound
        while end > range.lowerBound, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }

    /// An open bracket: where lines inside it line up, and whether it is a spaced record brace.
    private struct Open {
        var kind: TokenKind
        var alignColumn: Int
        var column: Int
        var lineIndent: Int
        var spaced: Bool
        var contentOnSameLine: Bool
    }

    /// One output line before trailing comments are aligned.
    private struct OutLine {
        var code: String  // with indentation; empty for a comment-only line
        var comment: String?
        var commentIndent = 0
        /// A comment-only line that hangs under the previous line's trailing comment.
        var hangs = false
        var blankBefore = false
    }

    private static let continuationEnders: Set<String> = ["and", "or", "not", "in", "contains"]

    private mutating func run() -> String {
        var out: [OutLine] = []
        var stack: [Open] = []
        var clauseKeyword: String?
        var previousDeclaration: String?
        var previousTokens: [Token] = []
        var previousIndent = 0
        var listColumn: Int?
        var pendingComments: [Int] = []  // indices into `lines` of comment-only lines awaiting the next code line
        var seenCode = false

        func declarationKeyword(_ line: Line) -> String? {
            guard let first = line.tokens.first, let w = word(first), Parser.declarationKeywords.contains(w) else { return nil }
            return w
        }

        for (index, line) in lines.enumerated() {
            if line.isCommentOnly {
                pendingComments.append(index)
                continue
            }
            // Decide this code line's indentation.
            let first = line.tokens[0]
            let declaration = declarationKeyword(line)
            var indent: Int
            if declaration != nil {
                indent = 0
                stack.removeAll()
                clauseKeyword = nil
                listColumn = nil
            } else if let top = stack.last {
                if [.rightParen, .rightBracket, .rightBrace].contains(first.kind) {
                    indent = top.contentOnSameLine ? top.column : top.lineIndent
                } else {
                    indent = top.alignColumn
                }
            } else if isContinuation(line, after: previousTokens) {
                let w = word(first)
                if w == "and", clauseKeyword == "when" || clauseKeyword == nil {
                    indent = 3
                } else if w == "or", clauseKeyword == "when" || clauseKeyword == nil {
                    indent = 4
                } else if w == "deemed" {
                    indent = 4
                } else if let column = listColumn {
                    indent = column
                } else if clauseKeyword == "when" {
                    indent = 7
                } else {
                    indent = 6
                }
            } else {
                indent = 2
                clauseKeyword = word(first)
            }

            // Comments waiting for this line: hanging ones under the previous trailing comment,
            // the rest at this line's indentation (or where they were, if detached by a blank line).
            var forceBlank = false
            if let declaration, seenCode {
                forceBlank = !(declaration == previousDeclaration && declaration != "rule" && declaration != "test")
            }
            let commentsTookBlank = emitComments(pendingComments, nextIndent: indent, nextBlankBefore: line.blankBefore > 0,
                                                 previousIndent: previousIndent, into: &out, forceBlank: forceBlank, seenCode: seenCode)
            pendingComments.removeAll()
            let blankBeforeCode = commentsTookBlank ? false : (line.blankBefore > 0 || forceBlank)

            // Lay out the tokens.
            var code = String(repeating: " ", count: indent)
            var column = indent
            var previous: Token?
            for (position, token) in line.tokens.enumerated() {
                let t = text(token)
                if let previous, needsSpace(previous, token, stack: stack) {
                    code += " "
                    column += 1
                }
                let tokenColumn = column
                code += t
                column += t.unicodeScalars.count
                switch token.kind {
                case .leftParen, .leftBracket, .leftBrace:
                    let spaced = token.kind == .leftBrace && previous.flatMap(word) == "decision"
                    let hasNext = position + 1 < line.tokens.count
                    var align = tokenColumn + (spaced ? 2 : 1)
                    if !hasNext { align = indent + 2 }
                    stack.append(Open(kind: token.kind, alignColumn: align, column: tokenColumn, lineIndent: indent,
                                      spaced: spaced, contentOnSameLine: hasNext))
                case .rightParen, .rightBracket, .rightBrace:
                    if !stack.isEmpty { stack.removeLast() }
                default:
                    break
                }
                previous = token
            }
            // Where a list continued after a trailing comma lines up.
            if stack.isEmpty, line.tokens.last?.kind == .comma {
                listColumn = listStartColumn(line.tokens, indent: indent)
            } else if stack.isEmpty {
                listColumn = nil
            }

            var outLine = OutLine(code: code, comment: line.comment.map(commentText))
            outLine.blankBefore = blankBeforeCode
            out.append(outLine)
            seenCode = true
            previousTokens = line.tokens
            previousIndent = indent
            if let declaration { previousDeclaration = declaration }
        }
        emitComments(pendingComments, nextIndent: nil, nextBlankBefore: true, previousIndent: previousIndent, into: &out,
                     forceBlank: false, seenCode: seenCode)
        return render(out)
    }

    /// Emits comment-only lines that come before a code line (or the end of the file). Returns
    /// true if comments are attached to the next code line, which then follows them directly.
    @discardableResult
    private func emitComments(_ indices: [Int], nextIndent: Int?, nextBlankBefore: Bool, previousIndent: Int,
                              into out: inout [OutLine], forceBlank: Bool, seenCode: Bool) -> Bool {
        guard !indices.isEmpty else { return false }
        // Comments directly above the next code line (no blank line between) are attached to it.
        var attachedFrom = indices.count
        if nextIndent != nil, !nextBlankBefore {
            attachedFrom = indices.count - 1
            while attachedFrom > 0, lines[indices[attachedFrom]].blankBefore == 0 { attachedFrom -= 1 }
        }
        for (position, index) in indices.enumerated() {
            let line = lines[index]
            var entry = OutLine(code: "", comment: commentText(line.comment!))
            entry.blankBefore = line.blankBefore > 0
            if position == 0, line.blankBefore == 0, out.last?.comment != nil,
               let above = previousCommentColumn(before: index), above == line.commentColumn, line.commentColumn > previousIndent {
                // A comment continuing the trailing comment above it, in the same column.
                entry.hangs = true
            } else if position > 0, out.last?.hangs == true, line.blankBefore == 0,
                      lines[indices[position - 1]].commentColumn == line.commentColumn {
                entry.hangs = true
            } else if position >= attachedFrom, let nextIndent {
                entry.commentIndent = nextIndent
                if position == attachedFrom, forceBlank { entry.blankBefore = true }
            } else {
                entry.commentIndent = line.commentColumn == 0 || !seenCode ? 0 : previousIndent
            }
            out.append(entry)
        }
        return attachedFrom < indices.count
    }

    /// The source column of the comment on the line before `index`, if that line had one.
    private func previousCommentColumn(before index: Int) -> Int? {
        guard index > 0, lines[index - 1].comment != nil else { return nil }
        return lines[index - 1].commentColumn
    }

    /// Whether a code line continues the clause above it rather than starting a new one.
    private func isContinuation(_ line: Line, after previous: [Token]) -> Bool {
        guard let last = previous.last else { return false }
        if let w = word(line.tokens[0]), ["and", "or", "deemed"].contains(w) { return true }
        switch last.kind {
        case .comma, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .dotDot, .arrow, .colon:
            return true
        case .identifier:
            return Formatter.continuationEnders.contains(word(last) ?? "")
        default:
            return false
        }
    }

    /// Where a comma list that `tokens` ends in continues: under its first item when the list
    /// follows `of`, `by` or `to` (`one of a, b,` / `approval by a,`), otherwise as a block four
    /// spaces in (long lists such as a meeting's attendees).
    private func listStartColumn(_ tokens: [Token], indent: Int) -> Int {
        // Walk back over `item ,` pairs to the list's first item.
        var index = tokens.count - 1  // the trailing comma
        var firstItem = tokens.count - 1
        while index >= 1, tokens[index].kind == .comma {
            firstItem = index - 1
            index -= 2
        }
        // A `steps in order` list's items are several words (`approval by a`): it continues
        // under the first step, the word after `order`.
        let words = tokens.prefix(4).map { word($0) ?? "" }
        if let order = [["steps", "in", "order"], ["expect", "steps", "in", "order"]].first(where: { Array(words.prefix($0.count)) == $0 }),
           tokens.count > order.count {
            firstItem = order.count
        }
        let introducer = firstItem > 0 ? word(tokens[firstItem - 1]) : nil
        guard firstItem == 0 || ["of", "by", "to", "order"].contains(introducer ?? "") else { return 4 }
        // Recompute that item's output column by laying out the line again.
        var column = indent
        var previous: Token?
        for (position, token) in tokens.enumerated() {
            if let previous, needsSpace(previous, token, stack: []) { column += 1 }
            if position == firstItem { return column }
            column += text(token).unicodeScalars.count
            previous = token
        }
        return indent
    }

    /// Whether one space separates two tokens on a line.
    private func needsSpace(_ a: Token, _ b: Token, stack: [Open]) -> Bool {
        switch b.kind {
        case .rightParen, .rightBracket, .comma, .colon:
            return false
        case .rightBrace:
            // `decision { … }` keeps a space inside its braces.
            if let top = stack.last, top.kind == .leftBrace, top.spaced, a.kind != .leftBrace { return true }
            return false
        default:
            break
        }
        switch a.kind {
        case .leftParen, .leftBracket:
            return false
        case .leftBrace:
            if let top = stack.last, top.kind == .leftBrace, top.spaced { return true }
            return false
        default:
            return true
        }
    }

    // MARK: - Output

    private func render(_ out: [OutLine]) -> String {
        // Align trailing comments within each block of lines (a block ends at a blank line or a
        // comment on a line of its own): one space after the longest code line that has one.
        var columns = Array(repeating: 0, count: out.count)
        var index = 0
        while index < out.count {
            var end = index + 1
            while end < out.count, !out[end].blankBefore, !out[end].code.isEmpty || out[end].hangs { end += 1 }
            let width = out[index..<end].filter { !$0.code.isEmpty && $0.comment != nil }.map { $0.code.unicodeScalars.count }.max() ?? 0
            for i in index..<end { columns[i] = width + 1 }
            index = end
        }
        var result = ""
        for (i, line) in out.enumerated() {
            if line.blankBefore, !result.isEmpty { result += "\n" }
            if line.code.isEmpty {
                let indent = line.hangs ? columns[i] : line.commentIndent
                result += String(repeating: " ", count: indent) + (line.comment ?? "") + "\n"
            } else if let comment = line.comment {
                let pad = max(1, columns[i] - line.code.unicodeScalars.count)
                result += line.code + String(repeating: " ", count: pad) + comment + "\n"
            } else {
                result += line.code + "\n"
            }
        }
        return result
    }
}
