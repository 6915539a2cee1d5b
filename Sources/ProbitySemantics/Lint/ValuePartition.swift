/// The cells one axis of the decision space is cut into: the coarsest split that every set a
/// rule tests on the axis is a union of. Money, dates and numbers are cut at the rules' own
/// bounds (`value <= £250k` cuts after 25,000,000 pence), every enumeration value (and body,
/// organisation, mentioned string, atom truth) is a cell of its own, and an optional field has
/// one more cell, "not given", last. A decision diagram branches on cells, never on values, so its
/// size depends on how many distinct bounds the rules use, not on how wide the amounts are.
public struct ValuePartition: Sendable {
    /// The cells in order: intervals of the axis, then "not given" if the field may be left out.
    public private(set) var cells: [IntervalSet]
    /// The first value of each interval cell (sorted), for finding the cell of a value.
    private var starts: [Int64]

    public var count: Int { cells.count }
    /// Whether the last cell is "not given".
    public var hasMissingCell: Bool { cells.last?.missing ?? false }

    /// Cuts `domain` so that every set in `tested` is a union of cells. For `isOrdered` axes the
    /// cuts are the sets' interval ends; otherwise every value is a cell.
    public init(domain: ClosedRange<Int64>, canBeMissing: Bool, isOrdered: Bool, tested: [IntervalSet]) {
        var starts: [Int64]
        if isOrdered {
            var cuts: Set<Int64> = [domain.lowerBound]
            for set in tested {
                for r in set.intervals {
                    if r.lowerBound > domain.lowerBound, r.lowerBound <= domain.upperBound { cuts.insert(r.lowerBound) }
                    if r.upperBound < domain.upperBound, r.upperBound >= domain.lowerBound { cuts.insert(r.upperBound + 1) }
                }
            }
            starts = cuts.sorted()
        } else {
            starts = Array(domain)
        }
        var cells: [IntervalSet] = []
        cells.reserveCapacity(starts.count + 1)
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] - 1 : domain.upperBound
            cells.append(IntervalSet(start...end))
        }
        if canBeMissing { cells.append(.onlyMissing) }
        self.cells = cells
        self.starts = starts
    }

    /// The cell holding `value` (which must lie in the domain).
    public func cell(of value: Int64) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= value { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Which cells `set` meets. The sets lint builds are unions of cells, so meeting a cell is
    /// holding all of it.
    public func cells(meeting set: IntervalSet) -> [Bool] {
        var chosen = [Bool](repeating: false, count: cells.count)
        let intervalCells = starts.count
        for r in set.intervals {
            guard r.upperBound >= starts[0] else { continue }
            var i = cell(of: max(r.lowerBound, starts[0]))
            while i < intervalCells, starts[i] <= r.upperBound {
                chosen[i] = true
                i += 1
            }
        }
        if set.missing, hasMissingCell { chosen[cells.count - 1] = true }
        return chosen
    }

    /// The cells `set` meets, as sorted runs of cell numbers, found by binary search: an axis
    /// cut into thousands of cells costs a few steps per interval of the set.
    public func cellRanges(meeting set: IntervalSet) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        func add(_ r: ClosedRange<Int>) {
            if let last = out.last, last.upperBound + 1 >= r.lowerBound {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        for r in set.intervals where r.upperBound >= starts[0] {
            add(cell(of: max(r.lowerBound, starts[0]))...cell(of: r.upperBound))
        }
        if set.missing, hasMissingCell { add((cells.count - 1)...(cells.count - 1)) }
        return out
    }

    /// The union of runs of cells as a set of values.
    public func set(ofRanges ranges: [ClosedRange<Int>]) -> IntervalSet {
        let intervalCells = starts.count
        var intervals: [ClosedRange<Int64>] = []
        var missing = false
        for r in ranges {
            if r.upperBound >= intervalCells { missing = true }
            let last = min(r.upperBound, intervalCells - 1)
            guard r.lowerBound <= last else { continue }
            intervals.append(cells[r.lowerBound].intervals[0].lowerBound...cells[last].intervals[0].upperBound)
        }
        return IntervalSet(intervals, missing: missing)
    }

    /// The union of the chosen cells as a set of values.
    public func set(of chosen: [Bool]) -> IntervalSet {
        var intervals: [ClosedRange<Int64>] = []
        var missing = false
        for (i, isChosen) in chosen.enumerated() where isChosen {
            if cells[i].missing { missing = true } else { intervals.append(contentsOf: cells[i].intervals) }
        }
        return IntervalSet(intervals, missing: missing)
    }
}
