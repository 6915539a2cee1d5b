/// A small, fast, deterministic pseudo-random generator (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014). The same seed gives the same workload on every
/// machine, so two runs (or two engines) see exactly the same rules, register and decisions, and
/// a seeded test sees the same inputs when run again with its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0 ..< bound`.
    @inlinable public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// A whole number in `range`.
    @inlinable public mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A real number in `[0, 1)`.
    @inlinable public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    @inlinable public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// An index in `0 ..< count`, skewed towards the small ones (a few organisations are named
    /// far more often than the rest, as in a real contract register).
    @inlinable public mutating func skewed(_ count: Int) -> Int {
        let u = unit()
        return min(count - 1, Int(Double(count) * u * u))
    }
}
