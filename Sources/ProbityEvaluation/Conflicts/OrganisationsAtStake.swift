import ProbitySemantics
import ProbitySyntax

/// The organisations a decision puts at stake: those named in the policy's relevant fields, and
/// those related to them within the allowed number of steps, each with the chain that makes it
/// relevant.
///
/// Built per decision, so it is a flat array searched linearly: a decision names one or a few
/// organisations and the graph around them is small, which beats hashing on every lookup.
struct OrganisationsAtStake {
    /// A decision field the `conflicts` block names, with how a reason refers to it.
    struct RelevantField: Sendable {
        var index: Int
        var isSet: Bool
        /// "the counterparty", "one of the bidders".
        var label: String
    }

    struct Entry {
        /// The organisation's index in `Program.organisations`, or -1 for a name no rule file
        /// declares (then `writtenName` is all there is).
        var organisation: Int32
        /// The name as the decision wrote it, for undeclared organisations.
        var writtenName: String?
        /// The entry this one was reached from, or -1 for an organisation named in the decision.
        var parent: Int32
        /// For a reached entry: the relation to the parent, from this entry's point of view.
        var relation: OrganisationRelation?
        var declaredHere: Bool
        /// For a named entry: how the decision names it ("the counterparty").
        var fieldLabel: String?
        var steps: Int
    }

    private(set) var entries: [Entry] = []

    /// The entry for a declared organisation, if it is at stake.
    func entry(for organisation: Int32) -> Int? {
        for index in entries.indices where entries[index].organisation == organisation { return index }
        return nil
    }

    /// Collects what `decision` names in `policy.relevantFields`, then walks the graph
    /// breadth first so every organisation is reached by its shortest chain.
    init(decision: Decision, fields: [RelevantField], relationSteps: Int, graph: OrganisationGraph) {
        for field in fields where decision.isPresent[field.index] {
            let label = field.label
            if !field.isSet {
                addNamed(decision.scalars[field.index], written: decision.texts[field.index], label: label)
            } else {
                let field = field.index
                for (position, value) in decision.sets[field].enumerated() {
                    let written = position < decision.nameLists[field].count ? decision.nameLists[field][position] : nil
                    addNamed(value, written: written, label: label)
                }
            }
        }
        var head = 0
        while head < entries.count {
            let current = entries[head]
            head += 1
            guard current.organisation >= 0, current.steps < relationSteps else { continue }
            for edge in graph.edges[Int(current.organisation)] where entry(for: edge.other) == nil {
                // The new organisation relates to the current one: seen from the new end, the
                // declaration reads the other way round.
                entries.append(Entry(organisation: edge.other, writtenName: nil, parent: Int32(head - 1),
                                     relation: edge.relation, declaredHere: !edge.isDeclaredHere,
                                     fieldLabel: nil, steps: current.steps + 1))
            }
        }
    }

    private mutating func addNamed(_ value: Int64, written: String?, label: String) {
        if value >= 0 {
            guard entry(for: Int32(value)) == nil else { return }
            entries.append(Entry(organisation: Int32(value), writtenName: nil, parent: -1, relation: nil,
                                 declaredHere: false, fieldLabel: label, steps: 0))
        } else if let written, !written.isEmpty {
            let key = OrganisationDirectory.key(written)
            guard !entries.contains(where: { $0.writtenName.map(OrganisationDirectory.key) == key }) else { return }
            entries.append(Entry(organisation: -1, writtenName: written, parent: -1, relation: nil,
                                 declaredHere: false, fieldLabel: label, steps: 0))
        }
    }

    /// The organisation's display name.
    func name(_ index: Int, in organisations: [Organisation]) -> String {
        let entry = entries[index]
        return entry.organisation >= 0 ? organisations[Int(entry.organisation)].name : (entry.writtenName ?? "")
    }

    /// How the organisation at `index` relates to the decision, e.g. "is a member of Bromley GP
    /// Alliance, which holds a contract from Bromley Healthcare CIC (the counterparty)".
    func link(_ index: Int, in organisations: [Organisation]) -> String {
        let entry = entries[index]
        guard entry.parent >= 0, let relation = entry.relation else { return entry.fieldLabel ?? "" }
        let parent = Int(entry.parent)
        var text = OrganisationGraph.phrase(relation, subjectDeclaredIt: entry.declaredHere) + " " + name(parent, in: organisations)
        if entries[parent].parent >= 0 {
            text += ", which " + link(parent, in: organisations)
        } else {
            text += " (" + (entries[parent].fieldLabel ?? "") + ")"
        }
        return text
    }
}
