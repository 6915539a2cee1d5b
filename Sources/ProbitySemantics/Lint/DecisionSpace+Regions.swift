/// Reading sets of decisions back out of diagrams as boxes a person can read: "contract-award,
/// budget council or pooled-s75, value above £1,000,000".
extension DecisionSpace {
    /// The decisions of `node` as few boxes: one per path of the diagram, with the cells that
    /// lead to the same child taken together, then boxes that differ in one axis merged.
    /// `complete` is false when there were more than `limit` paths (the boxes then cover only
    /// part of the set).
    public func regions(of node: DiagramNode, limit: Int = 2_000) -> (boxes: [Box], complete: Bool) {
        var boxes: [Box] = []
        var complete = true
        var current = universe
        func walk(_ n: DiagramNode) {
            guard complete else { return }
            if n == DecisionDiagram.empty { return }
            if n == DecisionDiagram.all {
                if boxes.count >= limit { complete = false; return }
                boxes.append(current)
                return
            }
            let level = diagram.level(n), d = dimensionOfLevel[level]
            let cellCount = partitions[d].count
            // Children in order of their first cell, each with the cells leading to it.
            var targets: [DiagramNode] = []
            var chosen: [DiagramNode: [Bool]] = [:]
            for cell in 0..<cellCount {
                let c = diagram.child(n, cell, at: level)
                guard c != DecisionDiagram.empty else { continue }
                if chosen[c] == nil {
                    targets.append(c)
                    chosen[c] = [Bool](repeating: false, count: cellCount)
                }
                chosen[c]![cell] = true
            }
            let saved = current.sets[d]
            for c in targets {
                current.sets[d] = partitions[d].set(of: chosen[c]!)
                walk(c)
            }
            current.sets[d] = saved
        }
        walk(node)
        return (Boxes.simplify(boxes), complete)
    }

    /// The smallest box holding every decision of `node`.
    public func bounds(of node: DiagramNode) -> Box? {
        if node == DecisionDiagram.empty { return nil }
        let levels = dimensionOfLevel.count
        var full = [Bool](repeating: false, count: levels)
        var chosen = dimensionOfLevel.map { [Bool](repeating: false, count: partitions[$0].count) }
        func markSkipped(from: Int, to: Int) {
            for level in from..<to { full[level] = true }
        }
        markSkipped(from: 0, to: diagram.level(node))
        for n in diagram.nodes(from: node) {
            let level = diagram.level(n)
            for cell in 0..<chosen[level].count {
                let c = diagram.child(n, cell, at: level)
                guard c != DecisionDiagram.empty else { continue }
                chosen[level][cell] = true
                markSkipped(from: level + 1, to: diagram.level(c))
            }
        }
        var box = universe
        for level in 0..<levels where !full[level] {
            let d = dimensionOfLevel[level]
            box.sets[d] = partitions[d].set(of: chosen[level])
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
