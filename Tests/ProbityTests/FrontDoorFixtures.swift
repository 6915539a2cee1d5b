import Probity
import XCTest

/// A small scheme and register for the front door's tests, held in memory.
enum FrontDoorFixtures {
    static let schemeHeader = """
    scheme "Front door" version "1" effective from 2020-01-01
    fields
      kind: one of contract-award, appointment
      value: money
      counterparty: organisation
    body board "The Board"
    body panel "The Panel"
      committee of board
    officer lead "Place lead"
      reports to board
    organisation acme "Acme Health Ltd"
      aka "AHL"
    organisation council "Borough Council"

    """

    static let rules = """
    rule SMALL "up to £250k"
      when kind = contract-award and value <= £250k
      require approval by lead
    rule LARGE "over £250k"
      when kind = contract-award and value > £250k
      require approval by panel

    """

    static let conflicts = """
    conflicts
      relevant fields counterparty
      financial -> exclude
      indirect -> no-vote
      non-financial-professional -> declare
      non-financial-personal -> declare
      employment -> exclude
    members panel
      member "Ann Chair" for council chair voting
      member "Carol Acme" for acme voting
      member "Dan Other" for council voting
    quorum panel
      at least 50% of voting members
      conflicted members do not count

    """

    /// A register in the published layout: Carol Acme is a director of Acme.
    static let register = """
    Name,Who do you currently work for,Position/ Relationship with ICB,Declared Interest,Nature of interest,Valid From,Valid To
    Carol Acme,Acme Health Ltd,Director,,,,

    """

    static func engine(_ text: String = schemeHeader + rules, file: StaticString = #filePath, line: UInt = #line) throws -> Engine {
        switch Scheme.load(texts: ["main.probity": text]) {
        case .success(let scheme): return Engine(scheme: scheme)
        case .failure(let error):
            XCTFail("rules do not load:\n\(error.rendered())", file: file, line: line)
            throw error
        }
    }
}
