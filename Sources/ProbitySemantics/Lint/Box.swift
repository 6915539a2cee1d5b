/// A product of sets, one per dimension of a ``DecisionSpace``: the decisions whose every
/// field lies in its set. A union of boxes describes what a condition accepts.
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

    /// `self − other` as disjoint boxes (at most one per dimension).
    public func subtracting(_ other: Box) -> [Box] {
        guard intersects(other) else { return [self] }
        var pieces: [Box] = []
        var rest = self
        for i in sets.indices {
            let outside = rest.sets[i].subtracting(other.sets[i])
            if !outside.isEmpty {
                var piece = rest
                piece.sets[i] = outside
                pieces.append(piece)
            }
            rest.sets[i] = rest.sets[i].intersection(other.sets[i])
        }
        return pieces
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

/// Unions of boxes.
enum Boxes {
    /// Removes boxes inside others and merges boxes that differ in one dimension, until
    /// nothing changes. The union is unchanged.
    static func simplify(_ input: [Box]) -> [Box] {
        var boxes = input.filter { !$0.isEmpty }
        var changed = true
        while changed {
            changed = false
            var i = 0
            outer: while i < boxes.count {
                var j = i + 1
                while j < boxes.count {
                    if boxes[j].isSubset(of: boxes[i]) {
                        boxes.remove(at: j)
                        changed = true
                        continue
                    }
                    if boxes[i].isSubset(of: boxes[j]) {
                        boxes.remove(at: i)
                        changed = true
                        continue outer
                    }
                    if let d = boxes[i].soleDifference(boxes[j]) {
                        boxes[i].sets[d] = boxes[i].sets[d].union(boxes[j].sets[d])
                        boxes.remove(at: j)
                        changed = true
                        j = i + 1
                        continue
                    }
                    j += 1
                }
                i += 1
            }
        }
        return boxes
    }

    static func intersect(_ a: [Box], _ b: [Box]) -> [Box] {
        var out: [Box] = []
        for x in a {
            for y in b {
                if let z = x.intersection(y) { out.append(z) }
            }
        }
        return out
    }

    static func intersects(_ a: [Box], _ b: [Box]) -> Bool {
        a.contains { x in b.contains { x.intersects($0) } }
    }
}
