import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Screens decisions against a register of interests: who must declare, who may not vote, who
/// must leave the room, and whether the meeting stays quorate once they have.
///
/// Everything that does not depend on the decision is worked out once, here in `init`: the
/// register's texts are scanned for every declared organisation name and alias, giving an index
/// from organisation to the people and interests that name it; the organisation graph and each
/// body's roster are prepared. Screening a decision then looks up the few organisations it puts
/// at stake, which costs microseconds however large the register.
///
/// A class, for the same reason as ``ReportBuilder``: screening's closures capture it, and a
/// reference is shared by one count instead of copying every table per decision.
package final class ConflictScreener: Sendable {
    public let program: Program
    public let register: Register
    /// The register's people by name. The front door reads a line's attendees against it
    /// (``DecisionDecoder/decodeFlat(_:meetingKey:people:)``) and passes the answers in.
    package let people: PeopleIndex
    let links: RegisterLinks
    let graph: OrganisationGraph
    let relevantFields: [OrganisationsAtStake.RelevantField]
    let relationSteps: Int
    let levels: [InterestKind: RecusalLevel]
    let lookBack: LookBack
    let employmentExemptions: EmploymentExemptions
    /// People whose interests are declared on another register, in register order.
    let pointerPeople: [Int]
    /// Per person, per interest: the kind the `conflicts` block maps to a level.
    let interestKinds: InterestKindTable
    /// Per body with a `members` block: its roster, quorum and voting rule.
    let rosters: [Int: BodyRoster]
    /// False for a screener without a register: it checks a meeting's quorum only, and an
    /// attendee cannot be "not on the register".
    public let hasRegister: Bool
    /// When true, an organisation that matched nothing (P1150) blocks the decision: a
    /// commissioner who would rather stop than screen a misspelt supplier by its exact text.
    /// Set by the caller (`--strict`) or by the rules (`unmatched organisations block`).
    public let isStrict: Bool
    /// Declared organisations by id, name and alias, for "did you mean" on a name that matched nothing.
    let directory: OrganisationDirectory
    /// Each declared organisation's name, by index: what a report names an organisation at stake
    /// by. Apart from the program's so that a replica has its own (``replica()``).
    let organisationNames: [String]
    /// Rosters that seat a meeting's deputies, by body and deputies (``roster(of:committee:at:)``).
    let rostersWithDeputies: Memo<RosterWithDeputies, BodyRoster>
    /// Meetings of bodies worked out before any item's recusals, by what they depend on
    /// (``meetingAtBody(_:body:)``): a batch names a few meetings over and over.
    let meetings: Memo<MeetingKey, MeetingAtBody>
    /// Per organisation with shaped aliases, its scanners, made when a reason first needs them.
    let shapedAliasScanners: ShapedAliasScanners
    /// A replica's own copies of the people it quotes (``quoting(_:_:)``); nil for the original.
    let quotes: QuotedPeople?
    /// Whether this screener is another's replica (``replica()``), with texts of its own.
    var isReplica: Bool { quotes != nil }

    /// A screener with no register of interests: nobody is screened, but a meeting's quorum and
    /// voting weights are still worked out (for example an ICP meeting, whose members declare
    /// on other bodies' registers).
    public convenience init(program: Program, directory: OrganisationDirectory? = nil) {
        self.init(program: program, register: Register(people: [], issues: [], fileName: ""), hasRegister: false, strict: false,
                  directory: directory)
    }

    /// A screener for `register`. With `strict`, an organisation that matches no declared
    /// organisation, alias or register text blocks the decision instead of being reported only.
    /// `directory` is the program's organisation directory when the caller has already built one.
    public convenience init(program: Program, register: Register, strict: Bool = false, directory: OrganisationDirectory? = nil) {
        self.init(program: program, register: register, hasRegister: true, strict: strict, directory: directory)
    }

    /// The organisations the register's texts name: the costliest part of building a screener
    /// with a large register, and one that needs neither the organisation directory nor the
    /// people index, so the front door builds it while it builds those
    /// (``init(program:register:strict:directory:people:scan:)``).
    package struct RegisterScan: Sendable {
        let links: RegisterLinks
        /// Per person, per interest, its kind (``InterestKindTable``): made
        /// with the scan, so that it is not left for the screener to make after it, on one core.
        let interestKinds: InterestKindTable

        /// Scans `register`'s texts for `program`'s declared organisations and aliases, with
        /// `patterns` already made from the same program when given.
        package init(program: Program, register: Register, patterns: Patterns? = nil) {
            self.links = RegisterLinks(register: register, organisations: program.organisations, scanner: patterns?.scanner)
            self.interestKinds = InterestKindTable(register: register)
        }

        private init(links: RegisterLinks, interestKinds: InterestKindTable) {
            self.links = links
            self.interestKinds = interestKinds
        }

        /// The scan, and the register's people index made as one more piece of the scan's
        /// parallel work (``RegisterLinks/scanning(register:organisations:scanner:pieces:alongside:)``),
        /// with the interests' kinds: the same index and scan as made apart.
        package static func withPeopleIndex(program: Program, register: Register, patterns: Patterns? = nil) -> (RegisterScan, PeopleIndex) {
            let (links, index) = RegisterLinks.scanning(register: register, organisations: program.organisations, scanner: patterns?.scanner,
                                                        alongside: { RegisterIndex(register: register) })
            return (RegisterScan(links: links, interestKinds: index.interestKinds), index.people)
        }

        /// The scan alone, its pieces taken by every core, for a register whose index is made
        /// elsewhere (on the thread that read it): `index` is asked for once the scan is done,
        /// and may wait for that thread. The same scan and index as ``withPeopleIndex(program:register:patterns:)``
        /// makes, when `index` is `register`'s.
        /// `pieces`: as for ``RegisterLinks/scanning(register:organisations:scanner:pieces:alongside:)``
        /// (1: on the calling thread alone).
        package static func withIndex(program: Program, register: Register, patterns: Patterns? = nil, pieces: Int? = nil,
                                      madeElsewhere index: () -> RegisterIndex) -> (RegisterScan, PeopleIndex) {
            let (scan, people, _) = withIndex(program: program, register: register, patterns: patterns, pieces: pieces,
                                              alongside: {}, madeElsewhere: index)
            return (scan, people)
        }

        /// ``withIndex(program:register:patterns:pieces:madeElsewhere:)``, running `alongside` as one
        /// more piece of the scan's parallel work, the first taken (as the people index is in
        /// ``withPeopleIndex(program:register:patterns:)``), and returning its result too: the
        /// front door builds its report builder there, which needs the rules' tables but not the scan.
        package static func withIndex<Alongside: Sendable>(program: Program, register: Register, patterns: Patterns? = nil,
                                                           pieces: Int? = nil, alongside: @Sendable () -> Alongside,
                                                           madeElsewhere index: () -> RegisterIndex) -> (RegisterScan, PeopleIndex, Alongside) {
            let (links, other) = RegisterLinks.scanning(register: register, organisations: program.organisations, scanner: patterns?.scanner,
                                                        pieces: pieces, alongside: alongside)
            let made = index()
            return (RegisterScan(links: links, interestKinds: made.interestKinds), made.people, other)
        }

        /// The declared organisations and aliases made into the scan's patterns: a third of the
        /// scan's cost, needing only the rules, so the front door makes them while it builds the
        /// people index, and the scan itself can then split the register among the cores.
        package struct Patterns: Sendable {
            let scanner: KeywordScanner

            package init(program: Program) {
                scanner = RegisterLinks.scanner(for: program.organisations)
            }
        }
    }

    /// What screening needs of a register alone, reading no rules: its people index and each
    /// interest's kind. So it can be made as soon as the register is read, on the thread that
    /// read it, while the rules' side of an engine is still being built (docs/performance.md, item 27).
    package struct RegisterIndex: Sendable {
        package let people: PeopleIndex
        /// Per person, per interest, its kind (``InterestKindTable``).
        let interestKinds: InterestKindTable

        package init(register: Register) {
            people = PeopleIndex(register.people)
            interestKinds = InterestKindTable(register: register)
        }
    }

    /// A screener for `register` from its people index and its `scan`, both made from the same
    /// program and register: the same screener as ``init(program:register:strict:directory:)`` builds.
    package convenience init(program: Program, register: Register, strict: Bool = false, directory: OrganisationDirectory,
                             people: PeopleIndex, scan: RegisterScan) {
        self.init(program: program, register: register, hasRegister: true, strict: strict, directory: directory,
                  prebuilt: (people, scan))
    }

    private init(program: Program, register: Register, hasRegister: Bool, strict: Bool, directory: OrganisationDirectory?,
                 prebuilt: (people: PeopleIndex, scan: RegisterScan)? = nil) {
        self.hasRegister = hasRegister
        // Strict by the caller's choice (`--strict`) or by the scheme's own setting.
        self.isStrict = strict || program.conflicts?.unmatchedOrganisationsBlock == true
        self.directory = directory ?? OrganisationDirectory(program.organisations)
        self.program = program
        self.organisationNames = program.organisations.map(\.name)
        self.register = register
        self.people = prebuilt?.people ?? PeopleIndex(register.people)
        let scan = prebuilt?.scan ?? RegisterScan(program: program, register: register)
        self.links = scan.links
        let policy = program.conflicts
        self.hasPolicy = policy != nil
        self.graph = OrganisationGraph(organisations: program.organisations, carrying: policy?.carrying ?? [:])
        self.relevantFields = (policy?.relevantFields ?? []).map { index in
            let field = program.fields[index]
            let isSet = if case .set = field.type { true } else { false }
            return OrganisationsAtStake.RelevantField(index: index, isSet: isSet,
                                                      label: isSet ? "one of the \(field.name)" : "the \(field.name)")
        }
        self.relationSteps = policy?.relationSteps ?? 0
        self.levels = policy?.levels ?? [:]
        self.lookBack = LookBack(period: policy?.lookBack)
        self.employmentExemptions = EmploymentExemptions(policy: policy)
        self.pointerPeople = register.people.indices.filter { !register.people[$0].pointers.isEmpty }
        var rosters: [Int: BodyRoster] = [:]
        for (body, committee) in program.committees {
            rosters[body] = BodyRoster(program: program, body: body, committee: committee)
        }
        self.rosters = rosters
        self.interestKinds = scan.interestKinds
        self.rostersWithDeputies = Memo(capacity: 256)
        self.meetings = Memo(capacity: 256)
        self.shapedAliasScanners = ShapedAliasScanners()
        self.quotes = nil
    }

    private init(replicating other: ConflictScreener) {
        program = other.program
        // In storage of its own: every report names the organisations at stake, and writes them.
        organisationNames = other.organisationNames.map { $0.withOwnStorage }
        register = other.register
        // Copies of its own of the people its reports quote, each made when first quoted: a copy
        // of the whole register cost a worker's start 6 µs a person (30 ms at 5,000 people).
        quotes = QuotedPeople()
        people = other.people.replica()
        links = other.links
        graph = other.graph.withOwnStorage
        // Each label in storage of its own: every organisation at stake holds its field's label.
        relevantFields = other.relevantFields.map { field in
            var own = field
            own.label = field.label.withOwnStorage
            return own
        }
        relationSteps = other.relationSteps
        levels = other.levels
        lookBack = other.lookBack
        employmentExemptions = other.employmentExemptions.withOwnStorage
        pointerPeople = other.pointerPeople
        interestKinds = other.interestKinds
        // Rosters of its own: every line naming a body copies its roster and quotes its members.
        rosters = other.rosters.mapValues(\.withOwnStorage)
        hasRegister = other.hasRegister
        isStrict = other.isStrict
        directory = other.directory
        hasPolicy = other.hasPolicy
        // Kept meetings of their own: a kept meeting, with its seats and texts, is retained on
        // every line that names it. The same answers: each depends only on its key.
        rostersWithDeputies = Memo(capacity: 256)
        meetings = Memo(capacity: 256)
        // Made only for a reason that needs them, rarely, and costly: shared.
        shapedAliasScanners = other.shapedAliasScanners
    }

    /// A screener that answers exactly as this one, sharing its tables, for another thread
    /// screening beside it (a batch's workers): its own people index (``PeopleIndex/replica()``),
    /// kept meetings and bodies' rosters, which every line naming them retains, and its own
    /// copies of the people its reports quote (``QuotedPeople``), so that two threads do not
    /// write the reference counts of the same objects on every line (docs/performance.md,
    /// items 28, 36 and 37).
    package func replica() -> ConflictScreener {
        ConflictScreener(replicating: self)
    }

    /// `read` of the register's person `index` as a report quotes them (name, employment,
    /// interests): of a replica's copy of its own (``QuotedPeople``), else of the register's,
    /// read in place (a copy of the whole person retained every text of it).
    func quoting<T: Sendable>(_ index: Int, _ read: (RegisterPerson) -> T) -> T {
        if let quotes { return quotes.reading(index, of: register, read) }
        return read(register.people[index])
    }

    /// Whether the rules say how to screen at all: without a `conflicts` block nothing is relevant.
    /// Kept, not asked of `program` per decision: comparing the optional policy with nil copied
    /// the whole policy, tables and all.
    public let hasPolicy: Bool

    /// The level a kind of interest leads to. A kind the rules do not map is still declared:
    /// a relevant interest is never dropped in silence.
    func level(for kind: InterestKind) -> RecusalLevel {
        levels[kind] ?? .declare
    }

    /// Screens `decision`: recusals, and with a meeting of a body that has members, quorum after
    /// recusals and who may vote with what weight.
    ///
    /// Without a meeting every person on the register is screened; with one, only the attendees.
    public func screen(_ decision: Decision, meeting: Meeting?) -> ConflictsReport {
        screening(decision, meeting: meeting).report
    }

    /// The screening with the working kept, for ``apply(to:decision:meeting:)``.
    struct Screening {
        var report: ConflictsReport
        var quorumBeforeRecusals: ConflictsReport.QuorumResult?
        /// Who chairs the item when the chair of the meeting may not take part in it (P1222).
        var chairStandsAside: Report.Finding?
        /// The meeting's body worked out (``meetingAtBody(_:body:)``), when the meeting names one:
        /// its findings are the item's too, and are not looked up again.
        var meetingAtBody: MeetingAtBody?
    }

    func screening(_ decision: Decision, meeting: Meeting?) -> Screening {
        // Built in place: a report made apart and then put into the screening was copied.
        var screening = Screening(report: ConflictsReport())
        screening.report.registerScreened = hasRegister
        // nil: everyone on the register is screened.
        var screened: [Int]?
        if let names = meeting?.attendeeNames {
            // The written name is asked for only where the report prints it: most attendees are
            // found, and read from a batch line they have no `String` of their own.
            let isRead = names.isRead(against: people)
            var found: [Int] = []
            found.reserveCapacity(names.count)
            for index in 0..<names.count {
                switch names.resolution(at: index, on: people, isReadAgainst: isRead) {
                case .found(let person): if !found.contains(person) { found.append(person) }
                case .notFound:
                    if hasRegister {
                        let written = names.written(at: index)
                        screening.report.unresolvedAttendees.append(written)
                        screening.report.attendeeSuggestions.append(people.suggestions(for: written).map { quoting($0) { $0.name } })
                    }
                case .ambiguous(let candidates):
                    screening.report.ambiguousAttendees.append((names.written(at: index), candidates.map { quoting($0) { $0.name } }))
                }
            }
            found.sort()
            screened = found
        }
        for person in pointerPeople where screened?.contains(person) ?? true {
            screening.report.notScreenable.append(quoting(person) { ($0.name, $0.pointers[0]) })
        }

        var levelsByPerson: [(person: Int, level: RecusalLevel)] = []
        if hasPolicy {
            let trace = trace(decision, screened: screened)
            let stake = trace.stake
            screening.report.organisationsScreened = stake.reported.map { stake.name($0, names: organisationNames) }
            screening.report.unmatchedOrganisations = trace.unmatched.map { entry in
                let written = stake.entries[entry].writtenName ?? ""
                let declared = directory.suggestions(for: written).map { index in
                    ConflictsReport.Suggestion(name: program.organisations[index].name, organisation: program.organisations[index].id)
                }
                return ConflictsReport.UnmatchedOrganisation(written: written, role: stake.entries[entry].fieldLabel ?? "",
                                                             suggestions: declared + links.nearTexts(written, in: register))
            }
            screening.report.notCounted = notCounted(trace.spared, stake: stake)
            let found = recusals(from: trace.hits, stake: stake, on: Day(number: decision.date))
            screening.report.recusals = found.map(\.recusal)
            levelsByPerson = found.map { ($0.person, $0.recusal.level) }
        }

        if let meeting, let body = meeting.body {
            screening.meetingAtBody = meetingAtBody(meeting, body: body)
        }
        if let meeting, let seating = screening.meetingAtBody?.seating {
            screening.quorumBeforeRecusals = seating.unrecused.quorum
            // The seats as worked out for the meeting, each with the recusal of the attendee who
            // took it; with none recused, the meeting's own outcome is the item's.
            var present = seating.seats
            var anyRecused = false
            if !levelsByPerson.isEmpty {
                let names = meeting.attendeeNames
                let isRead = names.isRead(against: people)
                for index in present.indices {
                    guard case .found(let person) = names.resolution(at: present[index].attendee, on: people, isReadAgainst: isRead),
                          let level = levelsByPerson.first(where: { $0.person == person })?.level else { continue }
                    present[index].level = level
                    anyRecused = true
                }
            }
            let roster = seating.roster
            let outcome = anyRecused ? SeatsOutcome(present, roster: roster, holders: meeting.roleHolders) : seating.unrecused
            screening.report.quorum = outcome.quorum
            screening.report.voters = outcome.voters
            if let line = outcome.chairLine {
                if case .member(let member, _) = line.holder { screening.report.chair = roster.members[member].name }
                if let conflicted = line.passedOver.first(where: { $0.why != "not present" }) {
                    screening.chairStandsAside = Report.Finding(severity: .note, code: .chairStandsAside,
                        message: "\(conflicted.name) (role `\(conflicted.role)`) \(conflicted.why), so does not chair it: under the chair succession of `\(roster.bodyID)`, \(Self.describe(line.holder, roster: roster))",
                        isBlocking: false)
                }
            }
        }
        return screening
    }

    /// One register text naming an organisation at stake.
    struct Hit: Comparable {
        var person: Int32
        var source: Int32
        var entry: Int32

        static func < (a: Hit, b: Hit) -> Bool { (a.person, a.source, a.entry) < (b.person, b.source, b.entry) }
    }

    /// What the one screening pass found for a decision, kept so that the report and `probity
    /// explain` read the same hits rather than each finding them again.
    struct ScreeningTrace {
        /// The organisations at stake, each by its shortest chain.
        var stake: OrganisationsAtStake
        /// The register texts that name an organisation at stake and count, sorted by person,
        /// then text, then organisation (closest first).
        var hits: [Hit]
        /// Entries for undeclared names that no register text names at all.
        var unmatched: [Int]
        /// Employment hits an `employment … does not count when …` clause spared, with its reason.
        var spared: [(hit: Hit, reason: String)]
    }

    /// Screens `decision` for the people `screened` (everyone on the register when nil): the
    /// organisations at stake, and every register text naming one, counted or spared.
    func trace(_ decision: Decision, screened: [Int]?) -> ScreeningTrace {
        let stake = OrganisationsAtStake(decision: decision, fields: relevantFields, relationSteps: relationSteps, graph: graph)
        var (hits, unmatched) = collectHits(stake, screened: screened)
        let spared = employmentExemptions.isEmpty ? [] : spareExemptEmployment(&hits, stake: stake, decision: decision)
        return ScreeningTrace(stake: stake, hits: hits, unmatched: unmatched, spared: spared)
    }

    /// Removes the employment hits that an `employment … does not count when …` clause spares in
    /// `decision`, and returns them with the clause's reason.
    private func spareExemptEmployment(_ hits: inout [Hit], stake: OrganisationsAtStake, decision: Decision)
        -> [(hit: Hit, reason: String)] {
        let active = employmentExemptions.active(for: decision)
        guard !active.isEmpty else { return [] }
        var spared: [(hit: Hit, reason: String)] = []
        hits.removeAll { hit in
            guard hit.source == RegisterLinks.employment else { return false }
            let organisation = stake.entries[Int(hit.entry)].organisation
            guard let reason = employmentExemptions.exemption(of: organisation, in: active) else { return false }
            spared.append((hit, reason))
            return true
        }
        return spared
    }

    /// Whom the spared hits spared and why, once per person and organisation, so the reading
    /// shows in the report.
    private func notCounted(_ spared: [(hit: Hit, reason: String)], stake: OrganisationsAtStake) -> [ConflictsReport.NotCounted] {
        var notCounted: [ConflictsReport.NotCounted] = []
        for (hit, reason) in spared {
            let person = quoting(Int(hit.person)) { $0.name }
            let name = stake.name(Int(hit.entry), names: organisationNames)
            if !notCounted.contains(where: { $0.person == person && $0.organisation == name }) {
                let declaration = quoting(Int(hit.person)) { Self.employmentDeclaration(of: $0) }
                notCounted.append(ConflictsReport.NotCounted(person: person, organisation: name, declaration: declaration, reason: reason))
            }
        }
        return notCounted
    }

    /// Every (person, text, organisation at stake) the index holds, for the people screened; and
    /// the entries for undeclared names that no register text names at all.
    private func collectHits(_ stake: OrganisationsAtStake, screened: [Int]?) -> (hits: [Hit], unmatched: [Int]) {
        var hits: [Hit] = []
        var unmatched: [Int] = []
        // By index: copying each entry, with its strings, to read two of its numbers cost more
        // than the loop's work.
        for entryIndex in stake.entries.indices where !stake.entries[entryIndex].isRepeat {
            let entryID = Int32(entryIndex)
            let organisation = stake.entries[entryIndex].organisation
            if organisation < 0, let written = stake.entries[entryIndex].writtenName {
                let found = hasRegister ? links.findUndeclared(written, in: register) : []
                if hasRegister && found.isEmpty { unmatched.append(entryIndex) }
                for link in found where screened?.contains(Int(link.person)) ?? true {
                    hits.append(Hit(person: link.person, source: link.source, entry: entryID))
                }
            } else if organisation >= 0, screened == nil {
                for link in links.byOrganisation[Int(organisation)] {
                    hits.append(Hit(person: link.person, source: link.source, entry: entryID))
                }
            }
        }
        // With a meeting, look from the few attendees towards the organisations instead.
        if let screened {
            for person in screened {
                links.byPerson.forEach(of: person) { link in
                    if let entry = stake.entry(for: link.organisation) {
                        hits.append(Hit(person: Int32(person), source: link.source, entry: Int32(entry)))
                    }
                }
            }
        }
        hits.sort()
        return (hits, unmatched)
    }
}

extension ConflictScreener {
    /// The roster of `body` at `meeting`: the one built with the screener when the meeting
    /// names no deputies, else one that seats them, made once for each body and list of
    /// deputies. A batch's lines carry the same meeting again and again, and making the roster
    /// (two name indexes of the members) for each line, twice, cost eleven ordinary lines.
    func roster(of body: Int, committee: Committee, at meeting: Meeting) -> BodyRoster {
        if meeting.deputies.isEmpty { return rosters[body] ?? BodyRoster(program: program, body: body, committee: committee) }
        return rostersWithDeputies.value(for: RosterWithDeputies(body: body, deputies: meeting.deputies)) {
            let roster = BodyRoster(program: program, body: body, committee: committee, deputies: meeting.deputies)
            // A replica's own texts, as its other rosters' (``init(replicating:)``).
            return isReplica ? roster.withOwnStorage : roster
        }
    }

    /// What a roster with deputies is made from: the body (whose committee is the program's)
    /// and the meeting's deputies, in order.
    struct RosterWithDeputies: Hashable, Sendable {
        var body: Int
        var deputies: [Meeting.Deputy]
    }
}
