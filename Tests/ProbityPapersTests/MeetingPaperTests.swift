import Foundation
import ProbityPapers
import ProbityRegister
import Testing

/// The board papers for the 23 November 2023 LCP Board: golden Markdown and HTML (the shipped
/// examples), the HTML's structure, and what a secretary relies on.
@Suite struct MeetingPaperTests {
    @Test func markdownMatchesTheShippedExample() throws {
        let paper = try Papers.lcpBoard.get()
        let golden = try Papers.assertGolden(paper.markdown, "Examples/papers/lcp-board-2023-11-23.md")
        #expect(golden.matches, "\(golden.message)")
    }

    @Test func htmlMatchesTheShippedExample() throws {
        let paper = try Papers.lcpBoard.get()
        let golden = try Papers.assertGolden(paper.html, "Examples/papers/lcp-board-2023-11-23.html")
        #expect(golden.matches, "\(golden.message)")
    }

    @Test func htmlIsWellFormedSelfContainedAndAccessible() throws {
        let html = try Papers.lcpBoard.get().html
        #expect(MarkupCheck.problems(html) == [])
        #expect(html.contains("<html lang=\"en-GB\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        // Every column header says it is one; print styles repeat headers and keep rows whole.
        #expect(!html.contains("<th>"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("tr, li { break-inside: avoid;"))
        #expect(html.contains("@page { size: A4;"))
    }

    @Test func latePapersAreSaidOnceForTheMeetingNotUnderEachItem() throws {
        let paper = try Papers.paper(agenda: "Tests/ProbityCLITests/Cases/meeting-late-papers-once/agenda.json",
                                     register: "Tests/ProbityCLITests/Cases/meeting-late-papers-once/register.csv")
        #expect(paper.meetingFindings.map(\.plainText).filter { $0.hasPrefix("P1133") }.count == 1)
        #expect(paper.items.allSatisfy { item in !item.findings.contains { $0.plainText.hasPrefix("P1133") } })
        for text in [paper.markdown, paper.html] {
            #expect(text.components(separatedBy: "the papers went out on 2021-09-27, late").count - 1 == 1)
        }
        #expect(paper.markdown.contains("## The meeting\n\n- `P1107` note:"))
        // No notes here: the header links to no Notes section that is not there.
        #expect(paper.notes.isEmpty)
        #expect(MarkupCheck.problems(paper.html) == [])
    }

    @Test func onePersonOneSpellingTheRegisters() throws {
        let paper = try Papers.lcpBoard.get()
        let markdown = paper.markdown
        let body = markdown.components(separatedBy: "\n## Notes\n")[0]
        // The attendance list's spellings appear only where a note says how they were read.
        #expect(!body.contains("Ur-Rub"))
        #expect(!body.contains("Cllr "))
        #expect(markdown.contains("The attendance list writes “Dr Hasib Ur-Rub”; read as the register's Dr Hasib Ur Rub."))
    }

    @Test func noVoterListIsRepeatedUnderTheItems() throws {
        let paper = try Papers.lcpBoard.get()
        // A voting member with no interest at stake is named in the declarations and the
        // attendance table, never again under an item.
        let occurrences = paper.markdown.components(separatedBy: "Helen Simmons").count - 1
        #expect(occurrences == 2)
        let voting = try #require(paper.items.first { $0.id == "11" }?.voting)
        #expect(voting.plainText == "Voting: as in the attendance table, except that Dr Andrew Parson and Jacqui Scott do not vote; and Dr Angela Bhan and Harvey Guntrip now carry 1/2 vote each for NHS South East London Integrated Care Board.")
    }

    @Test func theContractItemSaysWhoLeavesAndWhyInOneChain() throws {
        let item = try #require(try Papers.lcpBoard.get().items.first { $0.id == "11" })
        #expect(item.recusals.map(\.person) == ["Dr Andrew Parson", "Jacqui Scott"])
        #expect(item.recusals.allSatisfy { $0.level == "exclude" && $0.action.contains("leave the room") })
        let reasons = try #require(item.recusals.first?.reasons)
        let direct = reasons[0].plainText, chain = reasons[1].plainText
        #expect(direct.hasPrefix("A financial interest, declared as “The Chislehurst Partnership - This is a GP partnership"))
        #expect(direct.contains("(register line 12, from 01/07/2022); Bromley Healthcare CIC is the counterparty."))
        #expect(chain.contains("(register line 14, from 01/05/2023); The Chislehurst Partnership holds a contract from Bromley Healthcare CIC, the counterparty."))
        #expect(chain.hasSuffix("a financial interest means: declare and leave the room."))
        // The chain runs through relations recorded in the rules: a reading, noted.
        #expect(reasons[1].contains { if case .note = $0 { true } else { false } })
        #expect(item.quorum?.plainText.contains("quorate, 17 of the 19 members present count") == true)
        #expect(item.unscreened?.plainText.contains("Councillor Colin Smith") == true)
    }

    @Test func placeholdersAndReadingsAreNotedWhereAnswersRestOnThem() throws {
        let paper = try Papers.lcpBoard.get()
        let placeholders = paper.notes.filter { $0.kind == .placeholder }.map { $0.text.plainText }
        #expect(placeholders.contains { $0.contains("lcp-board-contract-limit") })
        let item = try #require(paper.items.first { $0.id == "11" })
        let approval = try #require(item.requirements.first { $0.sentence.plainText.hasPrefix("Approval by NHS South East London ICB Board") })
        #expect(approval.sentence.contains { if case .note = $0 { true } else { false } })
        // What the register's importer worked round in an attendee's rows is noted on the entry.
        let parson = try #require(paper.declarations.first { $0.name == "Dr Andrew Parson" })
        let merged = try #require(paper.notes.first { parson.nameNotes.contains($0.number) })
        #expect(merged.kind == .reading && merged.text.plainText == "Register line 14: Dr Andrew Parson is listed more than once (first at line 12); the entries are merged.")
        #expect(paper.registerProblems.isEmpty)
        // The quorum the rules call an assumption is noted wherever it is relied on.
        let assumption = try #require(paper.notes.first { $0.text.plainText.hasPrefix("The rules mark lcp-board quorum as an assumption") })
        #expect(paper.items.first { $0.id == "4" }?.quorum?.contains(.note(assumption.number)) == true)
        // Minutes rest on no placeholder.
        let minutes = try #require(paper.items.first { $0.id == "4" })
        #expect(minutes.requirements.allSatisfy { !$0.sentence.contains { if case .note = $0 { true } else { false } } })
    }

    @Test func everyRuleCitedIsInTheAppendixWithItsSource() throws {
        let paper = try Papers.lcpBoard.get()
        let listed = Set(paper.rules.map(\.id))
        for item in paper.items {
            let sentences = [item.conflicts] + item.recusals.flatMap(\.reasons) + item.requirements.map(\.sentence) + [item.quorum, item.voting].compactMap { $0 }
            for case .rule(let id) in sentences.flatMap({ $0 }) {
                #expect(listed.contains(id), "item \(item.id) cites \(id), missing from the appendix")
            }
        }
        #expect(paper.rules.allSatisfy { $0.citation != nil })
    }

    /// Naming the council on its own s75 agreement: its people are listed as not counted, with
    /// the rules' reading noted, rather than sent out of the room or left unexplained.
    @Test func employmentTheRulesDoNotCountIsSaidWithTheirReading() throws {
        let agenda = #"""
        {"body": "lcp-board", "date": "2023-11-23", "attendees": ["Kim Carey", "Dr Nada Lemic", "Jacqui Scott"],
         "items": [{"id": "12", "title": "s75", "decision": {"kind": "s75-variation", "value": "£519,000", "budget": "pooled-s75",
                    "place": "bromley", "counterparty": "London Borough of Bromley"}}]}
        """#
        let paper = try Papers.paper(agendaJSON: Array(agenda.utf8), register: try Papers.lcpRegister.get())
        let item = try #require(paper.items.first)
        #expect(item.recusals.isEmpty)
        let reading = try #require(paper.notes.first { $0.text.plainText.contains("a partner's own people represent it") })
        #expect(reading.kind == .reading)
        #expect(item.notCounted.map(\.plainText) == [
            "Kim Carey works for London Borough of Bromley (Director of Adult Services and Chair of the One Bromley Executive): not a conflict for this item under the conflicts rules (conflicts).[note \(reading.number)]",
            "Dr Nada Lemic works for London Borough of Bromley (Director of Public Health): not a conflict for this item under the conflicts rules (conflicts).[note \(reading.number)]",
        ])
        #expect(MarkupCheck.problems(paper.html) == [])
    }

    /// An attendee the register does not know is a row of its own, marked and noted, and the
    /// item says it may not proceed: the paper never passes over a person it could not screen.
    @Test func anAttendeeNotOnTheRegisterIsSaidAndBlocksTheItem() throws {
        let agenda = #"""
        {"body": "lcp-board", "date": "2023-11-23", "attendees": ["Kim Carey", "Jo Bloggs"],
         "items": [{"id": "4", "title": "Minutes", "decision": {"kind": "minutes", "place": "bromley", "decided_by": "lcp-board"}}]}
        """#
        let paper = try Papers.paper(agendaJSON: Array(agenda.utf8), register: try Papers.lcpRegister.get())
        let stranger = try #require(paper.declarations.first { $0.name == "Jo Bloggs" })
        #expect(!stranger.onRegister)
        #expect(stranger.instead?.first == .strong("Not on the register"))
        guard case .note(let number)? = stranger.instead?.last else { Issue.record("no note on the entry"); return }
        #expect(paper.notes[number - 1].kind == .notScreened)
        #expect(paper.notes[number - 1].text.plainText.contains("“Jo Bloggs” is on the attendance list but not on the register"))
        let item = try #require(paper.items.first)
        #expect(item.outcome?.plainText.contains("may NOT proceed as proposed") == true)
        #expect(item.outcome?.plainText.contains("P1101") == true)
    }
}

/// An interest that rests on a choice of the rules rather than the register's words (an office
/// read as the council by an `aliases` shape; an ended interest counted through the look-back)
/// is said so under the item, with a note, as the report says it.
@Suite struct MeetingPaperReadingsTests {
    static let register = """
    Name,Who do you currently work for,Position/ Relationship with ICB,Declared Interest,Nature of interest,Valid From,Valid To
    Stuart Rowbotham,London Borough of Bexley,Place Based Director,,,,
    Diana Braithwaite,NHS South East London ICB,LCP SRO,,,,
    Helen Sims,NHS South East London ICB,Lay member,Indirect Interest,Husband is a Councillor in Greenwich,01/01/2020,
    Graham Ellis,NHS South East London ICB,Lay member,Financial Interest,"Director, Royal Borough of Greenwich",01/01/2015,31/12/2023

    """

    static let agenda = """
    {"body": "bexley-board", "date": "2024-03-01", "attendees": ["Stuart Rowbotham", "Diana Braithwaite", "Helen Sims", "Graham Ellis"],
     "items": [{"id": "4", "title": "Shared care records", "decision": {"kind": "contract-award", "place": "bexley", "budget": "council", "value": "£50k", "counterparty": "Royal Borough of Greenwich"}}]}
    """

    @Test func shapedAliasAndLookBackAreSaidUnderTheItem() throws {
        let register = RegisterLoader.parse(Array(Self.register.utf8), fileName: "register.csv")
        let paper = try Papers.paper(agendaJSON: Array(Self.agenda.utf8), register: register)
        let markdown = paper.markdown
        #expect(markdown.contains("The register names it as “Councillor in Greenwich”, read as Royal Borough of Greenwich."))
        #expect(markdown.contains("It has ended, and counts only through the look-back: ended on 2023-12-31; counts until 2024-06-30 only under the rules' look back of 6 months."))
        #expect(paper.notes.contains { $0.kind == .reading && $0.text.plainText.contains("a shape of aliases in the rules") })
        #expect(paper.notes.contains { $0.kind == .reading && $0.text.plainText.contains("look-back, a local choice of these rules") })
        #expect(MarkupCheck.problems(paper.html) == [])
    }
}
