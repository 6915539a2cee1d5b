import Foundation
import XCTest
import ProbitySupport
@testable import ProbityRegister
import ProbitySyntax

final class RegisterLoaderTests: XCTestCase {
    private func parse(_ text: String, fileName: String = "register.csv") -> Register {
        RegisterLoader.parse(Array(text.utf8), fileName: fileName)
    }

    private func day(_ text: String) -> Day { Day.parseISO(text)! }

    // MARK: - The acceptance sample

    func testSampleBoard() {
        let register = parse(RegisterFixtures.sampleBoard, fileName: "sample-board.csv")
        XCTAssertEqual(register.fileName, "sample-board.csv")
        XCTAssertEqual(register.issues, [])
        XCTAssertEqual(register.people.map(\.key), [
            "priya natarajan", "tomas o briain", "kemi adeyemi", "graham ellis", "sarah whitfield", "daniel okafor",
        ])
        let priya = register.people[0]
        XCTAssertEqual(priya.name, "Mrs Priya Natarajan")
        XCTAssertEqual(priya.lines, [2, 3])
        XCTAssertEqual(priya.interests.map(\.type), [.financial, .nonFinancialPersonal])
        XCTAssertEqual(priya.interests[0].nature, "Shareholder and non-executive director, Riverside Home Care Ltd")
        XCTAssertEqual(priya.interests.map(\.validFrom), [day("2019-04-01"), day("2020-06-12")])

        let tomas = register.people[1]
        XCTAssertEqual(tomas.name, "Tomás Ó Briain")
        XCTAssertEqual(tomas.interests.first?.type, .indirect)
        XCTAssertEqual(tomas.interests.first?.validFrom, day("2022-09-01"))   // ISO in a dd/mm/yyyy file

        let ellis = register.people[3]
        XCTAssertEqual(ellis.interests.first?.validTo, day("2021-12-31"))
        XCTAssertEqual(register.people[5].interests, [])
        XCTAssertEqual(register.people[2].interests.first?.type, .nonFinancialProfessional)
    }

    // MARK: - Headers

    func testHeaderVariantsAndShortAliases() {
        let long = parse("NAME ;  who do you currently work for ; Position/Relationship with ICB;DECLARED INTEREST;nature of interest;valid from;valid to\nA B;Org;Role;Financial;x;1/2/2023;\n")
        XCTAssertEqual(long.people.first?.employer, "Org")
        XCTAssertEqual(long.people.first?.position, "Role")
        XCTAssertEqual(long.people.first?.interests.first?.validFrom, day("2023-02-01"))

        let short = parse("type,name,employer,role,description,from,to\nIndirect,C D,Org2,Chair,spouse,,\n")
        XCTAssertEqual(short.people.first?.name, "C D")
        XCTAssertEqual(short.people.first?.employer, "Org2")
        XCTAssertEqual(short.people.first?.interests.first?.type, .indirect)
        XCTAssertEqual(short.people.first?.interests.first?.nature, "spouse")
    }

    /// A JSON key the importer does not read is reported, not dropped (issue 11).
    func testUnknownJSONKeysAreReported() {
        let register = RegisterLoader.parse(Array(#"[{"name":"A B","organisation":"Riverside Care Ltd","type":"Financial","nature":"Director","ward":"Penge"}]"#.utf8), fileName: "r.json")
        XCTAssertEqual(register.people.first?.interests.first?.nature, "Riverside Care Ltd: Director")
        XCTAssertEqual(register.issues.map(\.summary), ["1: warning[P1921]: `ward` of row 1 is not a key the importer recognises; its value is not read (docs/registers.md lists the keys read)"])
    }

    /// A council register's "Organisation" is the interest's organisation, not the employer
    /// (issue 11); it is read with the nature, where screening looks.
    func testCouncilOrganisationColumnIsTheInterestsOrganisation() {
        let council = parse("Name,Category,Organisation,Details,Ward\nCllr E F,Financial,Riverside Care Ltd,Shareholder,Penge\n,Non-financial,Bromley Mind,Bromley Mind trustee,\n")
        XCTAssertEqual(council.people.first?.employer, "")
        XCTAssertEqual(council.people.first?.interests.map(\.nature), ["Riverside Care Ltd: Shareholder", "Bromley Mind trustee"])
        XCTAssertEqual(council.people.first?.interests.first?.type, .financial)
        XCTAssertEqual(council.issues.first?.summary, "1: warning[P1921]: column `Ward` is not one the importer recognises; its values are not read (docs/registers.md lists the columns read)")
    }

    func testTitleLinesAboveTheHeaderAreSkipped() {
        let register = parse("Register of interests\tNovember 2023\n\nName\tDeclared Interest\tNature of interest\nA B\tFinancial\tshares\n")
        XCTAssertEqual(register.people.count, 1)
        XCTAssertEqual(register.people[0].lines, [4])
    }

    func testNoRecognisableHeader() {
        let bytes = Array("foo,bar\n1,2\n".utf8)
        XCTAssertEqual(RegisterLoader.read(bytes, fileName: "x.csv").failureValue,
                       .noRecognisableHeader(fileName: "x.csv"))
        let register = RegisterLoader.parse(bytes, fileName: "x.csv")
        XCTAssertEqual(register.people.count, 0)
        XCTAssertEqual(register.issues.count, 1)
        XCTAssertTrue(register.issues[0].isError)
        XCTAssertTrue(register.issues[0].message.hasPrefix("no recognisable header in register `x.csv`"))
    }

    // MARK: - Rows

    func testBadRowsAreReportedAndImportGoesOn() {
        let text = """
        Name,Employer,Position,Type,Nature,From,To
        ,,,Financial,orphan,,
        A B,Org,Role,Financial,shares,31/02/2023,
        short,row,only
        C D,Org,Role,Financial,x,01/01/2020,01/01/2021,,
        E F,Org,Role,Financial,x,01/01/2020,01/01/2021,extra,
        ,,,Gifts,a hamper,2023-01-05,2022-01-01

        """
        let register = parse(text)
        XCTAssertEqual(register.people.map(\.name), ["A B", "C D"])
        XCTAssertEqual(register.issues.map(\.summary), [
            "2: error[P1920]: continuation row with no person above it; the row is skipped",
            "3: warning[P1921]: date `31/02/2023` in `Valid From` is a day that does not exist (February 2023 has 28 days); taken as open",
            "4: error[P1920]: row has 3 fields, expected 7; the row is skipped",
            "6: error[P1920]: row has 9 fields, expected 7; the row is skipped",
            "7: note[P1922]: unrecognised interest type `Gifts`; taken as unspecified",
            "7: note[P1922]: `Valid To` 2022-01-01 is before `Valid From` 2023-01-05",
        ])
        // The unreadable date leaves the interest open rather than losing it.
        XCTAssertEqual(register.people[0].interests.count, 1)
        XCTAssertNil(register.people[0].interests[0].validFrom)
        // The continuation row after the skipped row still belongs to C D.
        XCTAssertEqual(register.people[1].interests.map(\.typeText), ["Financial", "Gifts"])
        XCTAssertEqual(register.people[1].interests[1].type, .unspecified)
    }

    func testWhitespaceAndNonBreakingSpacesTrimmed() {
        let register = parse("Name\tDeclared Interest\tNature of interest\tValid From\n\u{00A0} Dr A  B \u{00A0}\t Financial Interest \t shares\u{00A0}\t 01/04/2020 \n")
        XCTAssertEqual(register.people.first?.name, "Dr A  B")
        XCTAssertEqual(register.people.first?.key, "a b")
        XCTAssertEqual(register.people.first?.interests.first?.nature, "shares")
        XCTAssertEqual(register.people.first?.interests.first?.validFrom, day("2020-04-01"))
        XCTAssertEqual(register.issues, [])
    }

    func testRepeatedNameOnEveryRowIsOnePerson() {
        let register = parse("Name,Type,Nature\nA B,Financial,one\nA B,Indirect,two\nA B,Financial,three\n")
        XCTAssertEqual(register.people.count, 1)
        XCTAssertEqual(register.people[0].interests.map(\.nature), ["one", "two", "three"])
        XCTAssertEqual(register.issues.count, 1, "noted once, not for every row")
    }

    func testDateForms() {
        XCTAssertEqual(RegisterBuilder.parseDate("1/4/2024"), day("2024-04-01"))
        XCTAssertEqual(RegisterBuilder.parseDate("01/04/2024"), day("2024-04-01"))
        XCTAssertEqual(RegisterBuilder.parseDate("2024-04-01"), day("2024-04-01"))
        XCTAssertEqual(RegisterBuilder.parseDate("01.04.2024"), day("2024-04-01"))
        XCTAssertNil(RegisterBuilder.parseDate("29/02/2023"))
        XCTAssertNil(RegisterBuilder.parseDate("April 2024"))
    }

    // MARK: - JSON

    func testJSONRows() {
        let json = """
        [
          {"name": "Dr Angela M Bhan", "employer": "South East London ICB", "position": "Place Executive Lead",
           "type": "Non-Financial Professional Interest", "nature": "Appraisals for UKHSA", "valid_from": "01/07/2022", "valid_to": null},
          {"name": "", "type": "Financial Interest", "nature": "Assessor for FPH", "valid_from": "2022-07-01", "valid_to": "2023-03-31"},
          {"name": "Cllr Colin Smith", "type": "All interests are declared on the London Borough of Bromley register of interests."}
        ]
        """
        let register = parse(json, fileName: "r.json")
        XCTAssertEqual(register.issues, [])
        XCTAssertEqual(register.people.map(\.key), ["angela m bhan", "colin smith"])
        XCTAssertEqual(register.people[0].interests.map(\.type), [.nonFinancialProfessional, .financial])
        XCTAssertEqual(register.people[0].interests[1].validTo, day("2023-03-31"))
        XCTAssertEqual(register.people[1].pointers.count, 1)
        // Each interest cites the line its row's object starts on, as a table's row number.
        XCTAssertEqual(register.people[0].interests.map(\.line), [2, 4])
        XCTAssertEqual(register.people[1].lines, [5])
    }

    func testJSONPeople() {
        let json = """
        {"people": [
          {"name": "Tomás Ó Briain", "employer": "SEL ICB", "position": "Non-executive member",
           "interests": [{"type": "indirect", "nature": "Spouse works at Riverside", "valid_from": "2022-09-01"}]},
          {"name": "Prof Daniel Okafor", "employer": "King's College London", "interests": []},
          {"name": "Tomas O'Briain", "interests": [{"type": "Nil"}]},
          {"name": "X Y", "interests": [{"type": true}, {"type": "None", "nature": "Trustee, Bromley Mind"}]}
        ]}
        """
        let register = parse(json, fileName: "r.json")
        XCTAssertEqual(register.people.map(\.key), ["tomas o briain", "daniel okafor", "x y"])
        XCTAssertEqual(register.people[0].interests.first?.validFrom, day("2022-09-01"))
        XCTAssertEqual(register.people[0].position, "Non-executive member")
        XCTAssertEqual(register.issues.map(\.isError), [false, true, false])
        XCTAssertEqual(register.issues[0].message, "`Tomas O'Briain` is listed more than once; the entries are merged")
        XCTAssertEqual(register.issues[1].message,
                       "`type` of interest 1 of person 4 is a Boolean, expected a string; skipped")
        XCTAssertEqual(register.issues[2].message, "`None` with a nature of interest; kept as an unspecified interest")
        XCTAssertEqual(register.people[2].interests.map(\.type), [.unspecified])
        // The nested shape's interests have no line of their own: none is cited (not line 0).
        XCTAssertEqual(register.people.flatMap(\.interests).map(\.line), [0, 0])
    }

    func testBadJSON() {
        let broken = RegisterLoader.read(Array("[{\"name\": }]".utf8), fileName: "r.json")
        guard case .badJSON(let fileName, _)? = broken.failureValue else { return XCTFail("\(broken)") }
        XCTAssertEqual(fileName, "r.json")
        let wrongShape = RegisterLoader.read(Array("{\"members\": []}".utf8), fileName: "r.json")
        XCTAssertEqual(wrongShape.failureValue?.message,
                       "register `r.json` is not a usable json register: expected an array of rows or an object with a `people` array, found an object")
    }

    // MARK: - Files

    func testLoadFromDiskAndUnreadableFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probity-register-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("board.csv")
        try Data(RegisterFixtures.sampleBoard.utf8).write(to: file)

        let register = try RegisterLoader.load(path: file.path).get()
        XCTAssertEqual(register.fileName, "board.csv")
        XCTAssertEqual(register.people.count, 6)

        let missing = folder.appendingPathComponent("missing.csv").path
        XCTAssertEqual(RegisterLoader.load(path: missing).failureValue,
                       .unreadableFile(path: missing, reason: "no such file"))
        XCTAssertEqual(RegisterLoader.load(path: missing).failureValue?.message,
                       "cannot read register `\(missing)`: no such file")
        XCTAssertEqual(RegisterLoader.load(path: folder.path).failureValue,
                       .unreadableFile(path: folder.path, reason: "it is a folder"))
    }

    // MARK: - Speed

    func testLargeRegisterLoads() {
        var text = "Name\tWho do you currently work for\tPosition/ Relationship with ICB\tDeclared Interest\tNature of interest\tValid From\tValid To\n"
        let types = ["Financial Interest", "Indirect Interest", "Non-Financial Professional Interest", "No interests declared"]
        for i in 0..<20_000 {
            if i % 3 == 2 {
                text += "\t\t\tFinancial Interest\tTrustee of charity number \(i)\t01/0\(1 + i % 9)/2020\t\n"
            } else {
                let (type, nature) = i % 4 == 3 ? ("No interests declared", "") : (types[i % 4], "Director, Company \(i) Ltd")
                text += "Dr Person \(i) Surname\tOrganisation \(i % 40)\tRole\t\(type)\t\(nature)\t\(1 + i % 28)/03/2021\t\n"
            }
        }
        let register = RegisterLoader.parse(Array(text.utf8), fileName: "big.tsv")
        XCTAssertEqual(register.people.count, 13_334)
        XCTAssertEqual(register.issues.count, 0)
    }
}

extension Result {
    /// The error, for assertions.
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension Diagnostic {
    /// `line: severity[code]: message`, the parts of a register finding a test compares.
    var summary: String { "\(line): \(severity.rawValue)[\(code)]: \(message)" }
}

/// The register's findings as the one renderer writes them, in text and as JSON members: the
/// golden text of what a user reads.
final class RegisterFindingRenderingTests: XCTestCase {
    static let register = """
    Name,Employer,Position,Declared Interest,Nature of Interest,Valid From,Valid To
    Dr Ada Lovelace,Analytical Ltd,Director,Financial Interest,Shares in Analytical Ltd,1/4/25,
    broken,row

    """

    func testFindingsInText() {
        let register = RegisterLoader.parse(Array(Self.register.utf8), fileName: "register.csv")
        XCTAssertEqual(DiagnosticRenderer(sources: SourceMap()).render(register.findings(shownAs: "in/register.csv")), """
        in/register.csv:2: warning[P1921]: unreadable date `1/4/25` in `Valid From`; expected dd/mm/yyyy or yyyy-mm-dd; taken as open
        in/register.csv:3: error[P1920]: row has 2 fields, expected 7; the row is skipped
        in/register.csv: warning[P1923]: 2 rows read: 1 kept, 1 not kept; the answers rest on the 1 row kept

        """)
    }

    func testFindingsAsJSON() {
        let register = RegisterLoader.parse(Array(Self.register.utf8), fileName: "register.csv")
        let renderer = DiagnosticRenderer(sources: SourceMap())
        let json = JSONWriter.pretty(.array(register.findings(shownAs: "register.csv").map { .object(renderer.jsonMembers($0)) }))
        XCTAssertEqual(json, """
        [
          {
            "code": "P1921",
            "severity": "warning",
            "message": "unreadable date `1/4/25` in `Valid From`; expected dd/mm/yyyy or yyyy-mm-dd; taken as open",
            "file": "register.csv",
            "line": 2,
            "field": "Valid From",
            "notes": []
          },
          {
            "code": "P1920",
            "severity": "error",
            "message": "row has 2 fields, expected 7; the row is skipped",
            "file": "register.csv",
            "line": 3,
            "notes": []
          },
          {
            "code": "P1923",
            "severity": "warning",
            "message": "2 rows read: 1 kept, 1 not kept; the answers rest on the 1 row kept",
            "file": "register.csv",
            "notes": []
          }
        ]
        """)
    }

    /// A register that cannot be read is the same shape: P1115, an error.
    func testAnUnreadableRegisterIsTheSameShape() {
        let failure = RegisterLoader.read(Array("just words\n".utf8), fileName: "x.csv")
        guard case .failure(let error) = failure else { return XCTFail("\(failure)") }
        XCTAssertEqual(error.diagnostic.code, "P1115")
        XCTAssertEqual(error.diagnostic.severity, .error)
        XCTAssertTrue(DiagnosticRenderer(sources: SourceMap()).render(error.diagnostic).hasPrefix("error[P1115]: no recognisable header in register `x.csv`"))
    }
}
