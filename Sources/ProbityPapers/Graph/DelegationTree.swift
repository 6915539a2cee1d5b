import ProbitySemantics
import ProbitySupport

/// The delegation tree of a rule library: who is a committee of, or reports to, whom, and which
/// bodies only advise. Rendered by ``DelegationTree/svg``, ``DelegationTree/dot`` and
/// ``DelegationTree/mermaid``.
public struct DelegationTree: Sendable {
    public struct Node: Sendable {
        public var id: String
        public var title: String
        public var isOfficer: Bool
        /// Index in ``DelegationTree/nodes`` of the body above, if any.
        public var parent: Int?
        /// Index of the body this one advises, if it is advisory.
        public var advises: Int?
        /// Indices of further bodies it advises.
        public var alsoAdvises: [Int]
        /// When the body existed (inclusive); nil is open.
        public var existsFrom: Day?
        public var existsUntil: Day?
        /// With a date to draw the tree on: whether the body existed then.
        public var existsOnDay: Bool
        /// Depth in the drawing: roots are 0, an advisory body sits under the body it advises.
        public var depth: Int
        /// Members, quorum and voting rules, when the rules give the body a `members` block.
        public var membership: String?
        /// How many rules require this body's approval or recommendation, or give it notice.
        public var ruleCount: Int
        public var source: String?
    }

    /// The day the tree is drawn as of, if any: bodies that did not exist then are marked.
    public var day: Day?

    /// Every body and officer, in drawing order: each root, then its subtree, depth first in
    /// rule-file order; an advisory body is drawn under the body it advises.
    public var nodes: [Node]

    /// The tree of `program`'s bodies; with `day`, marking those that did not exist on it.
    public init(program: Program, on day: Day? = nil) {
        self.day = day
        let count = program.bodies.count
        var children = Array(repeating: [Int](), count: count)
        var roots: [Int] = []
        for (index, body) in program.bodies.enumerated() {
            if let above = body.parent ?? body.advises, above != index { children[above].append(index) } else { roots.append(index) }
        }
        var ruleCounts = Array(repeating: 0, count: count)
        for rule in program.rules {
            for body in Set(rule.approvals + rule.recommendations + rule.notices.map(\.to)) where body < count { ruleCounts[body] += 1 }
        }
        var order: [(body: Int, depth: Int)] = []
        var visited = Array(repeating: false, count: count)
        // Depth first with an explicit stack: a tree as deep as a rule file can make never
        // exhausts the call stack.
        func visit(_ root: Int) {
            var stack = [(body: root, depth: 0)]
            while let (body, depth) = stack.popLast() {
                guard !visited[body] else { continue }
                visited[body] = true
                order.append((body, depth))
                for child in children[body].reversed() where !visited[child] { stack.append((child, depth + 1)) }
            }
        }
        for root in roots { visit(root) }
        // A cycle the checker let through would leave bodies unvisited: draw them as roots.
        for body in 0..<count where !visited[body] { visit(body) }

        var position = Array(repeating: 0, count: count)
        for (drawn, entry) in order.enumerated() { position[entry.body] = drawn }
        nodes = order.map { entry in
            let body = program.bodies[entry.body]
            // The checker places an advisory body under the body it advises; it is no committee of it.
            let parent = body.parent == body.advises ? nil : body.parent
            return Node(id: body.id, title: body.title, isOfficer: body.kind == .officer,
                        parent: parent.map { position[$0] }, advises: body.advises.map { position[$0] },
                        alsoAdvises: body.alsoAdvises.map { position[$0] },
                        existsFrom: body.existsFrom.map(Day.init(number:)), existsUntil: body.existsUntil.map(Day.init(number:)),
                        existsOnDay: day.map { body.exists(on: $0.number) } ?? true,
                        depth: entry.depth, membership: program.committees[entry.body].flatMap(Self.membership),
                        ruleCount: ruleCounts[entry.body], source: body.source)
        }
    }

    /// "22 members, 15 voting; quorum …"; nil for a body whose rules name no members.
    static func membership(_ committee: Committee) -> String? {
        guard !committee.members.isEmpty else { return nil }
        let voting = committee.members.filter(\.isVoting).count
        var text = "\(committee.members.count) members, \(voting) voting"
        if let quorum = committee.quorum { text += "; quorum " + quorum.clauses.map(\.description).joined(separator: ", ") }
        return text
    }

    /// What a node is, in words: "officer, reports to lcp-board".
    public func relation(_ node: Node) -> String {
        var parts: [String] = [node.isOfficer ? "officer" : "body"]
        if let parent = node.parent { parts.append((node.isOfficer ? "reports to " : "committee of ") + nodes[parent].id) }
        if let advised = node.advises {
            let all = ([advised] + node.alsoAdvises).map { nodes[$0].id }.joined(separator: ", ")
            parts.append("advises \(all) (may recommend, never approve)")
        }
        return parts.joined(separator: ", ")
    }

    /// "exists from 1 July 2022", "existed until …", nil when the rules give no period.
    public func existence(_ node: Node) -> String? {
        switch (node.existsFrom, node.existsUntil) {
        case (nil, nil): nil
        case (let from?, nil): "exists from \(DateText.long(from))"
        case (nil, let until?): "existed until \(DateText.long(until))"
        case (let from?, let until?): "existed from \(DateText.long(from)) until \(DateText.long(until))"
        }
    }
}
