/// A small scheme and register held in memory, for the tests of the front door and of the
/// tools built on it.
public enum FrontDoorRules {
    public static let schemeHeader = """
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

    public static let rules = """
    rule SMALL "up to £250k"
      when kind = contract-award and value <= £250k
      require approval by lead
    rule LARGE "over £250k"
      when kind = contract-award and value > £250k
      require approval by panel

    """

    public static let conflicts = """
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
    public static let register = """
    Name,Who do you currently work for,Position/ Relationship with ICB,Declared Interest,Nature of interest,Valid From,Valid To
    Carol Acme,Acme Health Ltd,Director,,,,

    """
}
