import ProbityAudit
import ProbitySupport
import XCTest

/// The two-pointer split search against the plain definition, on seeded random histories: a
/// series is reported exactly when some window of at most 12 months holds decisions (each under
/// the limit) adding up to more than it, and every reported series is such a window.
final class SplitSearchPropertyTests: XCTestCase {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    func testTheSearchAgreesWithTheDefinition() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["PROBITY_SEED"] ?? "") ?? 20261130
        print("SplitSearchPropertyTests seed \(seed) (set PROBITY_SEED to repeat)")
        var random = Generator(state: seed)
        let start = Day(year: 2023, month: 1, day: 1)!
        for round in 0..<200 {
            let count = 2 + random.below(12)
            var decisions: [(date: Day, pence: Int64)] = []
            for _ in 0..<count {
                let date = start.adding(days: random.below(900))
                let pence = Int64(1 + random.below(25_000_000))  // up to £250,000: each within the lead's limit
                decisions.append((date, pence))
            }
            let lines = decisions.enumerated().map { index, d in
                AuditFixtures.award("d\(index)", d.date.iso, Money(pence: d.pence).plainDecimal, requirement: "r")
            }
            let report = try AuditFixtures.audit(lines)
            let splits = report.findings.filter { $0.code == "P1810" }

            // The definition, checked over every pair of decisions in date order.
            let sorted = decisions.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            var crossingExists = false
            for i in sorted.indices {
                var sum: Int64 = 0
                for j in i..<sorted.count {
                    guard sorted[j].element.date < sorted[i].element.date.adding(months: 12) else { break }
                    sum += sorted[j].element.pence
                    if j > i, sum > 25_000_000 { crossingExists = true }
                }
            }
            XCTAssertEqual(!splits.isEmpty, crossingExists, "seed \(seed), round \(round): \(lines)")

            var seen: Set<String> = []
            for split in splits {
                let records = split.records
                let total = records.reduce(Int64(0)) { $0 + ($1.value ?? 0) }
                XCTAssertGreaterThan(total, 25_000_000, "seed \(seed), round \(round)")
                XCTAssertTrue(records.allSatisfy { ($0.value ?? .max) <= 25_000_000 })
                let first = Day(number: records[0].date!), last = Day(number: records[records.count - 1].date!)
                XCTAssertLessThan(last, first.adding(months: 12), "seed \(seed), round \(round)")
                XCTAssertEqual(records.map { $0.date! }, records.map { $0.date! }.sorted())
                for record in records { XCTAssertTrue(seen.insert(record.id!).inserted, "a decision in two series") }
            }
        }
    }
}
