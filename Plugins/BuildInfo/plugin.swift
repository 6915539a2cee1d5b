import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` into the `probity` command before every build: the version from the
/// package's `VERSION` file (the one place it is written) and the git commit the sources were
/// built from. It runs `/bin/sh` and `git` from the system, never anything downloaded; without
/// git, or outside a clone, the commit is `unknown`. The file is rewritten only when its text
/// changes, so an unchanged build recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL.path
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        let script = """
        set -u
        mkdir -p "$2"
        version=$(tr -d ' \\n\\r\\t' < "$1/VERSION" 2>/dev/null)
        [ -n "$version" ] || version=unknown
        commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
        [ -n "$commit" ] || commit=unknown
        if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-modified"; fi
        text=$(printf '%s\\n' "// Generated before each build by Plugins/BuildInfo from VERSION and git; do not edit." \\
          "enum BuildInfo {" "    static let version = \\"$version\\"" "    static let commit = \\"$commit\\"" "}")
        if [ "$(cat "$2/BuildInfo.swift" 2>/dev/null)" != "$text" ]; then printf '%s\\n' "$text" > "$2/BuildInfo.swift"; fi
        """
        return [.prebuildCommand(displayName: "Probity build info (VERSION, git commit)",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "build-info", package, output.path],
                                 outputFilesDirectory: output)]
    }
}
