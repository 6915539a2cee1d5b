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
        ErrorRecord.write(errors, status: status.code, to: &out)
        out.endLine()
        return out.bytes
    }
}
