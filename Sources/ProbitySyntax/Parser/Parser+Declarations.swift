extension Parser {
    /// Parses one declaration, or reports why none starts here and skips to the next one.
    mutating func parseDeclaration() -> Declaration? {
        let start = current
        if isKeyword("decision"), isKeyword("fields", at: 1) {
            advance()  // `decision fields` is the sketch's name for the `fields` block
        }
        guard let keyword = word(current), Parser.declarationKeywords.contains(keyword) else {
            error(.notADeclaration, "expected a declaration (`rule`, `body`, `fields`, `scheme`, …), found \(describe(start))", at: start)
            skipToDeclaration()
            return nil
        }
        if !start.isAtLineStart {
            error(.notADeclaration, "a declaration must start at the beginning of a line", at: start)
        }
        advance()
        switch keyword {
        case "scheme": return parseScheme(start).map(Declaration.scheme)
        case "include": return parseInclude(start).map(Declaration.include)
        case "fields": return .fields(parseFields(start))
        case "let": return parseConstant(start).map(Declaration.constant)
        case "body": return parseBody(start, kind: .body).map(Declaration.body)
        case "officer": return parseBody(start, kind: .officer).map(Declaration.body)
        case "procedure": return parseProcedure(start).map(Declaration.procedure)
        case "rule": return parseRule(start).map(Declaration.rule)
        case "organisation": return parseOrganisation(start).map(Declaration.organisation)
        case "conflicts": return .conflicts(parseConflicts(start))
        case "members": return parseMembers(start).map(Declaration.members)
        case "quorum": return parseQuorum(start).map(Declaration.quorum)
        case "voting": return parseVoting(start).map(Declaration.voting)
        case "test": return parseTest(start).map(Declaration.test)
        case "calendar": return parseCalendar(start).map(Declaration.calendar)
        case "papers": return parsePapers(start).map(Declaration.papers)
        case "audit": return .audit(parseAudit(start))
        case "aliases": return .aliasShapes(parseAliasShapes(start))
        default: return nil
        }
    }

    /// Runs `clause` for each clause line until the next declaration. `clause` returns false if
    /// it did not recognise the line, which is then reported and skipped.
    mutating func parseClauses(of context: @autoclosure () -> String, expected: @autoclosure () -> String, _ clause: (inout Parser) -> Bool) {
        while !atDeclarationStart {
            let before = index
            // Clauses usually stand one to a line, but may share one: `scheme "S" version "1"`.
            if !clause(&self) {
                error(.unknownClause, "unexpected \(describe(current)) in \(context()); expected \(expected())", at: current)
                if index == before || !current.isAtLineStart { skipToNextLine() }
            }
        }
    }

    // MARK: - scheme, include, let

    mutating func parseScheme(_ start: Token) -> SchemeSyntax? {
        guard let name = expectString("the scheme's name") else {
            skipToDeclaration()
            return nil
        }
        var scheme = SchemeSyntax(name: name, version: nil, effective: nil, source: nil, range: range(from: start))
        var once = OnceClauses()
        parseClauses(of: "the scheme header", expected: "`version`, `effective` or `source`") { p in
            let clauseStart = p.current
            if p.isKeyword("version") {
                p.advance()
                scheme.version = p.expectString("the scheme's version")
                p.once("version", from: clauseStart, in: &once, of: "the scheme header")
            } else if p.isKeyword("effective") {
                scheme.effective = p.parseEffective()
                p.once("effective", from: clauseStart, in: &once, of: "the scheme header")
            } else if p.isKeyword("source") {
                scheme.source = p.parseSource()
                p.once("source", from: clauseStart, in: &once, of: "the scheme header")
            } else {
                return false
            }
            return true
        }
        scheme.range = range(from: start)
        return scheme
    }

    mutating func parseEffective() -> EffectivePeriod {
        let start = advance()  // effective
        var from: Int32?, until: Int32?
        if isKeyword("from") {
            advance()
            from = expectDate("after `effective from`")
        }
        if isKeyword("until") {
            advance()
            until = expectDate("after `until`")
        }
        if from == nil, until == nil, !isKeyword("from") {
            error(.unexpectedToken, "expected `from DATE` or `until DATE` after `effective`, found \(describe(current))", at: current)
        }
        return EffectivePeriod(from: from, until: until, range: range(from: start))
    }

    /// `recommendation by A, approval by B, procedure P, notice to N`, in any number and order; a
    /// list may go on to the next line after a comma.
    mutating func parseSteps() -> [StepSyntax] {
        var steps: [StepSyntax] = []
        repeat {
            let start = current
            let kind: StepKind
            switch word(current) {
            case "recommendation": kind = .recommendation
            case "approval": kind = .approval
            case "procedure": kind = .procedure
            case "notice": kind = .notice
            default:
                error(.unexpectedToken, "expected a step (`recommendation by BODY`, `approval by BODY`, `procedure ID` or `notice to BODY`), found \(describe(current))", at: current)
                return steps
            }
            advance()
            switch kind {
            case .recommendation, .approval: expectKeyword("by", "after `\(kind.rawValue)`")
            case .notice: expectKeyword("to", "after `notice`")
            case .procedure: break
            }
            guard let name = expectName(kind == .procedure ? "a procedure id" : "a body or officer") else { return steps }
            steps.append(StepSyntax(kind: kind, name: name, range: range(from: start)))
        } while consume(.comma) != nil
        return steps
    }

    mutating func parseSource() -> StringLiteral? {
        advance()  // source
        return expectString("the source citation")
    }

    mutating func parseInclude(_ start: Token) -> IncludeSyntax? {
        guard let path = expectString("the path of the file to include") else {
            skipToNextLine()
            return nil
        }
        endClause("the include")
        return IncludeSyntax(path: path, range: range(from: start))
    }

    mutating func parseConstant(_ start: Token) -> ConstantSyntax? {
        guard let name = expectName("the constant's name after `let`") else {
            skipToDeclaration()
            return nil
        }
        expect(.equal, "after the constant's name")
        let valueToken = current
        let value = parseLiteral()
        if value == nil {
            error(.unexpectedToken, "expected a literal value (money, date, number or string) for `\(name.text)`, found \(describe(valueToken))", at: valueToken)
        }
        var constant = ConstantSyntax(name: name, value: value, valueRange: range(of: valueToken), placeholder: nil, range: range(from: start))
        var once = OnceClauses()
        parseClauses(of: "the constant `\(name.text)`", expected: "`placeholder \"reason\"`") { p in
            guard p.isKeyword("placeholder") else { return false }
            let clauseStart = p.advance()
            constant.placeholder = p.expectString("the reason the value is a placeholder")
            p.once("placeholder", from: clauseStart, in: &once, of: "the constant `\(name.text)`")
            return true
        }
        constant.range = range(from: start)
        return constant
    }

    /// A literal token, consumed; nil (nothing consumed) if the next token is not one.
    mutating func parseLiteral() -> Literal? {
        let token = current
        switch token.kind {
        case .money: advance(); return .money(token.integer)
        case .date: advance(); return .date(Int32(token.integer))
        case .number: advance(); return .number(token.integer)
        case .string: advance(); return .string(token.text)
        case .identifier where isKeyword("true"): advance(); return .boolean(true)
        case .identifier where isKeyword("false"): advance(); return .boolean(false)
        default: return nil
        }
    }

    // MARK: - fields

    mutating func parseFields(_ start: Token) -> FieldsSyntax {
        var fields: [FieldSyntax] = []
        parseClauses(of: "the `fields` block", expected: "a field such as `value: money`") { p in
            let fieldStart = p.current
            let isRequired = p.isKeyword("required") && p.token(at: 1).kind == .identifier
            if isRequired { p.advance() }
            guard p.current.kind == .identifier, p.token(at: 1).kind == .colon else { return false }
            let name = p.name(p.advance())
            p.advance()  // :
            let type = p.parseType()
            // `money?` marks an optional field, as in the sketch; every field is optional
            // unless marked `required`, so the mark changes nothing.
            _ = p.consume(.question)
            fields.append(FieldSyntax(name: name, type: type, isRequired: isRequired, range: p.range(from: fieldStart)))
            return true
        }
        return FieldsSyntax(fields: fields, range: range(from: start))
    }

    mutating func parseType() -> TypeSyntax {
        let token = current
        switch word(token) {
        case "money": advance(); return .money
        case "date": advance(); return .date
        case "number": advance(); return .number
        case "text": advance(); return .text
        case "organisation": advance(); return .organisation
        case "body": advance(); return .body
        case "one":
            advance()
            expectKeyword("of", "after `one`")
            return .oneOf(nameList("an enumeration value"))
        case "set":
            advance()
            expectKeyword("of", "after `set`")
            let element = parseType()
            if case .setOf = element {
                error(.unknownFieldType, "a set of sets is not allowed; expected `set of` a money, date, organisation, body or `one of` type", at: token)
            }
            return .setOf(element)
        default:
            error(.unknownFieldType, "expected a type (`money`, `date`, `number`, `text`, `organisation`, `body`, `one of …` or `set of …`), found \(describe(token))", at: token)
            return .invalid
        }
    }

    // MARK: - bodies, officers, procedures

    mutating func parseBody(_ start: Token, kind: BodySyntax.Kind) -> BodySyntax? {
        guard let name = expectName("the \(kind.rawValue)'s id"),
              let title = expectString("the \(kind.rawValue)'s title")
        else {
            skipToDeclaration()
            return nil
        }
        var body = BodySyntax(kind: kind, name: name, title: title, parent: nil, advises: nil, source: nil, range: range(from: start))
        let expected = kind == .body ? "`committee of`, `advises`, `exists from`, `source` or `accept`" : "`reports to`, `exists from`, `source` or `accept`"
        var once = OnceClauses()
        let declaration = { "the \(kind.rawValue) `\(name.text)`" }
        parseClauses(of: declaration(), expected: expected) { p in
            let clauseStart = p.current
            if p.isKeyword("committee") || (p.isKeyword("sub-committee")) {
                p.advance()
                p.expectKeyword("of", "after `committee`")
                body.parent = p.expectName("the body this is a committee of")
                p.once("committee of", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("reports") {
                p.advance()
                p.expectKeyword("to", "after `reports`")
                body.parent = p.expectName("the body this officer reports to")
                p.once("reports to", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("advises") {
                p.advance()
                let advised = p.nameList("the body advised")
                body.advises = advised.first
                body.alsoAdvises = Array(advised.dropFirst())
                p.once("advises", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("exists") {
                // `exists from 2022-07-01 until …`: the same shape as `effective`.
                body.exists = p.parseEffective()
                p.once("exists", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("source") {
                body.source = p.parseSource()
                p.once("source", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("accept") {
                if let accept = p.parseAccept() { body.accepts.append(accept) }
            } else {
                return false
            }
            return true
        }
        body.range = range(from: start)
        return body
    }

    mutating func parseProcedure(_ start: Token) -> ProcedureSyntax? {
        guard let name = expectName("the procedure's id"), let title = expectString("the procedure's title") else {
            skipToDeclaration()
            return nil
        }
        var procedure = ProcedureSyntax(name: name, title: title, source: nil, range: range(from: start))
        var once = OnceClauses()
        parseClauses(of: "the procedure `\(name.text)`", expected: "`source`") { p in
            guard p.isKeyword("source") else { return false }
            let clauseStart = p.current
            procedure.source = p.parseSource()
            p.once("source", from: clauseStart, in: &once, of: "the procedure `\(name.text)`")
            return true
        }
        procedure.range = range(from: start)
        return procedure
    }

    // MARK: - rules

    mutating func parseRule(_ start: Token) -> RuleSyntax? {
        guard let name = expectName("the rule's id") else {
            skipToDeclaration()
            return nil
        }
        let title = expectString("the rule's title") ?? StringLiteral(value: "", range: name.range)
        var rule = RuleSyntax(name: name, title: title, source: nil, effective: nil, conditions: [], requirements: [],
                              overlaps: [], accepts: [], range: range(from: start))
        var once = OnceClauses()
        let declaration = { "the rule `\(name.text)`" }
        parseClauses(of: declaration(),
                     expected: "`when`, `require`, `effective`, `source`, `overlaps` or `accept`") { p in
            let clauseStart = p.current
            if p.isKeyword("when") {
                p.advance()
                rule.conditions.append(p.parseExpression())
            } else if p.isKeyword("require") {
                if let requirement = p.parseRequirement() { rule.requirements.append(requirement) }
            } else if p.isKeyword("effective") {
                rule.effective = p.parseEffective()
                p.once("effective", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("source") {
                rule.source = p.parseSource()
                p.once("source", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("approvals"), p.isKeyword("in", at: 1) {
                // `approvals in order council-executive, place-lead`
                p.advance()
                p.advance()
                p.expectKeyword("order", "after `approvals in`")
                rule.approvalOrder = p.nameList("a body whose approval comes in this order")
                p.once("approvals in order", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("steps"), p.isKeyword("in", at: 1) {
                // `steps in order procedure s75-icb-group-first, approval by council-executive, …`
                p.advance()
                p.advance()
                p.expectKeyword("order", "after `steps in`")
                rule.stepOrder = p.parseSteps()
                p.once("steps in order", from: clauseStart, in: &once, of: declaration())
            } else if p.isKeyword("overlaps") {
                let clauseStart = p.advance()
                let rules = p.nameList("a rule id")
                p.expectKeyword("because", "after the rules an overlap is intended with")
                let reason = p.expectString("the reason") ?? StringLiteral(value: "", range: p.range(of: clauseStart))
                rule.overlaps.append(OverlapSyntax(rules: rules, reason: reason, range: p.range(from: clauseStart)))
            } else if p.isKeyword("accept") {
                if let accept = p.parseAccept() { rule.accepts.append(accept) }
            } else {
                return false
            }
            return true
        }
        rule.range = range(from: start)
        return rule
    }

    /// `accept P0905 because "reason"`: a lint finding accepted on purpose.
    mutating func parseAccept() -> AcceptSyntax? {
        let clauseStart = advance()  // accept
        guard let code = expectName("a finding code such as `P0903`") else { return nil }
        expectKeyword("because", "after the accepted finding's code")
        let reason = expectString("the reason") ?? StringLiteral(value: "", range: code.range)
        return AcceptSyntax(code: code, reason: reason, range: range(from: clauseStart))
    }

    mutating func parseRequirement() -> RequirementSyntax? {
        let start = advance()  // require
        switch word(current) {
        case "approval":
            advance()
            expectKeyword("by", "after `require approval`")
            return .approval(nameList("a body or officer"), range(from: start))
        case "recommendation":
            advance()
            expectKeyword("by", "after `require recommendation`")
            return .recommendation(nameList("a body or officer"), range(from: start))
        case "procedure":
            advance()
            return .procedure(nameList("a procedure id"), range(from: start))
        case "notice":
            advance()
            expectKeyword("to", "after `require notice`")
            let recipients = nameList("a body or officer to notify")
            var deemed: Duration?
            if isKeyword("deemed") {
                advance()
                expectKeyword("approved", "after `deemed`")
                expectKeyword("after", "after `deemed approved`")
                deemed = parseDuration()
                expectKeyword("without", "after the deemed-approval period")
                expectKeyword("objection", "after `without`")
            }
            return .notice(recipients, deemedApprovedAfter: deemed, range(from: start))
        default:
            error(.unexpectedToken, "expected `approval by`, `recommendation by`, `procedure` or `notice to` after `require`, found \(describe(current))", at: current)
            while current.kind != .endOfFile, !current.isAtLineStart { advance() }
            return nil
        }
    }

    /// `5 days`, `8 working days`, `6 months`, `1 year`.
    mutating func parseCalendar(_ start: Token) -> CalendarSyntax? {
        guard let title = expectString("the calendar's name") else {
            skipToDeclaration()
            return nil
        }
        var calendar = CalendarSyntax(title: title, covers: nil, holidays: [], source: nil, range: range(from: start))
        parseClauses(of: "the calendar", expected: "`covers from … until …`, `holidays DATE, …` or `source`") { p in
            if p.isKeyword("covers") {
                calendar.covers = p.parseEffective()
            } else if p.isKeyword("holidays") {
                p.advance()
                // The list may run over several lines: a comma carries it on.
                repeat {
                    if let day = p.expectDate("in the list of holidays") { calendar.holidays.append(day) } else { break }
                } while p.consume(.comma) != nil
            } else if p.isKeyword("source") {
                calendar.source = p.parseSource()
            } else {
                return false
            }
            return true
        }
        calendar.range = range(from: start)
        return calendar
    }

    mutating func parsePapers(_ start: Token) -> PapersSyntax? {
        guard let body = expectName("the body whose meeting papers the rule is for") else {
            skipToDeclaration()
            return nil
        }
        expectKeyword("at", "after the body (expected `papers BODY at least N days before`)")
        expectKeyword("least", "after `at`")
        let notice = parseDuration()
        expectKeyword("before", "after the period (expected `… days before`)")
        if isKeyword("the"), isKeyword("meeting", at: 1) {
            advance()
            advance()
        }
        var papers = PapersSyntax(body: body, notice: notice, source: nil, range: range(from: start))
        parseClauses(of: "the papers rule of `\(body.text)`", expected: "`source`") { p in
            guard p.isKeyword("source") else { return false }
            papers.source = p.parseSource()
            return true
        }
        papers.range = range(from: start)
        return papers
    }

    mutating func parseDuration() -> Duration? {
        let start = current
        guard let amount = expectNumber("for the length of time") else { return nil }
        guard let duration = parseDurationUnit(amount) else { return nil }
        // Periods are added to decision dates: a bound keeps that arithmetic in range.
        let (limit, unit) = Duration.maximum(duration.unit)
        if duration.amount > limit {
            error(.periodTooLong, "`\(duration)` is too long; expected at most \(limit) \(unit) (100 years)", at: range(from: start))
            return nil
        }
        return duration
    }

    private mutating func parseDurationUnit(_ amount: Int) -> Duration? {
        switch word(current) {
        case "day", "days":
            advance()
            return Duration(amount: amount, unit: .days)
        case "working":
            advance()
            if isKeyword("days") || isKeyword("day") { advance() } else { expectKeyword("days", "after `working`") }
            return Duration(amount: amount, unit: .workingDays)
        case "month", "months":
            advance()
            return Duration(amount: amount, unit: .months)
        case "year", "years":
            advance()
            return Duration(amount: amount, unit: .years)
        default:
            error(.unexpectedToken, "expected `days`, `working days`, `months` or `years` after \(amount), found \(describe(current))", at: current)
            return nil
        }
    }
}
