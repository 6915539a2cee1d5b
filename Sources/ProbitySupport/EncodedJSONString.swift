/// A text together with its JSON form (quoted and escaped), made once: for a text that is the
/// same on every line a batch writes (a rule's id, title and source, a body's name), so that a
/// ``JSONStreamWriter`` copies its bytes instead of scanning and escaping it again each time.
public struct EncodedJSONString: Sendable, Equatable {
    /// The text itself.
    public let text: String
    /// `text` as a JSON string, quotes included, exactly as ``JSONWriter/appendString(_:to:)``
    /// writes it.
    public let json: [UInt8]

    public init(_ text: String) {
        self.text = text
        var json: [UInt8] = []
        json.reserveCapacity(text.utf8.count + 2)
        JSONWriter.appendString(text, to: &json)
        self.json = json
    }

    /// `text` and its JSON form, already made.
    init(text: String, json: [UInt8]) {
        self.text = text
        self.json = json
    }

    /// Two are the same text (the JSON form follows from it).
    public static func == (a: EncodedJSONString, b: EncodedJSONString) -> Bool { a.text == b.text }
}
