import ProbitySupport
import XCTest

final class JSONStreamWriterTests: XCTestCase {
    /// A document written through the stream writer equals the tree written by JSONWriter, in
    /// both layouts, and the tree builder rebuilds the tree itself.
    func testStreamTreeAndWriterAgree() throws {
        let documents = [
            #"{"a":1,"b":[1,2,{"c":null,"d":[]}],"e":{},"f":"x\"y\n","g":true,"h":[[]]}"#,
            #"[]"#, #"{}"#, #"[{"a":[{"b":{}}]},"£1,200",0.25,false]"#, #""just a string""#,
        ]
        for text in documents {
            let tree = try JSONParser.parse(text).get()
            var compact = JSONStreamWriter()
            compact.value(tree)
            XCTAssertEqual(compact.text, JSONWriter.compact(tree))
            var pretty = JSONStreamWriter(pretty: true)
            pretty.value(tree)
            XCTAssertEqual(pretty.text, JSONWriter.pretty(tree))
            var builder = JSONTreeBuilder()
            builder.value(tree)
            XCTAssertEqual(builder.value, tree)
        }
    }

    func testMembersAndReset() {
        var writer = JSONStreamWriter()
        writer.object { w in
            w.member("id", "d1")
            w.member("note", nil)
            w.member("days", integer: 5)
            w.member("ok", true)
            w.member("tags", strings: ["a", "b"])
            w.member("items", array: [1, 2]) { w, n in w.integer(n) }
        }
        XCTAssertEqual(writer.text, #"{"id":"d1","note":null,"days":5,"ok":true,"tags":["a","b"],"items":[1,2]}"#)
        writer.reset()
        writer.beginArray()
        writer.endArray()
        XCTAssertEqual(writer.text, "[]")
    }
}
