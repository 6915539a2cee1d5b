/// A number of votes as an exact fraction: a member organisation's one vote split between its
/// two representatives is 1/2 each, the 8 PCNs' 2 votes between three representatives 2/3 each.
/// Tallies add fractions exactly, so a tie is a tie and never 0.999… against 1.
public struct VoteWeight: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var numerator: Int
    public private(set) var denominator: Int

    public init(_ numerator: Int, over denominator: Int = 1) {
        precondition(denominator > 0, "a vote weight needs a positive denominator")
        let divisor = VoteWeight.gcd(abs(numerator), denominator)
        self.numerator = numerator / max(divisor, 1)
        self.denominator = denominator / max(divisor, 1)
    }

    public static let zero = VoteWeight(0)

    /// The weight as a decimal, for reports.
    public var value: Double { Double(numerator) / Double(denominator) }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public static func + (a: VoteWeight, b: VoteWeight) -> VoteWeight {
        VoteWeight(a.numerator * b.denominator + b.numerator * a.denominator, over: a.denominator * b.denominator)
    }

    public static func * (a: VoteWeight, n: Int) -> VoteWeight {
        VoteWeight(a.numerator * n, over: a.denominator)
    }

    public static func < (a: VoteWeight, b: VoteWeight) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
