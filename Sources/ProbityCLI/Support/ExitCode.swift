/// Every exit status `probity` uses, in one place.
enum ExitCode: Int32 {
    /// The decision can proceed as proposed (with the listed approvals); tests and checks passed.
    case success = 0
    /// The decision cannot proceed (no authority, wrong decider, a blocking conflict, an
    /// inquorate meeting); or a test, lint or format check failed.
    case failure = 1
    /// The input is wrong: rules, decision, register or arguments.
    case badInput = 2

    /// The worse of two statuses (bad input outranks failure outranks success).
    func worst(_ other: ExitCode) -> ExitCode {
        rawValue >= other.rawValue ? self : other
    }
}
