import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

extension ConflictScreener {
    /// Turns the register texts that name an organisation at stake into recusals.
    ///
    /// `hits` are sorted by person, then text, then organisation at stake (closest first), so a
    /// text naming several organisations at stake gives one reason, for the closest. An interest
    /// counts only if it is in force on the decision's day, allowing the look-back for ended
    /// ones; employment always counts. The highest level wins and every reason is listed.
    func recusals(from hits: [Hit], stake: OrganisationsAtStake, on day: Day)
        -> [(person: Int, recusal: ConflictsReport.Recusal)] {
        var result: [(person: Int, recusal: ConflictsReport.Recusal)] = []
        guard !hits.isEmpty else { return result }
        // Each organisation's name and link, described once however many people name it, and
        // only for organisations someone names: most of those at stake are named by nobody.
        var described = [(name: String, link: String)?](repeating: nil, count: stake.entries.count)
        func describe(_ entry: Int) -> (name: String, link: String) {
            if let known = described[entry] { return known }
            let made = (name: stake.name(entry, names: organisationNames), link: stake.link(entry, names: organisationNames))
            described[entry] = made
            return made
        }
        var start = 0
        while start < hits.count {
            let person = Int(hits[start].person)
            var end = start
            var reasons: [ConflictsReport.Reason] = []
            var lastSource: Int32?
            while end < hits.count, Int(hits[end].person) == person {
                let hit = hits[end]
                end += 1
                if hit.source == lastSource { continue }
                lastSource = hit.source
                if let reason = reason(for: hit, described: describe(Int(hit.entry)), on: day) {
                    reasons.append(reason.namedThroughShape(shapedAlias(for: hit, stake: stake)))
                }
            }
            start = end
            guard let highest = reasons.map(\.level).max() else { continue }
            reasons.sort { a, b in
                if a.level != b.level { return a.level > b.level }
                if a.line != b.line { return a.line < b.line }
                return a.organisation < b.organisation
            }
            result.append((person, ConflictsReport.Recusal(person: quoting(person) { $0.name }, level: highest, reasons: reasons)))
        }
        // The most serious first; within a level, in register order (as the minutes list them).
        result.sort { a, b in
            a.recusal.level != b.recusal.level ? a.recusal.level > b.recusal.level : a.person < b.person
        }
        return result
    }

    /// The reason one register text gives, or nil when the interest is not in force on `day`.
    private func reason(for hit: Hit, described: (name: String, link: String), on day: Day) -> ConflictsReport.Reason? {
        let (organisation, link) = described
        if hit.source == RegisterLinks.employment {
            let (declaration, line) = quoting(Int(hit.person)) { (Self.employmentDeclaration(of: $0), $0.lines.first ?? 0) }
            return ConflictsReport.Reason(kind: .employment, level: level(for: .employment), organisation: organisation,
                                          link: link, declaration: declaration, validFrom: nil, validTo: nil, line: line)
        }
        let interest = quoting(Int(hit.person)) { $0.interests[Int(hit.source)] }
        guard interest.isInForce(on: day, graceEnd: lookBack.lastDay(after:)) else { return nil }
        let kind = interestKinds[Int(hit.person), Int(hit.source)]
        let declaration = Self.declaration(of: interest)
        return ConflictsReport.Reason(kind: kind, level: level(for: kind), organisation: organisation, link: link,
                                      declaration: declaration, validFrom: interest.validFrom?.number,
                                      validTo: interest.validTo?.number, line: interest.line)
            .countedThroughLookBack(lookBackNote(interest, on: day))
    }

    /// The shaped alias ("Cllr, Lewisham") by which the hit's text names its organisation, when
    /// it names it by no plain name or `aka` alias. Worked out only for the reasons reported, and
    /// only for organisations that have shaped aliases, with scanners made once per organisation.
    private func shapedAlias(for hit: Hit, stake: OrganisationsAtStake) -> String? {
        let index = stake.entries[Int(hit.entry)].organisation
        guard index >= 0, !program.organisations[Int(index)].shapedAliases.isEmpty else { return nil }
        let text = quoting(Int(hit.person)) { person in
            hit.source == RegisterLinks.employment
                ? person.employer + " \u{1F} " + person.position : person.interests[Int(hit.source)].nature
        }
        return shapedAliasScanners.shapedAlias(in: text, organisation: Int(index), of: program.organisations)
    }

    /// For an interest that ended before `day` (and so counts only through the look-back), the
    /// words that say so: the look-back is the rules' choice, and the report says it rests on it.
    private func lookBackNote(_ interest: DeclaredInterest, on day: Day) -> String? {
        guard let to = interest.validTo, to < day, let period = lookBack.period else { return nil }
        return "ended on \(to.iso); counts until \(lookBack.lastDay(after: to).iso) only under the rules' look back of \(period)"
    }

    /// How a reason quotes an interest: "Financial Interest: Director of …". Written only for
    /// the reasons a report shows, not for every interest on the register.
    static func declaration(of interest: DeclaredInterest) -> String {
        interest.typeText.isEmpty ? interest.nature : "\(interest.typeText): \(interest.nature)"
    }

    /// How a reason quotes employment: "works for … (position)".
    static func employmentDeclaration(of person: RegisterPerson) -> String {
        person.position.isEmpty ? "works for \(person.employer)" : "works for \(person.employer) (\(person.position))"
    }
}
