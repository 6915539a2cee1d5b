import XCTest
import ProbitySemantics
import ProbitySupport
@testable import ProbityEvaluation

/// Counting recorded votes under a body's voting rule.
final class VoteTallyTests: XCTestCase {
    private func tally(_ votes: RecordedVotes, attendees: [String], rules: String = ConflictsFixtures.rules()) -> VoteTally? {
        let program = ConflictsFixtures.program(rules)
        let meeting = Meeting(body: program.bodyIndex["panel"], attendees: attendees)
        switch VoteTally.count(votes, at: meeting, program: program) {
        case .success(let tally): return tally
        case .failure(let error):
            XCTFail("\(error)")
            return nil
        }
    }

    private let everyone = ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Eve North", "Fay South", "Gus East"]

    func testOrganisationVotesAndSharedPCNVotesAreWeighted() {
        // For: the council (1) and Carol (Acme, 1) = 2. Against: Dan (1) and the three PCN reps (2) = 3.
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council", "Carol Acme"],
                                  votesAgainst: ["Dan Alliance", "Eve North", "Fay South", "Gus East"])
        guard let result = tally(votes, attendees: everyone) else { return }
        XCTAssertEqual(result.votesFor, VoteWeight(2))
        XCTAssertEqual(result.votesAgainst, VoteWeight(3))
        XCTAssertEqual(result.result, .lost)
        XCTAssertEqual(result.ballots.first { $0.person == "Eve North" }?.weight, VoteWeight(2, over: 3))
        XCTAssertFalse(result.canProceed)
    }

    func testADecisionByEmailStandsOnlyIfAQuorumRepliesInFavour() {
        // 7 voting seats, 50% needs 4: four replies in favour make a quorum, three do not.
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of present\n  by email needs quorum in favour")
        var votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council", "Eve North", "Fay South"], votesAgainst: ["Dan Alliance"])
        votes.byEmail = true
        votes.repliesBy = Day.parseISO("2024-03-20")!.number
        let carried = tally(votes, attendees: [], rules: rules)
        XCTAssertEqual(carried?.result, .carried)
        XCTAssertEqual(carried?.quorum?.met, true)
        XCTAssertEqual(carried?.repliesBy, votes.repliesBy)

        votes.votesFor.removeLast()
        let short = tally(votes, attendees: [], rules: rules)
        XCTAssertEqual(short?.result, .lostNoQuorumInFavour)
        XCTAssertEqual(short?.quorum?.failedClauses, ["at least 50% of voting members: 3 of 7 counted, needs 4"])
        XCTAssertEqual(short?.findings.map(\.code), ["P1123"])
        XCTAssertEqual(short?.canProceed, false)

        // Without the rule, replies are counted like votes at a meeting.
        let plain = tally(votes, attendees: [], rules: ConflictsFixtures.rules(voting: "one vote per member\n  majority of present"))
        XCTAssertEqual(plain?.result, .carried)
    }

    func testAnEmailVoteNeedsAReplyDate() {
        let program = ConflictsFixtures.program(ConflictsFixtures.rules())
        let json = #"{"body": "panel", "by_email": true, "votes": {"for": ["Ann Chair"]}}"#
        guard case .failure(let error) = RecordedVotes.decode(json: Array(json.utf8), program: program) else {
            return XCTFail("expected an error")
        }
        XCTAssertEqual(error.field, "replies_by")
    }

    func testATieIsDecidedByTheChairsCastingVote() {
        // 2 against 2 (Eve and Fay share the PCNs' 2 votes; Fay abstains): the chair voted for,
        // so it carries on her casting vote.
        let present = ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Eve North", "Fay South"]
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council", "Carol Acme"], votesAgainst: ["Dan Alliance", "Eve North"],
                                  abstentions: ["Fay South"])
        guard let result = tally(votes, attendees: present) else { return }
        XCTAssertEqual(result.votesFor, VoteWeight(2))
        XCTAssertEqual(result.votesAgainst, VoteWeight(2))
        XCTAssertEqual(result.abstentions, VoteWeight(1))
        XCTAssertEqual(result.result, .tiedCarriedByCastingVote)
        XCTAssertEqual(result.castingVoteBy, "Ann Chair")
        XCTAssertTrue(result.canProceed)

        let against = RecordedVotes(votesFor: ["Carol Acme", "Eve North"], votesAgainst: ["Ann Chair", "Bob Council", "Dan Alliance"],
                                    abstentions: ["Fay South"])
        XCTAssertEqual(tally(against, attendees: present)?.result, .tiedLostByCastingVote)
    }

    func testATieWithoutACastingVoteIsLost() {
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of present")
        let votes = RecordedVotes(votesFor: ["Ann Chair"], votesAgainst: ["Bob Council"])
        XCTAssertEqual(tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"], rules: rules)?.result, .tiedLost)
    }

    func testAMajorityOfMembersCountsTheAbsent() {
        // One vote each, 7 voting members: 3 for and 1 against of those present is not a majority of members.
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of members")
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council", "Carol Acme"], votesAgainst: ["Dan Alliance"])
        let result = tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"], rules: rules)
        XCTAssertEqual(result?.totalVotes, VoteWeight(7))
        XCTAssertEqual(result?.result, .lost)
        let present = ConflictsFixtures.rules(voting: "one vote per member\n  majority of present")
        XCTAssertEqual(tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"], rules: present)?.result, .carried)
    }

    func testUnknownVotersBlockAndNonVotingMembersAreLeftOut() {
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Hal Observer", "Zed Stranger"], votesAgainst: [])
        guard let result = tally(votes, attendees: everyone + ["Hal Observer"]) else { return }
        XCTAssertEqual(result.findings.map(\.code), ["P1121", "P1120"])
        XCTAssertEqual(result.findings.filter(\.isBlocking).map(\.code), ["P1120"])
        XCTAssertEqual(result.ballots.map(\.person), ["Ann Chair"])
        XCTAssertFalse(result.canProceed)
    }

    func testVotesAreReadWithErrorsNamingTheField() {
        let program = ConflictsFixtures.program()
        let good = #"{"body": "panel", "date": "2024-03-14", "votes": {"for": ["Ann Chair"], "against": [], "abstain": ["Bob Council"]}}"#
        guard case .success(let votes) = RecordedVotes.decode(json: Array(good.utf8), program: program) else { return XCTFail("should read") }
        XCTAssertEqual(votes.votesFor, ["Ann Chair"])
        XCTAssertEqual(votes.abstentions, ["Bob Council"])
        XCTAssertEqual(votes.body, program.bodyIndex["panel"])

        let bad = #"{"body": "panel", "votes": {"for": "Ann Chair"}}"#
        guard case .failure(let error) = RecordedVotes.decode(json: Array(bad.utf8), program: program) else { return XCTFail("should fail") }
        XCTAssertEqual(error.field, "votes.for")
    }
}
