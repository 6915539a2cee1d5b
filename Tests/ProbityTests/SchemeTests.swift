import Probity
import ProbityTestSupport
import XCTest

/// Loading a scheme through the front door: from files held in memory, includes followed,
/// every diagnostic kept.
final class SchemeTests: XCTestCase {
    func testMemoryFilesFollowIncludesAndKeepRealPaths() throws {
        let scheme = try Scheme.load(texts: [
            "main.probity": FrontDoorRules.schemeHeader + "include \"parts/fees.probity\"\n",
            "parts/fees.probity": FrontDoorRules.rules,
        ]).get()
        XCTAssertEqual(scheme.program.rules.map(\.id), ["SMALL", "LARGE"])
        XCTAssertEqual(scheme.sources.files.map(\.path), ["main.probity", "parts/fees.probity"])
        XCTAssertEqual(scheme.sources.files.map(\.realPath), ["/main.probity", "/parts/fees.probity"])
    }

    func testWithoutMainEveryFileIsLoadedInPathOrder() throws {
        let scheme = try Scheme.load(texts: [
            "b.probity": FrontDoorRules.rules,
            "a.probity": FrontDoorRules.schemeHeader,
            "notes.txt": "not rules",
        ]).get()
        XCTAssertEqual(scheme.sources.files.map(\.path), ["a.probity", "b.probity"])
    }

    func testAnIncludeLeavingTheFolderIsAnError() {
        let result = Scheme.load(texts: ["main.probity": FrontDoorRules.schemeHeader + "include \"../outside.probity\"\n"])
        guard case .failure(let error) = result else { return XCTFail("an include leaving the folder was accepted") }
        XCTAssertEqual(error.errors.map(\.code), ["P0502"])
        XCTAssertTrue(error.rendered().contains("main.probity:"), error.rendered())
    }

    func testAnIncludeCycleIsAnError() {
        let result = Scheme.load(texts: [
            "main.probity": FrontDoorRules.schemeHeader + "include \"a.probity\"\n",
            "a.probity": "include \"main.probity\"\n",
        ])
        guard case .failure(let error) = result else { return XCTFail("an include cycle was accepted") }
        XCTAssertEqual(error.errors.map(\.code), ["P0501"])
    }

    func testAMissingFolderSaysSo() {
        guard case .failure(let error) = Scheme.load(at: "/no/such/rules") else { return XCTFail("loaded nothing") }
        XCTAssertEqual(error.errors.map(\.message), ["cannot read rules at `/no/such/rules`: no such file or folder"])
    }

    func testTheShippedRulesLoadFromDisk() throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules").path
        let scheme = try Scheme.load(at: rules, shownAs: "Rules").get()
        XCTAssertFalse(scheme.program.rules.isEmpty)
        XCTAssertTrue(scheme.sources.files.allSatisfy { $0.path.hasPrefix("Rules/") && $0.realPath.hasPrefix(rules + "/") })
    }
}
