import ProbitySupport
import ProbitySyntax

extension TestSyntax {
    /// The test's `decision { … }` as the JSON object a user would have written, so tests and
    /// real decisions go through the same decoder and the same checks.
    public func decisionJSON(defaultID: String) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for field in decision {
            members.append((field.name.text, field.value.json))
        }
        if !members.contains(where: { $0.key == "id" }) {
            members.insert(("id", .string(defaultID)), at: 0)
        }
        return .object(members)
    }
}

extension TestValueSyntax {
    var json: JSONValue {
        switch self {
        case .literal(.money(let pence), _): .string(Money(pence: pence).plainDecimal)
        case .literal(.date(let day), _): .string(Day(number: day).iso)
        case .literal(.number(let n), _): .number(String(n))
        case .literal(.string(let text), _): .string(text)
        case .literal(.boolean(let flag), _): .bool(flag)
        case .name(let name): .string(name.text)
        case .list(let items, _): .array(items.map(\.json))
        }
    }
}
