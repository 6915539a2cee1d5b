import Probity
import ProbityHTTP
import ProbitySupport

/// A request the API cannot answer, as `probity.error/1` with a 4xx status.
struct APIError: Error {
    var status: HTTPStatus
    var errors: [InputError]

    init(_ status: HTTPStatus, _ errors: [InputError]) {
        self.status = status
        self.errors = errors
    }

    init(_ status: HTTPStatus, code: DiagnosticCode, field: String? = nil, _ message: String) {
        self.init(status, [InputError(code: code, field: field, message: message)])
    }

    /// A body that does not fit the endpoint: what was wrong, field by field.
    static func input(_ errors: DecisionErrors) -> APIError { APIError(.badRequest, errors.all) }
    static func input(_ error: InputError) -> APIError { APIError(.badRequest, [error]) }

    /// `{"format":"probity.error/1","status":400,"errors":[{"code","field","message"}]}`.
    var json: [UInt8] {
        var out = JSONStreamWriter(pretty: false)
        out.object { out in
            out.member("format", "probity.error/1")
            out.member("status", integer: status.code)
            out.member("errors", array: errors) { out, error in
                out.object { out in
                    out.member("code", error.code.description)
                    out.member("field", error.field)
                    out.member("message", error.message)
                }
            }
        }
        out.endLine()
        return out.bytes
    }
}
