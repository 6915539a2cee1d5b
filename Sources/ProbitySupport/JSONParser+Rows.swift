import Glibc

/// A key of a row object, as ``JSONRowStream`` hands it on:
/// the same key text always comes with the same `number` (0, 1, 2… in the order first met),
/// so a reader can keep what a key means in an array instead of matching its text again.
public struct JSONRowKey: Sendable {
    public let number: Int
    public let text: String
}

/// What reads a document that is an array of row objects (a table written as JSON), member
/// by member, as ``JSONRowStream`` reaches each. Rows are read without making a tree of any:
/// the few keys a table repeats on every row are matched by their bytes (``JSONRowKey``), not
/// made into strings and hashed each time.
public protocol JSONRowVisitor {
    /// An element that is an object begins, on the 1-based `line`.
    mutating func beginRow(line: Int)
    /// A member of that object, in document order. `value` is a number, `true`, `false` or
    /// `null`, or the whole of a nested array or object (a string comes to ``member(_:text:)``).
    mutating func member(_ key: JSONRowKey, _ value: JSONValue)
    /// A member of that object whose value is a string, as its UTF-8 (valid, escapes undone),
    /// which lasts only for the call: a reader that keeps it as text makes the `String` itself,
    /// or none for a value it has seen before. By default, ``member(_:_:)`` with the string.
    mutating func member(_ key: JSONRowKey, text: UnsafeBufferPointer<UInt8>)
    /// The object has ended.
    mutating func endRow()
    /// An element that is not an object, on the 1-based `line`.
    mutating func element(_ value: JSONValue, line: Int)
}

/// The keys met so far, numbered, and the key met at each position of the row before.
struct JSONRowKeys {
    private var numbers: [String: Int] = [:]
    private(set) var texts: [String] = []
    /// Each key's UTF-8, when it holds no `"` or `\` (and so is written the same in the file).
    private var plainBytes: [[UInt8]?] = []
    /// The key at each position in the row before.
    private var lastAtPosition: [Int] = []

    /// The key the bytes at `start` (an opening quote) spell, when it is the key at `position`
    /// in the row before and written without escapes; the position after its closing quote.
    func repeated(at position: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (number: Int, end: Int)? {
        guard position < lastAtPosition.count else { return nil }
        let number = lastAtPosition[position]
        guard let plain = plainBytes[number] else { return nil }
        let first = start + 1, end = first + plain.count
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let same = plain.withUnsafeBufferPointer { plain in
            plain.count == 0 || memcmp(plain.baseAddress!, bytes.baseAddress! + first, plain.count) == 0
        }
        return same ? (number, end + 1) : nil
    }

    /// The number of `text`, given one if it is new.
    mutating func number(of text: String) -> Int {
        if let known = numbers[text] { return known }
        let number = texts.count
        numbers[text] = number
        texts.append(text)
        plainBytes.append(text.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } ? nil : Array(text.utf8))
        return number
    }

    /// Remembers `number` as the key at `position` of this row.
    mutating func met(_ number: Int, at position: Int) {
        if position < lastAtPosition.count {
            lastAtPosition[position] = number
        } else if position == lastAtPosition.count {
            lastAtPosition.append(number)
        }
    }
}

extension JSONRowVisitor {
    public mutating func member(_ key: JSONRowKey, text: UnsafeBufferPointer<UInt8>) {
        member(key, .string(String(decoding: text, as: UTF8.self)))
    }
}

extension JSONReader {
    /// Reads one element of a row array: an object member by member into `visitor`, anything
    /// else whole. The checks, and their order, are those of `parseNestedValues`.
    ///
    /// The row's `endRow()` is left to the caller (``JSONRowStream``, which may have to read
    /// the row again), and `rowIsOpen` says whether `beginRow(line:)` was called for a row not
    /// yet ended.
    mutating func parseRow<Visitor: JSONRowVisitor>(line: Int, keys: inout JSONRowKeys, into visitor: inout Visitor) throws(JSONFailure) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            visitor.element(try parseNestedValues(), line: line)
            return
        }
        try checkDepth(0)
        position += 1
        skipWhitespace()
        visitor.beginRow(line: line)
        rowIsOpen = true
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        // The row's keys, for duplicates: a bit each for the first 64 keys numbered (a table
        // has a few), a set for any beyond, so a row allocates nothing for them.
        var seenBits = 0 as UInt64
        var seenBeyond: Set<Int> = []
        var memberPosition = 0
        var context = "`{`"
        while true {
            // A key, and the `:` after it.
            skipWhitespace()
            let keyStart = position
            guard peek() == UInt8(ascii: "\"") else {
                throw failure("expected a string as object key after \(context), found \(describeHere())")
            }
            let number: Int
            if let repeated = keys.repeated(at: memberPosition, in: bytes, from: position) {
                number = repeated.number
                position = repeated.end
            } else {
                number = keys.number(of: try parseString())
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw failure("expected `:` after object key, found \(describeHere())")
            }
            position += 1
            let duplicate: Bool
            if number < 64 {
                let bit = (1 as UInt64) << UInt64(number)
                duplicate = seenBits & bit != 0
                seenBits |= bit
            } else {
                duplicate = !seenBeyond.insert(number).inserted
            }
            if duplicate {
                throw JSONFailure(message: "duplicate key `\(keys.texts[number])`", offset: keyStart)
            }
            keys.met(number, at: memberPosition)
            memberPosition += 1

            // Its value: a nested array or object is read whole, one level further in.
            skipWhitespace()
            let key = JSONRowKey(number: number, text: keys.texts[number])
            if peek() == UInt8(ascii: "\"") {
                // A string, the usual value, is handed on as its bytes.
                let text = try parseStringBytes()
                if text.isEscaped {
                    scratch.withUnsafeBufferPointer { visitor.member(key, text: $0) }
                } else {
                    visitor.member(key, text: UnsafeBufferPointer(rebasing: bytes[text.plain]))
                }
            } else {
                let value: JSONValue
                if peek() == UInt8(ascii: "[") || peek() == UInt8(ascii: "{") {
                    enclosingDepth += 1
                    defer { enclosingDepth -= 1 }
                    value = try parseNestedValues()
                } else {
                    value = try parseScalar()
                }
                visitor.member(key, value)
            }

            // A `,` and the next member, or the end of the row.
            guard try moreMembers() else { return }
            context = "`,`"
        }
    }
}

extension JSONReader {
    /// Ends the row `parseRow` began.
    mutating func endRow<Visitor: JSONRowVisitor>(_ visitor: inout Visitor) {
        visitor.endRow()
        rowIsOpen = false
    }
}
