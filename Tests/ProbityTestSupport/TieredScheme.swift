import ProbityEngine
import ProbitySemantics
import ProbitySupport
import XCTest

/// The ids of the rules that fire.
package func firedRules(_ plan: Plan, _ json: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    guard let decision = makeDecision(plan, json, file: file, line: line) else { return [] }
    return plan.match(decision).fired.map { plan.program.rules[Int($0)].id }
}

package let tieredScheme = """
scheme "Tiers" version "1" effective from 2020-01-01
fields
  kind: one of contract-award, s75-variation, s75-new-agreement, appointment
  value: money
  salary: money
  budget: one of icb-delegated, council
  counterparty: organisation
  decided_by: body
body icb-board "ICB Board"
body lcp-board "LCP Board"
  committee of icb-board
body cpag "CPAG"
  advises lcp-board
officer place-lead "Place lead"
  reports to lcp-board
body council-executive "Council Executive"
body council-leader "Leader"
procedure psr-standstill "Standstill of 8 working days"
organisation bhc "Bromley Healthcare CIC"
  aka "Bromley Health Care", "BHC"
rule CA-1 "up to £250k"
  when kind = contract-award and value <= £250k
  require approval by place-lead
rule CA-2 "over £250k to £1m"
  when kind = contract-award and value in (£250k .. £1m]
  require recommendation by cpag
  require approval by lcp-board
rule CA-3 "over £1m"
  when kind = contract-award and value > £1m
  require recommendation by lcp-board
  require approval by icb-board
rule PSR "standstill from 2024"
  effective from 2024-01-01
  when kind = contract-award and value >= £250k
  require procedure psr-standstill
rule S75-VAR "s75 variations over £100k"
  when kind = s75-variation and value > £100k
  require approval by council-executive
rule S75-NOTICE "notice of s75 changes"
  when kind in {s75-variation, s75-new-agreement}
  require notice to council-leader deemed approved after 5 days without objection
rule PAY "salaries of £100k or more"
  when kind = appointment and salary >= £100k
  require approval by council-executive
rule BHC "awards to Bromley Healthcare"
  when counterparty = bhc and kind = contract-award
  require recommendation by lcp-board
"""
