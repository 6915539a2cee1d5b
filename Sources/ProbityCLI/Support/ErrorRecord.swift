import Probity
import ProbitySupport
import ProbitySyntax

/// `probity.error/1`: what `--format json` writes on standard output for a failure, so a tool
/// reading the output always gets JSON (standard error keeps the human text). `--batch` writes
/// one per failing line, with its `line`; a single `check`, with its `file`; any other failure
/// under `--format json` (a usage error, rules or a register, meeting, agenda or votes file that
/// cannot be read) one record of every error written to standard error, each with its place.
enum ErrorRecord {
    static let format = "probity.error/1"
    /// The code of a usage error (an unknown command or option, a missing argument).
    static let usageCode = DiagnosticCode.usage
    /// The code of a failure whose reasons were written to standard error only (no command
    /// should leave one; the record says where to look rather than nothing).
    static let unrecordedCode = DiagnosticCode.unrecordedFailure

    /// Whether errors are being kept for a closing record: the command was asked for `--format json`.
    nonisolated(unsafe) static var collecting = false

    /// Whether `words` (before any `--`) ask for `--format json`.
    static func asksForJSON(_ words: [String]) -> Bool {
        let options = words.prefix { $0 != "--" }
        return options.contains("--format=json") || zip(options, options.dropFirst()).contains { $0 == "--format" && $1 == "json" }
    }

    /// One record of `errors`: the API adds its HTTP `status`, a batch the `line`, a single
    /// check the `file`.
    static func write<Output: JSONOutput>(_ errors: [InputError], status: Int? = nil, line: Int? = nil, file: String? = nil, to out: inout Output) {
        out.object { out in
            out.member("format", format)
            if let status { out.member("status", integer: status) }
            if let file { out.member("file", file) }
            if let line { out.member("line", integer: line) }
            out.member("errors", array: errors) { out, error in
                error.writeJSON(to: &out)
            }
        }
    }

    /// One error entry for `diagnostic`: `code`, `field` (null outside an input's field) and
    /// `message`, then where it is (`file`, `line` and `column` in the rules; `file`, `line`
    /// and `part` in an input) when it has a place.
    static func entry(_ diagnostic: Diagnostic, _ renderer: DiagnosticRenderer) -> JSONValue {
        let place = renderer.jsonMembers(diagnostic).filter { ["file", "line", "column", "part"].contains($0.key) }
        return .object([
            ("code", .string(diagnostic.code.description)),
            ("field", diagnostic.input?.field.map(JSONValue.string) ?? .null),
            ("message", .string(diagnostic.message)),
        ] + place)
    }

    /// The entry for a usage error, with the help page to read.
    static func entry(_ usage: UsageError, help: String) -> JSONValue {
        .object([("code", .string(usageCode.description)), ("field", .null), ("message", .string(usage.message)), ("help", .string(help))])
    }

    /// Ends a failed command run under `--format json` that wrote nothing on standard output:
    /// one record of the errors it wrote to standard error.
    static func close(_ status: ExitCode) {
        guard collecting, status == .badInput, !Output.wroteOutput else { return }
        var errors = Output.errorEntries
        if errors.isEmpty {
            errors = [.object([("code", .string(unrecordedCode.description)), ("field", .null),
                               ("message", .string("the command failed; its reasons are on standard error"))])]
        }
        Output.write(JSONWriter.pretty(.object([("format", .string(format)), ("errors", .array(errors))])) + "\n")
    }
}
