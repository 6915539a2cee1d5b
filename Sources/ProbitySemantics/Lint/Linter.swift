import ProbitySupport
import ProbitySyntax

/// One lint finding: a diagnostic, the rules that may accept it with `accept CODE because "…"`,
/// and, once the linter has looked, the reason it was accepted.
public struct LintFinding: Sendable {
    public var diagnostic: Diagnostic
    /// Indices of the rules whose `accept` clauses can suppress this finding.
    public var rules: [Int]
    /// Indices of the bodies whose `accept` clauses can suppress this finding.
    public var bodies: [Int] = []
    /// Set when one of `rules` accepts the finding's code.
    public var acceptedBecause: String?
    /// For gaps and overlaps: the decisions the finding is about, as boxes of the decision
    /// space (all of them, also when the message names only the first).
    public var regions: [Box] = []
    /// For gaps and overlaps: one decision inside the region, as `probity check` reads it.
    public var witness: JSONValue?

    public init(_ diagnostic: Diagnostic, rules: [Int] = [], acceptedBecause: String? = nil) {
        self.diagnostic = diagnostic
        self.rules = rules
        self.acceptedBecause = acceptedBecause
    }

    public var isAccepted: Bool { acceptedBecause != nil }
}

/// One analysis of the rules as a whole. Each lives in its own file under `Lint/Rules/` and
/// owns one code in the P09xx range (documented in `docs/diagnostics.md`).
public protocol LintRule: Sendable {
    /// The diagnostic code, e.g. `P0901`.
    var code: DiagnosticCode { get }
    /// One line saying what the rule looks for.
    var summary: String { get }
    func check(_ program: Program, _ space: DecisionSpace) -> [LintFinding]
}

/// Runs every lint rule over a checked program and applies the rules' `accept` clauses.
public struct Linter: Sendable {
    public static let allRules: [any LintRule] = [
        GapRule(), OverlapRule(), UnreachableRule(), ShadowedRule(), UnusedBodyRule(),
        NoticeWithoutPeriodRule(), PlaceholderRule(),
        // Last: it reports what the others could not analyse.
        IncompleteAnalysisRule(),
    ]

    public var rules: [any LintRule]
    public var budget: LintBudget

    public init(rules: [any LintRule] = Linter.allRules, budget: LintBudget = .standard) {
        self.rules = rules
        self.budget = budget
    }

    /// Lint findings for a checked program, in source order. `syntax` (the parsed files) lets
    /// findings point at the clause at fault; without it they point at rule names.
    public func lint(_ program: Program, syntax: [FileSyntax] = []) -> [LintFinding] {
        let space = DecisionSpace(program: program, syntax: syntax, budget: budget)
        return lint(program, space)
    }

    public func lint(_ program: Program, _ space: DecisionSpace) -> [LintFinding] {
        var findings = rules.flatMap { $0.check(program, space) }
        for index in findings.indices {
            let code = findings[index].diagnostic.code
            if let rule = findings[index].rules.first(where: { program.rules[$0].acceptedFindings[code.description] != nil }) {
                findings[index].acceptedBecause = program.rules[rule].acceptedFindings[code.description]
            } else if let body = findings[index].bodies.first(where: { program.bodies[$0].acceptedFindings[code.description] != nil }) {
                findings[index].acceptedBecause = program.bodies[body].acceptedFindings[code.description]
            }
        }
        return findings.sorted { Linter.sourceKey($0) < Linter.sourceKey($1) }
    }

    /// Everything `probity lint` reports for loaded rules: the checker's diagnostics, then (if
    /// the rules check) the lint findings. `program` is nil when the checker found errors.
    public static func run(_ loaded: LoadedRules, linter: Linter = Linter()) -> LintReport {
        let (program, diagnostics) = Checker.check(loaded)
        var findings = diagnostics.map { LintFinding($0) }
        if let program {
            findings += linter.lint(program, syntax: loaded.files)
            findings.sort { sourceKey($0) < sourceKey($1) }
        }
        return LintReport(program: program, findings: findings, sources: loaded.sources)
    }

    /// Source order: file, offset, code, message; findings without a place last.
    static func sourceKey(_ finding: LintFinding) -> (Int, Int32, Int32, Int, String) {
        let d = finding.diagnostic
        guard let range = d.range else { return (1, 0, 0, d.code.number, d.message) }
        return (0, range.file.index, range.start, d.code.number, d.message)
    }
}

/// The result of linting a rule set.
public struct LintReport: Sendable {
    public var program: Program?
    public var findings: [LintFinding]
    public var sources: SourceMap

    public var checks: Bool { program != nil }
    public var reported: [LintFinding] { findings.filter { !$0.isAccepted } }
    public var accepted: [LintFinding] { findings.filter(\.isAccepted) }

    public func count(_ severity: Severity) -> Int {
        reported.filter { $0.diagnostic.severity == severity }.count
    }
}
