import ProbityAudit
import ProbityRegister
import ProbitySemantics
import ProbitySyntax
import XCTest

/// Conflicts in recorded votes (through the screener, with the register as of the meeting) and
/// the register's health.
final class AuditVoteAndRegisterTests: XCTestCase {
    typealias F = AuditFixtures

    static let register = """
    Name\tWho do you currently work for\tPosition\tDeclared Interest\tNature of interest\tValid From\tValid To
    Ann Able\tSEL ICB\tChair\tFinancial Interest\tDirector of Acme Ltd\t01/01/2020\t
    Bob Baker\tSEL ICB\tMember\tIndirect Interest\tSpouse works for Acme Ltd\t01/01/2020\t
    Cat Cole\tSEL ICB\tMember\tFinancial Interest\tShares in Acme Ltd (sold)\t01/01/2020\t31/12/2022
    Dan Dole\tSEL ICB\tMember\tNon-Financial Professional Interest\tAdviser to Acme Ltd\t01/01/2020\t
    Eve Ernst\tSEL ICB\tMember\tFinancial Interest\tDirector of Widgets plc\t01/06/2024\t01/01/2024
    Fay Flint\tSEL ICB\tMember\tAll interests are declared on the London Borough of Bromley register of interests.\t\t\t
    """

    private func register() throws -> Register {
        try RegisterLoader.read(Array(AuditVoteAndRegisterTests.register.utf8), fileName: "register.tsv").get()
    }

    private func votes(for votesFor: [String], against: [String] = [], abstain: [String] = [],
                       decision: String? = "award", date: String = "2024-03-01") throws -> AuditVotes {
        let program = try F.program(F.standardRules)
        let list = { (names: [String]) in "[" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let decisionKey = decision.map { ", \"decision\": \"\($0)\"" } ?? ""
        let json = "{\"body\": \"board\", \"date\": \"\(date)\"\(decisionKey), \"votes\": {\"for\": \(list(votesFor)), \"against\": \(list(against)), \"abstain\": \(list(abstain))}}"
        return try AuditVotes.decode(json: Array(json.utf8), program: program, file: "votes.json").get()
    }

    private let history = [F.award("award", "2024-03-01", "£500k", by: "board")]

    func testExcludedAndBarredMembersWhoVotedAreFoundWithTheirInterestAndRule() throws {
        let report = try F.audit(history, register: register(),
                                 votes: [votes(for: ["Ann Able", "Bob Baker", "Dan Dole"], against: ["Cat Cole"])])
        let conflicted = report.findings.filter { $0.code == "P1820" }
        XCTAssertEqual(conflicted.map { $0.records[0].person }, ["Ann Able", "Bob Baker"], report.text)
        XCTAssertEqual(conflicted.map { $0.rules.map(\.title) }, [["financial -> exclude"], ["indirect -> no-vote"]])
        XCTAssertEqual(conflicted[0].records.last?.line, 2)  // the register row
        XCTAssertEqual(conflicted[0].records.last?.detail, "Financial Interest: Director of Acme Ltd")
    }

    func testAbstainingIsAllowedToTheBarredButNotToTheExcluded() throws {
        let report = try F.audit(history, register: register(), votes: [votes(for: [], abstain: ["Ann Able", "Bob Baker"])])
        XCTAssertEqual(report.findings.filter { $0.code == "P1820" }.map { $0.records[0].person }, ["Ann Able"])
    }

    func testTheRegisterIsReadAsOfTheMeeting() throws {
        // Cat Cole's shares were sold at the end of 2022: counted for 6 months after, not in 2024.
        let late = try F.audit(history, register: register(), votes: [votes(for: ["Cat Cole"])])
        XCTAssertEqual(late.findings.filter { $0.category == .conflictedVote }.map(\.code), [])
        let early = try F.audit([F.award("award", "2023-03-01", "£500k", by: "board")], register: register(),
                                votes: [votes(for: ["Cat Cole"], date: "2023-03-01")])
        XCTAssertEqual(early.findings.filter { $0.category == .conflictedVote }.map(\.code), ["P1820"])
    }

    func testVotersWhoCannotBeScreenedAndVotesOnNoKnownDecisionAreSaidSo() throws {
        let report = try F.audit(history, register: register(), votes: [
            votes(for: ["Zed Zee", "Fay Flint"]),
            votes(for: ["Ann Able"], decision: "no-such-decision"),
            votes(for: ["Ann Able"], decision: nil, date: "2024-03-02"),
        ])
        XCTAssertEqual(report.findings.filter { $0.category == .conflictedVote }.map(\.code).sorted(),
                       ["P1821", "P1821", "P1822", "P1822"], report.text)
    }

    func testVotesNamingNoDecisionAreMatchedToTheOnlyDecisionOfTheirBodyThatDay() throws {
        let one = try F.audit(history, register: register(), votes: [votes(for: ["Ann Able"], decision: nil)])
        let found = one.findings.filter { $0.code == "P1820" }
        XCTAssertEqual(found.map { $0.records[0].person }, ["Ann Able"], one.text)
        XCTAssertTrue(found.first?.message.contains("the history's only decision by `board` that day") ?? false)
        // Two decisions that day: which one was voted on is not guessed.
        let two = try F.audit(history + [F.award("second", "2024-03-01", "£400k", to: "Widgets plc", by: "board")],
                              register: register(), votes: [votes(for: ["Ann Able"], decision: nil)])
        XCTAssertEqual(two.findings.filter { $0.category == .conflictedVote }.map(\.code), ["P1822"], two.text)
        XCTAssertTrue(two.findings.first { $0.code == "P1822" }?.message.contains("`award`, `second`") ?? false)
    }

    func testADecisionGivenInTheVotesFileIsScreened() throws {
        let program = try F.program(F.standardRules)
        let json = #"{"body": "board", "date": "2024-03-01", "decision": {"id": "inline", "date": "2024-03-01", "kind": "contract-award", "value": "£400k", "counterparty": "ACME"}, "votes": {"for": ["Ann Able", "Dan Dole"], "against": []}}"#
        let inline = try AuditVotes.decode(json: Array(json.utf8), program: program, file: "votes.json").get()
        XCTAssertEqual(inline.decision?.id, "inline")
        let report = try F.audit([], register: register(), votes: [inline])
        XCTAssertEqual(report.findings.filter { $0.code == "P1820" }.map { $0.records[0].person }, ["Ann Able"], report.text)
        let bad = #"{"body": "board", "date": "2024-03-01", "decision": {"id": "x", "colour": "red"}, "votes": {"for": []}}"#
        guard case .failure(let errors) = AuditVotes.decode(json: Array(bad.utf8), program: program, file: "v.json") else {
            return XCTFail("a decision the rules cannot read is refused")
        }
        XCTAssertEqual(errors.all.map(\.field), ["decision"])
    }

    func testRegisterHealthFindsEachProblemWithPersonAndRow() throws {
        let report = try F.audit(history, register: register())
        let health = report.findings.filter { $0.category == .registerHealth }
        XCTAssertEqual(health.map(\.code), ["P1832", "P1833"], report.text)
        XCTAssertEqual(health.map { $0.records[0].person }, ["Eve Ernst", "Fay Flint"])
        XCTAssertEqual(health.map { $0.records[0].line }, [6, 7])
        XCTAssertEqual(health.map { $0.rules.map(\.id) }, [["conflicts"], ["conflicts"]])
    }

    func testAMemberOfADecidingBodyMissingFromTheRegisterIsFound() throws {
        let withoutDan = AuditVoteAndRegisterTests.register.split(separator: "\n").filter { !$0.hasPrefix("Dan Dole") }.joined(separator: "\n")
        let register = try RegisterLoader.read(Array(withoutDan.utf8), fileName: "register.tsv").get()
        let report = try F.audit(history, register: register)
        XCTAssertEqual(report.findings.filter { $0.code == "P1830" }.map { $0.records[0].person }, ["Dan Dole"])
    }

    func testACleanHistoryWithACleanVoteHasNoFindings() throws {
        let clean = """
        Name\tWho do you currently work for\tPosition\tDeclared Interest\tNature of interest\tValid From\tValid To
        Ann Able\tSEL ICB\tChair\tNil\t\t\t
        Bob Baker\tSEL ICB\tMember\tFinancial Interest\tDirector of Widgets plc\t01/01/2020\t
        Cat Cole\tSEL ICB\tMember\tNil\t\t\t
        Dan Dole\tSEL ICB\tMember\tNil\t\t\t
        """
        let register = try RegisterLoader.read(Array(clean.utf8), fileName: "register.tsv").get()
        let report = try F.audit(history + [F.award("small", "2024-04-01", "£20k", requirement: "x")], register: register,
                                 votes: [votes(for: ["Ann Able", "Bob Baker", "Cat Cole"], against: ["Dan Dole"])])
        XCTAssertEqual(report.findings.map(\.code), [], report.text)
        XCTAssertFalse(report.hasFindings)
    }

    func testDeclarationsOlderThanTheReviewPeriodAreFoundWhenTheRegisterDatesThem() throws {
        let dated = """
        Name\tDeclared Interest\tNature of interest\tValid From\tValid To\tDate of declaration
        Ann Able\tNil\t\t\t\t15/04/2024
        Bob Baker\tFinancial Interest\tDirector of Widgets plc\t01/01/2020\t\t01/02/2023
        \tNon-Financial Personal Interest\tTrustee of a charity\t01/01/2021\t\t10/03/2024
        Cat Cole\tNil\t\t\t\t01/01/2023
        Dan Dole\tNil\t\t\t\t
        """
        let register = try RegisterLoader.read(Array(dated.utf8), fileName: "register.tsv").get()
        XCTAssertEqual(register.people.map { $0.declaredOn?.iso }, ["2024-04-15", "2024-03-10", "2023-01-01", nil])
        let report = try F.audit(history, register: register)  // as of 2024-03-01, the history's last date
        let stale = report.findings.filter { $0.code == "P1831" }
        XCTAssertEqual(stale.map { $0.records[0].person }, ["Dan Dole", "Cat Cole"], report.text)
        XCTAssertEqual(stale.last?.records[0].line, 5)
        XCTAssertEqual(stale.last?.rules.map(\.id), ["audit"])
        XCTAssertFalse(report.limitations.contains { $0.contains("review declarations") })
    }

    func testWithoutDatesOfDeclarationTheReportSaysStalenessWasNotChecked() throws {
        let report = try F.audit(history, register: register())
        XCTAssertEqual(report.findings.filter { $0.code == "P1831" }.count, 0)
        XCTAssertTrue(report.limitations.contains { $0.contains("no date of declaration") }, "\(report.limitations)")
    }
}
