import Foundation
import XCTest

/// Through the built binary: every gap `probity lint` reports carries a decision that `probity
/// check` answers `no-authority`, and every overlap one on which `probity check` lists
/// approvals from both rules.
final class LintWitnessCommandTests: XCTestCase {
    func testEveryWitnessIsAnsweredByCheckAsLintSays() throws {
        let ruleSets = ["Rules", "Tests/ProbityCLITests/Cases/lint-planted/rules.probity", "Tests/ProbityCLITests/Cases/lint-periods/rules.probity",
                        "Tests/ProbityCLITests/Cases/lint-atoms/rules.probity", "Tests/ProbityCLITests/Cases/lint-members/rules.probity"]
        var checked = 0
        for rules in ruleSets {
            let lint = try Probity.run(["lint", "--format", "json", rules])
            let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any], rules)
            XCTAssertEqual(document["format"] as? String, "probity.lint/2")
            let findings = try XCTUnwrap(document["findings"] as? [[String: Any]], rules)
            for finding in findings {
                guard let code = finding["code"] as? String, ["P0901", "P0902"].contains(code) else { continue }
                let message = finding["message"] as? String ?? ""
                let witness = try XCTUnwrap(finding["witness"], "\(rules): no witness for \(message)")
                let decision = String(decoding: try JSONSerialization.data(withJSONObject: witness), as: UTF8.self)
                let check = try Probity.run(["check", "--format", "json", "--rules", rules, "-"], stdin: decision)
                let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "\(decision): \(check.stderr)")
                if code == "P0901" {
                    XCTAssertEqual(report["outcome"] as? String, "no-authority", "\(rules): \(message): \(decision)")
                } else {
                    let named = message.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }.prefix(2)
                    let approvals = report["approvals"] as? [[String: Any]] ?? []
                    let firing = Set(approvals.flatMap { $0["rules"] as? [String] ?? [] })
                    XCTAssertTrue(Set(named).isSubset(of: firing), "\(rules): \(message): \(decision) fires \(firing.sorted())")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }
}
