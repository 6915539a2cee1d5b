import Foundation
import XCTest

/// The same inputs give byte-identical output: across runs (each process hashes differently)
/// and however many threads a batch uses.
final class DeterminismTests: XCTestCase {
    func testABatchGivesTheSameBytesOnOneThreadAndOnAll() throws {
        let decisions = try FileManager.default.contentsOfDirectory(atPath: Probity.root.appendingPathComponent("Examples/decisions").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var lines: [String] = []
        for _ in 0..<40 {
            for name in decisions {
                let data = try Data(contentsOf: Probity.root.appendingPathComponent("Examples/decisions/\(name)"))
                let object = try JSONSerialization.jsonObject(with: data)
                let line = try JSONSerialization.data(withJSONObject: object)
                lines.append(String(decoding: line, as: UTF8.self))
            }
        }
        let input = lines.joined(separator: "\n") + "\n"
        let arguments = ["check", "--rules", "Rules", "--register", "Examples/registers/lcp-board-2023-11-23.tsv", "--batch", "-"]
        let one = try Probity.run(arguments + ["--threads", "1"], stdin: input)
        let all = try Probity.run(arguments + ["--threads", "4"], stdin: input)
        let again = try Probity.run(arguments, stdin: input)
        XCTAssertEqual(one.stdout.split(separator: "\n").count, lines.count)
        XCTAssertEqual(one.stdout, all.stdout)
        XCTAssertEqual(one.stdout, again.stdout)
        XCTAssertEqual(one.status, all.status)
    }

    func testTheAgendaScreeningIsTheSameOnEveryRun() throws {
        let arguments = ["meeting", "--rules", "Rules", "--register", "Examples/registers/lcp-board-2023-11-23.tsv",
                         "--format", "json", "Examples/agendas/lcp-board-2023-11-23.json"]
        let first = try Probity.run(arguments)
        let second = try Probity.run(arguments)
        XCTAssertFalse(first.stdout.isEmpty)
        XCTAssertEqual(first.stdout, second.stdout)
    }
}
