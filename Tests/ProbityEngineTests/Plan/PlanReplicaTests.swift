@testable import ProbityEngine
import ProbitySemantics
import ProbityTestSupport
import XCTest

/// ``Plan/replica()``: a plan for another thread decides exactly as the plan it copies, and
/// every table it reads is in a buffer of its own (docs/performance.md, item 30).
final class PlanReplicaTests: XCTestCase {
    /// Seeded decisions of every kind, value band, date and counterparty: the same verdict,
    /// rule for rule, from the plan, its replica and a replica of the replica.
    func testAReplicaDecidesAsItsPlan() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let replicas = [plan.replica(), plan.replica().replica()]
        let kinds = ["contract-award", "s75-variation", "s75-new-agreement", "appointment"]
        let counterparties = ["bhc", "BHC", "A New Bidder Ltd"]
        let dates = ["2019-12-31", "2023-06-01", "2024-01-01", "2025-03-31"]
        var fired = 0
        for line in 0..<400 {
            var json = #"{"id":"d\#(line)","date":"\#(dates[Int(random.next() % 4)])","kind":"\#(kinds[Int(random.next() % 4)])""#
            if random.next() % 5 != 0 { json += #","value":"£\#(random.next() % 2_000_000)""# }
            if random.next() % 3 == 0 { json += #","salary":"£\#(random.next() % 200_000)""# }
            if random.next() % 2 == 0 { json += #","counterparty":"\#(counterparties[Int(random.next() % 3)])""# }
            json += "}"
            let decision = try XCTUnwrap(makeDecision(plan, json))
            let verdict = plan.decide(decision)
            fired += verdict.matches.fired.count
            for replica in replicas {
                let copy = replica.decide(decision)
                XCTAssertEqual(copy.matches.fired, verdict.matches.fired, "seed \(seed): \(json)")
                XCTAssertEqual(copy.matches.undecided, verdict.matches.undecided, "seed \(seed): \(json)")
                XCTAssertEqual(copy.outcome, verdict.outcome, "seed \(seed): \(json)")
                XCTAssertEqual(copy.approvals, verdict.approvals, "seed \(seed): \(json)")
                XCTAssertEqual(copy.procedures, verdict.procedures, "seed \(seed): \(json)")
                XCTAssertEqual(copy.notices, verdict.notices, "seed \(seed): \(json)")
            }
        }
        XCTAssertGreaterThan(fired, 100, "seed \(seed): too few rules fired to compare")
    }

    /// Each table `decide` reads is a buffer of the replica's own, not the plan's (the tiered
    /// scheme with a rule testing a text and a set of sums, so no table is empty).
    func testAReplicasTablesAreBuffersOfItsOwn() throws {
        let scheme = tieredScheme.replacingOccurrences(of: "fields\n", with: "fields\n  title: text\n") + """

        rule TITLED "an urgent award of a listed sum"
          when title = "Urgent" and value in {£100, £200}
          require approval by place-lead
        """
        let plan = try XCTUnwrap(makePlan(scheme))
        let replica = plan.replica()
        func address<T>(_ array: [T]) -> UnsafeRawPointer? { array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        let tables: [(String, UnsafeRawPointer?, UnsafeRawPointer?)] = [
            ("roots", address(plan.roots), address(replica.roots)),
            ("facts", address(plan.facts), address(replica.facts)),
            ("effective from", address(plan.effectiveFrom), address(replica.effectiveFrom)),
            ("effective until", address(plan.effectiveUntil), address(replica.effectiveUntil)),
            ("condition values", address(plan.conditions.values), address(replica.conditions.values)),
            ("condition texts", address(plan.conditions.texts), address(replica.conditions.texts)),
            ("condition nodes", address(plan.conditions.nodes), address(replica.conditions.nodes)),
            ("condition children", address(plan.conditions.children), address(replica.conditions.children)),
            ("index members", address(plan.index.members), address(replica.index.members)),
            ("index buckets", address(plan.index.buckets), address(replica.index.buckets)),
            ("approval ranks", address(plan.requirements.approvalRank), address(replica.requirements.approvalRank)),
            ("procedure ranks", address(plan.requirements.procedureRank), address(replica.requirements.procedureRank)),
            ("notice ranks", address(plan.requirements.noticeRank), address(replica.requirements.noticeRank)),
        ]
        for (name, original, copy) in tables {
            XCTAssertNotNil(original, "\(name) is empty: nothing to compare")
            XCTAssertNotEqual(original, copy, "the replica's \(name) is the plan's buffer")
        }
        // The per-rule lists: the approvals' were the load that showed the sharing (item 30).
        let lists: [(String, RuleLists, RuleLists)] = [
            ("approvals", plan.requirements.approvals, replica.requirements.approvals),
            ("recommendations", plan.requirements.recommendations, replica.requirements.recommendations),
            ("procedures", plan.requirements.procedures, replica.requirements.procedures),
            ("conjunct nodes", plan.conjunctRoots, replica.conjunctRoots),
        ]
        for (name, original, copy) in lists {
            for (table, (a, b)) in zip(["starts", "items"], zip(original.storageAddresses, copy.storageAddresses)) {
                XCTAssertNotNil(a, "\(name)' \(table) are empty: nothing to compare")
                XCTAssertNotEqual(a, b, "the replica's \(name) share the plan's \(table)")
            }
        }
        XCTAssertFalse(plan.requirements === replica.requirements)
        for rule in plan.program.rules.indices {
            XCTAssertEqual(Array(replica.requirements.approvals[rule]), Array(plan.requirements.approvals[rule]))
        }
    }
}
