/// How serious a diagnostic is. Errors stop a run; warnings and notes do not.
public enum Severity: String, Comparable, Sendable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A suggested edit: replace the text at `range` with `replacement`.
public struct FixIt: Hashable, Sendable {
    public var message: String
    public var range: SourceRange
    public var replacement: String

    public init(message: String, range: SourceRange, replacement: String) {
        self.message = message
        self.range = range
        self.replacement = replacement
    }
}

/// Extra context attached to a diagnostic, optionally pointing elsewhere in the sources.
public struct DiagnosticNote: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// Where in an input (a decision, meeting, agenda, votes or register file) a problem is: the
/// file as the user named it, and where known the line, the JSON field (`votes.for`,
/// `items[2].decision`) and the part of the file (`item 11`).
public struct InputPosition: Hashable, Sendable {
    public var file: String
    public var line: Int?
    public var field: String?
    /// The part of the file the problem is in, as a person names it (`item 11`).
    public var part: String?

    public init(file: String, line: Int? = nil, field: String? = nil, part: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.part = part
    }
}

/// Where a diagnostic is: a range in a rule file, or a position in an input file (a decision,
/// meeting, agenda, votes, register or history file). One or the other, never both.
public enum DiagnosticLocation: Hashable, Sendable {
    case source(SourceRange)
    case input(InputPosition)
}

/// A problem found in rule files or inputs, as a value: the library collects these and a
/// single renderer (``DiagnosticRenderer``) turns them into text or JSON. It is located by a
/// source range (rule files) or an input position (everything else), or not at all (a file
/// that cannot be read is named in the message).
///
/// Messages are lowercase, have no final period, put names in backticks and say what was
/// expected. Every code is documented in `docs/diagnostics.md`.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    /// A stable code such as `P0201`, named from the catalogue (``DiagnosticCode/undeclaredName``).
    public var code: DiagnosticCode
    public var message: String
    /// Where the problem is; nil when the message names the file itself.
    public var location: DiagnosticLocation?
    public var notes: [DiagnosticNote]
    public var fixIt: FixIt?

    /// The range in a rule file, when the problem is in one. Setting one makes it the location.
    public var range: SourceRange? {
        get {
            if case .source(let range) = location { return range }
            return nil
        }
        set {
            if let newValue { location = .source(newValue) } else if range != nil { location = nil }
        }
    }

    /// Where in an input file the problem is, for problems outside the rules. Setting one makes
    /// it the location.
    public var input: InputPosition? {
        get {
            if case .input(let position) = location { return position }
            return nil
        }
        set {
            if let newValue { location = .input(newValue) } else if input != nil { location = nil }
        }
    }

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange?,
                notes: [DiagnosticNote] = [], fixIt: FixIt? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = range.map(DiagnosticLocation.source)
        self.notes = notes
        self.fixIt = fixIt
    }

    /// A problem in an input file, at `input` (nil when the message names the file itself).
    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, in input: InputPosition?) {
        self.init(severity, code, message, at: nil)
        self.location = input.map(DiagnosticLocation.input)
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange?,
                             notes: [DiagnosticNote] = [], fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, notes: notes, fixIt: fixIt)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange?,
                               notes: [DiagnosticNote] = [], fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, notes: notes, fixIt: fixIt)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in source order (file, then offset, then code), so output is deterministic.
    public func sortedBySource() -> [Diagnostic] {
        sorted { a, b in
            switch (a.range, b.range) {
            case let (x?, y?):
                if x.file != y.file { return x.file < y.file }
                if x.start != y.start { return x.start < y.start }
            case (nil, _?): return false
            case (_?, nil): return true
            case (nil, nil): break
            }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }
}
