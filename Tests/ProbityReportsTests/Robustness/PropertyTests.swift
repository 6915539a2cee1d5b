import Foundation
import ProbityEngine
import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// Seeded property tests (issue 13). Each prints its seed on failure; rerun one with
/// `PROBITY_SEED=N swift test --filter PropertyTests`.
final class PropertyTests: XCTestCase {
    /// A small seeded generator (a linear congruential step; plenty for choosing test inputs).
    struct Generator {
        let seed: UInt64
        private var state: UInt64

        init() {
            seed = UInt64(ProcessInfo.processInfo.environment["PROBITY_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))
            state = seed
        }

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }

        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    static var root: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    // MARK: generated rule files

    static let kinds = ["award", "variation", "waiver", "appointment"]
    static let bodies = ["board", "committee", "officer-a", "officer-b"]

    /// A random condition over `kind`, `value` and `start`, in random layout.
    static func condition(_ g: inout Generator, depth: Int = 0) -> String {
        let space = { (g: inout Generator) in g.chance(20) ? "  " : " " }
        switch g.next(depth > 2 ? 4 : 7) {
        case 0: return "kind = \(g.pick(kinds))"
        case 1: return "value \(g.pick([">", ">=", "<", "<=", "="]))\(space(&g))£\(g.next(2_000))k"
        case 2: return "kind in {\(Array(kinds.prefix(1 + g.next(kinds.count))).joined(separator: g.chance(50) ? ", " : ","))}"
        case 3: return "value in \(g.pick(["(", "["])) £\(g.next(500))k .. £\(500 + g.next(500))k\(g.pick([")", "]"]))"
        case 4: return "not \(condition(&g, depth: depth + 1))"
        case 5: return "(\(condition(&g, depth: depth + 1)) \(g.pick(["and", "or"])) \(condition(&g, depth: depth + 1)))"
        default: return "\(condition(&g, depth: depth + 1))\(g.chance(30) ? "\n   " : " ")\(g.pick(["and", "or"])) \(condition(&g, depth: depth + 1))"
        }
    }

    static func rule(_ g: inout Generator, id: Int) -> String {
        var text = "rule R\(id) \"Rule \(id)\"\(g.chance(30) ? "   # why" : "")\n"
        text += "  when \(condition(&g))\n"
        text += "  require \(g.pick(["approval", "recommendation"])) by \(g.pick(bodies))\n"
        if g.chance(30) { text += "  require approval by \(g.pick(bodies))\n" }
        return text
    }

    static func header() -> String {
        "fields\n  kind: one of \(kinds.joined(separator: ", "))\n  value: money\n\n"
            + bodies.map { "body \($0) \"\($0)\"\n" }.joined() + "\n"
    }

    /// Tokens as the parser sees them (kind and value, positions dropped): equal token
    /// streams parse to the same tree.
    static func tokens(_ text: String) -> [String] {
        var interner = Interner()
        let (tokens, _) = Lexer.tokenize(Array(text.utf8), file: FileID(0), interner: &interner)
        return tokens.map { token in
            token.kind == .identifier || token.kind == .string
                ? "\(token.kind) \(String(decoding: Array(text.utf8)[Int(token.start)..<Int(token.end)], as: UTF8.self))"
                : "\(token.kind) \(token.integer)"
        }
    }

    func testFormatThenParseGivesTheSameTree() throws {
        var g = Generator()
        for _ in 0..<100 {
            let text = PropertyTests.header() + (0..<(1 + g.next(6))).map { PropertyTests.rule(&g, id: $0) }.joined(separator: g.chance(50) ? "\n" : "")
            guard case .success(let formatted) = Formatter.format(text) else {
                return XCTFail("seed \(g.seed): a generated file does not format:\n\(text)")
            }
            XCTAssertEqual(PropertyTests.tokens(formatted).filter { !$0.hasPrefix("string") },
                           PropertyTests.tokens(text).filter { !$0.hasPrefix("string") }, "seed \(g.seed):\n\(text)\n---\n\(formatted)")
            XCTAssertEqual(try Formatter.format(formatted).get(), formatted, "seed \(g.seed): formatting is not stable")
            if testRun?.failureCount ?? 0 > 0 { return }
        }
    }

    // MARK: rule order

    private func answers(_ text: String, _ decisions: [String]) throws -> [String] {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: text))
        let checked = try XCTUnwrap(program, "\(diagnostics.map(\.message))")
        let plan = Plan(program: checked)
        let builder = ReportBuilder(plan: plan)
        let decoder = DecisionDecoder(program: checked)
        return try decisions.map { json in
            let report = builder.build(try decoder.decode(json: Array(json.utf8)).get())
            let fired = report.rulesFired.map(\.id).sorted().joined(separator: ",")
            let approvals = Set(report.approvals.map { "\($0.action) \($0.by)" }).sorted().joined(separator: ",")
            return "\(report.outcome) fired[\(fired)] approvals[\(approvals)]"
        }
    }

    func testTheOrderOfRulesInAFileChangesNoAnswer() throws {
        var g = Generator()
        for _ in 0..<30 {
            let rules = (0..<(2 + g.next(8))).map { PropertyTests.rule(&g, id: $0) }
            var shuffled = rules
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, g.next(index + 1)) }
            let decisions = (0..<20).map { n in
                #"{"id": "d\#(n)", "date": "2024-01-01", "kind": "\#(g.pick(PropertyTests.kinds))", "value": "£\#(g.next(2_000_000))"}"#
            }
            XCTAssertEqual(try answers(PropertyTests.header() + shuffled.joined(), decisions),
                           try answers(PropertyTests.header() + rules.joined(), decisions), "seed \(g.seed)")
            if testRun?.failureCount ?? 0 > 0 { return }
        }
    }

    // MARK: the shipped library

    private func shippedProgram() throws -> Program {
        let (program, _, _) = Checker.check(path: PropertyTests.root.appendingPathComponent("Rules").path)
        return try XCTUnwrap(program, "the shipped rules do not check")
    }

    private func exampleDecisions() throws -> [JSONValue] {
        let folder = PropertyTests.root.appendingPathComponent("Examples/decisions")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map {
            try JSONParser.parse(Array(Data(contentsOf: folder.appendingPathComponent($0)))).get()
        }
    }

    private func with(_ decision: JSONValue, _ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = decision else { return decision }
        if let at = members.firstIndex(where: { $0.key == key }) { members[at].value = value } else { members.append((key, value)) }
        return .object(members)
    }

    /// Raising a decision's value never removes an approver a lower value needed: thresholds
    /// hand a decision up the delegation tree as amounts grow (the LCP board's approval becomes
    /// the ICB board's), never down or sideways. Every approver at the lower value is still an
    /// approver at the higher one, or a body at or above it is.
    func testRaisingTheValueNeverRemovesAnApprover() throws {
        var g = Generator()
        let program = try shippedProgram()
        let plan = Plan(program: program)
        let builder = ReportBuilder(plan: plan)
        let decoder = DecisionDecoder(program: program)
        for example in try exampleDecisions() {
            for _ in 0..<20 {
                let low = g.next(5_000_000), high = low + 1 + g.next(50_000_000)
                func approvers(_ pounds: Int) throws -> Set<String> {
                    let json = JSONWriter.compact(with(example, "value", .string("£\(pounds)")))
                    guard case .success(let decision) = decoder.decode(json: Array(json.utf8)) else { return [] }
                    return Set(builder.build(decision).approvals.filter { $0.action == .approve }.map(\.by))
                }
                let higher = try approvers(high)
                let lost = try approvers(low).filter { needed in
                    guard let lower = program.bodyIndex[needed] else { return !higher.contains(needed) }
                    return !higher.contains { program.bodyIndex[$0].map { program.isAtOrAbove($0, lower) } ?? false }
                }
                XCTAssertTrue(lost.isEmpty, "seed \(g.seed): raising \(example["id"].map { "\($0)" } ?? "") from £\(low) to £\(high) removes \(lost.sorted())")
                if !lost.isEmpty { return }
            }
        }
    }

    /// The fast byte reader and the full decoder agree on every line, damaged ones included.
    func testFastAndFullDecodersAgreeOnDamagedLines() throws {
        var g = Generator()
        let decoder = DecisionDecoder(program: try shippedProgram())
        let lines = try exampleDecisions().map { Array(JSONWriter.compact($0).utf8) }
        var answered = 0
        for _ in 0..<3_000 {
            var line = g.pick(lines)
            switch g.next(5) {
            case 0: line = Array(line.prefix(g.next(line.count + 1)))
            case 1: line[g.next(line.count)] = UInt8(g.next(256))
            case 2: line.insert(g.pick(Array(#"{}[],:"\ 0.-£e"#.utf8)), at: g.next(line.count + 1))
            case 3: line.remove(at: g.next(line.count))
            default: break
            }
            let full = decoder.decode(json: line)
            guard let flat = decoder.decodeFlat(line, meetingKey: false) else { continue }
            answered += 1
            guard case .success(let decision) = full else {
                return XCTFail("seed \(g.seed): the fast reader accepted what the full decoder refuses: \(String(decoding: line, as: UTF8.self))")
            }
            let fast = flat.decision
            XCTAssertTrue(fast.id == decision.id && fast.date == decision.date && fast.isPresent == decision.isPresent
                          && fast.scalars == decision.scalars && fast.sets == decision.sets && fast.texts == decision.texts
                          && fast.nameLists == decision.nameLists,
                          "seed \(g.seed): the decoders disagree on \(String(decoding: line, as: UTF8.self))")
        }
        XCTAssertGreaterThan(answered, 0, "seed \(g.seed): the fast reader answered no line at all")
    }
}
