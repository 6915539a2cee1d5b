import ProbityEngine
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
        /// The longest chain through this entry that the relations used so far allow.
        var cap: Int
        /// A second chain to an organisation already at stake, kept because its relations let
        /// it carry further than the first: it is walked from but never reported.
        var isRepeat = false
    }

    private(set) var entries: [Entry] = []

    /// The entry for a declared organisation, if it is at stake: its shortest chain.
    func entry(for organisation: Int32) -> Int? {
        for index in entries.indices where entries[index].organisation == organisation { return index }
        return nil
    }

    /// The entries to report: each organisation at stake once, by its shortest chain.
    var reported: [Int] { entries.indices.filter { !entries[$0].isRepeat } }

    /// Collects what `decision` names in `policy.relevantFields`, then walks the graph
    /// breadth first so every organisation is reached by its shortest chain.
    ///
    /// A chain may be no longer than the fewest steps any of its relations allows (a contract
    /// that carries one step is never chained further). An organisation reached again by a
    /// chain with more room left is walked from again (as a repeat entry), so a short-range
    /// relation found first cannot hide a longer-range one.
    init(decision: Decision, fields: [RelevantField], relationSteps: Int, graph: OrganisationGraph) {
        // By index here and in the walk below: iterating the screener's arrays retained them, an
        // atomic write on tables that every worker of a batch shares, on every line.
        for fieldNumber in fields.indices where decision.isPresent[fields[fieldNumber].index] {
            let field = fields[fieldNumber]
            let label = field.label
            if !field.isSet {
                addNamed(decision.scalars[field.index], written: decision.texts[field.index], label: label, relationSteps: relationSteps)
            } else {
                let field = field.index
                for (position, value) in decision.sets[field].enumerated() {
                    let written = position < decision.nameLists[field].count ? decision.nameLists[field][position] : nil
                    addNamed(value, written: written, label: label, relationSteps: relationSteps)
                }
            }
        }
        var head = 0
        while head < entries.count {
            let current = entries[head]
            head += 1
            guard current.organisation >= 0, current.steps < current.cap else { continue }
            let edges = Int(current.organisation)
            for edgeNumber in graph.edges[edges].indices {
                let edge = graph.edges[edges][edgeNumber]
                let steps = current.steps + 1
                let cap = min(current.cap, edge.steps)
                guard steps <= cap else { continue }
                let repeatOf = entry(for: edge.other)
                if let repeatOf, !hasMoreRoom(edge.other, than: cap - steps, firstAt: repeatOf) { continue }
                // The new organisation relates to the current one: seen from the new end, the
                // declaration reads the other way round.
                entries.append(Entry(organisation: edge.other, writtenName: nil, parent: Int32(head - 1),
                                     relation: edge.relation, declaredHere: !edge.isDeclaredHere,
                                     fieldLabel: nil, steps: steps, cap: cap, isRepeat: repeatOf != nil))
            }
        }
    }

    /// Whether a new chain reaching `organisation` with `room` steps left goes further than every
    /// chain to it so far.
    private func hasMoreRoom(_ organisation: Int32, than room: Int, firstAt first: Int) -> Bool {
        for index in first..<entries.count where entries[index].organisation == organisation {
            if entries[index].cap - entries[index].steps >= room { return false }
        }
        return true
    }

    private mutating func addNamed(_ value: Int64, written: String?, label: String, relationSteps: Int) {
        if value >= 0 {
            guard entry(for: Int32(value)) == nil else { return }
            entries.append(Entry(organisation: Int32(value), writtenName: nil, parent: -1, relation: nil,
                                 declaredHere: false, fieldLabel: label, steps: 0, cap: relationSteps))
        } else if let written, !written.isEmpty {
            let key = OrganisationDirectory.key(written)
            guard !entries.contains(where: { $0.writtenName.map(OrganisationDirectory.key) == key }) else { return }
            entries.append(Entry(organisation: -1, writtenName: written, parent: -1, relation: nil,
                                 declaredHere: false, fieldLabel: label, steps: 0, cap: 0))
        }
    }

    /// The organisation's display name, from the declared organisations' `names` (by index).
    func name(_ index: Int, names: [String]) -> String {
        let entry = entries[index]
        return entry.organisation >= 0 ? names[Int(entry.organisation)] : (entry.writtenName ?? "")
    }

    /// How the organisation at `index` relates to the decision, as a chain in words read after
    /// its name: "the counterparty" for one the decision names; "which is a member of Bromley
    /// GP Alliance, the counterparty" for one reached through a relation.
    func link(_ index: Int, names: [String]) -> String {
        let entry = entries[index]
        guard entry.parent >= 0, let relation = entry.relation else { return entry.fieldLabel ?? "" }
        let parent = Int(entry.parent)
        return "which " + OrganisationGraph.phrase(relation, subjectDeclaredIt: entry.declaredHere) + " "
            + name(parent, names: names) + ", " + link(parent, names: names)
    }
}
