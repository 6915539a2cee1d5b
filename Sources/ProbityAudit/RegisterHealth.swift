import ProbityConflicts
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// Register health: members of the bodies that took decisions with no declaration on record,
/// interests whose end precedes their start, people whose interests are on another register,
/// and rows the importer could not read — each with the person and the row.
struct RegisterHealth: Sendable {
    let program: Program
    let screener: ConflictScreener
    let registerFile: String

    /// `decidingBodies`: the bodies the history or the votes show deciding; their `members`
    /// are expected on the register.
    func audit(decidingBodies: [Int], on day: Int32?) -> (findings: [AuditFinding], limitations: [String]) {
        var findings: [AuditFinding] = []
        var limitations: [String] = []
        let stale = staleDeclarations(on: day)
        findings += stale.findings
        limitations += stale.limitations
        let register = screener.register
        for body in decidingBodies.sorted() {
            guard let committee = program.committees[body], !committee.members.isEmpty else { continue }
            let names = committee.members.map(\.name)
            let attendance = screener.attendance(Meeting(body: body, date: day, attendees: names))
            // A register holding no more than half of a body's members is taken to be another
            // body's register (people sit on several boards): say so once rather than call
            // every member undeclared.
            guard attendance.people.count * 2 > names.count else {
                limitations.append("members of `\(program.bodies[body].id)` not looked for: only \(attendance.people.count) of its \(names.count) members are on the register `\(registerFile)`, so it is taken to be another body's register")
                continue
            }
            for name in attendance.unresolved {
                let member = committee.members.first { $0.name == name }
                let location = member.map { program.sources.citation(of: $0.range) } ?? ""
                findings.append(AuditFinding(
                    category: .registerHealth, code: .undeclaredMember, severity: .warning,
                    message: "`\(name)`, a member of `\(program.bodies[body].id)`, has no declaration on the register `\(registerFile)` (not even a nil return)",
                    date: nil,
                    rules: [AuditFinding.RuleCitation(id: "members \(program.bodies[body].id)", title: program.bodies[body].title,
                                                      source: program.bodies[body].source, location: location)],
                    records: [AuditFinding.Record(kind: .member, file: location, line: 0, person: name)]))
            }
        }
        for person in register.people {
            for interest in person.interests {
                guard let from = interest.validFrom, let to = interest.validTo, to < from else { continue }
                findings.append(AuditFinding(
                    category: .registerHealth, code: .interestEndsBeforeStart, severity: .warning,
                    message: "`\(person.name)` declares an interest that ends (\(to.iso)) before it starts (\(from.iso)); the screener takes the dates as written, so check them",
                    rules: conflictsCitation("interests count from `Valid From` to `Valid To`\(lookBack)"), records: [row(person, line: interest.line, detail: declaration(interest))]))
            }
            for pointer in person.pointers {
                findings.append(AuditFinding(
                    category: .registerHealth, code: .voterDeclaredElsewhere, severity: .warning,
                    message: "`\(person.name)`'s interests are declared on another register, which cannot be screened here",
                    rules: conflictsCitation("interests are screened from this register"), records: [row(person, line: person.lines.first ?? 0, detail: pointer)]))
            }
        }
        for issue in register.issues where issue.isError {
            findings.append(AuditFinding(
                category: .registerHealth, code: .unusableRegisterRow, severity: .warning,
                message: "register row not used: \(issue.message)",
                records: [AuditFinding.Record(kind: .registerRow, file: registerFile, line: issue.line)]))
        }
        return (findings, limitations)
    }

    /// People whose latest declaration is older than `review declarations every` on `day`.
    /// Only a register that records dates of declaration can show it; otherwise it is said.
    private func staleDeclarations(on day: Int32?) -> (findings: [AuditFinding], limitations: [String]) {
        guard let review = program.audit?.declarationReview else { return ([], []) }
        let people = screener.register.people
        guard people.contains(where: { $0.declaredOn != nil }) else {
            return ([], ["declarations not checked against `review declarations every \(review)`: the register records no date of declaration (a `Date of declaration` column)"])
        }
        guard let day else { return ([], ["declarations not checked: no date to judge them on (the history and votes give none)"]) }
        let today = Day(number: day)
        let rule = program.audit?.range.map { range in
            [AuditFinding.RuleCitation(id: "audit", title: "review declarations every \(review)", source: program.audit?.source,
                                       location: program.sources.citation(of: range))]
        } ?? []
        var findings: [AuditFinding] = []
        for person in people {
            guard let declared = person.declaredOn else {
                findings.append(AuditFinding(
                    category: .registerHealth, code: .staleDeclaration, severity: .warning,
                    message: "`\(person.name)` has no date of declaration on the register, so cannot be shown to have declared within \(review) of \(today.iso)",
                    rules: rule, records: [row(person, line: person.lines.first ?? 0, detail: "no date of declaration")]))
                continue
            }
            let due = Self.adding(review, to: declared)
            guard due < today else { continue }
            findings.append(AuditFinding(
                category: .registerHealth, code: .staleDeclaration, severity: .warning,
                message: "`\(person.name)` last declared on \(declared.iso), more than \(review) before \(today.iso) (due by \(due.iso))",
                date: declared.number, rules: rule,
                records: [row(person, line: person.declaredOnLine, detail: "declared \(declared.iso)")]))
        }
        return (findings, [])
    }

    static func adding(_ period: Duration, to day: Day) -> Day {
        switch period.unit {
        case .days: day.adding(days: period.amount)
        case .workingDays: day.adding(workingDays: period.amount)
        case .months: day.adding(months: period.amount)
        case .years: day.adding(years: period.amount)
        }
    }

    /// The `conflicts` block, which screens from this register, as the rule a finding rests on.
    private func conflictsCitation(_ title: String) -> [AuditFinding.RuleCitation] {
        guard let policy = program.conflicts else { return [] }
        return [AuditFinding.RuleCitation(id: "conflicts", title: title, source: policy.source,
                                          location: program.sources.citation(of: policy.range))]
    }

    private var lookBack: String {
        program.conflicts?.lookBack.map { " and for \($0) after it ends (look back)" } ?? ""
    }

    private func row(_ person: RegisterPerson, line: Int, detail: String) -> AuditFinding.Record {
        AuditFinding.Record(kind: .registerRow, file: registerFile, line: line, person: person.name, detail: detail)
    }

    private func declaration(_ interest: DeclaredInterest) -> String {
        interest.typeText.isEmpty ? interest.nature : "\(interest.typeText): \(interest.nature)"
    }
}
