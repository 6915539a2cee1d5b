/// The pairs of rules whose bounding boxes meet, without comparing every pair: overlaps and
/// shadows can only be between such rules, and in a scheme of thousands of rules most pairs are
/// far apart (another kind, another value band).
extension DecisionSpace {
    /// Pairs `(a, b)`, `a < b`, of the given analysed rules whose ``RuleRegion/bounds`` meet, in
    /// order. Rules are first grouped by the cells of the top level they reach (normally the
    /// kind), then swept along the amount or date axis with the most cells: a pair is compared
    /// only when their ranges on it meet.
    public func rulePairsWithMeetingBounds(_ rules: [Int]) -> [(Int, Int)] {
        let bounded = rules.filter { regions[$0].bounds != nil }
        guard bounded.count > 1, !dimensionOfLevel.isEmpty else { return [] }
        let top = dimensionOfLevel[0]
        let sweep = dimensions.indices.filter { dimensions[$0].isOrdered }.max { partitions[$0].count < partitions[$1].count }
        var groups: [Int64: [Int]] = [:]
        var missingGroup: [Int] = []
        if dimensions[top].isOrdered {
            // No category to group by: one group.
            missingGroup = bounded
        } else {
            for rule in bounded {
                let set = regions[rule].bounds!.sets[top]
                for value in set.values { groups[value, default: []].append(rule) }
                if set.missing { missingGroup.append(rule) }
            }
        }
        var pairs: [(Int, Int)] = []
        var seen = Set<Int>()
        func consider(_ a: Int, _ b: Int) {
            let (x, y) = a < b ? (a, b) : (b, a)
            guard regions[x].bounds!.intersects(regions[y].bounds!) else { return }
            if seen.insert(x * regions.count + y).inserted { pairs.append((x, y)) }
        }
        for group in groups.sorted(by: { $0.key < $1.key }).map(\.value) + [missingGroup] where group.count > 1 {
            guard let sweep else {
                for (i, a) in group.enumerated() { for b in group[(i + 1)...] { consider(a, b) } }
                continue
            }
            // Along the sweep axis: each rule's hull (first to last value); rules that may also
            // leave the field out meet each other there whatever their hulls.
            var spans: [(lo: Int64, hi: Int64, rule: Int)] = []
            var withMissing: [Int] = []
            for rule in group {
                let set = regions[rule].bounds!.sets[sweep]
                if let first = set.intervals.first, let last = set.intervals.last { spans.append((first.lowerBound, last.upperBound, rule)) }
                if set.missing { withMissing.append(rule) }
            }
            spans.sort { ($0.lo, $0.rule) < ($1.lo, $1.rule) }
            for (i, span) in spans.enumerated() {
                var j = i + 1
                while j < spans.count, spans[j].lo <= span.hi {
                    consider(span.rule, spans[j].rule)
                    j += 1
                }
            }
            for (i, a) in withMissing.enumerated() { for b in withMissing[(i + 1)...] { consider(a, b) } }
        }
        return pairs.sorted { $0 < $1 }
    }
}
