import ProbityEngine
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import XCTest

/// Small rule sets and registers for the conflicts tests, built in memory.
package enum ConflictsFixtures {
    /// Rules with three related organisations (Hill Practice is a member of the GP alliance, which
    /// holds a contract from Acme), a panel with members, a quorum and a voting rule.
    package static func rules(steps: Int = 1, conflictedCount: Bool = false, deputiesCount: Bool = true,
                      voting: String = "one vote per organisation\n  group pcn shares 2 votes\n  majority of those voting\n  chair has casting vote") -> String {
        """
        scheme "Conflicts test"
        fields
          required kind: one of contract-award
          counterparty: organisation
          bidders: set of organisation

        body board "The Board"
        body panel "The Panel"
          committee of board

        organisation acme "Acme Health Ltd"
          aka "Acme Healthcare", "AHL"
        organisation alliance "Borough GP Alliance"
          aka "BGPA"
          holds contract from acme
        organisation hill "Hill Practice"
          member of alliance
        organisation council "Borough Council"
        organisation north-pcn "North PCN"
        organisation south-pcn "South PCN"
        organisation east-pcn "East PCN"

        conflicts
          relevant fields counterparty, bidders
          related within \(steps) \(steps == 1 ? "step" : "steps")
          financial -> exclude
          indirect -> no-vote
          non-financial-professional -> declare
          non-financial-personal -> declare
          employment -> exclude
          look back 6 months

        members panel
          member "Ann Chair" for council chair voting
          member "Bob Council" for council voting
          member "Carol Acme" for acme voting
          member "Dan Alliance" for alliance voting
          member "Eve North" for north-pcn group pcn voting
          member "Fay South" for south-pcn group pcn voting
          member "Gus East" for east-pcn group pcn voting
          member "Hal Observer" for council non-voting
          member "Ivy Deputy" for council deputy for "Bob Council"

        quorum panel
          at least 50% of voting members
          conflicted members \(conflictedCount ? "count" : "do not count")
          deputies \(deputiesCount ? "count" : "do not count")
          when not met refer to board

        voting panel
          \(voting)
        """
    }

    package static func program(_ text: String = rules(), file: StaticString = #filePath, line: UInt = #line) -> Program {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        guard let program else {
            XCTFail("rules do not check: \(diagnostics.map { "\($0)" })", file: file, line: line)
            fatalError("rules do not check")
        }
        return program
    }

    /// A register in the published layout. Dates are dd/mm/yyyy.
    package static let registerHeader = "Name,Who do you currently work for,Position/ Relationship with ICB,Declared Interest,Nature of interest,Valid From,Valid To\n"

    package static func register(_ rows: String) -> Register {
        RegisterLoader.parse(Array((registerHeader + rows).utf8), fileName: "test-register.csv")
    }

    package static func decision(_ json: String, program: Program, file: StaticString = #filePath, line: UInt = #line) -> Decision {
        switch DecisionDecoder(program: program).decode(json: Array(json.utf8)) {
        case .success(let decision): return decision
        case .failure(let errors):
            XCTFail("decision does not decode: \(errors.all)", file: file, line: line)
            fatalError("decision does not decode")
        }
    }

    /// A contract award on `date` to `counterparty`.
    package static func award(to counterparty: String, on date: String = "2024-03-14", program: Program) -> Decision {
        decision(#"{"id": "d1", "date": "\#(date)", "kind": "contract-award", "counterparty": "\#(counterparty)"}"#, program: program)
    }
}

extension ConflictsReport {
    /// The level of the person's recusal, if any, by their name on the register.
    package func level(of person: String) -> RecusalLevel? {
        recusals.first { $0.person == person }?.level
    }
}
