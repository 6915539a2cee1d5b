import Foundation

/// Options every command takes, handled before the command sees its arguments:
/// `--output FILE` (standard output goes to FILE) and `--color auto|always|never`.
enum GlobalOptions {
    /// Removes `--output` and `--color` (with their values) from `words`, before any `--`, and
    /// applies them.
    static func take(from words: inout [String]) throws(UsageError) {
        var kept: [String] = []
        var output: String?
        var colour = "auto"
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                kept += words[(index - 1)...]
                break
            }
            guard let name = ["output", "color", "colour"].first(where: { word == "--\($0)" || word.hasPrefix("--\($0)=") }) else {
                kept.append(word)
                continue
            }
            let value: String
            if let equals = word.firstIndex(of: "=") {
                value = String(word[word.index(after: equals)...])
            } else {
                guard index < words.count else { throw UsageError("option `--\(name)` needs a value") }
                value = words[index]
                index += 1
            }
            if name == "output" { output = value } else { colour = value }
        }
        words = kept
        if let output { try redirect(to: output) }
        try applyColour(colour)
    }

    /// `auto` colours a stream only when it is a terminal and `NO_COLOR` is not set
    /// (https://no-color.org); `always` and `never` mean what they say.
    static func applyColour(_ setting: String) throws(UsageError) {
        switch setting {
        case "never":
            Output.colour = (false, false)
        case "always":
            Output.colour = (true, true)
        case "auto":
            let noColour = !(environment("NO_COLOR") ?? "").isEmpty
            let term = environment("TERM") ?? ""
            let allowed = !noColour && term != "dumb"
            Output.colour = (allowed && isatty(Output.destination) == 1, allowed && isatty(STDERR_FILENO) == 1)
        default:
            throw UsageError("unknown colour setting `\(setting)`; expected `auto`, `always` or `never`")
        }
    }

    /// The environment variable `name`, if set. Asked of the C library: `ProcessInfo`'s
    /// `environment` makes a dictionary of every variable each time it is read, 1.2 M
    /// instructions for these two before a batch's register thread could start (docs/performance.md, item 27).
    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Sends standard output to `path` (created, or emptied first). `-` is standard output.
    static func redirect(to path: String) throws(UsageError) {
        guard path != "-" else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw UsageError("cannot write `--output` file `\(path)`: \(String(cString: strerror(errno)))")
        }
        Output.destination = descriptor
    }
}

/// ANSI colours for the severities in text output.
enum Colour {
    static let labels: [(plain: String, painted: String)] = [
        ("error[", "\u{1B}[1;31merror\u{1B}[0m["),
        ("warning[", "\u{1B}[1;33mwarning\u{1B}[0m["),
        ("note[", "\u{1B}[1;36mnote\u{1B}[0m["),
        ("may NOT proceed", "\u{1B}[1;31mmay NOT proceed\u{1B}[0m"),
        ("may not proceed", "\u{1B}[1;31mmay not proceed\u{1B}[0m"),
    ]

    static func paint(_ text: String) -> String {
        var out = text
        for (plain, painted) in labels where out.contains(plain) {
            out = out.replacingOccurrences(of: plain, with: painted)
        }
        return out
    }
}
