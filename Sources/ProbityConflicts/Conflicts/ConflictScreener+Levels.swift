import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension ConflictScreener {
    /// A meeting's attendees resolved against the register once, so screening every decision
    /// put to them reads no names.
    public struct Attendance: Sendable {
        /// The register people present, sorted, each once.
        public var people: [Int32]
        /// Attendees not found on the register, or matching several people, as written.
        public var unresolved: [String]
    }

    /// One person's recusal as indices: who, and at what level. The reasons are worked out
    /// only when a report is written (``screen(_:meeting:)``).
    public struct Level: Equatable, Sendable {
        public var person: Int32
        public var level: RecusalLevel
    }

    /// Resolves a meeting's attendees against the register.
    public func attendance(_ meeting: Meeting) -> Attendance {
        var people: [Int32] = []
        var unresolved: [String] = []
        for match in resolveAttendees(meeting) {
            if let person = match.person { people.append(Int32(person)) } else { unresolved.append(match.written) }
        }
        people.sort()
        return Attendance(people: people.reduce(into: []) { if $0.last != $1 { $0.append($1) } }, unresolved: unresolved)
    }

    /// Who must recuse and at what level, without the reasons' text: the screening's hot path,
    /// with the same rules as ``screen(_:meeting:)`` (which the tests hold it to). With no
    /// attendance, everyone on the register is screened. `levels` is reused across calls.
    public func recusalLevels(_ decision: Decision, attendance: Attendance?, into levels: inout [Level]) {
        levels.removeAll(keepingCapacity: true)
        guard hasPolicy else { return }
        let stake = OrganisationsAtStake(decision: decision, fields: relevantFields, relationSteps: relationSteps, graph: graph)
        guard !stake.entries.isEmpty else { return }
        // Names no rule file declares are looked for in the register's texts: rare, and slow.
        var undeclared: [RegisterLinks.Link] = []
        for entry in stake.entries where entry.organisation < 0 {
            if let written = entry.writtenName { undeclared += links.findUndeclared(written, in: register) }
        }
        let day = Day(number: decision.date)
        let spared = employmentExemptions.isEmpty ? [] : employmentExemptions.active(for: decision)
        func counts(_ source: Int32, _ organisation: Int32) -> Bool {
            spared.isEmpty || source != RegisterLinks.employment || employmentExemptions.exemption(of: organisation, in: spared) == nil
        }
        let people: [Int32] = attendance?.people ?? candidates(stake, undeclared)
        for person in people {
            var highest: RecusalLevel?
            links.byPerson.forEach(of: Int(person)) { link in
                guard stake.entry(for: link.organisation) != nil, counts(link.source, link.organisation),
                      let level = level(person: person, source: link.source, on: day) else { return }
                highest = max(highest ?? level, level)
            }
            for link in undeclared where link.person == person && counts(link.source, -1) {
                if let level = level(person: person, source: link.source, on: day) { highest = max(highest ?? level, level) }
            }
            if let highest { levels.append(Level(person: person, level: highest)) }
        }
    }

    /// Without a meeting: everyone whose texts name an organisation at stake.
    private func candidates(_ stake: OrganisationsAtStake, _ undeclared: [RegisterLinks.Link]) -> [Int32] {
        var people = undeclared.map(\.person)
        for entry in stake.entries where entry.organisation >= 0 {
            people += links.byOrganisation[Int(entry.organisation)].map(\.person)
        }
        return Set(people).sorted()
    }

    /// The level one register text leads to on `day`, or nil when its interest is not in force.
    /// Employment always counts.
    func level(person: Int32, source: Int32, on day: Day) -> RecusalLevel? {
        if source == RegisterLinks.employment { return level(for: .employment) }
        let interest = register.people[Int(person)].interests[Int(source)]
        guard interest.isInForce(on: day, graceEnd: lookBack.lastDay(after:)) else { return nil }
        return level(for: interestKinds[Int(person), Int(source)])
    }
}
