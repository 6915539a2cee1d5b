import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

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
        let plain = tally(votes, attendees: [], rules: ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting"))
        XCTAssertEqual(plain?.result, .carried)
    }

    func testAnEmailVoteNeedsAReplyDate() {
        let program = ConflictsFixtures.program(ConflictsFixtures.rules())
        let json = #"{"body": "panel", "by_email": true, "votes": {"for": ["Ann Chair"]}}"#
        guard case .failure(let errors) = RecordedVotes.decode(json: Array(json.utf8), program: program) else {
            return XCTFail("expected an error")
        }
        // The names are not dated replies either: both are said at once.
        XCTAssertEqual(errors.all.map(\.field), ["replies_by", "votes.for[0]"])
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

    func testAChairWhoLeftTheRoomForTheItemGivesNoCastingVote() {
        // Ann chaired but withdrew for a conflict; her recorded vote is left out, and with it any
        // second vote: the others tie 1 against 1, and the tie is not decided by her.
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting\n  chair has casting vote")
        var votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council"], votesAgainst: ["Carol Acme"], chair: "Ann Chair")
        votes.withdrew = ["Ann Chair"]
        guard let result = tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"], rules: rules) else { return }
        XCTAssertEqual(result.votesFor, VoteWeight(1))
        XCTAssertNil(result.castingVoteBy)
        XCTAssertEqual(result.result, .tiedLost)
        XCTAssertEqual(result.findings.map(\.code), ["P1121", "P1227"])
        XCTAssertEqual(result.findings.last?.message,
                       "the votes are tied, but Ann Chair, in the chair, has no vote on this item (they left the room for it), so no casting vote decides it")
        XCTAssertFalse(result.canProceed)
    }

    func testAVotesFileSaysWhoWithdrewAndWhoHeldARole() {
        let program = ConflictsFixtures.program()
        let json = #"{"body": "panel", "votes": {"for": ["Bob Council"]}, "withdrew": ["Ann Chair"], "holders": {"vice-chair": "Bob Council"}}"#
        guard case .success(let votes) = RecordedVotes.decode(json: Array(json.utf8), program: program) else { return XCTFail("should read") }
        XCTAssertEqual(votes.withdrew, ["Ann Chair"])
        XCTAssertEqual(votes.roleHolders.map { "\($0.role)=\($0.person)" }, ["vice-chair=Bob Council"])
    }

    func testATieWithoutACastingVoteIsLost() {
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting")
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
        let present = ConflictsFixtures.rules(voting: "one vote per member\n  majority of members present")
        XCTAssertEqual(tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"], rules: present)?.result, .carried)
    }

    func testAMajorityOfMembersPresentCountsAbstentionsAgainst() {
        // 7 present, one vote each: 3 for, 1 against, 3 abstaining. Of those voting, 3 to 1
        // carries; of members present, 3 of 7 is not a majority (001, ToR 5.1's words).
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council", "Carol Acme"], votesAgainst: ["Dan Alliance"],
                                  abstentions: ["Eve North", "Fay South", "Gus East"])
        let present = tally(votes, attendees: everyone, rules: ConflictsFixtures.rules(voting: "one vote per member\n  majority of members present"))
        XCTAssertEqual(present?.result, .lost)
        XCTAssertEqual(present?.presentVotes, VoteWeight(7))
        XCTAssertEqual(present?.majorityOf, "members present")
        let voting = tally(votes, attendees: everyone, rules: ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting"))
        XCTAssertEqual(voting?.result, .carried)
        XCTAssertEqual(voting?.majorityOf, "those voting")
        let all = tally(votes, attendees: everyone, rules: ConflictsFixtures.rules(voting: "one vote per member\n  majority of all members"))
        XCTAssertEqual(all?.result, .lost)
        XCTAssertEqual(all?.majorityOf, "all members")
    }

    func testExactlyHalfOfMembersPresentIsDecidedByTheChairsSecondVote() {
        // 6 present: 3 for, 2 against, 1 abstaining. 3 of 6 is no majority; the chair's second
        // and deciding vote (001, ToR 5.1) makes it one.
        let present = ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance", "Eve North", "Fay South"]
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of members present\n  chair has casting vote")
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council", "Carol Acme"], votesAgainst: ["Dan Alliance", "Eve North"],
                                  abstentions: ["Fay South"])
        XCTAssertEqual(tally(votes, attendees: present, rules: rules)?.result, .tiedCarriedByCastingVote)
    }

    func testAnInquorateVoteIsNeverCarried() {
        // 3 of 7 voting members present: the quorum (50%) is not met, whatever the count.
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council"], votesAgainst: ["Carol Acme"])
        guard let result = tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme"],
                                 rules: ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting")) else { return }
        XCTAssertEqual(result.result, .carried, "the count itself")
        XCTAssertEqual(result.quorum?.met, false)
        XCTAssertFalse(result.canProceed)
        XCTAssertEqual(result.headline, "not carried: inquorate (the votes cast were carried)")
    }

    func testAVoteRecordWithErrorsDoesNotHeadlineCarried() {
        let votes = RecordedVotes(votesFor: everyone + ["Zed Stranger"], votesAgainst: [])
        guard let result = tally(votes, attendees: everyone) else { return }
        XCTAssertEqual(result.result, .carried)
        XCTAssertEqual(result.headline, "not carried: the vote record has errors (the votes cast were carried)")
        let clean = tally(RecordedVotes(votesFor: everyone), attendees: everyone)
        XCTAssertEqual(clean?.headline, "carried")
    }

    func testWithCoChairsPresentATieNeedsTheRecordToSayWhoChaired() {
        // Ann and Bob may both chair; they alternate. 1 against 1 of those voting.
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting\n  chair has casting vote")
            .replacingOccurrences(of: "member \"Bob Council\" for council voting", with: "member \"Bob Council\" for council chair voting")
        let attendees = ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"]
        var votes = RecordedVotes(votesFor: ["Bob Council"], votesAgainst: ["Ann Chair"], abstentions: ["Carol Acme", "Dan Alliance"])
        let unnamed = tally(votes, attendees: attendees, rules: rules)
        XCTAssertEqual(unnamed?.result, .tiedLost)
        XCTAssertEqual(unnamed?.findings.map(\.code), ["P1130"])
        XCTAssertEqual(unnamed?.canProceed, false)
        votes.chair = "Bob Council"
        let named = tally(votes, attendees: attendees, rules: rules)
        XCTAssertEqual(named?.result, .tiedCarriedByCastingVote, "whoever chairs has the casting vote, not only the first chair listed")
        XCTAssertEqual(named?.castingVoteBy, "Bob Council")
    }

    func testRepliesByEmailNeedDatesAndLateOnesAreNotCounted() {
        let program = ConflictsFixtures.program(ConflictsFixtures.rules())
        let undated = #"{"body": "panel", "by_email": true, "replies_by": "2024-03-20", "votes": {"for": ["Ann Chair"]}}"#
        guard case .failure(let errors) = RecordedVotes.decode(json: Array(undated.utf8), program: program) else {
            return XCTFail("a reply without its date must be refused")
        }
        XCTAssertEqual(errors.all.map(\.field), ["votes.for[0]"])
        let dated = #"{"body": "panel", "by_email": true, "replies_by": "2024-03-20", "votes": {"for": [{"name": "Ann Chair", "replied": "2024-03-20"}, {"name": "Bob Council", "replied": "2024-03-21"}]}}"#
        guard case .success(let votes) = RecordedVotes.decode(json: Array(dated.utf8), program: program) else { return XCTFail("should read") }
        XCTAssertEqual(votes.votesFor, ["Ann Chair"])
        XCTAssertEqual(votes.lateReplies.map(\.person), ["Bob Council"])
        XCTAssertEqual(tally(votes, attendees: [])?.findings.map(\.code), ["P1131"])
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
        guard case .failure(let errors) = RecordedVotes.decode(json: Array(bad.utf8), program: program) else { return XCTFail("should fail") }
        XCTAssertEqual(errors.all.map(\.field), ["votes.for"])
    }

    func testEveryErrorInAVotesFileIsReportedAtItsPath() {
        let program = ConflictsFixtures.program()
        let bad = #"{"body": "panel", "by_email": "yes", "votes": {"for": ["Ann Chair", 3], "against": "Bob", "maybe": []}, "chair": 1}"#
        guard case .failure(let errors) = RecordedVotes.decode(json: Array(bad.utf8), program: program) else { return XCTFail("should fail") }
        XCTAssertEqual(errors.all.map(\.field), ["by_email", "votes.for[1]", "votes.against", "votes.maybe", "chair"])
        let email = #"{"body": "panel", "by_email": true, "replies_by": "2024-03-20", "votes": {"for": [{"name": "Ann Chair"}, {"name": "Bob Council", "replied": "2024-03-19"}, "Cy"]}}"#
        guard case .failure(let replies) = RecordedVotes.decode(json: Array(email.utf8), program: program) else { return XCTFail("should fail") }
        XCTAssertEqual(replies.all.map(\.field), ["votes.for[0]", "votes.for[2]"])
    }

    /// One Bromley's open questions (000): one PCN representative present, one vote or both of
    /// the PCNs' two? A member sitting for an organisation: a share of its vote, or their own?
    func testBothReadingsOfTheSharedPCNVotesAreExpressible() {
        let attendees = ["Ann Chair", "Bob Council", "Carol Acme", "Eve North"]
        let votes = RecordedVotes(votesFor: ["Eve North"], votesAgainst: ["Carol Acme"])
        let shares = tally(votes, attendees: attendees,
                           rules: ConflictsFixtures.rules(voting: "one vote per organisation\n  group pcn shares 2 votes\n  majority of those voting"))
        XCTAssertEqual(shares?.ballots.first { $0.person == "Eve North" }?.weight, VoteWeight(2), "one representative carries both")
        let each = tally(votes, attendees: attendees,
                         rules: ConflictsFixtures.rules(voting: "one vote per organisation\n  group pcn has one vote each up to 2\n  majority of those voting"))
        XCTAssertEqual(each?.ballots.first { $0.person == "Eve North" }?.weight, VoteWeight(1), "one representative, one vote")
        XCTAssertEqual(each?.result, .tiedLost)
        // Three representatives present under a cap of 2: 2/3 each.
        let three = tally(RecordedVotes(votesFor: ["Eve North", "Fay South", "Gus East"]), attendees: everyone,
                          rules: ConflictsFixtures.rules(voting: "one vote per organisation\n  group pcn has one vote each up to 2\n  majority of all members"))
        XCTAssertEqual(three?.votesFor, VoteWeight(2))
        XCTAssertEqual(three?.totalVotes, VoteWeight(5), "council, Acme, the alliance, and the PCNs' 2")
    }

    func testAMemberWithAnOwnVoteDoesNotShareTheirOrganisations() {
        // Ann and Bob both sit for the council: one shared vote, unless Bob votes in his own right.
        let rules = ConflictsFixtures.rules(voting: "one vote per organisation\n  majority of those voting")
        let votes = RecordedVotes(votesFor: ["Ann Chair", "Bob Council"])
        XCTAssertEqual(tally(votes, attendees: ["Ann Chair", "Bob Council"], rules: rules)?.votesFor, VoteWeight(1))
        let own = rules.replacingOccurrences(of: "member \"Bob Council\" for council voting", with: "member \"Bob Council\" for council own-vote voting")
        let result = tally(votes, attendees: ["Ann Chair", "Bob Council"], rules: own)
        XCTAssertEqual(result?.votesFor, VoteWeight(2))
        XCTAssertEqual(result?.ballots.first { $0.person == "Bob Council" }?.organisation, "own vote")
    }

    /// 001, 3.4: an LCP's chair "should not be the place executive lead or the ICP representative".
    func testAMemberWhoseRoleMayNotChairHasNoCastingVote() {
        let rules = ConflictsFixtures.rules(voting: "one vote per member\n  majority of those voting\n  chair has casting vote")
            .replacingOccurrences(of: "member \"Dan Alliance\" for alliance voting", with: "member \"Dan Alliance\" for alliance role place-lead voting\n  chair not role place-lead")
        var votes = RecordedVotes(votesFor: ["Dan Alliance"], votesAgainst: ["Ann Chair"])
        votes.chair = "Dan Alliance"
        let result = tally(votes, attendees: ["Ann Chair", "Bob Council", "Carol Acme", "Dan Alliance"], rules: rules)
        XCTAssertEqual(result?.result, .tiedLost, "the casting vote of one who may not chair does not count")
        XCTAssertEqual(result?.findings.map(\.code), ["P1135"])
        let (_, diagnostics) = Checker.check(RuleLoader.load(text: rules.replacingOccurrences(of: "role place-lead voting", with: "role place-lead chair voting")))
        XCTAssertEqual(diagnostics.map(\.code), ["P0613"])
    }
}
