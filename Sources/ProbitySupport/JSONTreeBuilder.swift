/// Collects JSON written value by value (``JSONOutput``) into a ``JSONValue`` tree, for callers
/// that want to inspect a document or embed it in a larger one.
public struct JSONTreeBuilder: JSONOutput, Sendable {
    private enum Frame {
        case object([(key: String, value: JSONValue)], pendingKey: String?)
        case array([JSONValue])
    }

    private var stack: [Frame] = []
    /// The finished document (null until a value has been written).
    public private(set) var value: JSONValue = .null

    public init() {}

    public mutating func beginObject() { stack.append(.object([], pendingKey: nil)) }
    public mutating func beginArray() { stack.append(.array([])) }

    public mutating func endObject() {
        guard case .object(let members, _) = stack.popLast() else { return }
        add(.object(members))
    }

    public mutating func endArray() {
        guard case .array(let elements) = stack.popLast() else { return }
        add(.array(elements))
    }

    public mutating func key(_ key: String) {
        guard case .object(let members, _) = stack.last else { return }
        stack[stack.count - 1] = .object(members, pendingKey: key)
    }

    public mutating func string(_ value: String) { add(.string(value)) }
    public mutating func number(_ lexeme: String) { add(.number(lexeme)) }
    public mutating func bool(_ value: Bool) { add(.bool(value)) }
    public mutating func null() { add(.null) }

    private mutating func add(_ element: JSONValue) {
        switch stack.popLast() {
        case nil:
            value = element
        case .object(var members, let key)?:
            members.append((key ?? "", element))
            stack.append(.object(members, pendingKey: nil))
        case .array(var elements)?:
            elements.append(element)
            stack.append(.array(elements))
        }
    }
}
