/// How much work lint may do before it stops and says what it did not analyse.
public struct LintBudget: Sendable, Equatable {
    /// The most diagram nodes lint may build.
    public var maxNodes: Int
    /// The most time lint may spend building and combining diagrams.
    public var maxTime: Duration

    public init(maxNodes: Int = 2_000_000, maxTime: Duration = .seconds(30)) {
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
/// space's axes. Each inner node tests one axis (its level) and has one child per cell of that
/// axis; no node has all children equal (reduced) and no two nodes have the same level and
/// children (hash-consed), so equal sets are equal node numbers and emptiness is `node == 0`.
/// Union, intersection and complement are the classic memoised `apply`, polynomial in the sizes
/// of the diagrams.
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
    private var offsets: [Int32] = [0, 0]
    private var children: [Int32] = []
    /// Open addressing: node numbers, 0 for a free slot.
    private var unique: [Int32]
    private var uniqueCount = 0
    /// Lossy operation cache: key (operation, a, b) and result.
    private var cacheKeys: [UInt64]
    private var cacheValues: [Int32]
    private var scratch: [Int32] = []

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
    @inline(__always) public func child(_ node: DiagramNode, _ cell: Int, at level: Int) -> DiagramNode {
        guard node >= 2, Int(levels[Int(node)]) == level else { return node }
        return children[Int(offsets[Int(node)]) + cell]
    }

    // MARK: - Building nodes

    /// The node testing `level` with the given children, reduced and hash-consed.
    public func node(level: Int, _ kids: [DiagramNode]) throws(BudgetExceeded) -> DiagramNode {
        let base = scratch.count
        scratch.append(contentsOf: kids)
        defer { scratch.removeSubrange(base...) }
        return try makeFromScratch(level: level, base: base)
    }

    private func makeFromScratch(level: Int, base: Int) throws(BudgetExceeded) -> DiagramNode {
        let count = cellCounts[level]
        let first = scratch[base]
        var same = true
        for i in 1..<max(count, 1) where scratch[base + i] != first { same = false; break }
        if same { return first }
        var hash = UInt64(level) &* 0x9E37_79B9_7F4A_7C15
        for i in 0..<count { hash = (hash ^ UInt64(UInt32(bitPattern: scratch[base + i]))) &* 0x100_0000_01B3 }
        let mask = unique.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let candidate = unique[slot]
            if candidate == 0 { break }
            if Int(levels[Int(candidate)]) == level {
                let offset = Int(offsets[Int(candidate)])
                var equal = true
                for i in 0..<count where children[offset + i] != scratch[base + i] { equal = false; break }
                if equal { return candidate }
            }
            slot = (slot + 1) & mask
        }
        try spend()
        guard levels.count < Int(Int32.max), children.count + count < Int(Int32.max) else { throw exhaust() }
        let id = Int32(levels.count)
        levels.append(Int32(level))
        offsets.append(Int32(children.count))
        children.append(contentsOf: scratch[base..<(base + count)])
        unique[slot] = id
        uniqueCount += 1
        if uniqueCount * 2 > unique.count { growUnique() }
        return id
    }

    private func growUnique() {
        var table = [Int32](repeating: 0, count: unique.count * 2)
        let mask = table.count - 1
        for id in unique where id != 0 {
            let level = Int(levels[Int(id)]), offset = Int(offsets[Int(id)])
            var hash = UInt64(level) &* 0x9E37_79B9_7F4A_7C15
            for i in 0..<cellCounts[level] { hash = (hash ^ UInt64(UInt32(bitPattern: children[offset + i]))) &* 0x100_0000_01B3 }
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
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

    private func apply(_ operation: Operation, _ a: DiagramNode, _ b: DiagramNode) throws(BudgetExceeded) -> DiagramNode {
        let key = operation.rawValue << 62 | UInt64(UInt32(bitPattern: a)) << 31 | UInt64(UInt32(bitPattern: b))
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (cacheKeys.count - 1)
        if cacheKeys[slot] == key { return cacheValues[slot] }
        let top = operation == .not ? level(a) : min(level(a), level(b))
        let count = cellCounts[top]
        let base = scratch.count
        scratch.append(contentsOf: repeatElement(0, count: count))
        defer { scratch.removeSubrange(base...) }
        for cell in 0..<count {
            let x = child(a, cell, at: top)
            let result: DiagramNode
            switch operation {
            case .and: result = try and(x, child(b, cell, at: top))
            case .or: result = try or(x, child(b, cell, at: top))
            case .not: result = try not(x)
            }
            scratch[base + cell] = result
        }
        let result = try makeFromScratch(level: top, base: base)
        // The cache may have been resized by the recursion: index it afresh.
        let freshSlot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (cacheKeys.count - 1)
        cacheKeys[freshSlot] = key
        cacheValues[freshSlot] = result
        return result
    }

    // MARK: - Sets of one axis and boxes

    /// The decisions whose cell at `level` is chosen.
    public func restriction(level: Int, _ chosen: [Bool]) throws(BudgetExceeded) -> DiagramNode {
        try node(level: level, chosen.map { $0 ? 1 : 0 })
    }

    /// The decisions whose cell at every level is chosen (nil: any cell).
    public func box(_ chosen: [[Bool]?]) throws(BudgetExceeded) -> DiagramNode {
        var result: DiagramNode = 1
        for level in stride(from: chosen.count - 1, through: 0, by: -1) {
            guard let cells = chosen[level] else { continue }
            result = try node(level: level, cells.map { $0 ? result : 0 })
        }
        return result
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
            for cell in 0..<cellCounts[level] where chosen[level]?[cell] ?? true {
                if !inside(child(n, cell, at: level)) { answer = false; break }
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
            let level = self.level(n)
            for cell in 0..<cellCounts[level] { stack.append(child(n, cell, at: level)) }
        }
        return order.sorted { level($0) < level($1) }
    }
}
