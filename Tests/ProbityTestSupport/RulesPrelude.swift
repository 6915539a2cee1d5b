/// The declarations the checker's and the linter's marked sources are written against, written
/// once: a scheme header with the fields a test needs, then the same bodies and organisation.
public enum RulesPrelude {
    /// The delegation tree (a board, its committee, an advisory group, an officer) and one
    /// organisation with its aliases.
    public static let bodies = """
    body icb-board "ICB Board"
    body lcp-board "LCP Board"
      committee of icb-board
    body cpag "Clinical and Professional Advisory Group"
      advises lcp-board
    officer place-lead "Place lead"
      reports to lcp-board
    organisation bhc "Bromley Healthcare CIC"
      aka "Bromley Healthcare", "BHC"

    """

    /// A scheme named `name`, in effect 2020–2030, declaring `fields` (one per line, without
    /// indentation), followed by ``bodies``.
    public static func scheme(_ name: String, fields: [String]) -> String {
        "scheme \"\(name)\" version \"1\" effective from 2020-01-01 until 2030-12-31\nfields\n"
            + fields.map { "  \($0)\n" }.joined() + bodies
    }
}
