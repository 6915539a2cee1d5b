/// `probity --version`: the version, and how this binary was built.
enum Version {
    /// The release, from the package's `VERSION` file (docs/releasing.md says how it is raised).
    static let number = BuildInfo.version
    /// The git commit the binary was built from (`-modified` when tracked files had changes), or
    /// `unknown` when it was built outside a clone or without git.
    static let commit = BuildInfo.commit

    static var build: String {
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        #if os(Linux)
        let system = "linux"
        #elseif os(macOS)
        let system = "macos"
        #else
        let system = "other"
        #endif
        #if arch(x86_64)
        let machine = "x86_64"
        #elseif arch(arm64)
        let machine = "arm64"
        #else
        let machine = "other"
        #endif
        #if compiler(>=6.2)
        let compiler = "swift 6.2+"
        #elseif compiler(>=6.1)
        let compiler = "swift 6.1"
        #else
        let compiler = "swift 6.0"
        #endif
        return "\(configuration) build, \(system) \(machine), \(compiler)"
    }

    static var text: String {
        var out = "probity \(number) (commit \(commit), \(build))\n"
        if let scheme = RuleSet.loadQuietly() {
            let info = scheme.program.scheme
            out += "shipped rules: \(info.name)\(info.version.isEmpty ? "" : " (\(info.version))"), digest \(info.digest.prefix(12))\n"
        }
        return out
    }
}
