// Shared by every fuzz target (compiled into each): reading the input, failing loudly.
import Foundation

/// The fuzzer's input as bytes.
func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// A broken invariant: print what broke and abort, so libFuzzer saves the input as a crash.
func invariant(_ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !holds() {
        FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
        abort()
    }
}

/// The shipped rules, loaded once: `PROBITY_RULES` or `Rules` under the working directory
/// (scripts/fuzz runs from the repository root).
func shippedRulesPath() -> String {
    ProcessInfo.processInfo.environment["PROBITY_RULES"] ?? "Rules"
}
