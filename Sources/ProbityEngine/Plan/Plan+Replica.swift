import ProbitySupport

extension Plan {
    /// The same plan in storage of its own, for another thread deciding beside this one (a
    /// batch's workers): the plan's tables that `decide` reads, copied on the calling thread.
    ///
    /// Why: a shared table is only read, but a heap block is not alone on its cache line. At two
    /// threads, one load of a shared table's length in `decide` took about twice the whole of
    /// `decide` at one thread: most likely its line was being written by the other core (memory
    /// freed beside it at start-up and used again for a line's work; this VM has no counters to
    /// show it). Copied by the thread that reads it, a table lies among that thread's own blocks
    /// (docs/performance.md, item 30). The program itself stays shared: `decide` reads it only
    /// for the few rules with notices or orders and for a decision's `decided_by` body.
    package func replica() -> Plan {
        Plan(replicating: self)
    }

    private init(replicating other: Plan) {
        program = other.program
        conditions = other.conditions.withOwnStorage
        roots = other.roots.withOwnStorage
        effectiveFrom = other.effectiveFrom.withOwnStorage
        effectiveUntil = other.effectiveUntil.withOwnStorage
        facts = other.facts.withOwnStorage
        index = other.index.withOwnStorage
        conjunctRoots = other.conjunctRoots.withOwnStorage
        // Read only by test coverage, never by a batch.
        branchRoots = other.branchRoots
        requirements = RequirementTables(replicating: other.requirements)
    }
}

extension ConditionProgram {
    /// The same nodes and constants in storage of their own (see ``Plan/replica()``).
    var withOwnStorage: ConditionProgram {
        var copy = self
        copy.nodes = nodes.withOwnStorage
        copy.children = children.withOwnStorage
        copy.values = values.withOwnStorage
        copy.texts = texts.map { $0.withOwnStorage }
        // The written conditions stay shared: a copy of the table would still hold the same
        // conditions (each retained when read), and only explanations read them.
        return copy
    }
}

extension RuleIndex {
    /// The same index in storage of its own (see ``Plan/replica()``).
    var withOwnStorage: RuleIndex {
        var copy = self
        copy.buckets = buckets.withOwnStorage
        copy.organisationSplitOfKey = organisationSplitOfKey.withOwnStorage
        copy.organisationSplits = organisationSplits.withOwnStorage
        copy.namedSlots = namedSlots.withOwnStorage
        copy.namedBuckets = namedBuckets.withOwnStorage
        copy.members = members.withOwnStorage
        copy.points = points.withOwnStorage
        copy.edges = edges.withOwnStorage
        copy.lowerBounds = lowerBounds.withOwnStorage
        copy.upperBounds = upperBounds.withOwnStorage
        return copy
    }
}
