import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension ConflictScreener {
    /// Every person the screening of `decision` considers and, for each of their interests (and
    /// their employment), whether it counts and why: for `probity explain`.
    ///
    /// It reads the hits of the same screening pass ``screen(_:meeting:)`` makes (see
    /// ``trace(_:screened:)``), so it explains what the screening found rather than finding it
    /// again. With a meeting, every attendee is listed; without one, everyone on the register
    /// whose entry names an organisation at stake (the rest are counted). An interest counts
    /// when its text names an organisation at stake (the closest one is cited) and it is in
    /// force on the decision's day, allowing the look-back for ended ones; employment always
    /// counts unless a clause of the rules spares it.
    public func explain(_ decision: Decision, meeting: Meeting?) -> ConflictsExplanation {
        guard hasPolicy else {
            return ConflictsExplanation(hasPolicy: false, organisationsAtStake: [], people: [], othersOnRegister: 0, unresolved: [])
        }
        var considered: [(person: Int, written: String?)] = []
        var unresolved: [String] = []
        if let meeting {
            for attendee in resolveAttendees(meeting) {
                if let person = attendee.person {
                    if !considered.contains(where: { $0.person == person }) { considered.append((person, attendee.written)) }
                } else {
                    unresolved.append(attendee.written)
                }
            }
        }
        let trace = trace(decision, screened: meeting == nil ? nil : considered.map(\.person).sorted())
        let stake = trace.stake
        let atStake = stake.entries.indices.map { (name: stake.name($0, names: organisationNames), link: stake.link($0, names: organisationNames)) }
        let reported = stake.reported.map { atStake[$0] }

        // Per person, per source (interest index or employment): the closest entry at stake it
        // names. The hits are sorted closest first, and a counted hit is cited before a spared one.
        var named: [Int: [Int32: Int]] = [:]
        var sparedBy: [Int: String] = [:]
        for hit in trace.hits where named[Int(hit.person)]?[hit.source] == nil {
            named[Int(hit.person), default: [:]][hit.source] = Int(hit.entry)
        }
        for (hit, reason) in trace.spared.sorted(by: { $0.hit < $1.hit }) where named[Int(hit.person)]?[hit.source] == nil {
            named[Int(hit.person), default: [:]][hit.source] = Int(hit.entry)
            sparedBy[Int(hit.person)] = reason
        }
        if meeting == nil { considered = named.keys.sorted().map { ($0, nil) } }

        let day = Day(number: decision.date)
        var people: [ConflictsExplanation.Person] = []
        for (person, written) in considered {
            let entry = register.people[person]
            var interests: [ConflictsExplanation.Interest] = []
            let sources = named[person] ?? [:]
            if !entry.employer.isEmpty || !entry.position.isEmpty {
                var declaration = entry.employer.isEmpty ? "position: \(entry.position)" : "works for \(entry.employer)"
                if !entry.employer.isEmpty, !entry.position.isEmpty { declaration += " (\(entry.position))" }
                var interest = ConflictsExplanation.Interest(declaration: declaration, line: entry.lines.first ?? 0,
                                                             kind: .employment, level: nil, reason: "")
                if let hit = sources[RegisterLinks.employment], let reason = sparedBy[person] {
                    interest.reason = "names \(atStake[hit].name) (\(atStake[hit].link)), but the rules say it is no interest here: \(reason)"
                } else if let hit = sources[RegisterLinks.employment] {
                    interest.level = level(for: .employment)
                    interest.reason = "names \(atStake[hit].name) (\(atStake[hit].link)); employment counts whether or not it was declared"
                } else {
                    interest.reason = notAtStake(person: person, source: RegisterLinks.employment)
                }
                interests.append(interest)
            }
            for (index, declared) in entry.interests.enumerated() {
                let kind = InterestKind(rawValue: declared.type.rawValue) ?? .unspecified
                let declaration = declared.typeText.isEmpty ? declared.nature : "\(declared.typeText): \(declared.nature)"
                var interest = ConflictsExplanation.Interest(declaration: declaration, line: declared.line, kind: kind,
                                                             level: nil, reason: "")
                if let hit = sources[Int32(index)] {
                    let names = "names \(atStake[hit].name) (\(atStake[hit].link))"
                    if declared.isInForce(on: day, graceEnd: lookBack.lastDay(after:)) {
                        interest.level = level(for: kind)
                        interest.reason = names + inForceNote(declared, on: day)
                    } else if let from = declared.validFrom, day < from {
                        interest.reason = "\(names), but it starts on \(from.iso), after the decision date \(day.iso)"
                    } else if let to = declared.validTo {
                        let last = lookBack.lastDay(after: to)
                        let grace = lookBack.period.map { " and the look-back of \($0) ran out on \(last.iso)" } ?? ""
                        interest.reason = "\(names), but it ended on \(to.iso)\(grace), before the decision date \(day.iso)"
                    }
                } else {
                    interest.reason = notAtStake(person: person, source: Int32(index))
                }
                interests.append(interest)
            }
            people.append(ConflictsExplanation.Person(name: entry.name, writtenAs: written,
                                                      level: interests.compactMap(\.level).max(), interests: interests))
        }
        let others = meeting == nil ? register.people.count - considered.count : 0
        return ConflictsExplanation(hasPolicy: true, organisationsAtStake: reported, people: people,
                                    othersOnRegister: others, unresolved: unresolved)
    }

    /// Why a text that names nothing at stake does not count: the declared organisations it
    /// does name, if any.
    private func notAtStake(person: Int, source: Int32) -> String {
        let names = links.byPerson[person].filter { $0.source == source }.map { program.organisations[Int($0.organisation)].name }
        if names.isEmpty { return "names no organisation at stake" }
        return "names \(names.joined(separator: ", ")), which \(names.count == 1 ? "is" : "are") not at stake"
    }

    private func inForceNote(_ interest: DeclaredInterest, on day: Day) -> String {
        guard let to = interest.validTo, to < day else { return "" }
        return "; it ended on \(to.iso) but still counts until \(lookBack.lastDay(after: to).iso) (look back \(lookBack.period.map { "\($0)" } ?? "none"))"
    }
}
