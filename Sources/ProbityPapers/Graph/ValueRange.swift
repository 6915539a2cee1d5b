import ProbitySemantics

/// A range of money on the ladder's axis: nil bounds are open (no lower limit, no upper limit).
public struct ValueRange: Sendable, Equatable {
    public var lower: Bound?
    public var upper: Bound?

    public static let everything = ValueRange(lower: nil, upper: nil)

    public init(lower: Bound?, upper: Bound?) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether no value lies in the range (money is whole pence).
    public var isEmpty: Bool {
        guard let lower, let upper else { return false }
        let low = lower.isClosed ? lower.value : lower.value.addingReportingOverflow(1).partialValue
        let high = upper.isClosed ? upper.value : upper.value.subtractingReportingOverflow(1).partialValue
        if !lower.isClosed && lower.value == .max { return true }
        if !upper.isClosed && upper.value == .min { return true }
        return low > high
    }

    public func intersection(_ other: ValueRange) -> ValueRange {
        ValueRange(lower: Self.tighterLower(lower, other.lower), upper: Self.tighterUpper(upper, other.upper))
    }

    static func tighterLower(_ a: Bound?, _ b: Bound?) -> Bound? {
        guard let a else { return b }
        guard let b else { return a }
        if a.value != b.value { return a.value > b.value ? a : b }
        return Bound(value: a.value, isClosed: a.isClosed && b.isClosed)
    }

    static func tighterUpper(_ a: Bound?, _ b: Bound?) -> Bound? {
        guard let a else { return b }
        guard let b else { return a }
        if a.value != b.value { return a.value < b.value ? a : b }
        return Bound(value: a.value, isClosed: a.isClosed && b.isClosed)
    }

    /// The values not in the range, as up to two ranges.
    public var complement: [ValueRange] {
        var out: [ValueRange] = []
        if let lower { out.append(ValueRange(lower: nil, upper: Bound(value: lower.value, isClosed: !lower.isClosed))) }
        if let upper { out.append(ValueRange(lower: Bound(value: upper.value, isClosed: !upper.isClosed), upper: nil)) }
        return out
    }

    /// The parts of `ranges`' complement: what none of them covers, in ascending order.
    public static func uncovered(by ranges: [ValueRange]) -> [ValueRange] {
        var remaining: [ValueRange] = [.everything]
        for range in ranges where !range.isEmpty {
            remaining = remaining.flatMap { part in
                range.complement.map { part.intersection($0) }.filter { !$0.isEmpty }
            }
        }
        return remaining.sorted { ($0.lower?.value ?? .min) < ($1.lower?.value ?? .min) }
    }

    /// `£250k < value ≤ £1m`, `value > £1m`, `any value`.
    public func describe(field: String) -> String {
        switch (lower, upper) {
        case (nil, nil): return "any \(field)"
        case (let lower?, nil): return "\(field) \(lower.isClosed ? "≥" : ">") \(MoneyText.short(lower.value))"
        case (nil, let upper?): return "\(field) \(upper.isClosed ? "≤" : "<") \(MoneyText.short(upper.value))"
        case (let lower?, let upper?):
            if lower.value == upper.value { return "\(field) = \(MoneyText.short(lower.value))" }
            return "\(MoneyText.short(lower.value)) \(lower.isClosed ? "≤" : "<") \(field) \(upper.isClosed ? "≤" : "<") \(MoneyText.short(upper.value))"
        }
    }
}

/// Money for axes and labels.
enum MoneyText {
    /// `£250k`, `£1m`, `£1.5m`, `£663,540`, `£99.50`.
    static func short(_ pence: Int64) -> String {
        let sign = pence < 0 ? "-" : ""
        let magnitude = pence.magnitude
        if magnitude % 100 != 0 { return sign + "£\(grouped(magnitude / 100)).\(String(magnitude % 100).leftPadded(to: 2))" }
        let pounds = magnitude / 100
        if pounds >= 1_000_000 && pounds % 1_000 == 0 { return sign + "£" + decimal(pounds, 1_000_000) + "m" }
        if pounds >= 1_000 && pounds % 1_000 == 0 && pounds < 1_000_000 { return sign + "£\(pounds / 1_000)k" }
        return sign + "£" + grouped(pounds)
    }

    /// `unit`-sized whole and up to three decimals: 1,500,000 / 1,000,000 → `1.5`.
    private static func decimal(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        var fraction = String((value % unit) * 1000 / unit).leftPadded(to: 3)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? grouped(whole) : "\(grouped(whole)).\(fraction)"
    }

    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
