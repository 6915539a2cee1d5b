import Foundation
import ProbitySupport

/// Seeds for randomised tests (random bytes, mutations, generated rules). Every such test takes
/// its generator from here, so every one is seeded and prints its seed: a failure is replayed
/// by running the test again with `PROBITY_TEST_SEED=<seed>`.
public enum TestSeed {
    /// `PROBITY_TEST_SEED` when it is set; otherwise `fixed` when given (tests that must see the
    /// same inputs on every run), or a fresh seed. The seed is printed with the test's name.
    public static func generator(_ test: String = #function, fixed: UInt64? = nil) -> (seed: UInt64, generator: SplitMix64) {
        let seed = ProcessInfo.processInfo.environment["PROBITY_TEST_SEED"].flatMap { UInt64($0) }
            ?? fixed
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(test): seed \(seed) (replay with PROBITY_TEST_SEED=\(seed))")
        return (seed, SplitMix64(seed: seed))
    }
}
