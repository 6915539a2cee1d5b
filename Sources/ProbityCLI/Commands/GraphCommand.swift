import Probity
import ProbityPapers

/// `probity graph tree` and `probity graph ladder KIND`: the delegation tree of the rules, or
/// the ladder of one decision kind along its money field, in SVG (default), DOT or Mermaid.
enum GraphCommand {
    static let options: Set<String> = ["rules", "format", "on", "where", "field"]

    enum Format {
        case svg, dot, mermaid

        init(_ text: String?) throws(UsageError) {
            switch text {
            case nil, "svg": self = .svg
            case "dot": self = .dot
            case "mermaid": self = .mermaid
            case let other?: throw UsageError("unknown format `\(other)`; expected `svg`, `dot` or `mermaid`")
            }
        }
    }

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try Format(arguments.value("format"))
        switch arguments.positionals.first {
        case "tree":
            guard arguments.positionals.count == 1 else { throw UsageError("`graph tree` takes no other argument") }
            for option in ["where", "field"] where !arguments.values(option).isEmpty {
                throw UsageError("`--\(option)` is for `graph ladder`")
            }
            var day: Day?
            if let text = arguments.value("on") {
                guard let parsed = Day.parseISO(text) else { throw UsageError("`--on` takes a date as YYYY-MM-DD, not `\(text)`") }
                day = parsed
            }
            guard let program = RuleSet.load(arguments.value("rules"))?.program else { return .badInput }
            let tree = DelegationTree(program: program, on: day)
            switch format {
            case .svg: Output.write(tree.svg(title: "Delegation tree: \(program.scheme.name)" + (day.map { ", as of \($0.iso)" } ?? "")))
            case .dot: Output.write(tree.dot)
            case .mermaid: Output.write(tree.mermaid)
            }
            return .success
        case "ladder":
            guard arguments.positionals.count == 2 else { throw UsageError("`graph ladder` takes one decision kind, e.g. `graph ladder contract-award`") }
            let kind = arguments.positionals[1]
            var day = Day(number: 0)
            if let text = arguments.value("on") {
                guard let parsed = Day.parseISO(text) else { throw UsageError("`--on` takes a date as YYYY-MM-DD, not `\(text)`") }
                day = parsed
            } else {
                throw UsageError("`graph ladder` needs `--on YYYY-MM-DD`: the rules in force change with the date")
            }
            var assuming: [(field: String, value: String)] = []
            for pair in arguments.values("where") {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw UsageError("`--where` takes FIELD=VALUE, not `\(pair)`")
                }
                assuming.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
            }
            guard let program = RuleSet.load(arguments.value("rules"))?.program else { return .badInput }
            switch Ladder.build(program: program, kind: kind, on: day, assuming: assuming, field: arguments.value("field") ?? "value") {
            case .failure(let problem):
                Output.error(problem.code, problem.message)
                return .badInput
            case .success(let ladder):
                switch format {
                case .svg: Output.write(ladder.svg(title: "Who decides a \(kind), by \(ladder.moneyField)"))
                case .dot: Output.write(ladder.dot)
                case .mermaid: Output.write(ladder.mermaid)
                }
                return .success
            }
        default:
            throw UsageError("`graph` draws `tree` or `ladder KIND`")
        }
    }
}
