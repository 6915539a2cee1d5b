import ProbitySyntax
import XCTest

/// Rule text with numbered markers (`1️⃣`, `2️⃣`, …) showing where diagnostics must point.
/// The markers are removed and their byte offsets kept.
public struct MarkedSource {
    public static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    public let text: String
    /// Marker name → byte offset in `text`.
    public let offsets: [String: Int]

    public init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var rest = Substring(marked)
        while !rest.isEmpty {
            if let marker = MarkedSource.markers.first(where: { rest.hasPrefix($0) }) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
            } else {
                text.append(rest.removeFirst())
            }
        }
        self.text = text
        self.offsets = offsets
    }
}

/// Asserts that `diagnostics` have the `expected` codes, in order, each starting at its marker.
public func assertDiagnostics(_ diagnostics: [Diagnostic], in source: MarkedSource, _ expected: [(marker: String, code: String)],
                              file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(diagnostics.map(\.code), expected.map(\.code),
                   diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "\n"), file: file, line: line)
    for (diagnostic, expectation) in zip(diagnostics, expected) {
        XCTAssertEqual(diagnostic.range.map { Int($0.start) }, source.offsets[expectation.marker],
                       "\(expectation.code) should point at \(expectation.marker): \(diagnostic.message)", file: file, line: line)
    }
}
