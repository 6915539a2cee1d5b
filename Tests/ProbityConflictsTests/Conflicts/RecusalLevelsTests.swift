import Foundation
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityEngine

/// The screener's fast path (levels as indices) must agree with the report it writes, on the
/// shipped rules, the real register and every example decision, with and without a meeting.
final class RecusalLevelsTests: XCTestCase {
    func testLevelsAgreeWithTheScreeningReportOnTheExamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let (program, diagnostics, _) = Checker.check(path: root.appendingPathComponent("Rules").path)
        let checked = try XCTUnwrap(program, diagnostics.map(\.message).joined(separator: "\n"))
        let register = try RegisterLoader.load(path: root.appendingPathComponent("Examples/registers/lcp-board-2023-11-23.tsv").path).get()
        let screener = ConflictScreener(program: checked, register: register)
        let decoder = DecisionDecoder(program: checked)
        let folder = root.appendingPathComponent("Examples/decisions")
        var compared = 0, recused = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
            var decision = try decoder.decode(json: [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))).get()
            // Every example again with the counterparty the waiver names, so some people recuse.
            for counterparty in [nil, "Bromley Healthcare CIC", "BGPA"] as [String?] {
                if let counterparty, let field = checked.fieldIndex["counterparty"] {
                    decision.isPresent[field] = true
                    decision.scalars[field] = Int64(OrganisationDirectory(checked.organisations).lookup(counterparty) ?? -1)
                    decision.texts[field] = counterparty
                }
                let everyone = Meeting(attendees: register.people.map(\.name))
                for meeting in [nil, everyone, Meeting(attendees: Array(register.people.prefix(6).map(\.name)))] as [Meeting?] {
                    let report = screener.screen(decision, meeting: meeting)
                    var levels: [ConflictScreener.Level] = []
                    screener.recusalLevels(decision, attendance: meeting.map(screener.attendance), into: &levels)
                    let fast = levels.map { "\(register.people[Int($0.person)].name)=\($0.level.rawValue)" }.sorted()
                    let written = report.recusals.map { "\($0.person)=\($0.level.rawValue)" }.sorted()
                    XCTAssertEqual(fast, written, "\(name), counterparty \(counterparty ?? "as given")")
                    compared += 1
                    recused += written.count
                }
            }
        }
        XCTAssertGreaterThan(compared, 20)
        XCTAssertGreaterThan(recused, 0)
    }
}
