import ProbitySupport

/// Renders diagnostics as text a person can act on, or as JSON. In rule files, with the line
/// and a caret:
///
/// ```
/// error[P0201]: undeclared body `lcp-bord`
///   --> Rules/bromley/lcp.probity:12:23
///    |
/// 12 |   require approval by lcp-bord
///    |                       ^^^^^^^^ did you mean `lcp-board`?
/// ```
///
/// In an input file, on one line after its position:
/// `Examples/agendas/lcp.json: item 11: error[P0701]: unknown field `valeu` …`.
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceMap

    public init(sources: SourceMap) {
        self.sources = sources
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.input.map(Self.prefix) ?? ""
        out += "\(diagnostic.severity.rawValue)[\(diagnostic.code)]: \(diagnostic.message)\n"
        if let range = diagnostic.range {
            out += excerpt(range, label: diagnostic.fixIt?.message)
        } else if let fixIt = diagnostic.fixIt {
            out += "  = help: \(fixIt.message)\n"
        }
        for note in diagnostic.notes {
            if let range = note.range {
                out += "  = note: \(note.message)\n"
                out += excerpt(range, label: nil)
            } else {
                out += "  = note: \(note.message)\n"
            }
        }
        return out
    }

    /// The diagnostic as JSON members: `code`, `severity`, `message`, where it is (`file`,
    /// `line`, `column` in the rules; `file`, `line`, `field`, `part` in an input file) and
    /// `notes`. A command adds its own members after these.
    public func jsonMembers(_ diagnostic: Diagnostic) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("code", .string(diagnostic.code.description)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
        ]
        switch diagnostic.location {
        case .source(let range)?:
            members += place(range)
        case .input(let input)?:
            members.append(("file", .string(input.file)))
            if let line = input.line { members.append(("line", .integer(line))) }
            if let field = input.field { members.append(("field", .string(field))) }
            if let part = input.part { members.append(("part", .string(part))) }
        case nil:
            break
        }
        members.append(("notes", .array(diagnostic.notes.map { note in
            .object([("message", .string(note.message))] + place(note.range))
        })))
        return members
    }

    private func place(_ range: SourceRange?) -> [(key: String, value: JSONValue)] {
        guard let range else { return [] }
        let file = sources[range.file]
        let (line, column) = file.lineAndColumn(of: Int(range.start))
        return [("file", .string(file.path)), ("line", .integer(line)), ("column", .integer(column))]
    }

    /// `file:line: part: ` for a problem in an input file.
    private static func prefix(_ input: InputPosition) -> String {
        var out = input.file
        if let line = input.line { out += ":\(line)" }
        out += ": "
        if let part = input.part { out += "\(part): " }
        return out
    }
    /// The most columns of a source line an excerpt shows.
    static let longestLineShown = 160

    private func excerpt(_ range: SourceRange, label: String?) -> String {
        let file = sources[range.file]
        let (line, column) = file.lineAndColumn(of: Int(range.start))
        // Tabs are shown as one space so the caret, which counts scalars, stays aligned.
        let text = file.lineText(line).replacingTabs()
        let gutter = String(repeating: " ", count: String(line).count)
        // The caret spans the range on its first line (at least one column).
        let endOnLine: Int = {
            let (endLine, endColumn) = file.lineAndColumn(of: Int(range.end))
            return endLine == line ? endColumn : text.unicodeScalars.count + 1
        }()
        var width = max(1, endOnLine - column)
        // A very long line (a generated file, a hostile one) is shown as a window round the
        // column, so one message stays one screen and its cost does not grow with the line.
        var shown = text, caretColumn = column
        let scalars = Array(text.unicodeScalars)
        if scalars.count > DiagnosticRenderer.longestLineShown {
            let start = max(0, min(column - 1 - 40, scalars.count - DiagnosticRenderer.longestLineShown))
            let end = min(scalars.count, start + DiagnosticRenderer.longestLineShown)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            shown = (start > 0 ? "…" : "") + String(view) + (end < scalars.count ? "…" : "")
            caretColumn = column - start + (start > 0 ? 1 : 0)
            width = max(1, min(width, end - (column - 1)))
        }
        var out = "\(gutter)--> \(file.path):\(line):\(column)\n"
        out += "\(gutter) |\n"
        out += "\(line) | \(shown)\n"
        out += "\(gutter) | " + String(repeating: " ", count: caretColumn - 1) + String(repeating: "^", count: width)
        if let label { out += " \(label)" }
        out += "\n"
        return out
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
    }
}
