import ProbitySupport

/// Damage done to a file's bytes as a careless edit or a cut-off copy would do it, for
/// seeded tests that readers report damaged input exactly as they report it whole.
public enum ByteDamage {
    /// Makes one to `maximumEdits` edits to `bytes`, each at a random place: a byte removed, a
    /// byte of `noise` inserted, or a byte overwritten with one.
    public static func damage(_ bytes: inout [UInt8], noise: [UInt8], maximumEdits: Int, random: inout SplitMix64) {
        for _ in 0..<1 + random.below(maximumEdits) where !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(3) {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(noise[random.below(noise.count)], at: at)
            default: bytes[at] = noise[random.below(noise.count)]
            }
        }
    }
}
