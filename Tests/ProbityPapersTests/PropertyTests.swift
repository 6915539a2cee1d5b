import Foundation
import Probity
import ProbityPapers
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import Testing

/// Seeded property tests: whatever a register says, the papers stay well-formed and its text
/// stays text; whatever the ranges, a ladder's gaps are exactly what no band covers. Each test
/// prints its seed (``TestSeed``); `PROBITY_TEST_SEED=N` replays one.
@Suite struct PropertyTests {
    /// Text with everything that could break Markdown, HTML or a TSV cell's neighbours.
    static func awkwardText(_ random: inout SplitMix64) -> String {
        let pieces = ["<b>", "</td>", "&amp;", "&", "\"", "'", "|", "*", "_", "[x](y)", "`", "#", "\\", "--", "]]>", "é", "—", "Bromley", "GP", "🙂", "  "]
        return (0..<(1 + random.below(8))).map { _ in pieces[random.below(pieces.count)] }.joined(separator: random.below(2) == 0 ? " " : "")
    }

    @Test func papersStayWellFormedWhateverTheRegisterSays() throws {
        let (seed, generator) = TestSeed.generator(fixed: 20_231_123)
        var random = generator
        for round in 0..<25 {
            var tsv = "Name\tWho do you currently work for\tPosition/ Relationship with ICB\tDeclared Interest\tNature of interest\tValid From\tValid To\n"
            var names: [String] = []
            for person in 0..<(1 + random.below(5)) {
                let name = "Person \(person) " + Self.awkwardText(&random).replacingOccurrences(of: "\t", with: " ")
                names.append(name)
                let types = ["Financial Interest", "Indirect Interest", "No interests declared", "", "Non-Financial Personal Interest"]
                tsv += "\(name)\t\(Self.awkwardText(&random))\t\(Self.awkwardText(&random))\t\(types[random.below(types.count)])\t\(Self.awkwardText(&random))\t01/01/2020\t\n"
                for _ in 0..<random.below(3) {
                    tsv += "\t\t\tFinancial Interest\t\(Self.awkwardText(&random))\t\(random.below(2) == 0 ? "31/12/2019" : "")\t\n"
                }
            }
            let register = RegisterLoader.parse(Array(tsv.utf8), fileName: "random.tsv")
            let attendees = (names + ["Nobody Known"]).map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            let agenda = """
            {"body": "lcp-board", "date": "2023-11-23", "attendees": [\(attendees.joined(separator: ", "))],
             "items": [{"id": "1", "title": "\(round) <i>&</i>"},
                       {"id": "2", "title": "award", "decision": {"kind": "contract-award", "value": "£500,000", "budget": "icb-delegated",
                        "place": "bromley", "counterparty": "Bromley Healthcare CIC", "decided_by": "lcp-board"}}]}
            """
            let paper = try Papers.paper(agendaJSON: Array(agenda.utf8), register: register)
            let problems = MarkupCheck.problems(paper.html)
            #expect(problems.isEmpty, "seed \(seed), round \(round): \(problems.prefix(3))")
            // Every declarations row keeps its seven columns: register text never adds a `|`.
            let table = paper.markdown.components(separatedBy: "## Declarations of interest\n\n")[1].components(separatedBy: "\n\n")[0]
            for row in table.split(separator: "\n") {
                var pipes = 0, escaped = false
                for character in row {
                    if character == "|" && !escaped { pipes += 1 }
                    escaped = character == "\\" && !escaped
                }
                #expect(pipes == 8, "seed \(seed), round \(round): \(row)")
            }
        }
    }

    @Test func gapsAreExactlyWhatNoRangeCovers() {
        let (seed, generator) = TestSeed.generator(fixed: 20_231_123)
        var random = generator
        func bound(_ random: inout SplitMix64) -> Bound? {
            random.below(4) == 0 ? nil : Bound(value: Int64(random.below(20)) * 50, isClosed: random.below(2) == 0)
        }
        func contains(_ range: ValueRange, _ value: Int64) -> Bool {
            if let lower = range.lower, value < lower.value || (value == lower.value && !lower.isClosed) { return false }
            if let upper = range.upper, value > upper.value || (value == upper.value && !upper.isClosed) { return false }
            return true
        }
        for round in 0..<200 {
            let ranges = (0..<random.below(5)).map { _ in ValueRange(lower: bound(&random), upper: bound(&random)) }
            let gaps = ValueRange.uncovered(by: ranges)
            for value in stride(from: Int64(-10), through: 1010, by: 5) {
                let covered = ranges.contains { contains($0, value) }
                let inGap = gaps.filter { contains($0, value) }.count
                #expect(covered ? inGap == 0 : inGap == 1, "seed \(seed), round \(round), value \(value): \(ranges) → \(gaps)")
            }
        }
    }
}
