import Foundation
import ProbityConflicts
import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport

/// The front door: everything Probity answers about decisions, built once from a ``Scheme``
/// (and optionally a register of interests) and then shared freely between threads.
///
/// Checking a decision decides what it needs (approvals, procedures, notices), builds the
/// report and, when there is a register or a meeting, screens it for conflicts of interest
/// and re-checks the meeting's quorum. `probity check`, `screen`, `meeting`, `vote`, `explain`
/// (and, through ProbityTooling, `test`) all go through here, so a program embedding the
/// engine gets the same answers.
///
/// ```swift
/// let engine = Engine(scheme: try Scheme.load(at: "Rules").get())
/// let decision = try engine.decision(id: "D-1", date: "2025-06-01", [
///     "kind": "contract-award", "value": .money(Money(pence: 120_000_000)), "decided_by": "lcp-board",
/// ])
/// print(engine.check(decision).text)
/// ```
public final class Engine: Sendable {
    /// The rules this engine was compiled from.
    public let scheme: Scheme
    /// The register decisions are screened against, if any.
    public let register: Register?
    package let plan: Plan
    let decoder: DecisionDecoder
    let builder: ReportBuilder
    /// Screens against `register`; without one it screens nobody, but still checks a
    /// meeting's quorum and voting weights.
    let screener: ConflictScreener
    /// The screener's people index when there is a register (nil without one), for reading a
    /// line's attendees. Kept ready so each line passes it as it is: making the optional anew
    /// for every line retained and released the index (when it was a struct, each of its
    /// tables), shared by every worker of a batch, twice a line.
    private let attendeeIndex: PeopleIndex?
    /// The register scan's patterns, made with the rules when a register is to follow
    /// (``expectingRegister(_:)``), so that ``with(register:strict:)`` need not make them.
    private let registerPatterns: ConflictScreener.RegisterScan.Patterns?
    /// Whether the scheme declares a field named `meeting` (then a line's `meeting` member is
    /// that field, not the line's own meeting). Asked once: asking the program's field table
    /// for every line hashed the name and retained the table, which every worker shares.
    private let declaresMeetingField: Bool

    /// An engine for `scheme`, screening every decision against `register` when one is given.
    ///
    /// With `strict`, an organisation a decision names that matches no declared organisation,
    /// alias or register text (P1150) blocks the decision instead of only being reported.
    public convenience init(scheme: Scheme, register: Register? = nil, strict: Bool = false) {
        self.init(scheme: scheme, register: register, strict: strict, inParallel: Engine.buildsInParallel(register: register))
    }

    /// The engine ``init(scheme:register:strict:)`` builds for `prepared`'s register, with the
    /// register's people index and interests' kinds taken from `prepared` when a thread has made
    /// them or is making them there (``PreparedRegister/prepare(decided:)``); otherwise made here.
    public convenience init(scheme: Scheme, prepared: PreparedRegister, strict: Bool = false) {
        self.init(scheme: scheme, prepared: prepared, strict: strict, inParallel: Engine.buildsInParallel(register: prepared.register))
    }

    /// ``init(scheme:prepared:strict:)``, built on one thread or on two as `inParallel` says.
    package convenience init(scheme: Scheme, prepared: PreparedRegister, strict: Bool, inParallel: Bool) {
        self.init(scheme: scheme, register: prepared.register, strict: strict, inParallel: inParallel, indexMadeElsewhere: prepared.take())
    }

    /// The engine ``init(scheme:register:strict:)`` builds, built on one thread or on two as
    /// `inParallel` says (tests build both and compare their answers); on two, the people index
    /// beside the register's scan or beside the rules' tables as `peopleIndexWithScan` says
    /// (by default, beside the shorter: ``rulesSideIsLonger(_:_:)``). With `indexMadeElsewhere`
    /// (a ``PreparedRegister``'s), the people index and interests' kinds are not made here but
    /// asked of it once the scan is done.
    package convenience init(scheme: Scheme, register: Register?, strict: Bool, inParallel: Bool, peopleIndexWithScan: Bool? = nil,
                             indexMadeElsewhere: (@Sendable () -> ConflictScreener.RegisterIndex)? = nil) {
        let program = scheme.program
        if let register, let indexMadeElsewhere {
            // Only the rules' tables and the scan are left. On two threads, in two rounds of jobs
            // that whichever core is free takes: the plan, the decoder and the scan's patterns
            // (which need only the rules), then the scan in pieces with the report builder (which
            // needs the plan and the decoder) as one more piece. As two fixed halves, tables
            // beside scan, one core waited for the other: with ten times the benchmark's rules
            // the tables are about twice the scan (docs/performance.md, item 34).
            let plan: Plan, decoder: DecisionDecoder, builder: ReportBuilder
            let (scan, people): (ConflictScreener.RegisterScan, PeopleIndex)
            if inParallel {
                let patterns: ConflictScreener.RegisterScan.Patterns
                (plan, decoder, patterns) = allThreeAtOnce({ Plan(program: program) },
                                                           { DecisionDecoder(program: program) },
                                                           { ConflictScreener.RegisterScan.Patterns(program: program) })
                (scan, people, builder) = ConflictScreener.RegisterScan.withIndex(
                    program: program, register: register, patterns: patterns,
                    alongside: { [plan, decoder] in ReportBuilder(plan: plan, directory: decoder.organisations) },
                    madeElsewhere: indexMadeElsewhere)
            } else {
                (plan, decoder, builder) = Engine.decisionTables(program)
                (scan, people) = ConflictScreener.RegisterScan.withIndex(program: program, register: register, pieces: 1,
                                                                         madeElsewhere: indexMadeElsewhere)
            }
            let screener = ConflictScreener(program: program, register: register, strict: strict, directory: decoder.organisations,
                                            people: people, scan: scan)
            self.init(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: register, screener: screener)
            return
        }
        guard let register, inParallel else {
            let (plan, decoder, builder) = Engine.decisionTables(program)
            self.init(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: register, strict: strict)
            return
        }
        // The decoder's tables (mostly the organisation directory) with the register's people
        // index, and the scan of the register's texts for organisation names, need nothing
        // from each other, so they are built at once. Safe and deterministic: each side reads only the
        // immutable program and register and returns values of its own; nothing mutable is
        // shared, and the screener is put together from both once both are done, exactly as
        // on one thread. (The scan splits the register among the cores itself; it runs on one
        // thread here when the other core is busy with the first side.)
        // The people index goes with the shorter side: with the benchmark workload's 220 rules the rules'
        // side is about 50 M instructions against the scan's 100 M, with ten times the rules
        // about 135 M, and then the index (30 M) goes with the scan.
        let plan: Plan, decoder: DecisionDecoder, builder: ReportBuilder
        let people: PeopleIndex, scan: ConflictScreener.RegisterScan
        if peopleIndexWithScan ?? Engine.rulesSideIsLonger(program, register) {
            ((plan, decoder, builder), (scan, people)) = bothAtOnce(
                { Engine.decisionTables(program) },
                { (ConflictScreener.RegisterScan(program: program, register: register), PeopleIndex(register.people)) })
        } else {
            ((plan, decoder, builder, people), scan) = bothAtOnce(
                {
                    let (plan, decoder, builder) = Engine.decisionTables(program)
                    return (plan, decoder, builder, PeopleIndex(register.people))
                },
                { ConflictScreener.RegisterScan(program: program, register: register) })
        }
        let screener = ConflictScreener(program: program, register: register, strict: strict, directory: decoder.organisations,
                                        people: people, scan: scan)
        self.init(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: register, screener: screener)
    }

    /// Whether the rules' tables (plan, decoder, report builder) take longer to build than
    /// the register's scan and people index, by a rough count of instructions a rule, an
    /// organisation and a person (measured on the benchmark workload and ten times its rules, docs/performance.md
    /// item 20). It chooses only which side builds the people index, never an answer.
    static func rulesSideIsLonger(_ program: Program, _ register: Register) -> Bool {
        let rulesSide = 60_000 * program.rules.count + 16_000 * program.organisations.count
        let registerSide = 6_500 * register.people.count
        return rulesSide > registerSide
    }

    /// Registers smaller than this are read on the calling thread: with the shipped registers
    /// (tens of people) the second thread would cost more than the work it takes over.
    static let parallelBuildMinimumPeople = 1_000

    /// Rules with fewer rules and organisations than this build their plan and directory on the
    /// calling thread: the shipped rules (tens of each) take less time than starting a thread.
    static let parallelRulesMinimum = 500

    /// Whether the rules' side of an engine is worth a second thread: a second core, and rules
    /// or organisations by the hundred (`probity bench --write`'s workload has 220 rules and 2,000 organisations).
    package static func buildsRulesInParallel(_ program: Program) -> Bool {
        guard program.rules.count >= parallelRulesMinimum || program.organisations.count >= parallelRulesMinimum else { return false }
        return ProcessInfo.processInfo.activeProcessorCount >= 2
    }

    /// Whether building an engine for `register` is worth a second thread: there must be a
    /// second core, and a register large enough for its reading to take longer than starting one.
    package static func buildsInParallel(register: Register?) -> Bool {
        guard let register, register.people.count >= parallelBuildMinimumPeople else { return false }
        return ProcessInfo.processInfo.activeProcessorCount >= 2
    }

    /// The compiled plan, the decision decoder and the report builder, which share the
    /// decoder's organisation directory: building it is a tenth of a single `probity check`'s
    /// start-up, so it is built once for the decoder, the builder and the screener.
    private static func decisionTables(_ program: Program) -> (Plan, DecisionDecoder, ReportBuilder) {
        let plan = Plan(program: program)
        let decoder = DecisionDecoder(program: program)
        return (plan, decoder, ReportBuilder(plan: plan, directory: decoder.organisations))
    }

    private convenience init(scheme: Scheme, plan: Plan, decoder: DecisionDecoder, builder: ReportBuilder, register: Register?, strict: Bool) {
        self.init(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: register,
                  screener: register.map { ConflictScreener(program: scheme.program, register: $0, strict: strict, directory: decoder.organisations) }
                      ?? ConflictScreener(program: scheme.program, directory: decoder.organisations))
    }

    private init(scheme: Scheme, plan: Plan, decoder: DecisionDecoder, builder: ReportBuilder, register: Register?,
                 screener: ConflictScreener, registerPatterns: ConflictScreener.RegisterScan.Patterns? = nil) {
        self.registerPatterns = registerPatterns
        self.scheme = scheme
        self.plan = plan
        self.decoder = decoder
        self.builder = builder
        self.register = register
        self.screener = screener
        self.attendeeIndex = register == nil ? nil : screener.people
        self.declaresMeetingField = scheme.program.fieldIndex["meeting"] != nil
    }

    /// An engine that answers exactly as this one, for another thread checking decisions beside
    /// it (a batch's workers). It shares this engine's rules, register and every large table,
    /// and has its own copies of the small ones that every check copies from: the blank
    /// decision each line starts from, and the texts every report holds (the rules' ids, titles
    /// and citations, the bodies' and procedures' names, the scheme's), the screener's people
    /// index, kept meetings and bodies' rosters, copies of the register's people made as its
    /// reports first quote them, and the compiled plan's tables, copied. Threads sharing one
    /// engine are correct too; with a replica each, made on its own thread, they no longer write
    /// the reference counts of the same objects on every decision, nor read tables lying on
    /// cache lines the other writes (docs/performance.md, items 21, 28, 30, 36 and 37).
    public func replica() -> Engine {
        let plan = plan.replica()
        return Engine(scheme: scheme, plan: plan, decoder: decoder.replica(), builder: builder.replica(plan: plan), register: register,
                      screener: screener.replica(), registerPatterns: registerPatterns)
    }

    /// An engine with no register yet, to be given one by ``with(register:strict:)``: what
    /// screening needs of the rules alone (the patterns the register's texts are scanned for)
    /// is made now, so that a caller reading the register on another thread meanwhile has less
    /// to do once it arrives (`check --register FILE`). It answers as ``init(scheme:register:strict:)``
    /// without a register does.
    public static func expectingRegister(_ scheme: Scheme) -> Engine {
        expectingRegister(scheme, inParallel: buildsRulesInParallel(scheme.program))
    }

    /// ``expectingRegister(_:)``, the plan built beside the decoder and the patterns or not, as
    /// `inParallel` says (tests build both and compare their answers).
    package static func expectingRegister(_ scheme: Scheme, inParallel: Bool) -> Engine {
        let program = scheme.program
        let plan: Plan, decoder: DecisionDecoder, builder: ReportBuilder
        let patterns: ConflictScreener.RegisterScan.Patterns
        if inParallel {
            // The compiled plan, the decoder (mostly the organisation directory) and the scan's
            // patterns: each reads only the immutable program and returns values of its own. They
            // are three jobs that whichever thread is free takes, not two fixed halves: while the
            // register is still being read on the other core this thread does all three, and
            // once that core is free it takes whatever has not been started (with two halves,
            // this thread had often started the larger before the other core came free, and that
            // core then waited: docs/performance.md, item 27). The plan goes first: with the
            // benchmark workload's 220 rules it is 6 M instructions beside the decoder's 32 M and
            // the patterns' 16 M, with ten times the rules 76 M, when a free core should take the
            // other two beside it (item 13). The report builder needs plan and decoder, so it comes after.
            (plan, decoder, patterns) = allThreeAtOnce({ Plan(program: program) },
                                                       { DecisionDecoder(program: program) },
                                                       { ConflictScreener.RegisterScan.Patterns(program: program) })
            builder = ReportBuilder(plan: plan, directory: decoder.organisations)
        } else {
            (plan, decoder, builder) = Engine.decisionTables(program)
            patterns = ConflictScreener.RegisterScan.Patterns(program: program)
        }
        return expectingRegister(scheme, plan: plan, decoder: decoder, builder: builder, patterns: patterns)
    }

    /// ``expectingRegister(_:)``, its plan, decoder and the register scan's patterns made as
    /// three of `jobs`: on the calling thread, but for any that another thread with its own
    /// work done takes first (``SharedJobs/help()``). No thread is started for them: while the
    /// register is read on the other core, a thread started here would only take its time
    /// (docs/performance.md, item 27). The same engine as ``expectingRegister(_:)``.
    public static func expectingRegister(_ scheme: Scheme, sharing jobs: SharedJobs) -> Engine {
        let program = scheme.program
        // The plan first: the decoder and the patterns, the larger jobs with the benchmark
        // workload's rules, are left longest for a helper to take.
        let (plan, decoder, patterns) = jobs.run({ Plan(program: program) },
                                                 { DecisionDecoder(program: program) },
                                                 { ConflictScreener.RegisterScan.Patterns(program: program) })
        return expectingRegister(scheme, plan: plan, decoder: decoder, builder: ReportBuilder(plan: plan, directory: decoder.organisations),
                                 patterns: patterns)
    }

    /// An engine with no register yet from its rules' tables and the register scan's patterns.
    private static func expectingRegister(_ scheme: Scheme, plan: Plan, decoder: DecisionDecoder, builder: ReportBuilder,
                                          patterns: ConflictScreener.RegisterScan.Patterns) -> Engine {
        Engine(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: nil,
               screener: ConflictScreener(program: scheme.program, directory: decoder.organisations),
               registerPatterns: patterns)
    }

    /// The same scheme, screening against `register` (strictly: see ``init(scheme:register:strict:)``);
    /// the compiled rules are shared.
    public func with(register: Register, strict: Bool = false) -> Engine {
        with(register: register, strict: strict, inParallel: Engine.buildsInParallel(register: register))
    }

    /// ``with(register:strict:)`` for `prepared`'s register, its people index and interests'
    /// kinds taken from `prepared` when a thread has made them or is making them there
    /// (``PreparedRegister/prepare(decided:)``): the scan of the register's texts then has every core to
    /// itself, and the index is waited for after it. Otherwise as ``with(register:strict:)``.
    public func with(prepared: PreparedRegister, strict: Bool = false) -> Engine {
        with(prepared: prepared, strict: strict, inParallel: Engine.buildsInParallel(register: prepared.register))
    }

    /// ``with(prepared:strict:)``, its scan on one thread or on every core as `inParallel` says.
    package func with(prepared: PreparedRegister, strict: Bool, inParallel: Bool) -> Engine {
        guard let madeElsewhere = prepared.take() else { return with(register: prepared.register, strict: strict, inParallel: inParallel) }
        let program = scheme.program
        let register = prepared.register
        let (scan, people) = ConflictScreener.RegisterScan.withIndex(program: program, register: register, patterns: registerPatterns,
                                                                     pieces: inParallel ? nil : 1, madeElsewhere: madeElsewhere)
        let screener = ConflictScreener(program: program, register: register, strict: strict, directory: decoder.organisations,
                                        people: people, scan: scan)
        return Engine(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: register, screener: screener)
    }

    /// ``with(register:strict:)``, its screener built on one thread or on two as `inParallel` says.
    package func with(register: Register, strict: Bool, inParallel: Bool) -> Engine {
        let program = scheme.program
        let people: PeopleIndex
        let scan: ConflictScreener.RegisterScan
        if !inParallel {
            people = PeopleIndex(register.people)
            scan = ConflictScreener.RegisterScan(program: program, register: register, patterns: registerPatterns)
        } else if let registerPatterns {
            // The patterns were made with the rules: the people index is made as one more piece
            // of the scan's parallel work (it reads only the immutable register and shares nothing).
            (scan, people) = ConflictScreener.RegisterScan.withPeopleIndex(program: program, register: register, patterns: registerPatterns)
        } else {
            // The people index and the scan's patterns read only the immutable program and
            // register and share nothing. The scan itself comes after, alone, so that it splits
            // the register among the cores (nested in `bothAtOnce` it would run on one).
            let (index, patterns) = bothAtOnce({ PeopleIndex(register.people) },
                                               { ConflictScreener.RegisterScan.Patterns(program: program) })
            people = index
            scan = ConflictScreener.RegisterScan(program: program, register: register, patterns: patterns)
        }
        let screener = ConflictScreener(program: program, register: register, strict: strict, directory: decoder.organisations,
                                        people: people, scan: scan)
        return Engine(scheme: scheme, plan: plan, decoder: decoder, builder: builder, register: register, screener: screener)
    }

    package var program: Program { scheme.program }

    // MARK: Decisions

    /// Reads a decision from JSON (an object of the scheme's fields), reporting every bad field.
    public func decision(json bytes: [UInt8]) -> Result<Decision, DecisionErrors> {
        decoder.decode(json: bytes)
    }

    /// Reads a decision from parsed JSON, reporting every bad field.
    public func decision(_ value: JSONValue) -> Result<Decision, DecisionErrors> {
        decoder.decode(value)
    }

    /// Builds a decision in Swift: its id, its date, and a value for each field the scheme
    /// declares. Values are checked exactly as a decision file's are, so a wrong name or type
    /// throws every error at once, each naming the field and saying what was expected.
    public func decision(id: String, date: DecisionValue, _ fields: KeyValuePairs<String, DecisionValue> = [:]) throws(DecisionErrors) -> Decision {
        var members: [(key: String, value: JSONValue)] = [("id", .string(id)), ("date", date.json)]
        for (name, value) in fields { members.append((name, value.json)) }
        return try decoder.decode(.object(members)).get()
    }

    // MARK: Checking

    /// Whether decisions are screened for conflicts: with a register, or at a given meeting.
    private func screens(at meeting: Meeting?) -> Bool {
        register != nil || meeting != nil
    }

    /// What `decision` needs and whether it may proceed; with a register (or a `meeting`), who
    /// must recuse and whether the meeting is still quorate.
    public func check(_ decision: Decision, meeting: Meeting? = nil) -> Report {
        check(decision, meeting: meeting, includingMeetingFindings: true)
    }

    /// `check`, leaving out the findings about the meeting itself when an agenda says them once.
    private func check(_ decision: Decision, meeting: Meeting?, includingMeetingFindings: Bool) -> Report {
        var report = builder.build(decision)
        if screens(at: meeting) {
            screener.apply(to: &report, decision: decision, meeting: meeting, includingMeetingFindings: includingMeetingFindings)
        }
        return report
    }

    /// Reads and checks one decision given as JSON.
    ///
    /// When decisions are screened (a register, or a `meeting`), a decision may carry its own
    /// meeting as a `meeting` member (`{"attendees": [...], "body": ...}`, as in a meeting
    /// file), unless the scheme declares a field of that name: in a batch, each decision can
    /// then go to its own committee. It takes the place of `meeting` for that decision.
    public func check(json bytes: [UInt8], meeting: Meeting? = nil) -> Result<Report, DecisionErrors> {
        let meetingKey = screens(at: meeting) && !declaresMeetingField
        // Most lines are plain: read them straight from the bytes; the rest, and every error,
        // go the full way below.
        // A line's own attendees are resolved against the register as they are read, from
        // their bytes (most are register names exactly), and not again when screening.
        if let flat = decoder.decodeFlat(bytes, meetingKey: meetingKey, people: attendeeIndex) {
            guard let attendees = flat.attendees else { return .success(check(flat.decision, meeting: meeting)) }
            return .success(check(flat.decision, meeting: Meeting(body: flat.meetingBody, date: flat.meetingDate, attendeeNames: attendees,
                                                                  deputies: flat.meetingDeputies)))
        }
        guard meetingKey else { return decoder.decode(json: bytes).map { check($0, meeting: meeting) } }
        let value: JSONValue
        switch JSONParser.parse(bytes) {
        case .success(let parsed): value = parsed
        case .failure: return decoder.decode(json: bytes).map { check($0, meeting: meeting) }   // the decoder words the error
        }
        guard case .object(var members) = value, let at = members.firstIndex(where: { $0.key == "meeting" }) else {
            return decoder.decode(value).map { check($0, meeting: meeting) }
        }
        let raw = members.remove(at: at).value
        let ownMeeting: Meeting
        switch MeetingDecoder(program: program).decode(raw) {
        case .success(let decoded): ownMeeting = decoded
        case .failure(let errors):
            return .failure(DecisionErrors(errors.all.map { error in
                DecisionError(code: error.code, field: error.field.map { "meeting.\($0)" } ?? "meeting", message: "in `meeting`: \(error.message)")
            }))
        }
        return decoder.decode(.object(members)).map { check($0, meeting: ownMeeting) }
    }

    /// Every person on the register with an interest relevant to `decision` (for a procurement
    /// panel: who may not sit on it), with the conflicts findings only.
    public func screen(_ decision: Decision, meeting: Meeting? = nil) -> Screening {
        let report = check(decision, meeting: meeting)
        return Screening(decision: report.decision, date: report.date, register: register?.fileName ?? "",
                         conflicts: report.conflicts ?? ConflictsReport(),
                         // Only the conflicts findings: the approvals are `check`'s business.
                         findings: report.findings.filter { $0.code.category == .conflicts })
    }

    /// Why: every rule and whether it fired (or the condition that failed), and, when decisions
    /// are screened, every person and interest the screening considered.
    public func explain(_ decision: Decision, meeting: Meeting? = nil) -> Explanation {
        let report = check(decision, meeting: meeting)
        var explanation = Explainer(plan: plan).explain(decision, report: report)
        if screens(at: meeting) { explanation.conflicts = screener.explain(decision, meeting: meeting) }
        return explanation
    }

    // MARK: Meetings and votes

    /// Reads a meeting (`{"body", "date", "attendees": [names]}`); every error found, each at its JSON path.
    public func meeting(json bytes: [UInt8]) -> Result<Meeting, InputErrors> {
        MeetingDecoder(program: program).decode(json: bytes)
    }

    /// Reads a meeting's agenda (a meeting with `items`, each perhaps taking a decision); every error found.
    public func agenda(json bytes: [UInt8]) -> Result<Agenda, InputErrors> {
        Agenda.decode(json: bytes, program: program)
    }

    /// Checks every item of an agenda at its meeting: what each decision needs, who must
    /// recuse, whether the meeting stays quorate. An item whose decision cannot be read keeps
    /// its errors; the others are still checked. What is true of the meeting itself (papers
    /// sent late) is said once, in the screening's `findings`, not in every item's report.
    public func meeting(_ agenda: Agenda) -> AgendaScreening {
        AgendaScreening(agenda: agenda, findings: screener.meetingFindings(agenda.meeting), items: agenda.items.map { item in
            AgendaScreening.Item(item: item, result: item.decision.map { json in
                decoder.decode(json).map { check($0, meeting: agenda.meeting, includingMeetingFindings: false) }
            })
        })
    }

    /// Reads a record of votes; every error found, each at its JSON path.
    public func votes(json bytes: [UInt8]) -> Result<RecordedVotes, InputErrors> {
        RecordedVotes.decode(json: bytes, program: program)
    }

    /// Counts a recorded vote at `meeting` under the body's voting rule. Without a meeting, the
    /// vote must have been taken by email: the replies are the participation.
    public func vote(_ votes: RecordedVotes, at meeting: Meeting? = nil) -> Result<VoteTally, InputError> {
        let meeting = meeting ?? Meeting(body: votes.body, date: votes.date, attendees: votes.voters)
        return VoteTally.count(votes, at: meeting, program: program)
    }
}

/// A decision screened against the register: ``Engine/screen(_:meeting:)``.
public struct Screening: Sendable {
    /// The decision's id.
    public var decision: String
    /// The decision's day number.
    public var date: Int32
    /// The register's file name.
    public var register: String
    /// Who must declare, stop voting or leave, and whether the meeting stays quorate.
    public var conflicts: ConflictsReport
    /// The conflicts findings (codes `P11…`).
    public var findings: [Report.Finding]

    /// Whether a finding stops the decision.
    public var isBlocked: Bool { findings.contains(where: \.isBlocking) }
}

/// An agenda checked item by item: ``Engine/meeting(_:)``.
public struct AgendaScreening: Sendable {
    /// One item of the agenda and its answer.
    public struct Item: Sendable {
        /// The item as the agenda gave it.
        public var item: Agenda.Item
        /// The item's report, or why its decision could not be read; nil for an item that
        /// takes no decision.
        public var result: Result<Report, DecisionErrors>?
    }

    /// The agenda as it was read.
    public var agenda: Agenda
    /// Findings about the meeting as a whole (papers sent late, P1133), said once for the agenda.
    public var findings: [Report.Finding]
    /// The agenda's items in its order, each with its answer.
    public var items: [Item]
}
