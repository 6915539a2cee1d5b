extension Parser {
    mutating func parseTest(_ start: Token) -> TestSyntax? {
        guard let title = expectString("the test's title") else {
            skipToDeclaration()
            return nil
        }
        var test = TestSyntax(title: title, decision: [], decisionRange: nil, register: nil, meetingBody: nil,
                              attendees: nil, expectations: [], range: range(from: start))
        parseClauses(of: "the test", expected: "`decision { … }`, `register`, `meeting` or `expect`") { p in
            if p.isKeyword("decision") {
                let clauseStart = p.advance()
                test.decision = p.parseTestDecision()
                test.decisionRange = p.range(from: clauseStart)
            } else if p.isKeyword("register") {
                p.advance()
                test.register = p.expectString("the register's path")
            } else if p.isKeyword("meeting") {
                p.advance()
                test.meetingBody = p.expectName("the body that meets")
                p.expectKeyword("attendees", "after the meeting's body")
                if p.isKeyword("from") {
                    p.advance()
                    p.expectKeyword("register", "after `attendees from`")
                    test.attendees = .fromRegister
                } else {
                    test.attendees = .names(p.stringList("an attendee's name"))
                }
            } else if p.isKeyword("expect") {
                if let expectation = p.parseExpectation() { test.expectations.append(expectation) }
            } else {
                return false
            }
            return true
        }
        test.range = range(from: start)
        return test
    }

    /// `{ field: value, … }` where a value is a literal, a name, or `{ … }` of them.
    mutating func parseTestDecision() -> [TestFieldSyntax] {
        guard let open = expect(.leftBrace, "after `decision`") else { return [] }
        var fields: [TestFieldSyntax] = []
        while current.kind != .rightBrace, current.kind != .endOfFile, !atDeclarationStart {
            guard let name = expectName("a field name") else { break }
            expect(.colon, "after the field name `\(name.text)`")
            guard let value = parseTestValue(nested: false) else { break }
            fields.append(TestFieldSyntax(name: name, value: value))
            if consume(.comma) == nil { break }
        }
        if !expectClosing(.rightBrace, opener: open, "decision") {
            while current.kind != .endOfFile, current.kind != .rightBrace, !atDeclarationStart { advance() }
            _ = consume(.rightBrace)
        }
        return fields
    }

    mutating func parseTestValue(nested: Bool) -> TestValueSyntax? {
        let token = current
        if !nested, token.kind == .leftBrace {
            advance()
            var items: [TestValueSyntax] = []
            if current.kind != .rightBrace {
                repeat {
                    guard let item = parseTestValue(nested: true) else { break }
                    items.append(item)
                } while consume(.comma) != nil
            }
            expectClosing(.rightBrace, opener: token, "list")
            return .list(items, range(from: token))
        }
        if let literal = parseLiteral() { return .literal(literal, range(of: token)) }
        if token.kind == .identifier { return .name(name(advance())) }
        error(.unexpectedToken, "expected a value (money, date, number, string or name), found \(describe(token))", at: token)
        return nil
    }

    mutating func parseExpectation() -> ExpectationSyntax? {
        let start = advance()  // expect
        let negated = isKeyword("no") && !isKeyword("recusal", at: 1)
        if negated { advance() }
        switch word(current) {
        case "outcome" where !negated:
            advance()
            guard let outcome = expectName("an outcome (`authorised`, `no-authority`, `wrong-decider`)") else { return nil }
            return .outcome(outcome, range(from: start))
        case "approvals" where !negated:
            advance()
            expectKeyword("in", "after `expect approvals`")
            expectKeyword("order", "after `expect approvals in`")
            return .approvalOrder(nameList("a body or officer"), range(from: start))
        case "steps" where !negated:
            advance()
            expectKeyword("in", "after `expect steps`")
            expectKeyword("order", "after `expect steps in`")
            return .stepOrder(parseSteps(), range(from: start))
        case "approval":
            advance()
            expectKeyword("by", "after `approval`")
            guard let body = expectName("a body or officer") else { return nil }
            return .approval(body, negated: negated, range(from: start))
        case "recommendation":
            advance()
            expectKeyword("by", "after `recommendation`")
            guard let body = expectName("a body or officer") else { return nil }
            return .recommendation(body, negated: negated, range(from: start))
        case "procedure":
            advance()
            guard let procedure = expectName("a procedure id") else { return nil }
            return .procedure(procedure, negated: negated, range(from: start))
        case "notice":
            advance()
            expectKeyword("to", "after `notice`")
            guard let recipient = expectName("a body or officer") else { return nil }
            var after: Duration?
            if isKeyword("after") {
                advance()
                after = parseDuration()
            }
            return .notice(recipient, after: after, negated: negated, range(from: start))
        case "recusal":
            advance()
            guard let person = expectString("the person's name") else { return nil }
            guard let levelName = expectName("a recusal level (`declare`, `no-vote` or `exclude`)") else { return nil }
            guard let level = RecusalLevel(rawValue: levelName.text) else {
                error(.unknownWord, "unknown recusal level `\(levelName.text)`; expected `declare`, `no-vote` or `exclude`", at: levelName.range)
                return nil
            }
            return .recusal(person, level, range(from: start))
        case "no" where isKeyword("recusal", at: 1):
            advance()
            advance()
            guard let person = expectString("the person's name") else { return nil }
            return .noRecusal(person, range(from: start))
        case "quorum" where !negated:
            advance()
            if isKeyword("met") {
                advance()
                return .quorum(met: true, range(from: start))
            }
            expectKeyword("not", "after `expect quorum` (expected `met` or `not met`)")
            expectKeyword("met", "after `expect quorum not`")
            return .quorum(met: false, range(from: start))
        default:
            error(.unexpectedToken, "expected `outcome`, `approval by`, `recommendation by`, `procedure`, `notice to`, `recusal` or `quorum` after `expect`, found \(describe(current))", at: current)
            skipRestOfLine()
            return nil
        }
    }
}
