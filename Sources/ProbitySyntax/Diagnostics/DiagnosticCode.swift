import ProbitySupport

/// A diagnostic's stable code: `P` and four digits, such as `P0201`. The first two digits are
/// its ``Category`` (the stage or command that reports it), which is how a command picks the
/// diagnostics it owns, never by comparing text.
///
/// Each code is a named constant in the catalogue (``DiagnosticCode/undeclaredName`` …) whose
/// doc comment is the meaning `docs/diagnostics.md` gives it; code uses those names.
public struct DiagnosticCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The four digits: 201 for `P0201`.
    public let number: Int

    /// A code by its number. Codes are made here and in the catalogue only.
    init(_ number: Int) {
        self.number = number
    }

    /// The code written as `P0201`, or nil for any other text.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[0] == UInt8(ascii: "P") else { return nil }
        var number = 0
        for byte in bytes.dropFirst() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self.number = number
    }

    /// `P0201`.
    ///
    /// Written byte by byte: every finding of every report writes its code, several a line of a
    /// batch, and padding and joining the digits cost about a thousand instructions a code
    /// (docs/performance.md, item 37).
    public var description: String {
        guard (0..<10_000).contains(number) else { return "P\(number)" }
        return String(unsafeUninitializedCapacity: 5) { out in
            out[0] = UInt8(ascii: "P")
            out.writeDigits(of: number, from: 1, width: 4)
            return 5
        }
    }

    /// The stage or command the code belongs to: its first two digits.
    public var category: Category { Category(hundreds: number / 100) }

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.number < b.number }

    /// A block of a hundred codes that one stage or command owns (the sections of
    /// `docs/diagnostics.md`).
    public struct Category: Hashable, Sendable {
        /// The block: 11 for `P11xx`.
        public let hundreds: Int

        public static let syntax = Category(hundreds: 1)
        public static let names = Category(hundreds: 2)
        public static let types = Category(hundreds: 3)
        public static let delegation = Category(hundreds: 4)
        public static let files = Category(hundreds: 5)
        public static let periods = Category(hundreds: 6)
        public static let decisions = Category(hundreds: 7)
        public static let meetingRules = Category(hundreds: 8)
        public static let lint = Category(hundreds: 9)
        public static let reportFindings = Category(hundreds: 10)
        /// Conflicts of interest, meetings, quorum and votes.
        public static let conflicts = Category(hundreds: 11)
        /// Relations, alias shapes, ordered steps and chair succession.
        public static let ruleRelations = Category(hundreds: 12)
        public static let robustness = Category(hundreds: 13)
        public static let papers = Category(hundreds: 14)
        /// The command line, and the language's once-only clauses.
        public static let commandLine = Category(hundreds: 15)
        public static let server = Category(hundreds: 17)
        public static let audit = Category(hundreds: 18)
        public static let registers = Category(hundreds: 19)
    }
}

/// A code written as the documents write it, `"P0201"`: for tests, and for a branch written
/// before the catalogue, which still compiles. The library's sources name codes from the
/// catalogue instead; `DiagnosticCodeCatalogTests` fails on a code written as text there.
extension DiagnosticCode: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        guard let code = DiagnosticCode(text) else { preconditionFailure("`\(text)` is not a diagnostic code; expected `P` and four digits") }
        self = code
    }
}
