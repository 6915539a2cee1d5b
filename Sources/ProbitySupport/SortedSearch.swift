/// Binary search in an array kept ascending: the candidate lists, text ids and lengths of the
/// "did you mean" indexes are sorted once and then searched on every name.
extension Array where Element: Comparable {
    /// The first position in `range` holding `bound` or more, `range.upperBound` when none does;
    /// the elements in `range` must be ascending.
    @inlinable
    public func firstIndex(notBelow bound: Element, in range: Range<Int>) -> Int {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = low + (high - low) / 2
            if self[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the array, ascending, holds `value`.
    @inlinable
    public func sortedContains(_ value: Element) -> Bool {
        let at = firstIndex(notBelow: value, in: indices)
        return at < count && self[at] == value
    }
}
