import ProbitySemantics
import ProbitySyntax

/// The declared organisations as a graph whose edges are the relations a `conflicts` block lets
/// an interest travel along.
///
/// Edges are kept in both directions: relevance is undirected (a practice that is a member of
/// the alliance awarded a contract has an interest in the award, and so does the alliance when
/// one of its members is the counterparty), but each edge remembers which way it was declared
/// so a reason can say it the right way round.
struct OrganisationGraph: Sendable {
    /// One relation seen from one end.
    struct Edge: Sendable {
        var other: Int32
        var relation: OrganisationRelation
        /// True when this end is the subject of the declaration: `this relation other`.
        var isDeclaredHere: Bool
    }

    /// Per organisation, its edges in declaration order (then reverse edges in declaration order).
    let edges: [[Edge]]

    init(organisations: [Organisation], allowed: Set<OrganisationRelation>) {
        var edges = [[Edge]](repeating: [], count: organisations.count)
        var reverse = [[Edge]](repeating: [], count: organisations.count)
        for (index, organisation) in organisations.enumerated() {
            for (relation, target) in organisation.relations where allowed.contains(relation) {
                edges[index].append(Edge(other: Int32(target), relation: relation, isDeclaredHere: true))
                reverse[target].append(Edge(other: Int32(index), relation: relation, isDeclaredHere: false))
            }
        }
        for index in edges.indices { edges[index] += reverse[index] }
        self.edges = edges
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
