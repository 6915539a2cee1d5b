import ProbityConflicts


/// The meeting's roll through the front door, for papers that print it once rather than
/// under every item (`ProbityPapers`).
extension Engine {
    /// Each attendee of `meeting` resolved against the register, in the order written.
    package func roll(_ meeting: Meeting) -> [ConflictScreener.RollEntry] {
        screener.roll(meeting)
    }

    /// The register's spelling of a name, when it means exactly one person on the register.
    public func registerName(_ written: String) -> String? {
        screener.registerName(written)
    }

    /// Quorum and voting weights of `meeting` before any recusal.
    package func baseline(_ meeting: Meeting) -> ConflictScreener.Baseline {
        screener.baseline(meeting)
    }
}
