import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

/// A roster that seats a meeting's deputies is made once per body and list of deputies and kept
/// by the screener: kept or made afresh, every meeting gets the same answers.
final class RosterWithDeputiesTests: XCTestCase {
    private let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting")
        .replacingOccurrences(of: "  deputies count\n", with: "  deputies count when agreed by the chair\n")

    /// Seeded: random meetings (deputies named or not in the rules, for members and for nobody,
    /// agreed or not, the same lists again), each screened by one screener that keeps its
    /// rosters and by a new screener each time, which cannot have kept any.
    func testKeptRostersAnswerAsRostersMadeAfresh() {
        var (_, random) = TestSeed.generator()
        let program = ConflictsFixtures.program(rules)
        let keeping = ConflictScreener(program: program)
        let decision = ConflictsFixtures.award(to: "Borough Council", program: program)
        let names = ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Ivy Deputy", "Zoe Standin", "Nobody Known"]
        var seen: [[Meeting.Deputy]] = []
        for _ in 0..<60 {
            let deputies: [Meeting.Deputy]
            if !seen.isEmpty && random.below(3) == 0 {
                deputies = seen[random.below(seen.count)]
            } else {
                deputies = (0..<random.inRange(1...3)).map { _ in
                    Meeting.Deputy(name: names[random.below(names.count)], deputisingFor: names[random.below(names.count)],
                                   agreedByChair: random.below(2) == 0)
                }
                seen.append(deputies)
            }
            let attendees = names.filter { _ in random.below(2) == 0 }
            let meeting = Meeting(body: program.bodyIndex["panel"], attendees: attendees, deputies: deputies)
            func screened(by screener: ConflictScreener) -> Report {
                var report = Report(decision: "d1", date: decision.date, outcome: .authorised, scheme: program.scheme)
                screener.apply(to: &report, decision: decision, meeting: meeting)
                return report
            }
            let kept = screened(by: keeping)
            let afresh = screened(by: ConflictScreener(program: program))
            XCTAssertEqual(kept.findings.map(\.message), afresh.findings.map(\.message), "\(attendees) \(deputies)")
            XCTAssertEqual(kept.conflicts?.quorum?.met, afresh.conflicts?.quorum?.met, "\(attendees) \(deputies)")
            XCTAssertEqual(kept.conflicts?.quorum?.counted, afresh.conflicts?.quorum?.counted, "\(attendees) \(deputies)")
            XCTAssertEqual((kept.conflicts?.voters ?? []).map(\.person), (afresh.conflicts?.voters ?? []).map(\.person), "\(attendees) \(deputies)")
            XCTAssertEqual((kept.conflicts?.voters ?? []).map(\.weight), (afresh.conflicts?.voters ?? []).map(\.weight), "\(attendees) \(deputies)")
        }
        XCTAssertLessThanOrEqual(keeping.rostersWithDeputies.count, seen.count, "one roster per list of deputies")
        XCTAssertGreaterThan(keeping.rostersWithDeputies.count, 1)
    }
}
