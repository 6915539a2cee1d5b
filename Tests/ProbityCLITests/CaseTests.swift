import Foundation
import XCTest

/// Data-driven cases run through the built binary. Each folder under `Cases/` holds:
/// - `args`: the arguments after `probity`, one per line (paths relative to the case folder are
///   written as `$CASE/…`);
/// - `expected.out`, `expected.err`: the exact standard output and standard error (golden files);
/// - `expected.exit`: the exit status;
/// - `stdin` (optional): what the command reads on standard input.
///
/// Run with `PROBITY_UPDATE_GOLDEN=1 swift test --filter CaseTests` to rewrite the golden files
/// after a deliberate change, then review the diff.
final class CaseTests: XCTestCase {
    func testEveryCase() throws {
        let cases = Probity.root.appendingPathComponent("Tests/ProbityCLITests/Cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: cases.path).sorted()
            .filter { FileManager.default.fileExists(atPath: cases.appendingPathComponent("\($0)/args").path) }
        XCTAssertFalse(names.isEmpty)
        let update = ProcessInfo.processInfo.environment["PROBITY_UPDATE_GOLDEN"] == "1"
        for name in names {
            let folder = cases.appendingPathComponent(name)
            let relative = "Tests/ProbityCLITests/Cases/\(name)"
            let args = try String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)
                .split(separator: "\n").map { $0.replacingOccurrences(of: "$CASE", with: relative) }
            let stdin = try? String(contentsOf: folder.appendingPathComponent("stdin"), encoding: .utf8)
            let result = try Probity.run(args, stdin: stdin)
            let outputs = [("expected.out", result.stdout), ("expected.err", result.stderr), ("expected.exit", "\(result.status)\n")]
            for (file, actual) in outputs {
                let url = folder.appendingPathComponent(file)
                if update {
                    try actual.write(to: url, atomically: true, encoding: .utf8)
                    continue
                }
                let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                XCTAssertEqual(actual, expected, "case \(name): \(file) differs")
            }
        }
    }
}
