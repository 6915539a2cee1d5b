import ProbitySupport

/// A small command-line parser: `--flag`, `--option VALUE` (or `--option=VALUE`) and positionals.
struct Arguments {
    private(set) var options: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    /// Single-dash words (`-f`), kept to be reported as unknown options.
    private var singleDash: Set<String> = []

    /// Parses `words`. `valued` lists the options that take a value; anything else starting with
    /// `--` is a flag. Unknown options are reported by the command, which knows its own.
    init(_ words: [String], valued: Set<String>) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                positionals += words[index...]
                break
            }
            guard word.hasPrefix("--"), word.count > 2 else {
                // `-` is standard input; any other single-dash word is an option nobody takes.
                if word.hasPrefix("-"), word.count > 1 {
                    singleDash.insert(word)
                    continue
                }
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valued.contains(name) {
                if value == nil {
                    guard index < words.count else { throw UsageError("option `--\(name)` needs a value") }
                    value = words[index]
                    index += 1
                }
                options[name, default: []].append(value!)
            } else {
                if value != nil { throw UsageError("option `--\(name)` takes no value") }
                flags.insert(name)
            }
        }
    }

    func value(_ name: String) -> String? { options[name]?.last }
    func values(_ name: String) -> [String] { options[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// Fails when standard input (`-`) is named for more than one of `options` and the
    /// positional files: it can be read only once.
    func rejectStandardInputTwice(_ options: [String]) throws(UsageError) {
        let named = options.filter { values($0).contains("-") }.map { "`--\($0) -`" }
            + positionals.filter { $0 == "-" }.map { _ in "`-`" }
        guard named.count <= 1 else {
            throw UsageError("standard input can be read once, but \(named.joined(separator: " and ")) both read it; give files for all but one")
        }
    }

    /// Fails on any option or flag outside `known`, saying which were expected.
    func rejectUnknown(_ known: Set<String>) throws(UsageError) {
        if let word = singleDash.sorted().first {
            let hint = closestOption(String(word.drop { $0 == "-" }), known).map { "did you mean `--\($0)`? " } ?? ""
            throw UsageError("unknown option `\(word)`; \(hint)expected \(Self.listed(known))")
        }
        for name in Set(options.keys).union(flags).sorted() where !known.contains(name) {
            let hint = closestOption(name, known).map { "did you mean `--\($0)`? " } ?? ""
            throw UsageError("unknown option `--\(name)`; \(hint)expected \(Self.listed(known))")
        }
    }

    private static func listed(_ known: Set<String>) -> String {
        known.isEmpty ? "no options" : "one of " + known.sorted().map { "`--\($0)`" }.joined(separator: ", ")
    }

    private func closestOption(_ name: String, _ known: Set<String>) -> String? {
        closestMatch(to: name, among: known.sorted()) ?? known.sorted().first { $0.hasPrefix(name) || name.hasPrefix($0) }
    }
}

/// A mistake in how the command was called.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
