import ProbitySupport

extension InputError {
    /// The error as every JSON output gives it: `{"code", "field", "message"}`, with `field`
    /// null when the error is about no one key. `probity.error/1` (the CLI and the API) and the
    /// items of `probity.meeting/1` all write it through here, so the shape is said once.
    public func writeJSON<Output: JSONOutput>(to out: inout Output) {
        out.object { out in
            out.member("code", code.description)
            out.member("field", field)
            out.member("message", message)
        }
    }

    /// The error as a ``JSONValue`` (see ``writeJSON(to:)``).
    public var json: JSONValue {
        var tree = JSONTreeBuilder()
        writeJSON(to: &tree)
        return tree.value
    }
}
