import ProbitySupport

/// A short list of indices per rule (the bodies it requires, its procedures), all in one array:
/// rule `r`'s list is `items[starts[r] ..< starts[r + 1]]`.
///
/// One allocation for every rule's list, not one per rule: the evaluator reads the lists of the
/// few rules that fire on a line, and with thousands of rules an array per rule put each list on
/// a cache line of its own, away from its neighbours (and retained it when read).
package struct RuleLists: Sendable {
    private var starts: [Int32] = [0]
    private var items: [Int32] = []

    init(_ lists: [[Int32]]) {
        starts.reserveCapacity(lists.count + 1)
        for list in lists {
            items += list
            starts.append(Int32(items.count))
        }
    }

    /// The positions of rule `rule`'s list in ``items``.
    @inline(__always) private func range(_ rule: Int) -> Range<Int> { Int(starts[rule]) ..< Int(starts[rule + 1]) }

    /// Where rule `rule`'s list lies in the table, for a loop that reads it in place by
    /// ``item(at:)`` (the list's `n`th item is at `lowerBound + n`).
    @inline(__always) package func positions(_ rule: Int) -> Range<Int> { range(rule) }

    /// The item at `position` (one of some rule's ``positions(_:)``).
    @inline(__always) package func item(at position: Int) -> Int32 { items[position] }

    /// Calls `body` with each index of rule `rule`'s list, in order.
    @inline(__always) package func forEach(_ rule: Int, _ body: (Int32) -> Void) {
        for position in range(rule) { body(items[position]) }
    }

    /// Whether rule `rule`'s list holds `value`.
    package func contains(_ rule: Int, _ value: Int32) -> Bool {
        range(rule).contains { items[$0] == value }
    }

    /// Rule `rule`'s list, for callers off the hot path. A slice of the whole table: its
    /// indices are positions in the table (``positions(_:)``), not counted from zero.
    package subscript(rule: Int) -> ArraySlice<Int32> { items[range(rule)] }

    /// Where the two tables are stored, for tests that a copy has storage of its own.
    var storageAddresses: [UnsafeRawPointer?] {
        [starts.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
         items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }]
    }

    /// The same lists in buffers of their own, for a table kept per thread (a copy shares the
    /// buffers, and every later copy writes their reference counts).
    package var withOwnStorage: RuleLists {
        var copy = self
        copy.starts = starts.withOwnStorage
        copy.items = items.withOwnStorage
        return copy
    }
}
