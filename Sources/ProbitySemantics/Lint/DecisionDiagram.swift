/// How much work lint may do before it stops and says what it did not analyse.
public struct LintBudget: Sendable, Equatable {
    /// The most diagram nodes lint may build.
    public var maxNodes: Int
    /// The most time lint may spend building and combining diagrams.
    public var maxTime: Swift.Duration

    public init(maxNodes: Int = 2_000_000, maxTime: Swift.Duration = .seconds(30)) {
        self.maxNodes = maxNodes
        self.maxTime = maxTime
    }

    public static let standard = LintBudget()
}

/// Thrown when a ``LintBudget`` is used up. Nothing built after it is trusted.
public struct BudgetExceeded: Error, Sendable {}

/// A set of decisions as a node of a ``DecisionDiagram``: 0 is the empty set, 1 every decision.
public typealias DiagramNode = Int32

/// A reduced, ordered, hash-consed multi-valued decision diagram over the cells of the decision
/// space's axes. Each inner node tests one axis (its level) and sends each cell of that axis to
/// a child; the children are stored as runs of consecutive cells with the same child (so a test
/// of "value in band 7" is three runs however many bands the axis has, and combining diagrams
/// costs the runs, not the cells). Runs are maximal, no node has a single run (reduced) and no
/// two nodes have the same level and runs (hash-consed), so equal sets are equal node numbers
/// and emptiness is `node == 0`. Union, intersection and complement are the classic memoised
/// `apply`, polynomial in the sizes of the diagrams.
///
/// A class because the node table and operation cache are shared by every analysis of one lint
/// run; one lint run uses it from one thread.
public final class DecisionDiagram: @unchecked Sendable {
    public static let empty: DiagramNode = 0
    public static let all: DiagramNode = 1

    /// Cells per level; level `levels.count` is the terminals'.
    public let cellCounts: [Int]
    public var levelCount: Int { cellCounts.count }

    private var levels: [Int32] = [Int32.max, Int32.max]
    /// Per node: where its runs start in `runEnds`/`runChildren`, and how many there are.
    private var offsets: [Int32] = [0, 0]
    private var runCounts: [Int32] = [0, 0]
    /// Each run's last cell (inclusive) and child; a node's runs are in cell order and the last
    /// ends at the level's last cell.
    private var runEnds: [Int32] = []
    private var runChildren: [Int32] = []
    /// Open addressing: node numbers, 0 for a free slot.
    private var unique: [Int32]
    private var uniqueCount = 0
    /// Lossy operation cache: key (operation, a, b) and result.
    private var cacheKeys: [UInt64]
    private var cacheValues: [Int32]
    /// Runs being built, a stack shared by the recursion.
    private var scratchEnds: [Int32] = []
    private var scratchChildren: [Int32] = []

    private let budget: LintBudget
    private let deadline: ContinuousClock.Instant
    private var steps = 0
    /// Set once the budget is used up; every later operation throws.
    public private(set) var isExhausted = false

    public var nodeCount: Int { levels.count - 2 }
    /// The node budget, for messages.
    public var nodeLimit: Int { budget.maxNodes }
    /// The time budget in words, for messages: "30 s", "0.25 s".
    public var timeLimitDescription: String {
        let (seconds, attoseconds) = budget.maxTime.components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        guard millis % 1000 != 0 else { return "\(millis / 1000) s" }
        var fraction = String(millis % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(millis / 1000).\(fraction) s"
    }

    public init(cellCounts: [Int], budget: LintBudget = .standard) {
        self.cellCounts = cellCounts
        self.budget = budget
        self.deadline = ContinuousClock.now.advanced(by: budget.maxTime)
        unique = [Int32](repeating: 0, count: 1 << 12)
        cacheKeys = [UInt64](repeating: 0, count: 1 << 16)
        cacheValues = [Int32](repeating: 0, count: 1 << 16)
    }

    // MARK: - Reading nodes

    /// The level a node tests (`levelCount` for the two terminals).
    @inline(__always) public func level(_ node: DiagramNode) -> Int {
        node < 2 ? cellCounts.count : Int(levels[Int(node)])
    }

    /// Child `cell` of `node` as seen from `level`: a node below `level` does not test it, so
    /// every cell leads to the node itself.
    public func child(_ node: DiagramNode, _ cell: Int, at level: Int) -> DiagramNode {
        guard node >= 2, Int(levels[Int(node)]) == level else { return node }
        var lo = Int(offsets[Int(node)]), hi = lo + Int(runCounts[Int(node)]) - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(runEnds[mid]) < cell { lo = mid + 1 } else { hi = mid }
        }
        return runChildren[lo]
    }

    /// The runs of `node` at `level`: first and last cell and child. A node below `level` is
    /// one run of every cell.
    public func runs(of node: DiagramNode, at level: Int) -> [(first: Int, last: Int, child: DiagramNode)] {
        guard node >= 2, Int(levels[Int(node)]) == level else { return [(0, cellCounts[level] - 1, node)] }
        let offset = Int(offsets[Int(node)])
        var first = 0
        return (0..<Int(runCounts[Int(node)])).map { i in
            defer { first = Int(runEnds[offset + i]) + 1 }
            return (first, Int(runEnds[offset + i]), runChildren[offset + i])
        }
    }

    // MARK: - Building nodes

    /// Adds a run to the scratch stack above `base`, joining it to the run before if the child
    /// is the same.
    @inline(__always) private func push(_ end: Int32, _ child: Int32, base: Int) {
        if scratchEnds.count > base, scratchChildren[scratchChildren.count - 1] == child {
            scratchEnds[scratchEnds.count - 1] = end
        } else {
            scratchEnds.append(end)
            scratchChildren.append(child)
        }
    }

    /// The node testing `level` with the given child per cell, reduced and hash-consed.
    public func node(level: Int, _ kids: [DiagramNode]) throws(BudgetExceeded) -> DiagramNode {
        let base = scratchEnds.count
        defer { pop(to: base) }
        for (cell, kid) in kids.enumerated() { push(Int32(cell), kid, base: base) }
        return try makeFromScratch(level: level, base: base)
    }

    /// The node testing `level` whose cells in `ranges` (sorted, disjoint) lead to `inside` and
    /// the others to `outside`.
    public func node(level: Int, ranges: [ClosedRange<Int>], inside: DiagramNode, outside: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        let base = scratchEnds.count
        defer { pop(to: base) }
        let last = cellCounts[level] - 1
        var next = 0
        for r in ranges {
            if r.lowerBound > next { push(Int32(r.lowerBound - 1), outside, base: base) }
            push(Int32(r.upperBound), inside, base: base)
            next = r.upperBound + 1
        }
        if next <= last { push(Int32(last), outside, base: base) }
        return try makeFromScratch(level: level, base: base)
    }

    private func pop(to base: Int) {
        scratchEnds.removeSubrange(base...)
        scratchChildren.removeSubrange(base...)
    }

    private func hash(level: Int, count: Int, ends: [Int32], children: [Int32], from start: Int) -> UInt64 {
        var hash = UInt64(level) &* 0x9E37_79B9_7F4A_7C15
        for i in start..<(start + count) {
            hash = (hash ^ UInt64(UInt32(bitPattern: children[i]))) &* 0x100_0000_01B3
            hash = (hash ^ UInt64(UInt32(bitPattern: ends[i]))) &* 0x100_0000_01B3
        }
        return hash ^ (hash >> 29)
    }

    private func makeFromScratch(level: Int, base: Int) throws(BudgetExceeded) -> DiagramNode {
        let count = scratchEnds.count - base
        if count == 1 { return scratchChildren[base] }
        let mask = unique.count - 1
        var slot = Int(truncatingIfNeeded: hash(level: level, count: count, ends: scratchEnds, children: scratchChildren, from: base)) & mask
        while true {
            let candidate = unique[slot]
            if candidate == 0 { break }
            if Int(levels[Int(candidate)]) == level, Int(runCounts[Int(candidate)]) == count {
                let offset = Int(offsets[Int(candidate)])
                var equal = true
                for i in 0..<count where runChildren[offset + i] != scratchChildren[base + i] || runEnds[offset + i] != scratchEnds[base + i] {
                    equal = false
                    break
                }
                if equal { return candidate }
            }
            slot = (slot + 1) & mask
        }
        try spend()
        guard levels.count < Int(Int32.max), runEnds.count + count < Int(Int32.max) else { throw exhaust() }
        let id = Int32(levels.count)
        levels.append(Int32(level))
        offsets.append(Int32(runEnds.count))
        runCounts.append(Int32(count))
        runEnds.append(contentsOf: scratchEnds[base...])
        runChildren.append(contentsOf: scratchChildren[base...])
        unique[slot] = id
        uniqueCount += 1
        if uniqueCount * 2 > unique.count { growUnique() }
        return id
    }

    private func growUnique() {
        var table = [Int32](repeating: 0, count: unique.count * 2)
        let mask = table.count - 1
        for id in unique where id != 0 {
            let h = hash(level: Int(levels[Int(id)]), count: Int(runCounts[Int(id)]), ends: runEnds, children: runChildren, from: Int(offsets[Int(id)]))
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = id
        }
        unique = table
        // The cache grows with the diagram so that it keeps paying off.
        if cacheKeys.count < unique.count, cacheKeys.count < 1 << 22 {
            cacheKeys = [UInt64](repeating: 0, count: cacheKeys.count * 4)
            cacheValues = [Int32](repeating: 0, count: cacheKeys.count)
        }
    }

    /// Counts one new node against the budget; looks at the clock every 1,024.
    private func spend() throws(BudgetExceeded) {
        if isExhausted || nodeCount >= budget.maxNodes { throw exhaust() }
        steps += 1
        if steps & 1023 == 0, ContinuousClock.now >= deadline { throw exhaust() }
    }

    /// Checks the clock and the node count between larger steps (each rule, each kind).
    public func checkBudget() throws(BudgetExceeded) {
        if isExhausted || nodeCount >= budget.maxNodes || ContinuousClock.now >= deadline { throw exhaust() }
    }

    private func exhaust() -> BudgetExceeded {
        isExhausted = true
        return BudgetExceeded()
    }

    // MARK: - Set operations

    private enum Operation: UInt64 { case and = 1, or = 2, not = 3 }

    public func and(_ a: DiagramNode, _ b: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        if a == 0 || b == 0 { return 0 }
        if a == 1 { return b }
        if b == 1 || a == b { return a }
        return try apply(.and, min(a, b), max(a, b))
    }

    public func or(_ a: DiagramNode, _ b: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        if a == 1 || b == 1 { return 1 }
        if a == 0 { return b }
        if b == 0 || a == b { return a }
        return try apply(.or, min(a, b), max(a, b))
    }

    public func not(_ a: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        if a < 2 { return 1 - a }
        return try apply(.not, a, 0)
    }

    /// `a − b`.
    public func subtracting(_ a: DiagramNode, _ b: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        try and(a, not(b))
    }

    public func intersects(_ a: DiagramNode, _ b: DiagramNode) throws(BudgetExceeded) -> Bool {
        try and(a, b) != 0
    }

    public func isSubset(_ a: DiagramNode, of b: DiagramNode) throws(BudgetExceeded) -> Bool {
        try subtracting(a, b) == 0
    }

    /// The union of many sets, combined pairwise so that no one diagram grows by a long chain of
    /// small additions.
    public func union(_ sets: [DiagramNode]) throws(BudgetExceeded) -> DiagramNode {
        var layer = sets
        guard !layer.isEmpty else { return 0 }
        while layer.count > 1 {
            var next: [DiagramNode] = []
            next.reserveCapacity(layer.count / 2 + 1)
            var i = 0
            while i + 1 < layer.count {
                next.append(try or(layer[i], layer[i + 1]))
                i += 2
            }
            if i < layer.count { next.append(layer[i]) }
            layer = next
        }
        return layer[0]
    }

    @inline(__always) private func cacheSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (cacheKeys.count - 1)
    }

    /// Combines `a` and `b` run by run at the higher of their levels: the result's runs are
    /// the places where both operands' runs stay the same.
    private func apply(_ operation: Operation, _ a: DiagramNode, _ b: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        let key = operation.rawValue << 62 | UInt64(UInt32(bitPattern: a)) << 31 | UInt64(UInt32(bitPattern: b))
        let slot = cacheSlot(key)
        if cacheKeys[slot] == key { return cacheValues[slot] }
        let top = operation == .not ? level(a) : min(level(a), level(b))
        let last = Int32(cellCounts[top] - 1)
        // Each operand's runs at `top`: its own, or one run of everything if it is lower.
        let aTests = a >= 2 && Int(levels[Int(a)]) == top, bTests = b >= 2 && Int(levels[Int(b)]) == top
        var i = aTests ? Int(offsets[Int(a)]) : 0, j = bTests ? Int(offsets[Int(b)]) : 0
        let base = scratchEnds.count
        defer { pop(to: base) }
        while true {
            let endA = aTests ? runEnds[i] : last, endB = bTests ? runEnds[j] : last
            let x = aTests ? runChildren[i] : a, y = bTests ? runChildren[j] : b
            let result: DiagramNode
            switch operation {
            case .and: result = try and(x, y)
            case .or: result = try or(x, y)
            case .not: result = try not(x)
            }
            let end = min(endA, endB)
            push(end, result, base: base)
            if end == last { break }
            if endA == end { i += 1 }
            if endB == end { j += 1 }
        }
        let result = try makeFromScratch(level: top, base: base)
        // The cache may have been resized by the recursion: index it afresh.
        let freshSlot = cacheSlot(key)
        cacheKeys[freshSlot] = key
        cacheValues[freshSlot] = result
        return result
    }

    // MARK: - Sets of one axis and boxes

    /// The decisions whose cell at `level` is in one of `ranges`.
    public func restriction(level: Int, cellRanges ranges: [ClosedRange<Int>]) throws(BudgetExceeded) -> DiagramNode {
        try node(level: level, ranges: ranges, inside: 1, outside: 0)
    }

    /// The decisions whose cell at every level is chosen (nil: any cell).
    public func box(_ chosen: [[Bool]?]) throws(BudgetExceeded) -> DiagramNode {
        try box(ranges: chosen.map { $0.map(Self.ranges(of:)) })
    }

    /// The decisions whose cell at every level is in that level's ranges (nil: any cell).
    public func box(ranges: [[ClosedRange<Int>]?]) throws(BudgetExceeded) -> DiagramNode {
        var result: DiagramNode = 1
        for level in stride(from: ranges.count - 1, through: 0, by: -1) {
            guard let cells = ranges[level] else { continue }
            result = try node(level: level, ranges: cells, inside: result, outside: 0)
        }
        return result
    }

    /// The chosen cells as sorted runs.
    public static func ranges(of chosen: [Bool]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        var start: Int?
        for (cell, isChosen) in chosen.enumerated() {
            if isChosen, start == nil { start = cell }
            if !isChosen, let s = start { out.append(s...(cell - 1)); start = nil }
        }
        if let s = start { out.append(s...(chosen.count - 1)) }
        return out
    }

    /// Whether every decision of the box (the chosen cells of each level; nil: every cell) is
    /// in `node`. Walks only the part of the diagram the box reaches, each node once.
    public func contains(box chosen: [[Bool]?], in node: DiagramNode) -> Bool {
        var known: [DiagramNode: Bool] = [:]
        func inside(_ n: DiagramNode) -> Bool {
            if n < 2 { return n == DecisionDiagram.all }
            if let answer = known[n] { return answer }
            let level = self.level(n)
            var answer = true
            let offset = Int(offsets[Int(n)])
            var first = 0
            for i in 0..<Int(runCounts[Int(n)]) {
                let end = Int(runEnds[offset + i])
                defer { first = end + 1 }
                if let cells = chosen[level], !cells[first...end].contains(true) { continue }
                if !inside(runChildren[offset + i]) { answer = false; break }
            }
            known[n] = answer
            return answer
        }
        return inside(node)
    }

    /// Every inner node reachable from `root`, each once, parents before children.
    public func nodes(from root: DiagramNode) -> [DiagramNode] {
        var seen: Set<DiagramNode> = []
        var order: [DiagramNode] = []
        var stack: [DiagramNode] = [root]
        while let n = stack.popLast() {
            guard n >= 2, seen.insert(n).inserted else { continue }
            order.append(n)
            let offset = Int(offsets[Int(n)])
            for i in 0..<Int(runCounts[Int(n)]) { stack.append(runChildren[offset + i]) }
        }
        return order.sorted { level($0) < level($1) }
    }
}
