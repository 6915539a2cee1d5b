import Foundation
import ProbityBenchmark
import XCTest

/// The hand-written comparison program of `probity bench --workload end-to-end` gives the
/// reference evaluator's answer for every decision of a small generated workload, read from
/// the files `probity bench --write` writes: a comparison with a wrong program would mean nothing.
final class HandWrittenProgramTests: XCTestCase {
    func testEveryAnswerAgreesWithTheReference() throws {
        var config = WorkloadConfig()
        config.seed = 17
        config.decisions = 2_000
        config.kinds = 6
        config.organisations = 150
        config.people = 400
        config.interests = 2_000
        let workload = Workload(config)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("probity-hand-written-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try workload.write(to: directory)
        let answers = directory + "/answers.tsv"
        let descriptor = open(answers, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        let count = try HandWrittenProgram.run(directory: directory, output: descriptor)
        close(descriptor)
        XCTAssertEqual(count, config.decisions)
        let lines = try String(contentsOfFile: answers, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, config.decisions)
        let reference = ReferenceEvaluator(workload: workload)
        var recusals = 0, noAuthority = 0
        for (index, line) in lines.enumerated() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(cells.count, 5, String(line))
            guard cells.count == 5 else { continue }
            let expected = reference.answer(index, conflicts: true)
            XCTAssertEqual(cells[0], workload.decisions[index].id)
            XCTAssertEqual(cells[1], expected.approvers.isEmpty ? "no-authority" : "authorised", String(line))
            XCTAssertEqual(cells[2].split(separator: ",").map(String.init), expected.approvers, String(line))
            XCTAssertEqual(cells[3].split(separator: ",").map(String.init), expected.procedures, String(line))
            XCTAssertEqual(cells[4].split(separator: ";").map(String.init), expected.recusals, String(line))
            recusals += expected.recusals.count
            if expected.approvers.isEmpty { noAuthority += 1 }
        }
        XCTAssertGreaterThan(recusals, 0)
        XCTAssertGreaterThan(noAuthority, 0)
    }
}
