import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// The declared organisations as a graph whose edges say where an interest comes from.
///
/// An edge at organisation B to A means: an interest in A is an interest in B's decisions, so
/// when B is at stake, A is too. Which relations give such an edge, which way and how far is
/// the `conflicts` block's `carry` clauses (`ConflictPolicy.carrying`): `A member of B` gives
/// an edge at B to A when member-of carries forward, an edge at A to B when it carries
/// backward, each with the reach its clause gives that direction. Each edge remembers which
/// way the relation was declared so a reason can say it the right way round.
struct OrganisationGraph: Sendable {
    /// One relation seen from the organisation at stake.
    struct Edge: Sendable {
        var other: Int32
        var relation: OrganisationRelation
        /// True when this end is the subject of the declaration: `this relation other`.
        var isDeclaredHere: Bool
        /// The longest chain this edge may be part of.
        var steps: Int
    }

    /// Per organisation, its edges in declaration order (then reverse edges in declaration order).
    let edges: [[Edge]]

    init(organisations: [Organisation], carrying: [OrganisationRelation: RelationCarry]) {
        var edges = [[Edge]](repeating: [], count: organisations.count)
        var reverse = [[Edge]](repeating: [], count: organisations.count)
        for (index, organisation) in organisations.enumerated() {
            for (relation, target) in organisation.relations {
                guard let carry = carrying[relation] else { continue }
                // Declared `index relation target`. Backward: an interest in target carries to
                // index's decisions, so at stake `index` reaches `target`.
                if carry.backward {
                    edges[index].append(Edge(other: Int32(target), relation: relation, isDeclaredHere: true, steps: carry.backwardSteps))
                }
                if carry.forward {
                    reverse[target].append(Edge(other: Int32(index), relation: relation, isDeclaredHere: false, steps: carry.forwardSteps))
                }
            }
        }
        for index in edges.indices { edges[index] += reverse[index] }
        self.edges = edges
    }

    private init(edges: [[Edge]]) {
        self.edges = edges
    }

    /// The same graph, its table of edge lists in storage of its own (a screener's replica):
    /// screening a decision retains the table, and two threads retaining one write the same
    /// reference count. The lists themselves are read in place, not retained.
    var withOwnStorage: OrganisationGraph {
        OrganisationGraph(edges: edges.withOwnStorage)
    }

    /// The relation as a verb phrase from the point of view of the organisation at `subject`:
    /// "is a member of" when the subject was declared a member, "has as a member" otherwise.
    static func phrase(_ relation: OrganisationRelation, subjectDeclaredIt: Bool) -> String {
        switch (relation, subjectDeclaredIt) {
        case (.memberOf, true): "is a member of"
        case (.memberOf, false): "has as a member"
        case (.ownedBy, true): "is owned by"
        case (.ownedBy, false): "owns"
        case (.shareholderOf, true): "is a shareholder of"
        case (.shareholderOf, false): "has as a shareholder"
        case (.holdsContractFrom, true): "holds a contract from"
        case (.holdsContractFrom, false): "has awarded a contract to"
        case (.partOf, true): "is part of"
        case (.partOf, false): "includes"
        case (.subsidiaryOf, true): "is a subsidiary of"
        case (.subsidiaryOf, false): "has as a subsidiary"
        }
    }
}
