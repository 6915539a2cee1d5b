import XCTest
@testable import ProbityRegister
import ProbitySupport

/// A register read as CSV and the same register read as JSON rows come to the same model:
/// the same people, interests, dates and issues, and the same account of rows. (Only line
/// numbers differ: JSON registers have none. A row with every cell empty is a page break in a
/// table and skipped, but an entry in JSON and reported; the rows here have a cell each.)
final class RegisterFormatAgreementTests: XCTestCase {
    /// Rows with every quirk the builder handles: continuation rows, a person listed twice,
    /// unreadable and impossible dates, a continuation row with only an employer, a pointer,
    /// "no interests", a type that is not one, a row with no person above it, accents.
    static let rows: [[String]] = [
        ["", "", "", "Financial Interest", "Shares in Orphan Ltd", "", ""],
        ["Dr Ana Tomás", "Kings College Hospital", "Clinical lead", "Financial Interest", "Director of Riverside Care Ltd", "01/04/2020", ""],
        ["", "", "", "Non-Financial Professional", "Member of BGPA", "2021-05-03", "31/02/2022"],
        ["", "Bromley Healthcare", "Adviser", "", "", "", ""],
        ["Cllr Colin Smith", "London Borough of Bromley", "Councillor", "All interests are declared on the London Borough of Bromley register of interests.", "", "", ""],
        ["Jane Doe", "", "", "No interests declared", "", "", ""],
        ["", "", "", "Something odd", "Trustee of Hope Trust", "1/4/25", "2024-02-30"],
        ["Ana Tomás", "Guy's and St Thomas'", "", "Indirect", "Spouse works for Lewisham Care", "12.3.2019", "2019-01-01"],
        ["", "", "", "", "", "01/01/2020", ""],
        ["Ben  Okafor", "ICB", "Chair", "", "Partner in Okafor & Co", "", ""],
    ]

    static let headers = ["Name", "Who do you currently work for", "Position/ Relationship with ICB", "Declared Interest",
                          "Nature of interest", "Valid From", "Valid To"]
    static let keys = ["name", "employer", "position", "type", "nature", "valid_from", "valid_to"]

    static func csv(_ rows: [[String]]) -> [UInt8] {
        func quoted(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return Array(([headers] + rows).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n").utf8)
    }

    static func json(_ rows: [[String]]) -> [UInt8] {
        let array = JSONValue.array(rows.map { row in .object(zip(keys, row).map { ($0, .string($1)) }) })
        return Array(JSONWriter.pretty(array).utf8)
    }

    /// The model with line numbers taken out, which only the CSV has.
    static func withoutLines(_ register: Register) -> (people: [RegisterPerson], issues: [String], rows: RegisterRowCount) {
        let people = register.people.map { person -> RegisterPerson in
            var person = person
            person.lines = []
            person.declaredOnLine = 0
            person.interests = person.interests.map { var interest = $0; interest.line = 0; return interest }
            return person
        }
        let issues = register.issues.map { issue in
            "\(issue.severity.rawValue)[\(issue.code)]: " + issue.message.replacingOccurrences(
                of: #" \(first at line \d+\)"#, with: "", options: .regularExpression)
        }
        return (people, issues.sorted(), register.rows)
    }

    func testTheSameRegisterAsCSVAndAsJSONGivesTheSameModel() throws {
        let fromCSV = try RegisterLoader.read(Self.csv(Self.rows), fileName: "r.csv").get()
        let fromJSON = try RegisterLoader.read(Self.json(Self.rows), fileName: "r.json").get()
        XCTAssertGreaterThan(fromCSV.people.count, 3)
        XCTAssertGreaterThan(fromCSV.rows.reported, 0)
        let (csvPeople, csvIssues, csvRows) = Self.withoutLines(fromCSV)
        let (jsonPeople, jsonIssues, jsonRows) = Self.withoutLines(fromJSON)
        XCTAssertEqual(csvPeople, jsonPeople)
        XCTAssertEqual(csvIssues, jsonIssues)
        XCTAssertEqual(csvRows, jsonRows)
        XCTAssertEqual(csvRows.read, csvRows.kept + csvRows.reported)
    }

    /// The same for a generated register of a few thousand rows, seeded.
    func testAGeneratedRegisterAgreesInBothFormats() throws {
        var random = SplitMix64(seed: 17)
        let names = ["Ana Tomás", "Colin Smith", "Jane Doe", "Ben Okafor", "Priya Shah", "Li Wei", "Ana Tomas"]
        let types = ["Financial Interest", "Indirect", "Non-Financial Personal Interest", "", "Nil", "Odd"]
        let natures = ["Director of Riverside Care Ltd", "Member of BGPA", "", "Trustee, \"Hope\" Trust"]
        let dates = ["", "01/04/2020", "2021-05-03", "31/02/2022", "1/4/25", "12.3.2019"]
        var rows: [[String]] = []
        for _ in 0..<3_000 {
            let named = random.chance(0.3)
            var row = [named ? names[random.below(names.count)] : "", random.chance(0.1) ? "Bromley Healthcare" : "",
                         random.chance(0.1) ? "Chair" : "", types[random.below(types.count)], natures[random.below(natures.count)],
                         dates[random.below(dates.count)], dates[random.below(dates.count)]]
            if row.allSatisfy(\.isEmpty) { row[3] = "Nil" }
            rows.append(row)
        }
        let fromCSV = try RegisterLoader.read(Self.csv(rows), fileName: "r.csv").get()
        let fromJSON = try RegisterLoader.read(Self.json(rows), fileName: "r.json").get()
        let (csvPeople, csvIssues, csvRows) = Self.withoutLines(fromCSV)
        let (jsonPeople, jsonIssues, jsonRows) = Self.withoutLines(fromJSON)
        XCTAssertEqual(csvRows, jsonRows)
        XCTAssertEqual(csvPeople.count, jsonPeople.count)
        XCTAssertEqual(csvIssues.count, jsonIssues.count)
        XCTAssertEqual(csvRows.read, csvRows.kept + csvRows.reported)
        // The first difference, rather than thousands of lines of both.
        XCTAssertEqual(zip(csvPeople, jsonPeople).first(where: { $0.0 != $0.1 }).map { "\($0.0) ≠ \($0.1)" }, nil)
        XCTAssertEqual(zip(csvIssues, jsonIssues).first(where: { $0.0 != $0.1 }).map { "\($0.0) ≠ \($0.1)" }, nil)
    }
}
