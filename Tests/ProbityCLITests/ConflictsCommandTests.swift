import Foundation
import XCTest

/// `probity check --register`, `screen`, `meeting` and `vote`, run as a user runs them.
final class ConflictsCommandTests: XCTestCase {
    private let sampleRegister = "../shared/acceptance/registers/sample-board.csv"
    private let seedRegister = "Examples/registers/lcp-board-2023-11-23.tsv"

    private func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probity-conflicts-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private let v08 = #"{"id": "v08", "date": "2024-03-14", "kind": "contract-award", "route": "competitive", "value": "£450k", "budget": "icb-delegated", "counterparty": "Riverside Home Care Ltd", "service": "community-health", "place": "bromley"}"#

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testTheAgendaScreeningMatchesTheGoldenReport() throws {
        let result = try Probity.run(["meeting", "--rules", "Rules", "--register", seedRegister, "Examples/agendas/lcp-board-2023-11-23.json"])
        let golden = try String(contentsOf: Probity.root.appendingPathComponent("Examples/agendas/lcp-board-2023-11-23.report.txt"), encoding: .utf8)
        XCTAssertEqual(result.stdout, golden, "regenerate the golden file if the change is intended")
        XCTAssertEqual(result.status, 0, "every item with a decision may proceed, with its recusals: \(result.stderr)")
        XCTAssertTrue(result.stdout.contains("- Jacqui Scott: exclude"))
    }

    func testCheckWithARegisterAddsRecusals() throws {
        guard FileManager.default.fileExists(atPath: Probity.root.appendingPathComponent(sampleRegister).path) else {
            throw XCTSkip("the shared acceptance register is not beside the repository")
        }
        let decision = try temporaryFile("v08.json", v08)
        let result = try Probity.run(["check", "--rules", "Rules", "--format", "json", "--register", sampleRegister, decision])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        let recusals = try XCTUnwrap(report["recusals"] as? [[String: Any]])
        let levels = Dictionary(uniqueKeysWithValues: recusals.map { ($0["person"] as? String ?? "", $0["level"] as? String ?? "") })
        XCTAssertEqual(levels, ["Mrs Priya Natarajan": "exclude", "Tomás Ó Briain": "no-vote", "Dr Kemi Adeyemi": "declare"])
    }

    func testCheckWithAMeetingPushedBelowQuorumCannotProceed() throws {
        let decision = try temporaryFile("bhc.json", #"{"id": "bhc", "date": "2023-11-23", "kind": "contract-award", "route": "competitive", "value": "£450k", "budget": "icb-delegated", "counterparty": "Bromley Health Care", "service": "community-health", "place": "bromley"}"#)
        let meeting = try temporaryFile("meeting.json", #"{"body": "lcp-board", "date": "2023-11-23", "attendees": ["Dr Andrew Parson", "Dr Angela Bhan", "Harvey Guntrip", "Jacqui Scott", "Dr Hasib Ur-Rub", "Iain Dimond", "Kim Carey", "Dr Nada Lemic", "Helen Simmons"]}"#)
        let result = try Probity.run(["check", "--rules", "Rules", "--format", "json", "--register", seedRegister, "--meeting", meeting, decision])
        XCTAssertEqual(result.status, 1, result.stderr)
        let report = try json(result.stdout)
        let quorum = try XCTUnwrap(report["quorum"] as? [String: Any])
        XCTAssertEqual(quorum["met"] as? Bool, false)
        XCTAssertEqual(quorum["failed_clauses"] as? [String], ["at least 50% of voting members: 7 of 15 counted, needs 8"], "Parson and Scott leave; BGPA's chair stays (a member practice's contract with Bromley Healthcare is not chained to BGPA)")
        XCTAssertEqual(quorum["when_not_met"] as? String, "refer to icb-board")
        let codes = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        XCTAssertTrue(codes.contains("P1103"), "\(codes)")
    }

    func testScreenListsEveryoneWithARelevantInterest() throws {
        let decision = try temporaryFile("screen.json", #"{"id": "s1", "date": "2023-11-23", "kind": "contract-award", "counterparty": "BGPA", "route": "competitive", "value": "£450k", "budget": "icb-delegated", "service": "community-health", "place": "bromley"}"#)
        let result = try Probity.run(["screen", "--rules", "Rules", "--register", seedRegister, "--decision", decision])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("- Dr Hasib Ur Rub: exclude"), result.stdout)
        XCTAssertTrue(result.stdout.contains("- Dr Andrew Parson: exclude"), result.stdout)
    }

    func testVoteTiedAndDecidedByTheCastingVote() throws {
        let result = try Probity.run(["vote", "--rules", "Rules", "--format", "json", "--meeting", "Examples/meetings/bexley-board-2021-09-30.json",
                                      "--votes", "Examples/votes/bexley-board-2021-09-30.json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let tally = try json(result.stdout)
        XCTAssertEqual(tally["result"] as? String, "tied-carried-by-casting-vote")
        XCTAssertEqual(tally["casting_vote_by"] as? String, "Stuart Rowbotham")
        XCTAssertEqual(tally["majority_of"] as? String, "members present", "001, ToR 5.1: a simple majority of members present")
    }

    func testBexleyAbstentionsLeaveTheVotesForAtHalfOfThosePresent() throws {
        // 10 organisations present: 4 for, 3 against, 3 abstaining. More for than against, but not
        // more than half of the members present (001, ToR 5.1): lost.
        let votes = try temporaryFile("bexley-abstain.json", #"{"body": "bexley-board", "date": "2021-09-30", "votes": {"for": ["Stuart Rowbotham", "Diana Braithwaite", "Iain Dimond", "Sandra Iskander"], "against": ["Abi Mogridge", "Vikki Wilkinson", "Rylla Baker"], "abstain": ["Kate Heaps", "Dr Richard Money", "Dr Sid Deshmukh"]}}"#)
        let result = try Probity.run(["vote", "--rules", "Rules", "--format", "json", "--meeting", "Examples/meetings/bexley-board-2021-09-30.json", "--votes", votes])
        XCTAssertEqual(result.status, 1, result.stderr)
        let tally = try json(result.stdout)
        XCTAssertEqual(tally["result"] as? String, "lost")
        XCTAssertEqual(tally["carried"] as? Bool, false)
    }

    func testAnInquorateVoteDoesNotReportCarried() throws {
        // The ICP example meeting with one NHS provider chair: inquorate, though every vote is for.
        let votes = try temporaryFile("icp-inquorate-votes.json", #"{"body": "icp", "date": "2023-03-09", "votes": {"for": ["ICB Chair", "Elected member, London Borough of Bromley", "Elected member, Royal Borough of Greenwich"], "against": []}}"#)
        let result = try Probity.run(["vote", "--rules", "Rules", "--format", "json", "--meeting", "Examples/meetings/icp-2023-03-09-inquorate.json", "--votes", votes])
        XCTAssertEqual(result.status, 1, result.stderr)
        let tally = try json(result.stdout)
        XCTAssertEqual(tally["result"] as? String, "carried", "the count itself")
        XCTAssertEqual(tally["carried"] as? Bool, false)
        XCTAssertEqual(tally["headline"] as? String, "not carried: inquorate (the votes cast were carried)")
        let text = try Probity.run(["vote", "--rules", "Rules", "--meeting", "Examples/meetings/icp-2023-03-09-inquorate.json", "--votes", votes])
        XCTAssertTrue(text.stdout.hasPrefix("vote of icp: not carried: inquorate"), text.stdout)
    }

    func testABadMeetingFileIsBadInputNamingTheField() throws {
        let decision = try temporaryFile("v08b.json", v08)
        let meeting = try temporaryFile("bad-meeting.json", #"{"body": "lcp-bord", "attendees": []}"#)
        let result = try Probity.run(["check", "--rules", "Rules", "--register", seedRegister, "--meeting", meeting, decision])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("P1112") && result.stderr.contains("`body`") && result.stderr.contains("lcp-board"), result.stderr)
    }

    func testAMissingRegisterIsBadInput() throws {
        let decision = try temporaryFile("v08c.json", v08)
        let result = try Probity.run(["check", "--rules", "Rules", "--register", "no-such-register.csv", decision])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no-such-register.csv"), result.stderr)
    }
}
