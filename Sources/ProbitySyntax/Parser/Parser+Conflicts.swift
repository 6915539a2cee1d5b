extension Parser {
    // MARK: - organisations

    mutating func parseOrganisation(_ start: Token) -> OrganisationSyntax? {
        guard let name = expectName("the organisation's id"), let title = expectString("the organisation's name") else {
            skipToDeclaration()
            return nil
        }
        var organisation = OrganisationSyntax(name: name, title: title, aliases: [], relations: [], source: nil, range: range(from: start))
        parseClauses(of: "the organisation `\(name.text)`",
                     expected: "`aka`, `source` or a relation (`member of`, `owned by`, `shareholder of`, `holds contract from`, `part of`, `subsidiary of`)") { p in
            if p.isKeyword("aka") {
                p.advance()
                organisation.aliases += p.stringList("an alias")
            } else if p.isKeyword("source") {
                organisation.source = p.parseSource()
            } else if let relation = p.parseRelationWords() {
                for target in p.nameList("an organisation id") {
                    organisation.relations.append(RelationSyntax(relation: relation, target: target))
                }
            } else {
                return false
            }
            return true
        }
        organisation.range = range(from: start)
        return organisation
    }

    /// `aliases "Councillor in {place}", … for organisations named "London Borough of {place}", …`
    /// with an optional `source`; the `for organisations named` clause may start the next line.
    mutating func parseAliasShapes(_ start: Token) -> AliasShapesSyntax {
        var shapes = AliasShapesSyntax(shapes: stringList("an alias shape such as \"Councillor in {place}\""), named: [],
                                       source: nil, range: range(from: start))
        parseClauses(of: "the alias shapes", expected: "`for organisations named \"…\"` or `source`") { p in
            if p.isKeyword("for") {
                p.advance()
                p.expectKeyword("organisations", "after `for`")
                p.expectKeyword("named", "after `for organisations`")
                shapes.named += p.stringList("a name shape such as \"London Borough of {place}\"")
            } else if p.isKeyword("source") {
                shapes.source = p.parseSource()
            } else {
                return false
            }
            return true
        }
        shapes.range = range(from: start)
        return shapes
    }

    /// Consumes the words of a relation (`holds contract from`) if they come next.
    mutating func parseRelationWords() -> OrganisationRelation? {
        for relation in OrganisationRelation.allCases {
            let words = relation.words
            if words.indices.allSatisfy({ isKeyword(words[$0], at: $0) }) {
                for _ in words { advance() }
                return relation
            }
        }
        // `member and shareholder of X` reads naturally but is two relations; ask for two lines.
        return nil
    }

    // MARK: - conflicts

    mutating func parseConflicts(_ start: Token) -> ConflictsSyntax {
        var conflicts = ConflictsSyntax(relevantFields: [], relationSteps: nil, relations: nil, levels: [], lookBack: nil,
                                        source: nil, range: range(from: start))
        parseClauses(of: "the `conflicts` block",
                     expected: "`relevant fields`, `related within`, `carry`, `employment … does not count when`, `look back`, `unmatched organisations block`, `source` or `KIND -> LEVEL`") { p in
            let clauseStart = p.current
            if p.isKeyword("unmatched") {
                p.advance()
                p.expectKeyword("organisations", "after `unmatched`")
                p.expectKeyword("block", "after `unmatched organisations`")
                conflicts.unmatchedOrganisationsBlock = true
            } else if p.isKeyword("relevant") {
                p.advance()
                if p.consume(.colon) != nil {
                    p.parseRelevancePhrase(into: &conflicts)
                } else {
                    p.expectKeyword("fields", "after `relevant`")
                    conflicts.relevantFields += p.nameList("a decision field naming organisations")
                }
            } else if p.isKeyword("related") {
                p.advance()
                p.expectKeyword("within", "after `related`")
                conflicts.relationSteps = p.expectNumber("of steps between organisations")
                if p.isKeyword("steps") || p.isKeyword("step") { p.advance() } else { p.expectKeyword("steps", "after the number of steps") }
                if p.isKeyword("via") {
                    p.advance()
                    var relations: [OrganisationRelation] = []
                    for name in p.nameList("a relation such as `member-of`") {
                        if let relation = OrganisationRelation(rawValue: name.text) {
                            relations.append(relation)
                        } else {
                            p.error(.unknownWord, "unknown relation `\(name.text)`; expected one of \(OrganisationRelation.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))", at: name.range)
                        }
                    }
                    conflicts.relations = relations
                }
            } else if p.isKeyword("carry"), !p.arrowLaterOnThisLine() {
                p.advance()
                if let carry = p.parseCarry(from: clauseStart) { conflicts.carries.append(carry) }
            } else if p.isKeyword("employment"), !p.arrowLaterOnThisLine() {
                p.advance()
                var organisations: [Name] = []
                if p.isKeyword("by") {
                    p.advance()
                    organisations = p.nameList("an employer's organisation id")
                }
                p.expectKeyword("does", "after `employment` (expected `employment [by ORG, …] does not count when …`)")
                p.expectKeyword("not", "after `does`")
                p.expectKeyword("count", "after `does not`")
                p.expectKeyword("when", "after `does not count`")
                let condition = p.parseExpression()
                var because: StringLiteral?
                if p.isKeyword("because") {
                    p.advance()
                    because = p.expectString("the reading, in words")
                }
                conflicts.employmentExemptions.append(EmploymentExemptionSyntax(organisations: organisations, condition: condition,
                                                                                because: because, range: p.range(from: clauseStart)))
            } else if p.isKeyword("look") {
                p.advance()
                p.expectKeyword("back", "after `look`")
                conflicts.lookBack = p.parseDuration()
            } else if p.isKeyword("expired") {
                // The sketch's `expired interests count for 6 months after they end`.
                p.advance()
                if p.isKeyword("interest") || p.isKeyword("interests") { p.advance() } else { p.expectKeyword("interests", "after `expired`") }
                p.expectKeyword("count", "after `expired interests`")
                p.expectKeyword("for", "after `expired interests count`")
                conflicts.lookBack = p.parseDuration()
                if p.isKeyword("after"), p.isKeyword("they", at: 1), p.isKeyword("end", at: 2) {
                    p.advance(); p.advance(); p.advance()
                }
            } else if p.isKeyword("source") {
                conflicts.source = p.parseSource()
            } else if p.current.kind == .identifier, p.arrowLaterOnThisLine() {
                let kindStart = p.current
                var words: [String] = []
                while p.current.kind == .identifier { words.append(p.word(p.advance())!) }
                let kindRange = p.range(from: kindStart)
                p.expect(.arrow, "between the kind of interest and its level")
                guard let kind = Parser.interestKind(words) else {
                    p.error(.unknownWord, "unknown kind of interest `\(words.joined(separator: " "))`; expected one of \(InterestKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))", at: kindRange)
                    p.skipRestOfLine()
                    return true
                }
                guard let levelName = p.expectName("a recusal level (`declare`, `no-vote` or `exclude`)") else { return true }
                guard let level = RecusalLevel(rawValue: levelName.text) else {
                    p.error(.unknownWord, "unknown recusal level `\(levelName.text)`; expected `declare`, `no-vote` or `exclude`", at: levelName.range)
                    return true
                }
                conflicts.levels.append(InterestLevelSyntax(kind: kind, level: level, range: p.range(from: clauseStart)))
            } else {
                return false
            }
            return true
        }
        conflicts.range = range(from: start)
        return conflicts
    }

    /// The rest of `carry RELATION, … (forward | backward | both ways) [within N steps]`.
    mutating func parseCarry(from clauseStart: Token) -> CarrySyntax? {
        var relations: [OrganisationRelation] = []
        for name in nameList("a relation such as `member-of`") {
            if let relation = OrganisationRelation(rawValue: name.text) {
                relations.append(relation)
            } else {
                error(.unknownWord, "unknown relation `\(name.text)`; expected one of \(OrganisationRelation.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))", at: name.range)
            }
        }
        let direction: CarryDirection
        if isKeyword("forward") {
            advance()
            direction = .forward
        } else if isKeyword("backward") {
            advance()
            direction = .backward
        } else if isKeyword("both") {
            advance()
            expectKeyword("ways", "after `both`")
            direction = .bothWays
        } else {
            error(.unexpectedToken, "expected `forward`, `backward` or `both ways` after the relations, found \(describe(current))", at: current)
            skipRestOfLine()
            return nil
        }
        var steps: Int?
        if isKeyword("within") {
            advance()
            steps = expectNumber("of steps a chain using these relations may have")
            if isKeyword("steps") || isKeyword("step") { advance() } else { expectKeyword("steps", "after the number of steps") }
        }
        return CarrySyntax(relations: relations, direction: direction, steps: steps, range: range(from: clauseStart))
    }

    /// What follows `majority of`: `members present` (or `those present`, or the older
    /// `present`), `those voting` (or `votes cast`), `all members` (or `members`).
    mutating func parseMajorityBase() -> MajorityBase? {
        if isKeyword("present") {
            advance()
            return .membersPresent
        } else if isKeyword("those") {
            advance()
            if isKeyword("present") {
                advance()
                return .membersPresent
            }
            expectKeyword("voting", "after `majority of those` (expected `present` or `voting`)")
            return .thoseVoting
        } else if isKeyword("votes") {
            advance()
            expectKeyword("cast", "after `majority of votes`")
            return .thoseVoting
        } else if isKeyword("all") {
            advance()
            expectKeyword("members", "after `majority of all`")
            return .allMembers
        } else if isKeyword("members") {
            advance()
            if isKeyword("present") {
                advance()
                return .membersPresent
            }
            return .allMembers
        }
        error(.unexpectedToken, "expected `members present`, `those voting` or `all members` after `majority of`, found \(describe(current))", at: current)
        return nil
    }

    /// Whether `->` comes before the end of the current line (an interest-level clause).
    func arrowLaterOnThisLine() -> Bool {
        var offset = 0
        while true {
            let token = token(at: offset)
            if token.kind == .endOfFile || (offset > 0 && token.isAtLineStart) { return false }
            if token.kind == .arrow { return true }
            offset += 1
        }
    }

    /// The kind of interest that words name: `financial`, `financial interest`,
    /// `non-financial professional`, `employed by the counterparty` (the sketch's spellings too).
    static func interestKind(_ words: [String]) -> InterestKind? {
        let meaningful = words.filter { $0 != "interest" && $0 != "interests" }
        if meaningful.first == "employed" || meaningful == ["employment"] { return .employment }
        return InterestKind(rawValue: meaningful.joined(separator: "-"))
    }

    /// The sketch's prose form of the relevance clause:
    /// `relevant: interests in the counterparty, or in an organisation related to it
    ///  (member of, owned by, holds a contract from), up to 2 steps away`.
    /// Fields are the words after `the`; relations are the phrases in parentheses; the number
    /// before `steps` is how far relations carry.
    mutating func parseRelevancePhrase(into conflicts: inout ConflictsSyntax) {
        var previous: String?
        var inParentheses = false
        var phrase: [Token] = []
        var relations: [OrganisationRelation] = []
        func finishPhrase(_ p: inout Parser) {
            defer { phrase = [] }
            guard let first = phrase.first else { return }
            let words = phrase.compactMap { p.word($0) }.filter { $0 != "a" && $0 != "an" }
            if let relation = OrganisationRelation(rawValue: words.joined(separator: "-")) {
                relations.append(relation)
            } else {
                p.error(.unknownWord, "unknown relation `\(words.joined(separator: " "))`; expected member of, owned by, shareholder of, holds a contract from, part of or subsidiary of",
                        at: p.range(of: first).union(p.range(of: phrase.last!)))
            }
        }
        // The phrase may run over several lines; it ends where a line starts with a word.
        while current.kind != .endOfFile, !(current.isAtLineStart && current.kind == .identifier) {
            let token = advance()
            switch token.kind {
            case .leftParen: inParentheses = true
            case .rightParen:
                finishPhrase(&self)
                inParentheses = false
            case .comma where inParentheses: finishPhrase(&self)
            case .number where isKeyword("steps") || isKeyword("step"):
                conflicts.relationSteps = Int(clamping: token.integer)
            case .identifier:
                if inParentheses { phrase.append(token) } else if previous == "the" { conflicts.relevantFields.append(name(token)) }
            default: break
            }
            previous = word(token)
        }
        if !relations.isEmpty { conflicts.relations = relations }
    }

    mutating func skipRestOfLine() {
        while current.kind != .endOfFile, !current.isAtLineStart { advance() }
    }

    // MARK: - members

    mutating func parseMembers(_ start: Token) -> MembersSyntax? {
        guard let body = expectName("the body whose members follow") else {
            skipToDeclaration()
            return nil
        }
        var members = MembersSyntax(body: body, members: [], range: range(from: start))
        parseClauses(of: "the members of `\(body.text)`", expected: "`member \"Name\" …`, `chair succession role …` or `chair not role …`") { p in
            if p.isKeyword("chair"), p.isKeyword("succession", at: 1) {
                // `chair succession role place-based-director, vice-chair, borough-based-board-chair`
                p.advance()
                p.advance()
                p.expectKeyword("role", "after `chair succession`")
                members.chairSuccession += p.nameList("a role in the line of succession")
                return true
            }
            if p.isKeyword("chair"), p.isKeyword("not", at: 1) {
                // `chair not role place-executive-lead, icp-representative`
                p.advance()
                p.advance()
                p.expectKeyword("role", "after `chair not`")
                members.chairExcludedRoles += p.nameList("a role that may not chair")
                return true
            }
            guard p.isKeyword("member") else { return false }
            let memberStart = p.advance()
            guard let person = p.expectString("the member's name") else { return true }
            var member = MemberSyntax(person: person, organisation: nil, role: nil, group: nil, isVoting: true,
                                      isChair: false, deputyFor: nil, range: p.range(from: memberStart))
            while !p.current.isAtLineStart, p.current.kind != .endOfFile {
                if p.isKeyword("for") {
                    p.advance()
                    member.organisation = p.expectName("the organisation the member represents")
                } else if p.isKeyword("role") {
                    p.advance()
                    member.role = p.expectName("the member's role")
                } else if p.isKeyword("group") {
                    p.advance()
                    member.group = p.expectName("the member's group")
                } else if p.isKeyword("voting") {
                    p.advance()
                    member.isVoting = true
                } else if p.isKeyword("non-voting") {
                    p.advance()
                    member.isVoting = false
                } else if p.isKeyword("chair") {
                    p.advance()
                    member.isChair = true
                } else if p.isKeyword("own-vote") {
                    p.advance()
                    member.ownVote = true
                } else if p.isKeyword("deputy") {
                    p.advance()
                    p.expectKeyword("for", "after `deputy`")
                    member.deputyFor = p.expectString("the name of the member deputised for")
                } else {
                    p.error(.unknownClause, "unexpected \(p.describe(p.current)) in a member line; expected `for`, `role`, `group`, `voting`, `non-voting`, `chair`, `own-vote` or `deputy for`", at: p.current)
                    p.skipRestOfLine()
                }
            }
            member.range = p.range(from: memberStart)
            members.members.append(member)
            return true
        }
        members.range = range(from: start)
        return members
    }

    // MARK: - quorum

    mutating func parseQuorum(_ start: Token) -> QuorumSyntax? {
        guard let body = expectName("the body the quorum is for") else {
            skipToDeclaration()
            return nil
        }
        var quorum = QuorumSyntax(body: body, clauses: [], conflictedMembersCount: nil, deputiesCount: nil,
                                  whenNotMet: nil, source: nil, range: range(from: start))
        parseClauses(of: "the quorum of `\(body.text)`",
                     expected: "`at least …`, `conflicted members …`, `deputies …`, `when not met …` or `source`") { p in
            let clauseStart = p.current
            if p.isKeyword("at") {
                p.advance()
                p.expectKeyword("least", "after `at`")
                let amount = p.current
                guard amount.kind == .percent || amount.kind == .number else {
                    p.error(.unexpectedToken, "expected a percentage or a number after `at least`, found \(p.describe(amount))", at: amount)
                    return true
                }
                p.advance()
                p.expectKeyword("of", "after the amount")
                let value = Int(clamping: amount.integer)
                if p.isKeyword("role") {
                    p.advance()
                    quorum.clauses.append(.roles(value, p.nameList("a role"), p.range(from: clauseStart)))
                } else if p.isKeyword("group") {
                    p.advance()
                    if let group = p.expectName("a group") {
                        quorum.clauses.append(.group(value, group, p.range(from: clauseStart)))
                    }
                } else {
                    let votingOnly = p.isKeyword("voting")
                    if votingOnly { p.advance() }
                    p.expectKeyword("members", votingOnly ? "after `voting`" : "after `of` (or `role`, `group`, `voting members`)")
                    if amount.kind == .percent {
                        quorum.clauses.append(.share(percent: value, votingOnly: votingOnly, p.range(from: clauseStart)))
                    } else {
                        quorum.clauses.append(.count(value, votingOnly: votingOnly, p.range(from: clauseStart)))
                    }
                }
            } else if p.isKeyword("conflicted") || p.isKeyword("deputies") || (p.isKeyword("members") && p.isKeyword("excluded", at: 1)) {
                let isDeputies = p.isKeyword("deputies")
                if p.isKeyword("members") {
                    // The sketch's `members excluded for a conflict do not count`.
                    for word in ["members", "excluded", "for", "a", "conflict"] { p.expectKeyword(word, "in `members excluded for a conflict`") }
                } else {
                    p.advance()
                    if !isDeputies { p.expectKeyword("members", "after `conflicted`") }
                }
                let counts: Bool
                if p.isKeyword("count") {
                    p.advance()
                    counts = true
                } else {
                    p.expectKeyword("do", "(expected `count` or `do not count`)")
                    p.expectKeyword("not", "after `do`")
                    p.expectKeyword("count", "after `do not`")
                    counts = false
                }
                if isDeputies { quorum.deputiesCount = counts } else { quorum.conflictedMembersCount = counts }
                if isDeputies, counts, p.isKeyword("when"), !p.current.isAtLineStart {
                    // `deputies count when agreed by the chair` (004, 11.4)
                    p.advance()
                    for word in ["agreed", "by", "the", "chair"] { p.expectKeyword(word, "in `deputies count when agreed by the chair`") }
                    quorum.deputiesNeedAgreement = true
                }
            } else if p.isKeyword("when") {
                p.advance()
                p.expectKeyword("not", "after `when`")
                p.expectKeyword("met", "after `when not`")
                _ = p.consume(.colon)
                if p.isKeyword("refer") {
                    p.advance()
                    p.expectKeyword("to", "after `refer`")
                    if let target = p.expectName("the body to refer the item to") { quorum.whenNotMet = .referTo(target) }
                } else if p.isKeyword("defer") {
                    p.advance()
                    quorum.whenNotMet = .deferItem
                } else {
                    p.error(.unexpectedToken, "expected `refer to BODY` or `defer` after `when not met`, found \(p.describe(p.current))", at: p.current)
                }
            } else if p.isKeyword("source") {
                quorum.source = p.parseSource()
            } else {
                return false
            }
            return true
        }
        quorum.range = range(from: start)
        return quorum
    }

    // MARK: - voting

    mutating func parseVoting(_ start: Token) -> VotingSyntax? {
        guard let body = expectName("the body the voting rule is for") else {
            skipToDeclaration()
            return nil
        }
        var voting = VotingSyntax(body: body, perOrganisation: nil, groupShares: [], majority: nil,
                                  chairHasCastingVote: false, emailNeedsQuorumInFavour: false, source: nil, range: range(from: start))
        parseClauses(of: "the voting rule of `\(body.text)`",
                     expected: "`one vote per …`, `group … shares N votes`, `majority of …`, `chair has casting vote`, `by email needs quorum in favour`, `conflicted members …` or `source`") { p in
            if p.isKeyword("one") {
                p.advance()
                p.expectKeyword("vote", "after `one`")
                p.expectKeyword("per", "after `one vote`")
                if p.isKeyword("member") {
                    p.advance()
                    voting.perOrganisation = false
                } else if p.isKeyword("organisation") {
                    p.advance()
                    voting.perOrganisation = true
                } else {
                    p.error(.unexpectedToken, "expected `member` or `organisation` after `one vote per`, found \(p.describe(p.current))", at: p.current)
                }
            } else if p.isKeyword("group") {
                p.advance()
                guard let group = p.expectName("the group's name") else { return true }
                if p.isKeyword("has") {
                    // `group pcn has one vote each up to 2`
                    p.advance()
                    for word in ["one", "vote", "each", "up", "to"] { p.expectKeyword(word, "in `group … has one vote each up to N`") }
                    guard let votes = p.expectNumber("of votes the group has at most") else { return true }
                    voting.groupCaps.append((group, votes))
                    return true
                }
                p.expectKeyword("shares", "after the group's name (or `has one vote each up to N`)")
                guard let votes = p.expectNumber("of votes the group shares") else { return true }
                if p.isKeyword("votes") || p.isKeyword("vote") { p.advance() }
                voting.groupShares.append((group, votes))
            } else if p.isKeyword("majority") {
                p.advance()
                p.expectKeyword("of", "after `majority`")
                voting.majority = p.parseMajorityBase()
            } else if p.isKeyword("chair") {
                p.advance()
                p.expectKeyword("has", "after `chair`")
                p.expectKeyword("casting", "after `chair has`")
                p.expectKeyword("vote", "after `chair has casting`")
                voting.chairHasCastingVote = true
            } else if p.isKeyword("by") {
                p.advance()
                p.expectKeyword("email", "after `by`")
                p.expectKeyword("needs", "after `by email`")
                p.expectKeyword("quorum", "after `by email needs`")
                p.expectKeyword("in", "after `quorum`")
                p.expectKeyword("favour", "after `quorum in`")
                voting.emailNeedsQuorumInFavour = true
            } else if p.isKeyword("source") {
                voting.source = p.parseSource()
            } else {
                return false
            }
            return true
        }
        voting.range = range(from: start)
        return voting
    }
}
