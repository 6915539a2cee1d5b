import Foundation
import ProbityEvaluation
import ProbityPapers
import ProbitySemantics
import ProbitySupport

/// The shipped rules, register and agenda, screened as `probity report` screens them.
enum Papers {
    /// The repository root (where `Package.swift` is).
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }()

    static let program: Program = {
        let (program, diagnostics, _) = Checker.check(path: root.appendingPathComponent("Rules").path, displayPath: "Rules")
        precondition(program != nil, "the shipped rules do not check: \(diagnostics.map(\.message))")
        return program!
    }()

    /// The papers for an agenda, screened against a register, as `probity report` builds them.
    static func paper(agenda agendaPath: String, register registerPath: String) throws -> MeetingPaper {
        guard case .success(let register) = RegisterLoader.load(path: root.appendingPathComponent(registerPath).path) else {
            throw Failure("cannot load \(registerPath)")
        }
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(agendaPath)))
        guard case .success(let agenda) = Agenda.decode(json: bytes, program: program) else { throw Failure("cannot read \(agendaPath)") }
        let screener = ConflictScreener(program: program, register: register)
        let plan = Plan(program: program)
        let builder = ReportBuilder(plan: plan)
        let decoder = DecisionDecoder(program: program)
        let items = agenda.items.map { item -> MeetingPaper.ScreenedItem in
            guard let json = item.decision, case .success(let decision) = decoder.decode(json) else {
                return MeetingPaper.ScreenedItem(item: item, report: nil)
            }
            var report = builder.build(decision)
            screener.apply(to: &report, decision: decision, meeting: agenda.meeting)
            return MeetingPaper.ScreenedItem(item: item, report: report)
        }
        return MeetingPaper.build(agenda: agenda, items: items, screener: screener)
    }

    static let lcpBoard = Result { try paper(agenda: "Examples/agendas/lcp-board-2023-11-23.json", register: "Examples/registers/lcp-board-2023-11-23.tsv") }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Compares `actual` with the file at `path` (from the repository root), or rewrites it when
    /// `PROBITY_UPDATE_GOLDEN` is set. The shipped examples are golden files too: they can never
    /// drift from what the engine says.
    static func assertGolden(_ actual: String, _ path: String) throws -> (matches: Bool, message: String) {
        let url = root.appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["PROBITY_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return (true, "")
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if actual == expected { return (true, "") }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false), e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let got = line < a.count ? String(a[line]) : "<end>", want = line < e.count ? String(e[line]) : "<end>"
        return (false, "output differs from \(path) at line \(line + 1) (PROBITY_UPDATE_GOLDEN=1 rewrites it):\n  got:  \(got)\n  want: \(want)")
    }
}
