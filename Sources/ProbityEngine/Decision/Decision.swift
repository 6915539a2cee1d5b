import ProbitySemantics
import ProbitySyntax

/// A decision checked against the program's field declarations, laid out for the evaluator:
/// one slot per field, every value already an integer (pence, day number, enumeration ordinal,
/// body or organisation index) so evaluation compares integers only.
public struct Decision: Sendable {
    public var id: String
    /// The day the decision is taken (a day number).
    public var date: Int32
    /// Per field: whether the decision gives it.
    public var isPresent: [Bool]
    /// Per field: the value of a scalar field.
    public var scalars: [Int64]
    /// Per set-typed field: its elements.
    public var sets: [[Int64]]
    /// Per field: text values, and organisation names as written (for screening and reports).
    public var texts: [String?]
    /// Per set-of-organisation field: the names as written.
    public var nameLists: [[String]]

    /// Marks an organisation that no rule file declares (a bidder new to the system).
    public static let unknownOrganisation: Int64 = -1

    public init(fieldCount: Int) {
        id = ""
        date = 0
        isPresent = Array(repeating: false, count: fieldCount)
        scalars = Array(repeating: 0, count: fieldCount)
        sets = Array(repeating: [], count: fieldCount)
        texts = Array(repeating: nil, count: fieldCount)
        nameLists = Array(repeating: [], count: fieldCount)
    }
}

/// Why an input file (a decision, a meeting, an agenda, a record of votes) could not be read.
/// The message names the field and says what was expected.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable code from `docs/diagnostics.md` (`P0701` …, `P1110` …).
    public var code: DiagnosticCode
    /// The JSON key at fault (`colour`, `votes.for`), when there is one.
    public var field: String?
    public var message: String

    public init(code: DiagnosticCode, field: String?, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { String(DiagnosticRenderer(sources: SourceMap()).render(diagnostic(in: nil)).dropLast()) }

    /// The error as a diagnostic, in the input file `file` (and its `part`, such as `item 11`).
    public func diagnostic(in file: String?, part: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, in: file.map { InputPosition(file: $0, field: field, part: part) })
    }
}

/// Why a decision could not be read.
public typealias DecisionError = InputError

/// Every problem found in one input (a decision, a meeting, an agenda, a record of votes):
/// the decoders read on past an error, so a file is corrected in one pass.
public struct InputErrors: Error, Equatable, Sendable {
    public var all: [InputError]

    public init(_ all: [InputError]) {
        self.all = all
    }

    /// The errors as diagnostics, in the input file `file` (and its `part`, such as `item 11`).
    public func diagnostics(in file: String?, part: String? = nil) -> [Diagnostic] {
        all.map { $0.diagnostic(in: file, part: part) }
    }
}

/// Every problem found in one decision.
public typealias DecisionErrors = InputErrors
