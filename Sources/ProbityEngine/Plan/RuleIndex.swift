import ProbitySemantics

/// Narrows the rules worth evaluating for a decision, so the cost per decision grows with the
/// number of rules that could apply, not with the size of the scheme.
///
/// Rules are bucketed by the enumeration field that most rules test for equality (in practice
/// `kind`), and within a bucket by the interval they require of the ordered field that most
/// rules bound (in practice `value`). Both are pre-filters only: every candidate's whole
/// condition is still evaluated.
struct RuleIndex: Sendable {
    /// A bucket's rules, split by the interval each requires of ``RuleIndex/rangeField``, as
    /// built; the index keeps it packed (``PackedBucket``).
    struct Bucket: Sendable {
        /// Rules that do not bound the range field: always candidates.
        var unbounded: [Int32] = []
        /// Rules that do, for decisions that leave the range field out.
        var bounded: [Int32] = []
        /// Segment `i + 1` starts at `starts[i]`; segment 0 is everything below `starts[0]`.
        var starts: [Int64] = []
        var segments: [[Int32]] = [[]]
        /// For a bucket not split by range (its bounds would make too many segments): its
        /// bounded rules by lower bound and by upper bound, so near misses can still be walked
        /// outwards from the value (see ``RuleIndex/forEachNearRuleOfOwnKey(_:isBandRanked:_:)``).
        var byLower: [Int32] = []
        var byUpper: [Int32] = []
        /// The widest of those rules' intervals (upper bound less lower).
        var widest: UInt64 = 0
    }

    /// A bucket as the index keeps it: positions in the index's shared arrays, so reading a
    /// bucket reads a few neighbouring cache lines and retains nothing. (Kept as arrays of arrays,
    /// every list and segment was an allocation of its own: with ten times the kinds, a line
    /// missed the cache on each of them, and retained and released each on both threads.)
    struct PackedBucket: Sendable {
        /// Its rules that do not bound the range field, in ``RuleIndex/members``.
        var unbounded: Range<Int32>
        /// Its rules that do, in ``RuleIndex/members``.
        var bounded: Range<Int32>
        /// Its segments' start points, in ``RuleIndex/points``: segment `i + 1` starts at the
        /// `i`th; segment 0 is everything below the first.
        var points: Range<Int32>
        /// Segment `s`'s rules are `members[edges[edgesStart + s] ..< edges[edgesStart + s + 1]]`.
        var edgesStart: Int32
        /// A bucket not split by range: its bounded rules by lower bound and by upper bound, in
        /// ``RuleIndex/members`` (empty for a bucket that is split).
        var byLower: Range<Int32> = 0 ..< 0
        var byUpper: Range<Int32> = 0 ..< 0
        /// The widest interval among them: a rule starting further below the value than this
        /// ends below it too.
        var widest: UInt64 = 0

        static let empty = PackedBucket(unbounded: 0 ..< 0, bounded: 0 ..< 0, points: 0 ..< 0, edgesStart: 0)
    }

    /// A kind's rules split once more, by the organisation they name (`supplier = org-0042`), for
    /// decisions that give the organisation field: a rule naming another organisation cannot
    /// fire (its test is false, not unknown), so a line evaluates the rules naming its own
    /// organisation and those naming none, not every supplier's. (500 rules of one kind that
    /// differ only by supplier were all evaluated on every line of that kind.)
    struct OrganisationSplit: Sendable {
        /// The kind's rules that name no organisation.
        var unnamed: PackedBucket
        /// The rules naming organisation `o` are ``RuleIndex/namedBuckets``[`namedSlots[slotsStart + o]`]
        /// for `o < slotsCount` when that slot is not -1; no rule names any other.
        var slotsStart: Int32
        var slotsCount: Int32
    }

    /// The enumeration field rules are bucketed by, if any.
    var keyField: Int?
    /// The ordered field bounded within buckets, if any.
    var rangeField: Int?
    /// One bucket per value of the key field, holding the rules restricted to that value.
    var buckets: [PackedBucket] = []
    /// The rules not restricted to any value of the key field: candidates for every decision
    /// that has it. Kept once, not copied into every bucket, which made the index grow as
    /// values × unrestricted rules.
    var unkeyedBucket = PackedBucket.empty
    /// For decisions without the key field (or with no key field at all): every rule.
    var fallback = PackedBucket.empty
    /// The organisation field rules of one kind are split by (the one most tested for one
    /// organisation), if any; see ``OrganisationSplit``.
    var organisationField: Int?
    /// Per value of the key field: its split by organisation in ``organisationSplits``, or -1
    /// when none of its rules names one (then ``buckets`` alone serves it).
    var organisationSplitOfKey: [Int32] = []
    var organisationSplits: [OrganisationSplit] = []
    /// Every split's slots, one split after another: an index in ``namedBuckets`` or -1.
    var namedSlots: [Int32] = []
    var namedBuckets: [PackedBucket] = []
    /// Every bucket's rule lists and segments, one after another.
    var members: [Int32] = []
    /// Every bucket's segment start points, one bucket after another.
    var points: [Int64] = []
    /// Every bucket's segment boundaries in ``members``, one bucket after another.
    var edges: [Int32] = []
    /// Per rule: the closed interval it requires of the range field (`Int64.min ... Int64.max`
    /// when it bounds none), so a walk over the bands meets each rule once, in its nearest band.
    var lowerBounds: [Int64] = []
    var upperBounds: [Int64] = []

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
            // By index, each rule's condition read in place: `for rule in rules` copied each
            // rule whole (item 38), as the loops below would.
            for index in rules.indices {
                if let ordinals = RuleIndex.keyValues(in: rules[index].condition, field: key) {
                    for ordinal in ordinals where ordinal >= 0 && ordinal < values.count { keyedRules[ordinal].append(Int32(index)) }
                } else {
                    unkeyed.append(Int32(index))
                }
            }
        }
        for rulesOfKey in keyedRules { buckets.append(pack(makeBucket(rulesOfKey, rules))) }
        if keyField != nil {
            organisationField = RuleIndex.mostTested(rules, fields) { field, conjunct in
                fields[field].type == .organisation && RuleIndex.keyValues(of: conjunct, field: field) != nil
            }
        }
        for rulesOfKey in keyedRules {
            organisationSplitOfKey.append(organisationField.flatMap { split(rulesOfKey, rules, by: $0) } ?? -1)
        }
        unkeyedBucket = pack(makeBucket(unkeyed, rules))
        fallback = pack(makeBucket(rules.indices.map(Int32.init), rules))
        for rule in rules.indices {
            let bounds = rangeField.flatMap { RuleIndex.interval(in: rules[rule].condition, field: $0) } ?? (.min, .max)
            lowerBounds.append(bounds.0)
            upperBounds.append(bounds.1)
        }
    }

    /// Splits one kind's rules by the organisation each names (see ``OrganisationSplit``) and
    /// says where the split is, or nil when none of them names one.
    private mutating func split(_ rulesOfKey: [Int32], _ rules: [Rule], by field: Int) -> Int32? {
        var unnamed: [Int32] = []
        var named: [Int: [Int32]] = [:]
        for rule in rulesOfKey {
            if let organisations = RuleIndex.keyValues(in: rules[Int(rule)].condition, field: field) {
                // A rule naming several (`supplier in {…}`) is filed under each; a line has one.
                for organisation in organisations where organisation >= 0 { named[organisation, default: []].append(rule) }
            } else {
                unnamed.append(rule)
            }
        }
        guard let largest = named.keys.max() else { return nil }
        let split = OrganisationSplit(unnamed: pack(makeBucket(unnamed, rules)), slotsStart: Int32(namedSlots.count), slotsCount: Int32(largest + 1))
        var slots = [Int32](repeating: -1, count: largest + 1)
        for (organisation, rulesNaming) in named.sorted(by: { $0.key < $1.key }) {
            slots[organisation] = Int32(namedBuckets.count)
            namedBuckets.append(pack(makeBucket(rulesNaming, rules)))
        }
        namedSlots += slots
        organisationSplits.append(split)
        return Int32(organisationSplits.count - 1)
    }

    /// Appends `bucket`'s lists to the shared arrays and says where they are.
    private mutating func pack(_ bucket: Bucket) -> PackedBucket {
        func append(_ list: [Int32]) -> Range<Int32> {
            let start = Int32(members.count)
            members += list
            return start ..< Int32(members.count)
        }
        let unbounded = append(bucket.unbounded), bounded = append(bucket.bounded)
        let firstPoint = Int32(points.count)
        points += bucket.starts
        let edgesStart = Int32(edges.count)
        for segment in bucket.segments {
            edges.append(Int32(members.count))
            members += segment
        }
        edges.append(Int32(members.count))
        let byLower = append(bucket.byLower), byUpper = append(bucket.byUpper)
        return PackedBucket(unbounded: unbounded, bounded: bounded, points: firstPoint ..< Int32(points.count), edgesStart: edgesStart,
                            byLower: byLower, byUpper: byUpper, widest: bucket.widest)
    }

    /// The index of `bucket`'s segment holding `value`.
    private func segmentIndex(_ bucket: PackedBucket, containing value: Int64) -> Int {
        let first = Int(bucket.points.lowerBound)
        var low = 0, high = bucket.points.count
        while low < high {
            let mid = (low + high) / 2
            if points[first + mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Segment `segment` of `bucket`: its rules' positions in ``members``.
    private func segment(_ segment: Int, of bucket: PackedBucket) -> Range<Int> {
        let edge = Int(bucket.edgesStart) + segment
        return Int(edges[edge]) ..< Int(edges[edge + 1])
    }

    /// The `i`th start point of `bucket`'s segments.
    private func point(_ i: Int, of bucket: PackedBucket) -> Int64 {
        points[Int(bucket.points.lowerBound) + i]
    }

    /// The rules that could fire for a decision: up to six runs of ``members``, each in rule
    /// order: its kind's (naming no organisation, when the kind is split by organisation), those
    /// naming its organisation, and those restricted to no kind.
    struct Candidates {
        var lists: (unbounded: Range<Int>, bounded: Range<Int>, namedUnbounded: Range<Int>, namedBounded: Range<Int>,
                    unkeyedUnbounded: Range<Int>, unkeyedBounded: Range<Int>)
    }

    /// The rules that could fire for a decision, in rule order within each list.
    ///
    /// A bucket is a handful of ranges into the index's shared arrays, so taking one out retains
    /// nothing: copying a bucket of arrays retained (and released) them, which every worker of a
    /// batch shares, on every line.
    func candidates(for decision: Decision) -> Candidates {
        var bucket = fallback
        var named = PackedBucket.empty
        var keyed = false
        if let key = keyField, decision.isPresent[key] {
            let ordinal = Int(decision.scalars[key])
            if ordinal >= 0, ordinal < buckets.count {
                bucket = buckets[ordinal]
                keyed = true
                // Without the organisation field a rule naming one is undecided, not false: the
                // whole kind is read then.
                if organisationSplitOfKey[ordinal] >= 0, let field = organisationField, decision.isPresent[field] {
                    let split = organisationSplits[Int(organisationSplitOfKey[ordinal])]
                    bucket = split.unnamed
                    let organisation = decision.scalars[field]
                    if organisation >= 0, organisation < Int64(split.slotsCount) {
                        let slot = namedSlots[Int(split.slotsStart) + Int(organisation)]
                        if slot >= 0 { named = namedBuckets[Int(slot)] }
                    }
                }
            }
        }
        let other = keyed ? unkeyedBucket : PackedBucket.empty
        guard let range = rangeField, decision.isPresent[range] else {
            return Candidates(lists: (bucket.unbounded.positions, bucket.bounded.positions, named.unbounded.positions, named.bounded.positions,
                                      other.unbounded.positions, other.bounded.positions))
        }
        let value = decision.scalars[range]
        let own = segment(segmentIndex(bucket, containing: value), of: bucket)
        let ownNamed = named.bounded.isEmpty ? 0 ..< 0 : segment(segmentIndex(named, containing: value), of: named)
        let unkeyed = keyed ? segment(segmentIndex(other, containing: value), of: other) : 0 ..< 0
        return Candidates(lists: (bucket.unbounded.positions, own, named.unbounded.positions, ownNamed, other.unbounded.positions, unkeyed))
    }

    /// Visits the rules of the decision's own value of the key field (its bucket, bounded or not)
    /// and every rule restricted to no value of it, in no particular order: any other rule tests
    /// the key field for another value, so it fails for this decision. A rule ranked by its band
    /// (`isBandRanked[rule]`, see ``NearRuleVisitor``) only while it could still rank: the bands
    /// around the decision's value are walked outwards, nearest first, and the walk stops once
    /// the visitor says nothing as far from the value as the next band can count. So a
    /// `no-authority` line reads the few bands next to its value, not every rule of its kind.
    /// False, visiting nothing, when the decision has no value of the key field to look up.
    func forEachNearRuleOfOwnKey<Visitor: NearRuleVisitor>(_ decision: Decision, isBandRanked: [Bool], _ visitor: inout Visitor) -> Bool {
        guard let key = keyField, decision.isPresent[key] else { return false }
        let ordinal = Int(decision.scalars[key])
        guard ordinal >= 0, ordinal < buckets.count else { return false }
        let bucket = buckets[ordinal]
        for position in unkeyedBucket.unbounded.positions { visitor.visit(Int(members[position])) }
        for position in unkeyedBucket.bounded.positions { visitor.visit(Int(members[position])) }
        for position in bucket.unbounded.positions { visitor.visit(Int(members[position])) }
        guard let range = rangeField, decision.isPresent[range], !bucket.points.isEmpty || !bucket.byLower.isEmpty else {
            for position in bucket.bounded.positions { visitor.visit(Int(members[position])) }
            return true
        }
        if bucket.points.isEmpty {
            walkOutwards(bucket, from: decision.scalars[range], isBandRanked: isBandRanked, &visitor)
            return true
        }
        // A rule whose nearness its band does not bound is scored whatever its band.
        for position in bucket.bounded.positions where !isBandRanked[Int(members[position])] { visitor.visit(Int(members[position])) }
        let value = decision.scalars[range]
        let count = bucket.points.count
        let own = segmentIndex(bucket, containing: value)
        for position in segment(own, of: bucket) where isBandRanked[Int(members[position])] { visitor.visit(Int(members[position])) }
        // Segment s holds [point(s - 1), point(s) - 1]; a rule sits in a run of neighbouring
        // segments, so walking outwards meets it first in the segment nearest the value, where
        // its distance from the value is the segment's. It is visited there only.
        var below = own - 1, above = own + 1
        while below >= 0 || above <= count {
            if below >= 0, point(below, of: bucket) == .min { below -= 1; continue } // empty: it ends below Int64.min
            let belowDistance = below >= 0 ? RuleIndex.span(value, point(below, of: bucket) - 1) : .max
            let aboveDistance = above <= count ? RuleIndex.span(point(above - 1, of: bucket), value) : .max
            if belowDistance <= aboveDistance {
                if visitor.isDone(beyond: belowDistance) { break }
                let end = point(below, of: bucket)
                for position in segment(below, of: bucket) {
                    let rule = Int(members[position])
                    if upperBounds[rule] < end && isBandRanked[rule] { visitor.visit(rule) }
                }
                below -= 1
            } else {
                if visitor.isDone(beyond: aboveDistance) { break }
                let start = point(above - 1, of: bucket)
                for position in segment(above, of: bucket) {
                    let rule = Int(members[position])
                    if lowerBounds[rule] >= start && isBandRanked[rule] { visitor.visit(rule) }
                }
                above += 1
            }
        }
        return true
    }

    /// The walk of ``forEachNearRuleOfOwnKey(_:isBandRanked:_:)`` for a bucket not split by range:
    /// every rule whose interval holds the value, then the rest nearest first, from its rules by
    /// lower bound (those above the value) and by upper bound (those below), stopping as the
    /// walk over the segments does. Rules with many overlapping bounds (one band per supplier)
    /// are too many segments to split, but a line still scores only the bands next to its value.
    private func walkOutwards<Visitor: NearRuleVisitor>(_ bucket: PackedBucket, from value: Int64, isBandRanked: [Bool], _ visitor: inout Visitor) {
        for position in bucket.bounded.positions where !isBandRanked[Int(members[position])] { visitor.visit(Int(members[position])) }
        let byLower = bucket.byLower.positions, byUpper = bucket.byUpper.positions
        // The first rule by lower bound starting above the value, and by upper bound ending at or above it.
        var low = byLower.lowerBound, high = byLower.upperBound
        while low < high {
            let mid = (low + high) / 2
            if lowerBounds[Int(members[mid])] <= value { low = mid + 1 } else { high = mid }
        }
        var above = low
        // Those starting at or below the value, nearest first, as far down as the widest
        // interval reaches: 5,000 bands of one kind cost the few that hold the value.
        var position = above - 1
        while position >= byLower.lowerBound {
            let rule = Int(members[position])
            if RuleIndex.span(value, lowerBounds[rule]) > bucket.widest { break }
            if upperBounds[rule] >= value && isBandRanked[rule] { visitor.visit(rule) }
            position -= 1
        }
        low = byUpper.lowerBound
        high = byUpper.upperBound
        while low < high {
            let mid = (low + high) / 2
            if upperBounds[Int(members[mid])] < value { low = mid + 1 } else { high = mid }
        }
        var below = low - 1
        while below >= byUpper.lowerBound || above < byLower.upperBound {
            let belowDistance = below >= byUpper.lowerBound ? RuleIndex.span(value, upperBounds[Int(members[below])]) : .max
            let aboveDistance = above < byLower.upperBound ? RuleIndex.span(lowerBounds[Int(members[above])], value) : .max
            let rule: Int
            if belowDistance <= aboveDistance {
                if visitor.isDone(beyond: belowDistance) { break }
                rule = Int(members[below])
                below -= 1
            } else {
                if visitor.isDone(beyond: aboveDistance) { break }
                rule = Int(members[above])
                above += 1
            }
            if isBandRanked[rule] { visitor.visit(rule) }
        }
    }

    /// |a − b|, which always fits in 64 unsigned bits; wrapping arithmetic cannot trap here.
    static func span(_ a: Int64, _ b: Int64) -> UInt64 {
        a >= b ? UInt64(bitPattern: a &- b) : UInt64(bitPattern: b &- a)
    }

    /// Whether `conjunct` bounds the range field (so the index files its rule by it).
    func boundsRangeField(_ conjunct: Condition) -> Bool {
        guard let range = rangeField else { return false }
        return RuleIndex.interval(of: conjunct, field: range) != nil
    }

    private func makeBucket(_ members: [Int32], _ rules: [Rule]) -> Bucket {
        var bucket = Bucket()
        var intervals: [(rule: Int32, lower: Int64, upper: Int64)] = []
        for rule in members {
            if let field = rangeField, let (lower, upper) = RuleIndex.interval(in: rules[Int(rule)].condition, field: field) {
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
        // The budget is 32 entries a rule: at 8, ten interleaved copies of a kind's ten bands
        // with an open-ended rule each (`value >= £1.5m`; about 23 entries a rule) were not
        // split, so every line evaluated and scored all 110 rules of its kind.
        var entries = 0
        for interval in intervals {
            let first = interval.lower == .min ? 0 : RuleIndex.firstIndex(of: interval.lower, in: starts) + 1
            let last = interval.upper == .max ? starts.count : RuleIndex.firstIndex(of: interval.upper + 1, in: starts)
            entries += max(0, last - first + 1)
        }
        if entries > 32 * intervals.count + 1024 {
            // One segment of every bounded rule: the same candidates as no split at all.
            return Bucket(unbounded: bucket.unbounded, bounded: bucket.bounded, starts: [], segments: [bucket.bounded],
                          byLower: intervals.sorted { ($0.lower, $0.rule) < ($1.lower, $1.rule) }.map(\.rule),
                          byUpper: intervals.sorted { ($0.upper, $0.rule) < ($1.upper, $1.rule) }.map(\.rule),
                          widest: intervals.map { $0.lower <= $0.upper ? RuleIndex.span($0.upper, $0.lower) : 0 }.max() ?? 0)
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
    /// Ties go to the first field. Counted in arrays by field, each rule's fields marked with
    /// its number: a set of fields per rule and per conjunct was 27 M instructions at 2,200 rules.
    private static func mostTested(_ rules: [Rule], _ fields: [Field], qualifies: (Int, Condition) -> Bool) -> Int? {
        var counts = [Int](repeating: 0, count: fields.count)
        var countedFor = [Int](repeating: -1, count: fields.count)
        for number in rules.indices {
            guard let condition = rules[number].condition else { continue }
            for conjunct in condition.conjuncts {
                conjunct.forEachFieldRead { field in
                    guard countedFor[field] != number, qualifies(field, conjunct) else { return }
                    countedFor[field] = number
                    counts[field] += 1
                }
            }
        }
        var best: Int?
        for field in counts.indices where counts[field] > 0 && counts[field] > (best.map { counts[$0] } ?? 0) { best = field }
        return best
    }

    /// The key-field values a rule with `condition` is restricted to, or nil if it is not
    /// restricted. Given the condition, not the rule: passing `rules[i]` copied the rule whole,
    /// retaining every field (docs/performance.md, item 38).
    static func keyValues(in condition: Condition?, field: Int) -> [Int]? {
        guard let condition else { return nil }
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

    /// The closed interval a rule with `condition` requires of `field`, or nil if it does not
    /// bound it.
    static func interval(in condition: Condition?, field: Int) -> (Int64, Int64)? {
        guard let condition else { return nil }
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

/// What walks the rule index's bands around a decision's value for its nearest rules
/// (``RuleIndex/forEachNearRuleOfOwnKey(_:isBandRanked:_:)``) asks of the one ranking them.
///
/// A rule is band-ranked when its rank can only get worse the further its band lies from the
/// value: its distance from meeting its conditions is at least its band's distance from the
/// value, less one (a bound written `<` or `(` lies one unit outside its band). The ranker says
/// which rules are (a table, read in place: a call per rule cost more than the test itself).
package protocol NearRuleVisitor {
    /// Whether no band-ranked rule whose band lies `distance` or more from the value could
    /// rank among the nearest.
    func isDone(beyond distance: UInt64) -> Bool
    mutating func visit(_ rule: Int)
}

extension Range<Int32> {
    /// The same positions as `Int`s, for indexing.
    var positions: Range<Int> { Int(lowerBound) ..< Int(upperBound) }
}
