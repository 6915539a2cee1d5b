/// Reading sets of decisions back out of diagrams as boxes a person can read: "contract-award,
/// budget council or pooled-s75, value above £1,000,000".
extension DecisionSpace {
    /// The decisions of `node` as few, large boxes: each box is a path of what is left uncovered
    /// (the cells leading to the same child taken together), grown in every axis as far as it
    /// stays inside `node`, in display order, so "a0 and b0 at most £1" stays one region
    /// however the other axes split it. Boxes may overlap; together they are exactly `node`.
    /// `complete` is false when more than `limit` boxes would be needed (the boxes then cover
    /// only part of the set) or the budget ran out.
    public func regions(of node: DiagramNode, limit: Int = 1_000) -> (boxes: [Box], complete: Bool) {
        var chosenBoxes: [[[Bool]?]] = []
        var remaining = node
        do {
            while remaining != DecisionDiagram.empty {
                if chosenBoxes.count >= limit { return (chosenBoxes.map(box(ofCells:)), false) }
                let grown = grow(seed(in: remaining), inside: node)
                chosenBoxes.append(grown)
                remaining = try diagram.subtracting(remaining, diagram.box(grown))
            }
        } catch {
            return (chosenBoxes.map(box(ofCells:)), false)
        }
        // A box the others cover together says nothing more.
        if chosenBoxes.count > 1, chosenBoxes.count <= 200 {
            var index = chosenBoxes.count - 1
            while index >= 0, chosenBoxes.count > 1 {
                var others = chosenBoxes
                others.remove(at: index)
                if let rest = try? diagram.union(others.map { try diagram.box($0) }),
                   diagram.contains(box: chosenBoxes[index], in: rest) {
                    chosenBoxes.remove(at: index)
                }
                index -= 1
            }
        }
        return (mergeRuns(chosenBoxes.map(box(ofCells:))), true)
    }

    /// Joins regions that differ in one axis only, where an amount or date still reads as one
    /// run or as the two ends of the axis ("until 2021-07-28 or from 2022-04-01").
    func mergeRuns(_ input: [Box]) -> [Box] {
        var boxes = input
        guard boxes.count <= 300 else { return boxes }
        var merged = true
        while merged {
            merged = false
            search: for i in boxes.indices {
                for j in boxes.indices where j > i {
                    guard let d = boxes[i].soleDifference(boxes[j]) else { continue }
                    let union = boxes[i].sets[d].union(boxes[j].sets[d])
                    guard !dimensions[d].isOrdered || union.intervals.count == 1
                        || (union.intervals.count == 2 && union.intervals[0].lowerBound == dimensions[d].domain.lowerBound
                            && union.intervals[1].upperBound == dimensions[d].domain.upperBound) else { continue }
                    boxes[i].sets[d] = union
                    boxes.remove(at: j)
                    merged = true
                    break search
                }
            }
        }
        return boxes
    }

    /// One path of `node`, from the top: at each node the cells leading to its first non-empty
    /// child. Levels the path skips are free.
    func seed(in node: DiagramNode) -> [[Bool]?] {
        var chosen = [[Bool]?](repeating: nil, count: dimensionOfLevel.count)
        var n = node
        while n >= 2 {
            let level = diagram.level(n)
            let count = diagram.cellCounts[level]
            var target = DecisionDiagram.empty
            var cells = [Bool](repeating: false, count: count)
            // Amounts and dates take one run of cells: a region reads "value from £1m to £5m",
            // not a list of every band; the runs are joined again where few (`mergeRuns`).
            let ordered = dimensions[dimensionOfLevel[level]].isOrdered
            var taken = false
            for run in diagram.runs(of: n, at: level) where run.child != DecisionDiagram.empty {
                if target == DecisionDiagram.empty { target = run.child }
                guard run.child == target else { continue }
                let isMissingCell = partitions[dimensionOfLevel[level]].cells[run.last].missing && run.first == run.last
                if ordered, taken, !isMissingCell { continue }
                for cell in run.first...run.last { cells[cell] = true }
                if !isMissingCell { taken = true }
            }
            chosen[level] = cells
            n = target
        }
        return chosen
    }

    /// Grows a box inside `node`: every axis (in display order) takes each further cell that
    /// keeps the box inside; amounts and dates grow run by run, by galloping, so an axis cut
    /// into thousands of cells costs a few dozen tests.
    func grow(_ start: [[Bool]?], inside node: DiagramNode) -> [[Bool]?] {
        var box = start
        for level in box.indices {
            guard var cells = box[level] else { continue }
            let d = dimensionOfLevel[level]
            func fits(_ candidate: [Bool]) -> Bool {
                var trial = box
                trial[level] = candidate
                return diagram.contains(box: trial, in: node)
            }
            let intervalCells = partitions[d].hasMissingCell ? cells.count - 1 : cells.count
            if dimensions[d].isOrdered {
                // Widen each run of chosen cells to the right, then to the left.
                var cell = 0
                while cell < intervalCells {
                    guard cells[cell] else { cell += 1; continue }
                    var end = cell
                    while end + 1 < intervalCells, cells[end + 1] { end += 1 }
                    end = widen(&cells, from: end, step: 1, limit: intervalCells, fits: fits)
                    _ = widen(&cells, from: cell, step: -1, limit: intervalCells, fits: fits)
                    cell = end + 1
                }
            } else {
                for cell in 0..<intervalCells where !cells[cell] {
                    cells[cell] = true
                    if !fits(cells) { cells[cell] = false }
                }
            }
            if partitions[d].hasMissingCell, !cells[cells.count - 1] {
                cells[cells.count - 1] = true
                if !fits(cells) { cells[cells.count - 1] = false }
            }
            box[level] = cells.allSatisfy { $0 } ? nil : cells
        }
        return box
    }

    /// Extends a run of chosen cells ending (or starting) at `edge` by as many cells as fit:
    /// doubling steps, then halving. Returns the new edge.
    func widen(_ cells: inout [Bool], from edge: Int, step: Int, limit: Int, fits: ([Bool]) -> Bool) -> Int {
        var edge = edge
        var stride = 1
        while true {
            let next = edge + step * stride
            let reach = step > 0 ? min(next, limit - 1) : max(next, 0)
            if reach == edge { break }
            var trial = cells
            for i in Swift.stride(from: edge + step, through: reach, by: step) { trial[i] = true }
            if fits(trial) {
                cells = trial
                edge = reach
                stride *= 2
            } else if stride > 1 {
                stride /= 2
            } else {
                break
            }
        }
        return edge
    }

    /// The box of a choice of cells per level.
    func box(ofCells chosen: [[Bool]?]) -> Box {
        var box = universe
        for (level, cells) in chosen.enumerated() {
            guard let cells else { continue }
            let d = dimensionOfLevel[level]
            box.sets[d] = partitions[d].set(of: cells)
        }
        return box
    }

    /// The smallest box holding every decision of `node`.
    public func bounds(of node: DiagramNode) -> Box? {
        if node == DecisionDiagram.empty { return nil }
        let levels = dimensionOfLevel.count
        var full = [Bool](repeating: false, count: levels)
        var reached = [[ClosedRange<Int>]](repeating: [], count: levels)
        func markSkipped(from: Int, to: Int) {
            for level in from..<to { full[level] = true }
        }
        markSkipped(from: 0, to: diagram.level(node))
        for n in diagram.nodes(from: node) {
            let level = diagram.level(n)
            for run in diagram.runs(of: n, at: level) where run.child != DecisionDiagram.empty {
                reached[level].append(run.first...run.last)
                markSkipped(from: level + 1, to: diagram.level(run.child))
            }
        }
        var box = universe
        for level in 0..<levels where !full[level] {
            let d = dimensionOfLevel[level]
            box.sets[d] = partitions[d].set(ofRanges: reached[level])
        }
        return box
    }

    /// A box widened by one cell on each side in every ordered axis: the decisions that touch it.
    public func widenedByACell(_ box: Box) -> Box {
        var out = box
        for d in dimensions.indices where dimensions[d].isOrdered && box.sets[d] != dimensions[d].full {
            var chosen = partitions[d].cells(meeting: box.sets[d])
            let intervalCells = partitions[d].hasMissingCell ? chosen.count - 1 : chosen.count
            let original = chosen
            for cell in 0..<intervalCells where original[cell] {
                if cell > 0 { chosen[cell - 1] = true }
                if cell + 1 < intervalCells { chosen[cell + 1] = true }
            }
            out.sets[d] = partitions[d].set(of: chosen)
        }
        return out
    }

    /// Sorts boxes by where they start along the display order, for stable output.
    public func sortedForDisplay(_ boxes: [Box]) -> [Box] {
        let order = displayOrder
        func key(_ box: Box) -> [Int64] {
            order.flatMap { d in
                [box.sets[d].intervals.first?.lowerBound ?? .max, box.sets[d].missing ? 1 : 0]
                    + box.sets[d].intervals.flatMap { [$0.lowerBound, $0.upperBound] } + [.max]
            }
        }
        return boxes.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }
}
