extension Parser {
    /// expr = and-expr { 'or' and-expr }
    mutating func parseExpression() -> Expression {
        if depth == 0 { terms = 0 }
        guard enterNesting() else { return .invalid(range(of: current)) }
        defer { depth -= 1 }
        var left = parseAnd()
        while isKeyword("or") {
            guard countTerm() else { return .invalid(left.range) }
            advance()
            let right = parseAnd()
            left = .or(left, right, left.range.union(right.range))
        }
        return left
    }

    /// and-expr = not-expr { 'and' not-expr }
    mutating func parseAnd() -> Expression {
        var left = parseNot()
        while isKeyword("and") {
            guard countTerm() else { return .invalid(left.range) }
            advance()
            let right = parseNot()
            left = .and(left, right, left.range.union(right.range))
        }
        return left
    }

    /// Counts one more `and`/`or`; past ``Parser/maximumTerms`` reports the condition and skips
    /// the rest of it (every line that goes on with `and`/`or`, and its closing parentheses).
    mutating func countTerm() -> Bool {
        if terms < 0 { return false }   // already reported and skipped
        terms += 1
        guard terms >= Parser.maximumTerms else { return true }
        error(.conditionTooLong, "condition has more than \(Parser.maximumTerms) terms joined by `and`/`or`; expected at most \(Parser.maximumTerms) (split it into several rules)", at: current)
        terms = -1
        while current.kind != .endOfFile {
            advance()
            if current.isAtLineStart, !isKeyword("and"), !isKeyword("or"), current.kind != .rightParen { break }
        }
        return false
    }

    /// not-expr = 'not' not-expr | test-expr
    mutating func parseNot() -> Expression {
        if isKeyword("not") {
            let start = advance()
            guard enterNesting() else { return .invalid(range(of: start)) }
            defer { depth -= 1 }
            let operand = parseNot()
            return .not(operand, range(of: start).union(operand.range))
        }
        return parseTest()
    }

    /// test-expr = operand [ compare-op operand | ['not'] 'in' … | 'contains' operand | 'is' ['not'] 'present' ]
    mutating func parseTest() -> Expression {
        let left = parseOperand()
        if let op = comparisonOperator(current.kind) {
            advance()
            let right = parseOperand()
            return .comparison(op, left, right, left.range.union(right.range))
        }
        if isKeyword("in") || (isKeyword("not") && isKeyword("in", at: 1)) {
            let negated = isKeyword("not")
            if negated { advance() }
            advance()  // in
            let right = parseMembershipTarget()
            return .membership(left, right, negated: negated, left.range.union(right.range))
        }
        if isKeyword("contains") {
            advance()
            let right = parseOperand()
            return .contains(left, right, left.range.union(right.range))
        }
        if isKeyword("is") {
            advance()
            let negated = isKeyword("not")
            if negated { advance() }
            let end = current
            expectKeyword("present", negated ? "after `is not`" : "after `is`")
            return .presence(left, negated: negated, left.range.union(range(of: end)))
        }
        return left
    }

    func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessOrEqual
        case .greater: .greater
        case .greaterEqual: .greaterOrEqual
        default: nil
        }
    }

    /// After `in`: a set, an interval, or a name.
    mutating func parseMembershipTarget() -> Expression {
        switch current.kind {
        case .leftParen, .leftBracket: return parseInterval()
        default: return parseOperand()
        }
    }

    /// interval = ( '(' | '[' ) [ operand ] '..' [ operand ] ( ')' | ']' )
    mutating func parseInterval() -> Expression {
        let start = advance()
        let lowerClosed = start.kind == .leftBracket
        var lower: IntervalBound?
        if current.kind != .dotDot {
            lower = IntervalBound(value: parseOperand(), isClosed: lowerClosed)
        }
        guard expect(.dotDot, "between the bounds of an interval such as `(£250k .. £1m]`") != nil else {
            return .invalid(range(from: start))
        }
        var upper: IntervalBound?
        if current.kind != .rightParen, current.kind != .rightBracket {
            upper = IntervalBound(value: parseOperand(), isClosed: false)
        }
        switch current.kind {
        case .rightBracket:
            advance()
            upper?.isClosed = true
        case .rightParen:
            advance()
        default:
            error(.unexpectedToken, "expected `]` (bound included) or `)` (bound excluded) to close the interval, found \(describe(current))", at: current)
            return .invalid(range(from: start))
        }
        if lower == nil, upper == nil {
            error(.unexpectedToken, "an interval needs at least one bound", at: range(from: start))
        }
        return .interval(lower: lower, upper: upper, range(from: start))
    }

    /// operand = literal | NAME | set | '(' expr ')'
    mutating func parseOperand() -> Expression {
        let token = current
        switch token.kind {
        case .leftParen:
            advance()
            let inner = parseExpression()
            expectClosing(.rightParen, opener: token, "parenthesis")
            return inner
        case .leftBrace:
            return parseSet()
        case .identifier where !atDeclarationStart && !isKeyword("true") && !isKeyword("false"):
            return .name(name(advance()))
        default:
            if let literal = parseLiteral() {
                return .literal(literal, range(of: token))
            }
            error(.unexpectedToken, "expected a value or a field name, found \(describe(token))", at: token)
            // Do not swallow a token that begins the next clause or declaration.
            if !token.isAtLineStart, token.kind != .endOfFile { advance() }
            return .invalid(range(of: token))
        }
    }

    /// set = '{' [ operand { ',' operand } ] '}'
    mutating func parseSet() -> Expression {
        let start = advance()
        guard enterNesting() else { return .invalid(range(of: start)) }
        defer { depth -= 1 }
        var elements: [Expression] = []
        if current.kind != .rightBrace {
            repeat {
                elements.append(parseOperand())
            } while consume(.comma) != nil
        }
        if !expectClosing(.rightBrace, opener: start, "set") {
            // Skip to the brace if it is later on this line, so the rest of the line is not misread.
            while current.kind != .endOfFile, current.kind != .rightBrace, !current.isAtLineStart { advance() }
            _ = consume(.rightBrace)
        }
        return .set(elements, range(from: start))
    }

    /// Counts one level of nesting; false (with an error) past ``Parser/maximumDepth``.
    mutating func enterNesting() -> Bool {
        depth += 1
        if depth > Parser.maximumDepth {
            depth -= 1
            error(.conditionTooDeep, "condition is nested too deeply; expected at most \(Parser.maximumDepth) levels of parentheses, sets and `not`", at: current)
            // Skip the rest of the line: the nesting cannot be parsed sensibly.
            while current.kind != .endOfFile, !current.isAtLineStart { advance() }
            return false
        }
        return true
    }

    /// Expects a closing token, pointing a note at the opening one when it is missing.
    @discardableResult
    mutating func expectClosing(_ kind: TokenKind, opener: Token, _ what: String) -> Bool {
        if consume(kind) != nil { return true }
        if terms < 0 { return false }   // the condition was abandoned at its term limit, closers and all
        error(.unexpectedToken, "expected \(kind.spelling) to close the \(what), found \(describe(current))", at: current,
              notes: [DiagnosticNote("the \(what) opened here", at: range(of: opener))])
        return false
    }
}
