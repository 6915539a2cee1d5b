import ProbityAudit
import ProbityRegister
import ProbitySemantics
import XCTest

/// Small rule programs and histories for the audit tests.
enum AuditFixtures {
    /// A scheme with a lead (up to £250k), a board above it, and an advisory group; `extra`
    /// adds rules. The audit block sets a 12-month window by counterparty and requirement.
    static let prelude = """
    scheme "Audit test" version "1"
    fields
      required kind: one of contract-award, business-case
      value: money
      counterparty: organisation
      requirement: text
      decided_by: body
    body board "Board"
    officer lead "Lead"
      reports to board
    body adviser "Advisory group"
      advises board
    body council "Council"
    organisation acme "Acme Ltd"
      aka "ACME"
    organisation widgets "Widgets plc"
    conflicts
      relevant fields counterparty
      financial -> exclude
      indirect -> no-vote
      non-financial-professional -> declare
      look back 6 months
    members board
      member "Ann Able" voting chair
      member "Bob Baker" voting
      member "Cat Cole" voting
      member "Dan Dole" voting
    audit
      split window 12 months
      split by counterparty, requirement
      review declarations every 12 months

    """

    static let standardRules = """
    rule LEAD "lead up to £250k" when kind = contract-award and value <= £250k require approval by lead
    rule BOARD "board above £250k" when kind = contract-award and value > £250k require approval by board
    rule CASE-2023 "business cases in 2023" effective from 2023-01-01 until 2023-12-31 when kind = business-case require approval by board
    rule CASE-2024 "business cases from 2024" effective from 2024-01-01 when kind = business-case require approval by council
    """

    static func program(_ rules: String, file: StaticString = #filePath, line: UInt = #line) throws -> Program {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: prelude + rules))
        return try XCTUnwrap(program, "rules do not check: \(diagnostics.map(\.message))", file: file, line: line)
    }

    /// Audits JSON lines (one decision each) with no register or votes.
    static func audit(_ lines: [String], rules: String = standardRules, threads: Int = 1,
                      register: Register? = nil, votes: [AuditVotes] = []) throws -> AuditReport {
        let program = try program(rules)
        var auditor = HistoryAuditor(program: program, historyFile: "history.jsonl", register: register,
                                     registerFile: register == nil ? nil : "register.tsv", votes: votes, threads: threads)
        auditor.add(lines.enumerated().map { (number: $0.offset + 1, bytes: ArraySlice(Array($0.element.utf8))) })
        return auditor.finish()
    }

    /// A contract award line.
    static func award(_ id: String, _ date: String, _ value: String, to counterparty: String = "Acme Ltd",
                      requirement: String? = nil, by decider: String = "lead") -> String {
        let need = requirement.map { ", \"requirement\": \"\($0)\"" } ?? ""
        return "{\"id\": \"\(id)\", \"date\": \"\(date)\", \"kind\": \"contract-award\", \"value\": \"\(value)\", \"counterparty\": \"\(counterparty)\"\(need), \"decided_by\": \"\(decider)\"}"
    }
}
