import Foundation
import Glibc
import Probity
import ProbityAudit
import ProbityPapers
import ProbityRegister
import ProbitySemantics
import ProbitySupport

/// `probity audit --history FILE.jsonl [--register FILE] [--votes FILE…] [--as-of DATE] [--format text|json|markdown|html]`:
/// what a year of decisions, the recorded votes and the register say together — split
/// contracts, decisions outside delegation, conflicted votes and the register's health.
/// Exit 0: nothing at warning or error level; 1: findings; 2: the input is wrong.
enum AuditCommand {
    static let options: Set<String> = ["rules", "format", "history", "register", "votes", "threads", "as-of"]

    /// Lines per block: enough to keep both cores busy, few enough to stream.
    static let blockSize = 8192

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: options)
        try arguments.rejectUnknown(options)
        let format = try Format(arguments.value("format"))
        guard let historyPath = arguments.value("history") else { throw UsageError("`audit` needs `--history FILE.jsonl`") }
        // `--votes a.json b.json …`: the files after `--votes` are votes too.
        var votePaths = arguments.values("votes")
        if !arguments.positionals.isEmpty {
            guard !votePaths.isEmpty else { throw UsageError("`audit` takes no other files; give votes with `--votes FILE…`") }
            votePaths += arguments.positionals
        }
        var threads = ProcessInfo.processInfo.activeProcessorCount
        if let text = arguments.value("threads") {
            guard let n = Int(text), n >= 1, n <= 256 else { throw UsageError("`--threads` must be a whole number from 1 to 256, found `\(text)`") }
            threads = n
        }
        var asOf: Int32?
        if let text = arguments.value("as-of") {
            guard let day = Day.parseISO(text) else { throw UsageError("`--as-of` must be a date written YYYY-MM-DD, found `\(text)`") }
            asOf = day.number
        }
        guard let scheme = RuleSet.load(arguments.value("rules")) else { return .badInput }
        let program = scheme.program

        var register: Register?
        if let path = arguments.value("register") {
            switch RegisterLoader.load(path: path) {
            case .failure(let error):
                Output.error("P1115", error.message)
                return .badInput
            case .success(let loaded):
                register = loaded
            }
        }
        var votes: [AuditVotes] = []
        for path in votePaths {
            guard let bytes = RuleSet.readFile(path) else {
                Output.error("P1114", "cannot read votes file `\(path)`")
                return .badInput
            }
            switch AuditVotes.decode(json: bytes, program: program, file: path) {
            case .failure(let error):
                Output.error([error.diagnostic(in: path)])
                return .badInput
            case .success(let decoded):
                votes.append(decoded)
            }
        }

        let descriptor: Int32
        if historyPath == "-" {
            guard !Output.inputWasClosed else {
                Output.error("P1842", "cannot read history file from standard input: standard input is closed")
                return .badInput
            }
            descriptor = STDIN_FILENO
        } else {
            switch FileIO.openForReading(historyPath) {
            case .success(let opened): descriptor = opened
            case .failure(let error):
                Output.error("P1842", "cannot read history file `\(historyPath)`: \(error.reason)")
                return .badInput
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var auditor = HistoryAuditor(program: program, historyFile: historyPath, register: register,
                                     registerFile: arguments.value("register"), votes: votes, threads: threads, asOf: asOf)
        var reader = LineReader(descriptor: descriptor)
        var number = 0
        while true {
            var block: [HistoryAuditor.Line] = []
            block.reserveCapacity(blockSize)
            while block.count < blockSize, let line = reader.next() {
                number += 1
                switch line {
                case .text(let text):
                    block.append((number, text))
                case .tooLong(let length):
                    auditor.addUnreadable(line: number, reason: "P1301 the line has \(length) bytes; expected at most \(FileIO.describeSize(BatchCheck.maximumLineLength)) for one decision")
                }
            }
            if block.isEmpty { break }
            auditor.add(block)
        }
        if let failure = reader.failure {
            Output.error("P1842", "cannot read history file \(historyPath == "-" ? "from standard input" : "`\(historyPath)`") after line \(number): \(failure.reason)")
            return .badInput
        }
        let report = auditor.finish()
        switch format {
        case .text: report.writeText { Output.write(bytes: $0) }
        case .json: report.writeJSON { Output.write(bytes: $0) }
        case .markdown: Output.write(report.markdown)
        case .html: Output.write(report.html)
        }
        return report.hasFindings ? .failure : .success
    }

    /// `--format text|json|markdown|html`: the audit's own list, since Markdown and HTML (the
    /// board papers' style) are not among the formats every report command takes.
    enum Format {
        case text, json, markdown, html

        init(_ text: String?) throws(UsageError) {
            switch text {
            case nil, "text": self = .text
            case "json": self = .json
            case "md", "markdown": self = .markdown
            case "html": self = .html
            case let other?: throw UsageError("unknown format `\(other)`; expected `text`, `json`, `markdown` or `html`")
            }
        }
    }
}
