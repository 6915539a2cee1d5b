import ProbitySupport
import ProbitySyntax

extension Checker {
    // MARK: - Organisations

    mutating func declareOrganisation(_ syntax: OrganisationSyntax) {
        guard declare(syntax.name, kind: "organisation") else { return }
        let index = organisations.count
        organisationIndex[syntax.name.text] = index
        organisations.append(Organisation(id: syntax.name.text, name: syntax.title.value, aliases: syntax.aliases.map(\.value),
                                          relations: [], range: syntax.name.range))
        for alias in [syntax.title] + syntax.aliases {
            let key = alias.value.lowercased()
            if let other = organisationNames[key], other != index {
                error(.duplicateName, "the name \"\(alias.value)\" already belongs to organisation `\(organisations[other].id)`; expected each name and alias to identify one organisation",
                      at: alias.range, notes: [DiagnosticNote("declared here", at: organisations[other].range)])
            }
            organisationNames[key] = index
        }
    }

    mutating func resolveOrganisationRelations(_ syntaxes: [OrganisationSyntax]) {
        for syntax in syntaxes {
            guard let index = organisationIndex[syntax.name.text], organisations[index].range == syntax.name.range else { continue }
            for relation in syntax.relations {
                guard let target = resolve(relation.target, in: organisationIndex, kind: "organisation") else { continue }
                if target == index {
                    error(.duplicateName, "organisation `\(syntax.name.text)` cannot be related to itself", at: relation.target.range)
                    continue
                }
                organisations[index].relations.append((relation.relation, target))
            }
        }
    }

    // MARK: - Conflicts

    mutating func checkConflicts(_ syntax: ConflictsSyntax) {
        if let existing = conflicts {
            error(.duplicateName, "a second `conflicts` block; expected one per program", at: syntax.range,
                  notes: [DiagnosticNote("the first is here", at: existing.range)])
            return
        }
        var relevant: [Int] = []
        for name in syntax.relevantFields {
            guard let index = fieldIndex[name.text] else {
                undeclaredField(name)
                continue
            }
            let type = fields[index].type
            guard type == .organisation || type == .set(.organisation) else {
                error(.typeMismatch, "`\(name.text)` is \(type); expected an organisation or set of organisation field to screen interests against", at: name.range)
                continue
            }
            relevant.append(index)
        }
        if syntax.relevantFields.isEmpty {
            warning(.conflictsWithoutRelevantFields, "the `conflicts` block names no `relevant fields`; no interest can ever be relevant", at: syntax.range)
        }
        var levels: [InterestKind: RecusalLevel] = [:]
        for entry in syntax.levels {
            if levels[entry.kind] != nil {
                error(.duplicateName, "`\(entry.kind.rawValue)` is given a level twice; expected one level per kind of interest", at: entry.range)
            }
            levels[entry.kind] = entry.level
        }
        let carrying = checkCarrying(syntax)
        var exemptions: [EmploymentExemption] = []
        for exemption in syntax.employmentExemptions {
            let organisations = exemption.organisations.compactMap { resolve($0, in: organisationIndex, kind: "organisation") }
            guard let condition = checkCondition(exemption.condition) else { continue }
            exemptions.append(EmploymentExemption(organisations: organisations, condition: condition,
                                                  reason: exemption.because?.value, range: exemption.range))
        }
        conflicts = ConflictPolicy(
            relevantFields: relevant,
            relationSteps: carrying.steps,
            relations: Set(carrying.relations.keys),
            carrying: carrying.relations,
            isDirected: !syntax.carries.isEmpty,
            levels: levels,
            lookBack: syntax.lookBack,
            employmentExemptions: exemptions,
            unmatchedOrganisationsBlock: syntax.unmatchedOrganisationsBlock,
            source: syntax.source?.value,
            range: syntax.range)
    }

    /// Which relations carry an interest, which way and how far. With `carry` clauses only the
    /// relations they name carry, each way with its own reach (`carry member-of forward within
    /// 2 steps` and `carry member-of backward within 1 step` may both be given), never further
    /// than `related within`; without, every relation `related within … via …` allows carries
    /// both ways, as far as it says.
    ///
    /// Findings for settings that would not do what they seem to: a direction given twice
    /// (P0202), a reach under 1 step (P0610), a reach `related within` cuts short (P1200), a
    /// relation the organisations declare that no clause carries (P1201), and a clause that
    /// says no reach when nothing else does (P1202).
    mutating func checkCarrying(_ syntax: ConflictsSyntax) -> (steps: Int, relations: [OrganisationRelation: RelationCarry]) {
        guard !syntax.carries.isEmpty else {
            let steps = syntax.relationSteps ?? 1
            let relations = syntax.relations ?? OrganisationRelation.allCases
            return (steps, Dictionary(relations.map { ($0, RelationCarry(forward: true, backward: true, steps: steps)) },
                                      uniquingKeysWith: { first, _ in first }))
        }
        if syntax.relations != nil {
            warning(.carryClause, "`related within … via …` is ignored when the block has `carry` clauses; expected the relations in `carry` clauses only",
                    at: syntax.range)
        }
        let longest = syntax.carries.compactMap(\.steps).max() ?? 1
        let global = syntax.relationSteps ?? longest
        var relations: [OrganisationRelation: RelationCarry] = [:]
        var declaredAt: [OrganisationRelation: (forward: SourceRange?, backward: SourceRange?)] = [:]
        for carry in syntax.carries {
            if let steps = carry.steps, steps < 1 {
                error(.carryClause, "a relation must carry at least 1 step, found \(steps)", at: carry.range)
            }
            if let steps = carry.steps, let bound = syntax.relationSteps, steps > bound {
                warning(.carryCutShort, "`carry \(carry.relations.map(\.rawValue).joined(separator: ", ")) \(carry.direction.rawValue) within \(steps) steps` is cut short by `related within \(bound) \(bound == 1 ? "step" : "steps")`; expected at most \(bound), or a longer `related within`",
                        at: carry.range)
            }
            if carry.steps == nil, syntax.relationSteps == nil {
                warning(.carryWithoutReach, "`carry \(carry.relations.map(\.rawValue).joined(separator: ", ")) \(carry.direction.rawValue)` does not say how far it carries, and no `related within` does; expected `within N steps` (taken as \(global), the longest any clause gives)",
                        at: carry.range)
            }
            let steps = max(min(carry.steps ?? global, global), 1)
            let forward = carry.direction != .backward, backward = carry.direction != .forward
            for relation in carry.relations {
                let seen = declaredAt[relation] ?? (nil, nil)
                if let first = (forward ? seen.forward : nil) ?? (backward ? seen.backward : nil) {
                    error(.duplicateName, "`\(relation.rawValue)` is given twice for one direction; expected one `carry` clause per relation and direction", at: carry.range,
                          notes: [DiagnosticNote("the first is here", at: first)])
                    continue
                }
                declaredAt[relation] = (forward ? carry.range : seen.forward, backward ? carry.range : seen.backward)
                var reach = relations[relation] ?? RelationCarry(forwardSteps: 0, backwardSteps: 0)
                if forward { reach.forwardSteps = steps }
                if backward { reach.backwardSteps = steps }
                relations[relation] = reach
            }
        }
        checkUncarriedRelations(relations)
        return (global, relations)
    }

    /// A relation the organisations declare that no `carry` clause names carries no interest at
    /// all: most likely a clause was forgotten, so each such relation is reported once, at its
    /// first declaration (P1201).
    mutating func checkUncarriedRelations(_ relations: [OrganisationRelation: RelationCarry]) {
        var reported: Set<OrganisationRelation> = []
        for organisation in organisations {
            for (relation, target) in organisation.relations where relations[relation] == nil && !reported.contains(relation) {
                reported.insert(relation)
                let count = organisations.reduce(0) { $0 + $1.relations.filter { $0.relation == relation }.count }
                warning(.relationNotCarried, "`\(organisation.id) \(relation.words.joined(separator: " ")) \(organisations[target].id)` carries no interest: no `carry` clause names `\(relation.rawValue)` (\(count) \(count == 1 ? "declaration" : "declarations")); expected `carry \(relation.rawValue) forward`, `backward` or `both ways`, or no such relation",
                        at: organisation.range)
            }
        }
    }

    // MARK: - Calendar and papers

    /// One calendar per program; every holiday inside the period it says it covers.
    mutating func checkCalendar(_ syntax: CalendarSyntax) {
        if let first = calendarRange {
            error(.duplicateName, "a second `calendar`; expected one per program", at: syntax.range, notes: [DiagnosticNote("the first is here", at: first)])
            return
        }
        let made = HolidayCalendar(name: syntax.title.value, coversFrom: syntax.covers?.from, coversUntil: syntax.covers?.until,
                                   holidays: syntax.holidays, source: syntax.source?.value)
        if syntax.covers == nil {
            warning(.calendarProblem, "the calendar does not say which period it `covers`; expected `covers from DATE until DATE`, so working days past its last holiday can be flagged", at: syntax.range)
        }
        for day in made.holidays where !made.covers(day, day) {
            warning(.calendarProblem, "holiday \(Day(number: day).iso) is outside the period the calendar covers", at: syntax.range)
        }
        for day in made.holidays where Day(number: day).isWeekend {
            warning(.calendarProblem, "holiday \(Day(number: day).iso) falls on a weekend; expected the weekday the holiday is observed on", at: syntax.range)
        }
        calendar = made
        calendarRange = syntax.range
    }

    mutating func checkPapers(_ syntax: PapersSyntax) {
        guard let body = resolveBody(syntax.body), let notice = syntax.notice else { return }
        var committee = committees[body] ?? Committee()
        if let existing = committee.papers {
            error(.duplicateName, "a second papers rule for `\(syntax.body.text)`", at: syntax.range, notes: [DiagnosticNote("the first is here", at: existing.range)])
            return
        }
        if notice.unit == .months || notice.unit == .years || notice.amount < 0 {
            error(.calendarProblem, "papers must go out a number of days or working days before a meeting, found \(notice)", at: syntax.range)
            return
        }
        committee.papers = PapersRule(notice: notice, source: syntax.source?.value, range: syntax.range)
        committees[body] = committee
    }

    // MARK: - Members, quorum, voting

    mutating func checkMembers(_ syntax: MembersSyntax) {
        guard let body = resolveBody(syntax.body) else { return }
        var committee = committees[body] ?? Committee()
        var seen: [String: SourceRange] = [:]
        for member in syntax.members {
            let key = member.person.value.lowercased()
            if let first = seen[key] {
                error(.duplicateName, "\"\(member.person.value)\" is listed twice as a member of `\(syntax.body.text)`", at: member.person.range,
                      notes: [DiagnosticNote("first listed here", at: first)])
            }
            seen[key] = member.person.range
            let organisation = member.organisation.flatMap { resolve($0, in: organisationIndex, kind: "organisation") }
            committee.members.append(Member(name: member.person.value, organisation: organisation, role: member.role?.text,
                                            group: member.group?.text, isVoting: member.isVoting, isChair: member.isChair,
                                            deputyFor: member.deputyFor?.value, ownVote: member.ownVote, range: member.range))
        }
        committee.chairExcludedRoles += syntax.chairExcludedRoles.map(\.text)
        for role in syntax.chairSuccession {
            if committee.chairSuccession.contains(role.text) {
                error(.duplicateName, "role `\(role.text)` is in the chair succession of `\(syntax.body.text)` twice; expected each role once", at: role.range)
                continue
            }
            if committee.chairExcludedRoles.contains(role.text) {
                error(.chairSuccessionRoleMayNotChair, "role `\(role.text)` is in the chair succession of `\(syntax.body.text)` but may not chair it (`chair not role`)", at: role.range)
            }
            committee.chairSuccession.append(role.text)
        }
        for member in committee.members where member.isChair {
            if let role = member.role, committee.chairExcludedRoles.contains(role) {
                warning(.chairRoleMayNotChair, "\"\(member.name)\" is marked `chair` of `\(syntax.body.text)` but has role `\(role)`, which may not chair it", at: member.range)
            }
        }
        committees[body] = committee
    }

    mutating func checkQuorum(_ syntax: QuorumSyntax) {
        guard let body = resolveBody(syntax.body) else { return }
        if let existing = committees[body]?.quorum {
            error(.duplicateName, "a second quorum rule for `\(syntax.body.text)`", at: syntax.body.range,
                  notes: [DiagnosticNote("the first is here", at: existing.range)])
            return
        }
        var clauses: [QuorumClause] = []
        for clause in syntax.clauses {
            switch clause {
            case .share(let percent, let votingOnly, let range):
                if percent <= 0 || percent > 100 {
                    error(.quorumShareOutOfRange, "a quorum share must be between 1% and 100%, found \(percent)%", at: range)
                }
                clauses.append(.share(percent: percent, votingOnly: votingOnly, range))
            case .count(let n, let votingOnly, let range):
                clauses.append(.count(n, votingOnly: votingOnly, range))
            case .roles(let n, let roles, let range):
                clauses.append(.roles(n, roles.map(\.text), range))
            case .group(let n, let group, let range):
                clauses.append(.group(n, group.text, range))
            }
        }
        var fallback: QuorumFallback?
        switch syntax.whenNotMet {
        case .referTo(let name): fallback = resolveBody(name).map(QuorumFallback.referTo)
        case .deferItem: fallback = .deferItem
        case nil: break
        }
        var committee = committees[body] ?? Committee()
        var quorumRule = Quorum(clauses: clauses, conflictedMembersCount: syntax.conflictedMembersCount ?? false,
                                  deputiesCount: syntax.deputiesCount ?? true, whenNotMet: fallback,
                                  source: syntax.source?.value, range: syntax.body.range)
        quorumRule.deputiesNeedAgreement = syntax.deputiesNeedAgreement
        committee.quorum = quorumRule
        committees[body] = committee
    }

    mutating func checkVoting(_ syntax: VotingSyntax) {
        guard let body = resolveBody(syntax.body) else { return }
        if let existing = committees[body]?.voting {
            error(.duplicateName, "a second voting rule for `\(syntax.body.text)`", at: syntax.body.range,
                  notes: [DiagnosticNote("the first is here", at: existing.range)])
            return
        }
        var shares: [String: Int] = [:]
        for (group, votes) in syntax.groupShares { shares[group.text] = votes }
        var caps: [String: Int] = [:]
        for (group, votes) in syntax.groupCaps {
            if shares[group.text] != nil || caps[group.text] != nil {
                error(.duplicateName, "group `\(group.text)` is given its votes twice; expected one `group … shares` or `group … has` clause per group", at: group.range)
            }
            caps[group.text] = votes
        }
        var committee = committees[body] ?? Committee()
        committee.voting = VotingRule(perOrganisation: syntax.perOrganisation ?? false, groupShares: shares,
                                      majority: syntax.majority ?? .membersPresent, majorityIsStated: syntax.majority != nil,
                                      chairHasCastingVote: syntax.chairHasCastingVote,
                                      emailNeedsQuorumInFavour: syntax.emailNeedsQuorumInFavour,
                                      source: syntax.source?.value, range: syntax.body.range)
        committee.voting?.groupCaps = caps
        committees[body] = committee
    }

    /// A quorum clause naming a role or group that no member has can never be met.
    mutating func checkQuorumRoles() {
        for (body, committee) in committees.sorted(by: { $0.key < $1.key }) {
            guard let quorum = committee.quorum, !committee.members.isEmpty else { continue }
            let roles = Set(committee.members.compactMap(\.role))
            let groups = Set(committee.members.compactMap(\.group))
            for clause in quorum.clauses {
                switch clause {
                case .roles(_, let names, let range):
                    for name in names where !roles.contains(name) {
                        warning(.quorumRoleUnheld, "no member of `\(bodies[body].id)` has role `\(name)`", at: range)
                    }
                case .group(let n, let name, let range):
                    let size = committee.members.filter { $0.group == name }.count
                    if size < n {
                        warning(.quorumRoleUnheld, "group `\(name)` of `\(bodies[body].id)` has \(size) members; the quorum needs \(n)", at: range)
                    }
                default:
                    break
                }
            }
            _ = groups
        }
    }
}
