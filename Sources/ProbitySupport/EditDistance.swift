/// The Levenshtein distance between two strings: the fewest single-scalar
/// insertions, deletions and substitutions that turn `a` into `b`.
///
/// Strings are compared as Unicode scalars, so `é` written as one scalar
/// is one edit away from `e`. Uses two rows of the usual dynamic
/// programming table: O(|a|·|b|) time, O(|b|) space.
public func editDistance(_ a: String, _ b: String) -> Int {
    let source = Array(a.unicodeScalars)
    let target = Array(b.unicodeScalars)
    if source.isEmpty { return target.count }
    if target.isEmpty { return source.count }

    // previous[j] is the distance from the first i-1 scalars of `source`
    // to the first j scalars of `target`; current is the row for i.
    var previous = Array(0...target.count)
    var current = [Int](repeating: 0, count: target.count + 1)
    for i in 1...source.count {
        current[0] = i
        for j in 1...target.count {
            let substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[target.count]
}

/// The candidate nearest to `name`, for "did you mean `lcp-board`?"
/// suggestions, or `nil` if none is near enough to be a plausible typo.
///
/// A candidate qualifies when its edit distance from `name` is at most
/// `max(1, (n + 1) / 3)`, where `n` is the number of Unicode scalars in `name`:
/// about one slip per three characters, so a five-letter name may have a
/// transposition (`valeu` for `value`, two edits). The nearest qualifying candidate
/// wins; ties go to the lexicographically smallest, so suggestions do not
/// depend on the order candidates are listed in. A candidate equal to
/// `name` is at distance zero and is returned; callers ask only after a
/// lookup has failed.
public func closestMatch(to name: String, among candidates: some Sequence<String>) -> String? {
    let limit = max(1, (name.unicodeScalars.count + 1) / 3)
    let nameLength = name.unicodeScalars.count
    var best: (candidate: String, distance: Int)? = nil
    for candidate in candidates {
        // The distance is at least the difference in length, so most
        // candidates are dismissed without filling a table.
        guard abs(candidate.unicodeScalars.count - nameLength) <= limit else { continue }
        let distance = editDistance(name, candidate)
        guard distance <= limit else { continue }
        if let current = best {
            if distance < current.distance || (distance == current.distance && candidate < current.candidate) {
                best = (candidate, distance)
            }
        } else {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
