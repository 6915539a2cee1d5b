/// A set of whole numbers as sorted, disjoint, non-adjacent closed intervals, optionally with
/// the "field not given" value. Every dimension of the decision space is one of these: money in
/// pence, days, numbers, and the ordinals of enumerations (and of bodies, organisations, the
/// strings a rule mentions, and the truth of atoms lint treats as opaque).
public struct IntervalSet: Hashable, Sendable {
    public private(set) var intervals: [ClosedRange<Int64>]
    /// Whether the set includes "the decision leaves the field out".
    public var missing: Bool

    public init(_ intervals: [ClosedRange<Int64>] = [], missing: Bool = false) {
        self.intervals = IntervalSet.normalise(intervals)
        self.missing = missing
    }

    public init(_ range: ClosedRange<Int64>, missing: Bool = false) {
        self.intervals = [range]
        self.missing = missing
    }

    public static let empty = IntervalSet()
    public static let onlyMissing = IntervalSet(missing: true)

    public var isEmpty: Bool { intervals.isEmpty && !missing }
    /// How many values (not counting "missing") the set holds, saturating.
    public var count: Int64 {
        intervals.reduce(0) { total, r in
            let (width, overflow) = r.upperBound.subtractingReportingOverflow(r.lowerBound)
            return overflow || width == .max ? .max : total.addingReportingOverflow(width + 1).overflow ? .max : total + width + 1
        }
    }

    public func contains(_ value: Int64) -> Bool { intervals.contains { $0.contains(value) } }

    public var values: [Int64] { intervals.flatMap { Array($0) } }

    static func normalise(_ input: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        guard input.count > 1 else { return input }
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<Int64>] = [sorted[0]]
        for r in sorted.dropFirst() {
            let last = out[out.count - 1]
            if last.upperBound == .max || r.lowerBound <= last.upperBound + 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    public func union(_ other: IntervalSet) -> IntervalSet {
        IntervalSet(intervals + other.intervals, missing: missing || other.missing)
    }

    public func intersection(_ other: IntervalSet) -> IntervalSet {
        var out: [ClosedRange<Int64>] = []
        var i = 0, j = 0
        while i < intervals.count, j < other.intervals.count {
            let a = intervals[i], b = other.intervals[j]
            let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
            if lo <= hi { out.append(lo...hi) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        var result = IntervalSet(missing: missing && other.missing)
        result.intervals = out
        return result
    }

    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        var out: [ClosedRange<Int64>] = []
        for a in intervals {
            var lo = a.lowerBound
            var done = false
            for b in other.intervals where b.upperBound >= lo && b.lowerBound <= a.upperBound {
                if b.lowerBound > lo { out.append(lo...(b.lowerBound - 1)) }
                if b.upperBound >= a.upperBound { done = true; break }
                lo = b.upperBound + 1
            }
            if !done { out.append(lo...a.upperBound) }
        }
        var result = IntervalSet(missing: missing && !other.missing)
        result.intervals = out
        return result
    }

    /// Whether every value is in `other` (without building the difference: lint compares the
    /// bounds of every pair of rules).
    public func isSubset(of other: IntervalSet) -> Bool {
        guard !missing || other.missing else { return false }
        var j = 0
        for a in intervals {
            while j < other.intervals.count, other.intervals[j].upperBound < a.lowerBound { j += 1 }
            guard j < other.intervals.count, other.intervals[j].lowerBound <= a.lowerBound,
                  other.intervals[j].upperBound >= a.upperBound else { return false }
        }
        return true
    }

    /// Whether the two sets share a value (or both hold "not given").
    public func intersects(_ other: IntervalSet) -> Bool {
        if missing && other.missing { return true }
        var i = 0, j = 0
        while i < intervals.count, j < other.intervals.count {
            let a = intervals[i], b = other.intervals[j]
            if a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound { return true }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return false
    }
}
