import ProbitySemantics

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
        /// Depth in the drawing: roots are 0, an advisory body sits under the body it advises.
        public var depth: Int
        /// Members, quorum and voting rules, when the rules give the body a `members` block.
        public var membership: String?
        /// How many rules require this body's approval or recommendation.
        public var ruleCount: Int
        public var source: String?
    }

    /// Every body and officer, in drawing order: each root, then its subtree, depth first in
    /// rule-file order; an advisory body is drawn under the body it advises.
    public var nodes: [Node]

    public init(program: Program) {
        let count = program.bodies.count
        var children = Array(repeating: [Int](), count: count)
        var roots: [Int] = []
        for (index, body) in program.bodies.enumerated() {
            if let above = body.parent ?? body.advises, above != index { children[above].append(index) } else { roots.append(index) }
        }
        var ruleCounts = Array(repeating: 0, count: count)
        for rule in program.rules {
            for body in Set(rule.approvals + rule.recommendations) where body < count { ruleCounts[body] += 1 }
        }
        var order: [(body: Int, depth: Int)] = []
        var visited = Array(repeating: false, count: count)
        func visit(_ body: Int, _ depth: Int) {
            guard !visited[body] else { return }
            visited[body] = true
            order.append((body, depth))
            for child in children[body] { visit(child, depth + 1) }
        }
        for root in roots { visit(root, 0) }
        // A cycle the checker let through would leave bodies unvisited: draw them as roots.
        for body in 0..<count where !visited[body] { visit(body, 0) }

        var position = Array(repeating: 0, count: count)
        for (drawn, entry) in order.enumerated() { position[entry.body] = drawn }
        nodes = order.map { entry in
            let body = program.bodies[entry.body]
            return Node(id: body.id, title: body.title, isOfficer: body.kind == .officer,
                        parent: body.parent.map { position[$0] }, advises: body.advises.map { position[$0] },
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
    func relation(_ node: Node) -> String {
        var parts: [String] = [node.isOfficer ? "officer" : "body"]
        if let parent = node.parent { parts.append((node.isOfficer ? "reports to " : "committee of ") + nodes[parent].id) }
        if let advised = node.advises { parts.append("advises \(nodes[advised].id) (may recommend, never approve)") }
        return parts.joined(separator: ", ")
    }
}
