import ProbitySyntax
import XCTest

/// Rule text with numbered markers (`1️⃣`, `2️⃣`, …) showing where diagnostics must point.
/// The markers are removed and their byte offsets kept.
public struct MarkedSource {
    public static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    /// The text the test is about, after `prelude` (declarations it needs, with no markers).
    public let text: String
    /// Text put before the marked text, left out when a fixed source is compared.
    public let prelude: String
    /// Marker name → byte offset in `text`.
    public let offsets: [String: Int]

    public init(_ marked: String, prelude: String = "") {
        var text = prelude
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
        self.prelude = prelude
        self.offsets = offsets
    }

    /// The text after `fixIt` is applied, without the prelude.
    public func applying(_ fixIt: FixIt) -> String {
        var bytes = Array(text.utf8)
        let start = min(Int(fixIt.range.start), bytes.count), end = min(Int(fixIt.range.end), bytes.count)
        bytes.replaceSubrange(start..<end, with: Array(fixIt.replacement.utf8))
        let fixed = String(decoding: bytes, as: UTF8.self)
        return fixed.hasPrefix(prelude) ? String(fixed.dropFirst(prelude.count)) : fixed
    }
}

/// What one diagnostic must be, in the spirit of swift-syntax's `DiagnosticSpec`: its code, the
/// marker it points at, and (when given) its message and the source once its fix-it is applied.
public struct DiagnosticSpec {
    public var code: String
    public var marker: String
    public var message: String?
    /// The marked text (without the prelude) after the fix-it; nil when not checked. A
    /// diagnostic with no fix-it fails a spec that gives one.
    public var fixedSource: String?

    public init(_ code: String, at marker: String, message: String? = nil, fixedSource: String? = nil) {
        self.code = code
        self.marker = marker
        self.message = message
        self.fixedSource = fixedSource
    }
}

/// Asserts that `diagnostics` are the `expected` ones, in order: each with its code, starting at
/// its marker, and with its message and fixed source where the spec gives them.
public func assertDiagnostics(_ diagnostics: [Diagnostic], in source: MarkedSource, _ expected: [DiagnosticSpec],
                              file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(diagnostics.map(\.code.description), expected.map(\.code),
                   diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "\n"), file: file, line: line)
    for (diagnostic, spec) in zip(diagnostics, expected) {
        XCTAssertEqual(diagnostic.range.map { Int($0.start) }, source.offsets[spec.marker],
                       "\(spec.code) should point at \(spec.marker): \(diagnostic.message)", file: file, line: line)
        if let message = spec.message {
            XCTAssertEqual(diagnostic.message, message, "message of \(spec.code) at \(spec.marker)", file: file, line: line)
        }
        if let fixedSource = spec.fixedSource {
            guard let fixIt = diagnostic.fixIt else {
                XCTFail("\(spec.code) at \(spec.marker) has no fix-it; expected one giving:\n\(fixedSource)", file: file, line: line)
                continue
            }
            XCTAssertEqual(source.applying(fixIt), fixedSource, "source after the fix-it of \(spec.code) at \(spec.marker)", file: file, line: line)
        }
    }
}

/// Asserts that `diagnostics` have the `expected` codes, in order, each starting at its marker.
public func assertDiagnostics(_ diagnostics: [Diagnostic], in source: MarkedSource, _ expected: [(marker: String, code: String)],
                              file: StaticString = #filePath, line: UInt = #line) {
    assertDiagnostics(diagnostics, in: source, expected.map { DiagnosticSpec($0.code, at: $0.marker) }, file: file, line: line)
}
