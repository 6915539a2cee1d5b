/// Votes as a board paper writes them: whole numbers, or a fraction for a shared vote.
enum VoteText {
    /// `1`, `2`, `1/3`, `1/2`; a weight no small fraction matches is written to three places.
    static func describe(_ weight: Double) -> String {
        guard weight.isFinite, abs(weight) < 1e12 else { return "\(weight)" }
        for denominator in 1...12 {
            let numerator = (weight * Double(denominator)).rounded()
            if abs(numerator / Double(denominator) - weight) < 1e-9 {
                let n = Int(numerator)
                return denominator == 1 ? "\(n)" : "\(n)/\(denominator)"
            }
        }
        let thousandths = Int((weight * 1000).rounded())
        return "\(thousandths / 1000).\(String(thousandths % 1000).leftPadded(to: 3))"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
