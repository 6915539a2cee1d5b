/// The Levenshtein distance between `a` and `b`, counted as ``editDistance(_:_:)`` counts it (in
/// Unicode scalars), when it is at most `limit`; nil when it is more.
///
/// "Did you mean" ranks a name against thousands of candidates, nearly all of them nowhere near,
/// and only needs to know whether each is within a few slips. So only the band of the table
/// within `limit` of its diagonal is filled (a cell further off is more than `limit` away by the
/// difference in lengths alone), and the work stops at the first row whose every cell is over
/// `limit`, since no path through the table can come back under it.
///
/// `bothASCII` says the caller knows both strings are ASCII (a folded name knows it of itself),
/// so they need not be read to find out.
public func editDistance(_ a: String, _ b: String, atMost limit: Int, bothASCII: Bool = false) -> Int? {
    guard limit >= 0 else { return nil }
    if bothASCII || (a.isASCII && b.isASCII) {
        var a = a, b = b
        return a.withUTF8 { a in b.withUTF8 { b in bandedEditDistance(a, b, atMost: limit) } }
    }
    let source = a.unicodeScalars.map(\.value), target = b.unicodeScalars.map(\.value)
    return source.withUnsafeBufferPointer { a in
        target.withUnsafeBufferPointer { b in bandedEditDistance(a, b, atMost: limit) }
    }
}

/// The number of characters in `text`, counted without walking graphemes when it is ASCII (a
/// folded name nearly always is).
public func characterCount(_ text: String) -> Int {
    text.isASCII ? text.utf8.count : text.count
}

private func bandedEditDistance<Element: Equatable>(_ a: UnsafeBufferPointer<Element>, _ b: UnsafeBufferPointer<Element>,
                                                    atMost limit: Int) -> Int? {
    let n = a.count, m = b.count
    guard abs(n - m) <= limit else { return nil }
    if n == 0 { return m }
    if m == 0 { return n }
    // Any value over `limit` is as good as another: `over` stands for all of them, and keeps the
    // sums below from growing.
    let over = limit + 1
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (m + 1)) { rows in
        var previous = UnsafeMutableBufferPointer(rebasing: rows[0...m])
        var current = UnsafeMutableBufferPointer(rebasing: rows[(m + 1)...])
        for j in 0...m { previous[j] = min(j, over) }
        for i in 1...n {
            let low = max(1, i - limit), high = min(m, i + limit)
            current[0] = min(i, over)
            if low > 1 { current[low - 1] = over }
            var rowMinimum = current[0]
            for j in low...high {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                let cell = min(substitution, previous[j] + 1, current[j - 1] + 1, over)
                current[j] = cell
                rowMinimum = min(rowMinimum, cell)
            }
            // The next row reads one cell past this row's band: it is out of reach.
            if high < m { current[high + 1] = over }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[m] <= limit ? previous[m] : nil
    }
}
