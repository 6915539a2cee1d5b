import Foundation

/// Finds the built `probity` binary (beside the test bundle in `.build/<config>/`) and runs it.
enum Probity {
    static var binary: URL {
        // On Linux the tests run as `.build/<config>/<Package>PackageTests.xctest`, beside the binary.
        if let runner = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("probity"),
           FileManager.default.isExecutableFile(atPath: runner.path) {
            return runner
        }
        var directory = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("probity")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/probity")
    }

    /// The repository root (where `Package.swift` is).
    static var root: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `probity` with `arguments` from the repository root.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Standard input is written from another thread: `probity` answers lines as they come,
        // so it writes while it reads, and a large input written before reading the output
        // would fill both pipes and wait for ever.
        let writer = input.fileHandleForWriting
        let fed = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if let stdin { writer.write(Data(stdin.utf8)) }
            try? writer.close()
            fed.signal()
        }
        // Read both pipes at once before waiting, so neither a large output nor a large error
        // stream can block the child.
        nonisolated(unsafe) var stderrData = Data()
        let errorsRead = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        fed.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    private final class Marker {}
}
