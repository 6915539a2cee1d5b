extension Parser {
    mutating func parseTest(_ start: Token) -> TestSyntax? {
        guard let title = expectString("the test's title") else {
            skipToDeclaration()
            return nil
        }
        var test = TestSyntax(title: title, decision: [], decisionRange: nil, register: nil, meetingBody: nil,
                              attendees: nil, expectations: [], range: range(from: start))
        parseClauses(of: "the test", expected: "`decision { … }`, `register`, `meeting`, `deputy`, `papers sent`, `holder`, `votes`, `chair`, `withdrew` or `expect`") { p in
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
                // A decision by email has no attendees: the replies are the participation.
                guard p.isKeyword("attendees") else { return true }
                p.advance()
                if p.isKeyword("from") {
                    p.advance()
                    p.expectKeyword("register", "after `attendees from`")
                    test.attendees = .fromRegister
                } else {
                    test.attendees = .names(p.stringList("an attendee's name"))
                }
            } else if p.isKeyword("deputy") {
                p.advance()
                guard let name = p.expectString("the deputy's name") else { return true }
                p.expectKeyword("for", "after the deputy's name")
                guard let principal = p.expectString("the name of the member deputised for") else { return true }
                var agreed = false
                if p.isKeyword("agreed") {
                    p.advance()
                    p.expectKeyword("by", "after `agreed`")
                    if p.isKeyword("the") { p.advance() }
                    p.expectKeyword("chair", "after `agreed by`")
                    agreed = true
                }
                test.deputies.append(TestDeputySyntax(name: name, deputisingFor: principal, agreedByChair: agreed))
            } else if p.isKeyword("papers") {
                p.advance()
                p.expectKeyword("sent", "after `papers`")
                test.papersSent = p.expectDate("after `papers sent`")
            } else if p.isKeyword("holder") {
                p.advance()
                guard let role = p.expectName("the role held") else { return true }
                guard let person = p.expectString("the name of who holds it") else { return true }
                test.roleHolders.append((role, person))
            } else if p.isKeyword("votes") {
                test.votes = p.parseTestVotes()
            } else if p.isKeyword("chair") {
                p.advance()
                test.voteChair = p.expectString("the name of who chaired")
            } else if p.isKeyword("withdrew") {
                p.advance()
                test.withdrew += p.stringList("the name of a member who left for the item")
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

    /// `votes [by email replies by DATE] for "A", "B" against "C" abstain "D"`: the sides in any
    /// order, each perhaps on its own line; by email, each name is followed by `on DATE`, the
    /// day the reply arrived.
    mutating func parseTestVotes() -> TestVotesSyntax {
        let start = advance()  // votes
        var votes = TestVotesSyntax(repliesBy: nil, ballots: [], range: range(of: start))
        if isKeyword("by") {
            advance()
            expectKeyword("email", "after `votes by`")
            expectKeyword("replies", "after `votes by email` (expected `replies by DATE`)")
            expectKeyword("by", "after `replies`")
            votes.repliesBy = expectDate("after `replies by`")
        }
        var sides = 0
        while (isKeyword("for") || isKeyword("against") || isKeyword("abstain")) && current.kind == .identifier {
            let side = name(advance())
            sides += 1
            repeat {
                guard let person = expectString("a member's name") else { break }
                var replied: Int32?
                if isKeyword("on") {
                    advance()
                    replied = expectDate("after `on` (the day the reply arrived)")
                } else if votes.repliesBy != nil {
                    error(.unexpectedToken, "a reply by email needs its date: expected `on YYYY-MM-DD` after \"\(person.value)\"", at: current)
                }
                votes.ballots.append(TestVotesSyntax.Ballot(side: side, person: person, replied: replied))
            } while consume(.comma) != nil
        }
        if sides == 0 {
            error(.unexpectedToken, "expected `for`, `against` or `abstain` and the names voting so, found \(describe(current))", at: current)
        }
        votes.range = range(from: start)
        return votes
    }

    mutating func parseExpectation() -> ExpectationSyntax? {
        let start = advance()  // expect
        let negated = isKeyword("no") && !isKeyword("recusal", at: 1)
        if negated { advance() }
        switch word(current) {
        case "vote" where !negated:
            advance()
            switch word(current) {
            case "carried":
                advance()
                return .voteCarried(true, range(from: start))
            case "not":
                advance()
                expectKeyword("carried", "after `expect vote not`")
                return .voteCarried(false, range(from: start))
            case "quorate":
                advance()
                return .voteQuorate(true, range(from: start))
            case "inquorate":
                advance()
                return .voteQuorate(false, range(from: start))
            case "result":
                advance()
                guard let result = expectName("a vote result (`carried`, `lost`, `tied-lost`, …)") else { return nil }
                return .voteResult(result, range(from: start))
            default:
                error(.unexpectedToken, "expected `carried`, `not carried`, `quorate`, `inquorate` or `result` after `expect vote`, found \(describe(current))", at: current)
                skipRestOfLine()
                return nil
            }
        case "votes" where !negated:
            advance()
            var counts: [(side: Name, weight: String)] = []
            while ["for", "against", "abstain", "present"].contains(word(current) ?? ""), !current.isAtLineStart {
                let side = name(advance())
                if let number = consume(.number) {
                    counts.append((side, "\(number.integer)"))
                } else if let fraction = expectString("a number of votes (a whole number, or a fraction in quotes such as \"9/2\")") {
                    counts.append((side, fraction.value))
                }
            }
            if counts.isEmpty {
                error(.unexpectedToken, "expected `for`, `against`, `abstain` or `present` and a number of votes after `expect votes`, found \(describe(current))", at: current)
                skipRestOfLine()
                return nil
            }
            return .voteCounts(counts, range(from: start))
        case "casting":
            advance()
            expectKeyword("vote", "after `casting`")
            if negated { return .castingVote(nil, range(from: start)) }
            expectKeyword("by", "after `expect casting vote`")
            guard let person = expectString("the name of who gave it") else { return nil }
            return .castingVote(person, range(from: start))
        case "chair":
            advance()
            if negated { return .chair(nil, range(from: start)) }
            guard let person = expectString("the name of who chairs") else { return nil }
            return .chair(person, range(from: start))
        case "finding":
            advance()
            guard let code = expectName("a diagnostic code such as `P1133`") else { return nil }
            return .finding(code, negated: negated, range(from: start))
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
            error(.unexpectedToken, "expected `outcome`, `approval by`, `recommendation by`, `procedure`, `notice to`, `recusal`, `quorum`, `vote`, `votes`, `casting vote`, `chair` or `finding` after `expect`, found \(describe(current))", at: current)
            skipRestOfLine()
            return nil
        }
    }
}
