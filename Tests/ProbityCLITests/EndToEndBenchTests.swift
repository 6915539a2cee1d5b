import Foundation
import ProbitySupport
import XCTest

/// `probity bench --workload end-to-end` times whole processes: `check --batch` and the
/// hand-written program, and with more than one thread also the batch at one thread (its output
/// compared byte for byte) and two one-thread batches at once, the machine's own ceiling.
final class EndToEndBenchTests: XCTestCase {
    private func members(_ arguments: [String]) throws -> [(key: String, value: JSONValue)] {
        let result = try Probity.run(["bench", "--workload", "end-to-end", "--decisions", "300", "--runs", "1", "--format", "json"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        guard case .success(.object(let members)) = JSONParser.parse(Array(result.stdout.utf8)) else {
            XCTFail("not a JSON object: \(result.stdout)")
            return []
        }
        return members
    }

    private func number(_ members: [(key: String, value: JSONValue)], _ key: String) -> Double? {
        guard case .number(let text)? = members.first(where: { $0.key == key })?.value else { return nil }
        return Double(text)
    }

    func testTwoThreadsAreTimedBesideOneAndBesideTwoProcessesAtOnce() throws {
        let found = try members(["--threads", "2"])
        XCTAssertEqual(found.map(\.key), ["format", "decisions", "rules", "threads", "runs", "probity", "hand_written", "wall_ratio",
                                          "cpu_ratio", "probity_one_thread", "threads_over_one", "machine_two_at_once",
                                          "threads_over_one_by_run", "threads_over_machine_by_run", "checked", "mismatches"])
        XCTAssertEqual(found.first { $0.key == "mismatches" }?.value, .integer(0), "the one-thread output is the same bytes")
        XCTAssertEqual(found.first { $0.key == "checked" }?.value, .integer(600))
        for key in ["threads_over_one", "machine_two_at_once", "threads_over_one_by_run", "threads_over_machine_by_run"] {
            let ratio = try XCTUnwrap(number(found, key), key)
            XCTAssertTrue(ratio > 0 && ratio.isFinite, "\(key) \(ratio)")
        }
        guard case .object(let oneThread)? = found.first(where: { $0.key == "probity_one_thread" })?.value else {
            return XCTFail("no `probity_one_thread` object")
        }
        XCTAssertEqual(oneThread.map(\.key), ["wall_seconds", "cpu_seconds", "decisions_per_second"])
    }

    func testOneThreadHasNothingToCompareWith() throws {
        let found = try members(["--threads", "1"])
        XCTAssertFalse(found.contains { $0.key.hasPrefix("threads_over") || $0.key == "probity_one_thread" || $0.key == "machine_two_at_once" },
                       "\(found.map(\.key))")
        XCTAssertEqual(found.first { $0.key == "mismatches" }?.value, .integer(0))
    }
}
