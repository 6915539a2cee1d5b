import Foundation
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// `probity fmt [--check | --diff] PATH…`: lays rule files out in the canonical form. Without
/// `--check` or `--diff` files are rewritten in place (only those that change); with `--check`
/// the files that would change are listed, with `--diff` what would change is printed as a
/// unified diff, and the status is 1 if any would. `probity fmt -` formats standard input to
/// standard output. A file with syntax errors is never touched: its diagnostics are printed
/// and the status is 2.
enum FmtCommand {
    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        let arguments = try Arguments(words, valued: [])
        try arguments.rejectUnknown(["check", "diff"])
        let diff = arguments.has("diff")
        let check = arguments.has("check") || diff
        guard !arguments.positionals.isEmpty else { throw UsageError("`fmt` needs at least one rule file or folder, or `-` for standard input") }
        if arguments.positionals == ["-"] { return formatStandardInput(diff: diff, check: arguments.has("check")) }
        guard !arguments.positionals.contains("-") else { throw UsageError("`fmt -` formats standard input alone; expected no other paths with `-`") }
        var files: [String] = []
        var status = ExitCode.success
        for path in arguments.positionals {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Output.error(.unreadableRules, "cannot read `\(path)`: no such file or folder")
                status = .badInput
                continue
            }
            if isDirectory.boolValue {
                files += RuleLoader.probityFiles(under: path)
            } else {
                files.append(path)
            }
        }
        var changed: [String] = []
        for file in files {
            let bytes: [UInt8]
            switch FileIO.read(path: file) {
            case .success(let read): bytes = read
            case .failure(let error):
                Output.error(.unreadableRules, "cannot read rule file `\(file)`: \(error.reason)")
                status = .badInput
                continue
            }
            switch Formatter.format(bytes, path: file) {
            case .failure(let failure):
                var sources = SourceMap()
                _ = sources.add(SourceFile(path: file, bytes: bytes))
                Output.error(DiagnosticRenderer(sources: sources).render(failure.diagnostics))
                Output.error("error: `\(file)` has syntax errors; it was not formatted\n")
                status = .badInput
            case .success(let formatted):
                guard Array(formatted.utf8) != bytes else { continue }
                if diff { Output.write(UnifiedDiff.render(old: String(decoding: bytes, as: UTF8.self), new: formatted, path: file)) }
                if !check, case .failure(let error) = FileIO.replace(path: file, with: Array(formatted.utf8)) {
                    // Only files actually rewritten are listed as formatted.
                    Output.error(.formattedFileUnwritable, "cannot write `\(file)`: \(error.reason); it was not formatted")
                    status = .badInput
                    continue
                }
                changed.append(file)
            }
        }
        if check {
            if !diff { for file in changed { Output.write("\(file)\n") } }
            if !changed.isEmpty {
                Output.error("\(changed.count) file\(changed.count == 1 ? "" : "s") would be reformatted\n")
                status = status.worst(.failure)
            }
        } else {
            for file in changed { Output.write("formatted \(file)\n") }
        }
        return status
    }

    /// `probity fmt -`: standard input formatted to standard output (with `--diff`, the diff;
    /// with `--check`, nothing but the status).
    static func formatStandardInput(diff: Bool, check: Bool) -> ExitCode {
        guard let bytes = RuleSet.readFile("-") else {
            Output.error(.unreadableRules, "cannot read standard input")
            return .badInput
        }
        switch Formatter.format(bytes, path: "<stdin>") {
        case .failure(let failure):
            var sources = SourceMap()
            _ = sources.add(SourceFile(path: "<stdin>", bytes: bytes))
            Output.error(DiagnosticRenderer(sources: sources).render(failure.diagnostics))
            Output.error("error: standard input has syntax errors; it was not formatted\n")
            return .badInput
        case .success(let formatted):
            let changes = Array(formatted.utf8) != bytes
            if diff {
                Output.write(UnifiedDiff.render(old: String(decoding: bytes, as: UTF8.self), new: formatted, path: "<stdin>"))
            } else if !check {
                Output.write(formatted)
            }
            return changes && (diff || check) ? .failure : .success
        }
    }
}
