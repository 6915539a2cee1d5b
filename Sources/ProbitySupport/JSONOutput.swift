/// Somewhere JSON can be written value by value: straight into bytes (``JSONStreamWriter``) or
/// into a tree (``JSONTreeBuilder``). A document written once against this protocol has one
/// definition of its keys and their order, whichever form is wanted.
public protocol JSONOutput {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The key of the next member of the innermost object.
    mutating func key(_ key: String)
    /// A key written in the source: it needs no escaping, so a writer may copy it as it is.
    mutating func key(static key: StaticString)
    mutating func string(_ value: String)
    /// A number, as its JSON lexeme (`5`, `0.25`).
    mutating func number(_ lexeme: String)
    mutating func bool(_ value: Bool)
    mutating func null()
    /// `"key": "value"`, or `"key": null` when the value is nil: a key and its string, which a
    /// writer may put in with one append (the extension's default writes them one by one).
    mutating func member(_ key: StaticString, _ value: String?)
    /// `"key": "value"` for a text already written as JSON, or `"key": null` when nil: a writer
    /// of bytes may copy ``EncodedJSONString/json`` as it is (the extension's default writes
    /// the text).
    mutating func member(_ key: StaticString, encoded value: EncodedJSONString?)
    /// A string already written as JSON (the extension's default writes the text).
    mutating func string(encoded value: EncodedJSONString)
}

extension JSONOutput {
    @inlinable public mutating func key(static key: StaticString) { self.key(key.description) }

    @inlinable public mutating func integer(_ value: Int) { number(String(value)) }

    /// `"key": "value"`, or `"key": null` when the value is nil.
    @inlinable public mutating func member(_ key: StaticString, _ value: String?) {
        self.key(static: key)
        if let value { string(value) } else { null() }
    }

    @inlinable public mutating func member(_ key: StaticString, encoded value: EncodedJSONString?) {
        member(key, value?.text)
    }

    @inlinable public mutating func string(encoded value: EncodedJSONString) { string(value.text) }

    /// `"key": ["a", "b"]`, each already written as JSON.
    @inlinable public mutating func member(_ key: StaticString, encodedStrings: [EncodedJSONString]) {
        self.key(static: key)
        beginArray()
        for value in encodedStrings { string(encoded: value) }
        endArray()
    }

    @inlinable public mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(static: key)
        bool(value)
    }

    /// `"key": 5`, or `"key": null` when the value is nil.
    @inlinable public mutating func member(_ key: StaticString, integer value: Int?) {
        self.key(static: key)
        if let value { integer(value) } else { null() }
    }

    /// `"key": ["a", "b"]`.
    @inlinable public mutating func member(_ key: StaticString, strings: [String]) {
        self.key(static: key)
        beginArray()
        for value in strings { string(value) }
        endArray()
    }

    /// `"key": [ … ]`, each element written by `element`.
    @inlinable public mutating func member<S: Sequence>(_ key: StaticString, array elements: S, _ element: (inout Self, S.Element) -> Void) {
        self.key(static: key)
        beginArray()
        for value in elements { element(&self, value) }
        endArray()
    }

    /// `"key": { … }`, its members written by `body`.
    @inlinable public mutating func member(_ key: StaticString, object body: (inout Self) -> Void) {
        self.key(static: key)
        object(body)
    }

    /// `{ … }`, its members written by `body`.
    @inlinable public mutating func object(_ body: (inout Self) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// Writes a value that is already a tree.
    @inlinable public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let lexeme): number(lexeme)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for (key, element) in members {
                self.key(key)
                self.value(element)
            }
            endObject()
        }
    }
}
