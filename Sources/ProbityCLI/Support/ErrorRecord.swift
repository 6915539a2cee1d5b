import Probity
import ProbitySupport

/// `probity.error/1`: what `--format json` writes on standard output for a decision that could
/// not be read, so a tool reading the output always gets JSON (standard error keeps the human
/// text). `--batch` writes one per failing line, with its `line`; a single `check`, with its `file`.
enum ErrorRecord {
    static let format = "probity.error/1"

    static func write<Output: JSONOutput>(_ errors: [InputError], line: Int? = nil, file: String? = nil, to out: inout Output) {
        out.object { out in
            out.member("format", format)
            if let file { out.member("file", file) }
            if let line { out.member("line", integer: line) }
            out.member("errors", array: errors) { out, error in
                out.object { out in
                    out.member("code", error.code.description)
                    out.member("field", error.field)
                    out.member("message", error.message)
                }
            }
        }
    }
}
