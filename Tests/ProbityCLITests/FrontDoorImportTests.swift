import Foundation
import XCTest

/// The CLI parses arguments and renders; it reaches the engine (decisions, plan, reports,
/// conflicts) only through the `Probity` front door, never by importing the stages behind it.
final class FrontDoorImportTests: XCTestCase {
    func testTheCLIImportsNoStageBehindTheFrontDoor() throws {
        let behindTheDoor: Set<String> = ["ProbityEngine", "ProbityReports", "ProbityConflicts"]
        let sources = Probity.root.appendingPathComponent("Sources/ProbityCLI")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertFalse(files.isEmpty)
        var offences: [String] = []
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { continue }
                if behindTheDoor.contains(String(words[index + 1])) {
                    offences.append("\(file.lastPathComponent): \(line)")
                }
            }
        }
        XCTAssertEqual(offences, [], "the CLI goes through `import Probity`: add what it needs to the front door (Sources/Probity)")
    }
}
