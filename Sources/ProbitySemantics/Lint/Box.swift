/// A product of sets, one per dimension of a ``DecisionSpace``: the decisions whose every
/// field lies in its set. Lint decides with diagrams; boxes are what it reads back out of them
/// to describe a region, and each rule's bounds.
public struct Box: Hashable, Sendable {
    public var sets: [IntervalSet]

    public init(_ sets: [IntervalSet]) {
        self.sets = sets
    }

    public var isEmpty: Bool { sets.contains { $0.isEmpty } }

    public func intersection(_ other: Box) -> Box? {
        var out = sets
        for i in out.indices {
            out[i] = out[i].intersection(other.sets[i])
            if out[i].isEmpty { return nil }
        }
        return Box(out)
    }

    public func intersects(_ other: Box) -> Bool {
        sets.indices.allSatisfy { sets[$0].intersects(other.sets[$0]) }
    }

    public func isSubset(of other: Box) -> Bool {
        sets.indices.allSatisfy { sets[$0].isSubset(of: other.sets[$0]) }
    }

    /// The one dimension in which two boxes differ, if they differ in exactly one.
    func soleDifference(_ other: Box) -> Int? {
        var found: Int?
        for i in sets.indices where sets[i] != other.sets[i] {
            if found != nil { return nil }
            found = i
        }
        return found
    }
}
