/// A unified diff of two texts, line by line, as `diff -u` and `git diff` print it, for
/// `probity fmt --diff`.
///
/// The lines in common are found by the longest common subsequence over the lines between the
/// common head and tail; rule files are short, so the quadratic table is small.
enum UnifiedDiff {
    /// Lines of context around each change.
    static let context = 3

    /// The diff from `old` to `new`, labelled `a/PATH` and `b/PATH`; empty when they are equal.
    static func render(old: String, new: String, path: String) -> String {
        let a = lines(old), b = lines(new)
        let edits = script(a, b)
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        // Group changes into hunks with their context.
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            while end < edits.count {
                guard let next = edits[end...].firstIndex(where: { $0.kind != .same }) else { break }
                if next - end > 2 * context && end != firstChange { break }
                end = next + 1
            }
            let stop = min(edits.count, end + context)
            let hunk = edits[start..<stop]
            let oldStart = hunk.first.map { $0.oldLine } ?? 0, newStart = hunk.first.map { $0.newLine } ?? 0
            let oldCount = hunk.filter { $0.kind != .added }.count, newCount = hunk.filter { $0.kind != .removed }.count
            out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " \(edit.text)\n"
                case .removed: out += "-\(edit.text)\n"
                case .added: out += "+\(edit.text)\n"
                }
            }
            index = stop
        }
        return out
    }

    enum Kind { case same, removed, added }

    struct Edit {
        var kind: Kind
        var text: String
        /// Lines of the old and new text before this one (0-based positions).
        var oldLine: Int
        var newLine: Int
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The edit script turning `a` into `b`.
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)]), y = Array(b[head..<(b.count - tail)])
        // lcs[i][j]: the longest common subsequence of x[i...] and y[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        for k in 0..<head { edits.append(Edit(kind: .same, text: a[k], oldLine: k, newLine: k)) }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                edits.append(Edit(kind: .same, text: x[i], oldLine: head + i, newLine: head + j))
                i += 1; j += 1
            } else if j < y.count, i == x.count || lcs[i][j + 1] > lcs[i + 1][j] {
                edits.append(Edit(kind: .added, text: y[j], oldLine: head + i, newLine: head + j))
                j += 1
            } else {
                edits.append(Edit(kind: .removed, text: x[i], oldLine: head + i, newLine: head + j))
                i += 1
            }
        }
        for k in 0..<tail {
            edits.append(Edit(kind: .same, text: a[a.count - tail + k], oldLine: a.count - tail + k, newLine: b.count - tail + k))
        }
        return edits
    }
}
