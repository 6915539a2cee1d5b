import ProbitySupport
import ProbityTestSupport
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

    /// Keys written from the source (`key(static:)`, which puts the comma, quotes and colon in
    /// with one append) and string members (a key and a string needing no escape in one append)
    /// give the bytes of the same document written as a tree, in both layouts, first member or
    /// not, nested or not, escaped or not, empty or nil.
    func testStaticKeysAndStringMembersWriteWhatTheTreeWriterWrites() {
        func document<Output: JSONOutput>(_ out: inout Output) {
            out.object { out in
                out.member("first", "x")
                out.member("escaped", "a \"quote\"\n")
                out.member("empty", "")
                out.member("none", nil)
                out.member("long", String(repeating: "£10,000 .. ", count: 200))
                out.member("nested") { out in
                    out.member("only", true)
                }
                out.member("list", array: [1, 2]) { out, n in
                    out.object { out in
                        out.member("s", "\(n)")
                        out.member("n", integer: n)
                        out.member("empty", strings: [])
                    }
                }
                out.member("last", nil)
            }
        }
        var builder = JSONTreeBuilder()
        document(&builder)
        for pretty in [false, true] {
            var writer = JSONStreamWriter(pretty: pretty)
            document(&writer)
            XCTAssertEqual(writer.text, pretty ? JSONWriter.pretty(builder.value) : JSONWriter.compact(builder.value))
        }
    }

    /// Texts encoded once (``EncodedJSONString``) and written from their JSON form give the bytes
    /// the plain escaper gives, on seeded random texts with quotes, backslashes, control
    /// characters and non-ASCII letters: alone, as members (first or not, nil or not) and as array
    /// elements, in both layouts, and the tree builder reads them back as the texts.
    func testEncodedStringsWriteWhatThePlainEscaperWrites() throws {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "/",
                      "é", "£", "—", "☃", "𝄞", "👩‍⚕️", "k06 from £129469", "`value`", "\u{2028}"]
        func randomText() -> String {
            (0..<generator.inRange(0...24)).map { _ in pieces[generator.below(pieces.count)] }.joined()
        }
        for round in 0..<300 {
            let texts = (0..<4).map { _ in randomText() }
            let encoded = texts.map(EncodedJSONString.init)
            for (text, value) in zip(texts, encoded) {
                var plain: [UInt8] = []
                JSONWriter.appendStringByteByByte(text, to: &plain)
                XCTAssertEqual(value.json, plain, "seed \(seed), round \(round): \(text.debugDescription)")
                XCTAssertEqual(value.text, text)
            }
            let missing = generator.below(texts.count + 1)
            let keys: [StaticString] = ["a", "b", "c", "d"]
            func document<Output: JSONOutput>(_ out: inout Output, encoded: Bool) {
                out.object { out in
                    for index in texts.indices {
                        let value = index == missing ? nil : texts[index]
                        let key = keys[index]
                        if encoded { out.member(key, encoded: value.map(EncodedJSONString.init)) } else { out.member(key, value) }
                    }
                    out.member("list", array: texts) { out, text in
                        if encoded { out.string(encoded: EncodedJSONString(text)) } else { out.string(text) }
                    }
                    if encoded { out.member("ids", encodedStrings: texts.map(EncodedJSONString.init)) } else { out.member("ids", strings: texts) }
                }
            }
            for pretty in [false, true] {
                var plain = JSONStreamWriter(pretty: pretty), fromEncoded = JSONStreamWriter(pretty: pretty)
                document(&plain, encoded: false)
                document(&fromEncoded, encoded: true)
                XCTAssertEqual(fromEncoded.bytes, plain.bytes, "seed \(seed), round \(round), pretty \(pretty): \(texts)")
            }
            var tree = JSONTreeBuilder(), encodedTree = JSONTreeBuilder()
            document(&tree, encoded: false)
            document(&encodedTree, encoded: true)
            XCTAssertEqual(encodedTree.value, tree.value, "seed \(seed), round \(round)")
            var compact = JSONStreamWriter()
            document(&compact, encoded: true)
            XCTAssertEqual(try JSONParser.parse(compact.text).get(), tree.value, "seed \(seed), round \(round)")
        }
    }
}
