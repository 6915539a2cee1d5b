import ProbitySemantics

/// Narrows the rules worth evaluating for a decision, so the cost per decision grows with the
/// number of rules that could apply, not with the size of the scheme.
///
/// Rules are bucketed by the enumeration field that most rules test for equality (in practice
/// `kind`), and within a bucket by the interval they require of the ordered field that most
/// rules bound (in practice `value`). Both are pre-filters only: every candidate's whole
/// condition is still evaluated.
struct RuleIndex: Sendable {
    /// A bucket's rules, split by the interval each requires of ``RuleIndex/rangeField``.
    struct Bucket: Sendable {
        /// Rules that do not bound the range field: always candidates.
        var unbounded: [Int32] = []
        /// Rules that do, for decisions that leave the range field out.
        var bounded: [Int32] = []
        /// Segment `i + 1` starts at `starts[i]`; segment 0 is everything below `starts[0]`.
        var starts: [Int64] = []
        var segments: [[Int32]] = [[]]

        /// Bounded rules whose interval contains `value`.
        func segment(containing value: Int64) -> [Int32] {
            var low = 0, high = starts.count
            while low < high {
                let mid = (low + high) / 2
                if starts[mid] <= value { low = mid + 1 } else { high = mid }
            }
            return segments[low]
        }
    }

    /// The enumeration field rules are bucketed by, if any.
    var keyField: Int?
    /// The ordered field bounded within buckets, if any.
    var rangeField: Int?
    /// One bucket per value of the key field, holding the rules restricted to that value.
    var buckets: [Bucket] = []
    /// The rules not restricted to any value of the key field: candidates for every decision
    /// that has it. Kept once, not copied into every bucket, which made the index grow as
    /// values × unrestricted rules.
    var unkeyedBucket = Bucket()
    /// For decisions without the key field (or with no key field at all): every rule.
    var fallback = Bucket()

    init(rules: [Rule], fields: [Field]) {
        keyField = RuleIndex.mostTested(rules, fields) { field, conjunct in
            guard case .enumeration = fields[field].type else { return false }
            return RuleIndex.keyValues(of: conjunct, field: field) != nil
        }
        rangeField = RuleIndex.mostTested(rules, fields) { field, conjunct in
            fields[field].type.isOrdered && RuleIndex.interval(of: conjunct, field: field) != nil
        }
        var keyedRules: [[Int32]] = []
        var unkeyed: [Int32] = []
        if let key = keyField, case .enumeration(let values) = fields[key].type {
            keyedRules = Array(repeating: [], count: values.count)
            for (index, rule) in rules.enumerated() {
                if let ordinals = RuleIndex.keyValues(in: rule, field: key) {
                    for ordinal in ordinals where ordinal >= 0 && ordinal < values.count { keyedRules[ordinal].append(Int32(index)) }
                } else {
                    unkeyed.append(Int32(index))
                }
            }
        }
        buckets = keyedRules.map { makeBucket($0, rules) }
        unkeyedBucket = makeBucket(unkeyed, rules)
        fallback = makeBucket(rules.indices.map(Int32.init), rules)
    }

    /// The rules that could fire for a decision: up to four lists, each in rule order.
    struct Candidates {
        var lists: (unbounded: [Int32], bounded: [Int32], unkeyedUnbounded: [Int32], unkeyedBounded: [Int32])
    }

    /// The rules that could fire for a decision, in rule order within each list.
    ///
    /// Each list is read where it lies in its bucket: copying a whole bucket out first retained
    /// (and released) its four arrays, which every worker of a batch shares, on every line.
    func candidates(for decision: Decision) -> Candidates {
        let value = rangeField.flatMap { decision.isPresent[$0] ? decision.scalars[$0] : nil }
        if let key = keyField, decision.isPresent[key] {
            let ordinal = Int(decision.scalars[key])
            if ordinal >= 0, ordinal < buckets.count {
                guard let value else {
                    return Candidates(lists: (buckets[ordinal].unbounded, buckets[ordinal].bounded, unkeyedBucket.unbounded, unkeyedBucket.bounded))
                }
                return Candidates(lists: (buckets[ordinal].unbounded, buckets[ordinal].segment(containing: value),
                                          unkeyedBucket.unbounded, unkeyedBucket.segment(containing: value)))
            }
        }
        guard let value else { return Candidates(lists: (fallback.unbounded, fallback.bounded, [], [])) }
        return Candidates(lists: (fallback.unbounded, fallback.segment(containing: value), [], []))
    }

    /// Calls `body` with every rule of the decision's own value of the key field (its bucket,
    /// bounded or not) and every rule restricted to no value of it, in no particular order.
    /// Any other rule tests the key field for another value, so it fails for this decision.
    /// False, calling nothing, when the decision has no value of the key field to look up.
    func forEachRuleOfOwnKey(_ decision: Decision, _ body: (Int) -> Void) -> Bool {
        guard let key = keyField, decision.isPresent[key] else { return false }
        let ordinal = Int(decision.scalars[key])
        guard ordinal >= 0, ordinal < buckets.count else { return false }
        // Four loops, not one over an array of the four lists: that array was allocated (and each
        // list retained) on every `no-authority` line.
        for rule in buckets[ordinal].unbounded { body(Int(rule)) }
        for rule in buckets[ordinal].bounded { body(Int(rule)) }
        for rule in unkeyedBucket.unbounded { body(Int(rule)) }
        for rule in unkeyedBucket.bounded { body(Int(rule)) }
        return true
    }

    private func makeBucket(_ members: [Int32], _ rules: [Rule]) -> Bucket {
        var bucket = Bucket()
        var intervals: [(rule: Int32, lower: Int64, upper: Int64)] = []
        for rule in members {
            if let field = rangeField, let (lower, upper) = RuleIndex.interval(in: rules[Int(rule)], field: field) {
                intervals.append((rule, lower, upper))
                bucket.bounded.append(rule)
            } else {
                bucket.unbounded.append(rule)
            }
        }
        var points = Set<Int64>()
        for interval in intervals {
            points.insert(interval.lower)
            if interval.upper < .max { points.insert(interval.upper + 1) }
        }
        let starts = points.sorted()
        // Rules whose intervals overlap many others' bounds would each sit in many segments
        // (rules × bounds entries): past a budget linear in the rules, the bucket is not split
        // by range at all. The index is only a pre-filter, so answers are the same either way.
        var entries = 0
        for interval in intervals {
            let first = interval.lower == .min ? 0 : RuleIndex.firstIndex(of: interval.lower, in: starts) + 1
            let last = interval.upper == .max ? starts.count : RuleIndex.firstIndex(of: interval.upper + 1, in: starts)
            entries += max(0, last - first + 1)
        }
        if entries > 8 * intervals.count + 1024 {
            return Bucket(unbounded: members, bounded: [], starts: [], segments: [[]])
        }
        bucket.starts = starts
        bucket.segments = Array(repeating: [], count: bucket.starts.count + 1)
        for interval in intervals {
            // Segment s covers [starts[s-1], starts[s] - 1]; the segments inside an interval are
            // contiguous and the first begins at its lower bound (a start point), so each rule
            // costs a binary search and its own segments, not a pass over all of them: building
            // the index stays O(n log n) in the number of rules (50,000 rules load in seconds).
            var segment = interval.lower == .min ? 0 : RuleIndex.firstIndex(of: interval.lower, in: bucket.starts) + 1
            while segment <= bucket.starts.count {
                // A segment ending just below Int64.min is empty.
                if segment < bucket.starts.count, bucket.starts[segment] == .min { segment += 1; continue }
                let segmentHigh = segment == bucket.starts.count ? Int64.max : bucket.starts[segment] - 1
                guard segmentHigh <= interval.upper else { break }
                bucket.segments[segment].append(interval.rule)
                segment += 1
            }
        }
        return bucket
    }

    /// The index of the first element of sorted `starts` not below `value`.
    private static func firstIndex(of value: Int64, in starts: [Int64]) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    // MARK: - Reading conditions

    /// The field tested most often by a top-level conjunct that `qualifies`.
    private static func mostTested(_ rules: [Rule], _ fields: [Field], qualifies: (Int, Condition) -> Bool) -> Int? {
        var counts: [Int: Int] = [:]
        for rule in rules {
            guard let condition = rule.condition else { continue }
            var seen = Set<Int>()
            for conjunct in condition.conjuncts {
                for field in conjunct.fieldsRead where !seen.contains(field) && qualifies(field, conjunct) {
                    seen.insert(field)
                    counts[field, default: 0] += 1
                }
            }
        }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// The key-field values a rule is restricted to, or nil if it is not restricted.
    static func keyValues(in rule: Rule, field: Int) -> [Int]? {
        guard let condition = rule.condition else { return nil }
        var allowed: Set<Int>?
        for conjunct in condition.conjuncts {
            guard let values = keyValues(of: conjunct, field: field) else { continue }
            allowed = allowed.map { $0.intersection(values) } ?? Set(values)
        }
        return allowed.map { $0.sorted() }
    }

    static func keyValues(of conjunct: Condition, field: Int) -> [Int]? {
        switch conjunct {
        case .compare(field, .equal, .integer(let n), _):
            return [Int(n)]
        case .oneOf(field, let members, false, _):
            let ordinals = members.compactMap { if case .integer(let n) = $0 { Int(n) } else { nil } }
            return ordinals.count == members.count ? ordinals : nil
        default:
            return nil
        }
    }

    /// The closed interval a rule requires of `field`, or nil if it does not bound it.
    static func interval(in rule: Rule, field: Int) -> (Int64, Int64)? {
        guard let condition = rule.condition else { return nil }
        var result: (Int64, Int64)?
        for conjunct in condition.conjuncts {
            guard let (lower, upper) = interval(of: conjunct, field: field) else { continue }
            result = result.map { (max($0.0, lower), min($0.1, upper)) } ?? (lower, upper)
        }
        return result
    }

    static func interval(of conjunct: Condition, field: Int) -> (Int64, Int64)? {
        switch conjunct {
        case .compare(field, let op, .integer(let n), _):
            switch op {
            case .equal: return (n, n)
            case .less: return n == .min ? nil : (.min, n - 1)
            case .lessOrEqual: return (.min, n)
            case .greater: return n == .max ? nil : (n + 1, .max)
            case .greaterOrEqual: return (n, .max)
            case .notEqual: return nil
            }
        case .interval(field, let lower, let upper, false, _):
            // An empty interval is left to the full evaluation, which answers false.
            return Bound.closedRange(lower: lower, upper: upper)
        default:
            return nil
        }
    }
}
