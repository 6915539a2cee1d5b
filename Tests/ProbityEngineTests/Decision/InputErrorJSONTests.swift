import ProbityEngine
import ProbitySupport
import ProbitySyntax
import XCTest

/// `InputError.writeJSON` is the one place the `{"code", "field", "message"}` shape of an input
/// error is written; the bytes and the tree must say the same.
final class InputErrorJSONTests: XCTestCase {
    func testBytesAndTreeAgreeWithAndWithoutAField() {
        let errors = [
            InputError(code: .usage, field: "votes.for", message: "expected a list of names, got `\"x\"`"),
            InputError(code: .usage, field: nil, message: "expected a JSON object"),
        ]
        var bytes = JSONStreamWriter(pretty: false)
        bytes.beginArray()
        for error in errors { error.writeJSON(to: &bytes) }
        bytes.endArray()
        XCTAssertEqual(String(decoding: bytes.bytes, as: UTF8.self),
                       #"[{"code":"P1500","field":"votes.for","message":"expected a list of names, got `\"x\"`"},{"code":"P1500","field":null,"message":"expected a JSON object"}]"#)
        XCTAssertEqual(JSONWriter.compact(.array(errors.map(\.json))), String(decoding: bytes.bytes, as: UTF8.self))
    }
}
