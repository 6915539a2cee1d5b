import Foundation
import Probity
import ProbityPapers
import ProbityRegister
import ProbitySemantics

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

    static let scheme: Scheme = {
        switch Scheme.load(at: root.appendingPathComponent("Rules").path, shownAs: "Rules") {
        case .success(let scheme): return scheme
        case .failure(let error): preconditionFailure("the shipped rules do not check: \(error)")
        }
    }()

    static var program: Program { scheme.program }

    /// The papers for an agenda, screened against a register, as `probity report` builds them.
    static func paper(agenda agendaPath: String, register registerPath: String) throws -> MeetingPaper {
        guard case .success(let register) = RegisterLoader.load(path: root.appendingPathComponent(registerPath).path) else {
            throw Failure("cannot load \(registerPath)")
        }
        return try paper(agendaJSON: [UInt8](try Data(contentsOf: root.appendingPathComponent(agendaPath))), register: register)
    }

    static func paper(agendaJSON bytes: [UInt8], register: Register) throws -> MeetingPaper {
        let engine = Engine(scheme: scheme, register: register)
        guard case .success(let agenda) = engine.agenda(json: bytes) else { throw Failure("cannot read the agenda") }
        return MeetingPaper.build(engine.meeting(agenda), engine: engine)
    }

    static let lcpRegister = Result { () throws -> Register in
        guard case .success(let register) = RegisterLoader.load(path: root.appendingPathComponent("Examples/registers/lcp-board-2023-11-23.tsv").path) else {
            throw Failure("cannot load the LCP Board register")
        }
        return register
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
