import Foundation
import Glibc
import ProbitySupport
import ProbitySyntax

/// Standard output (buffered) and standard error. The library never prints; only the CLI
/// writes, and only through here.
///
/// A write to standard output that fails (a full disk, a closed descriptor) is remembered, the
/// rest of the output is dropped, and `main` ends with exit 2 and the reason: a report that did
/// not reach its reader must never look like success. A failed write to standard error cannot be
/// reported anywhere and is ignored; the exit status still tells. A reader that goes away (`| head`)
/// ends the process by SIGPIPE, as Unix filters do (docs/robustness.md).
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    /// Where standard output goes: the terminal or pipe, or the file `--output` names.
    nonisolated(unsafe) static var destination: Int32 = STDOUT_FILENO
    /// Whether severities are coloured on standard output and on standard error (`--color`).
    nonisolated(unsafe) static var colour = (output: false, error: false)
    /// Why standard output could not be written, once it could not.
    nonisolated(unsafe) private(set) static var failure: FileError?
    /// Whether standard input was closed when probity started (its descriptor now holds /dev/null).
    nonisolated(unsafe) private(set) static var inputWasClosed = false
    /// Whether anything has been written to standard output (a failed command that wrote
    /// nothing under `--format json` ends with one `probity.error/1` record instead).
    nonisolated(unsafe) private(set) static var wroteOutput = false
    /// Every error written to standard error, as `probity.error/1` entries, kept while
    /// ``ErrorRecord/collecting`` (the command was asked for `--format json`).
    nonisolated(unsafe) private(set) static var errorEntries: [JSONValue] = []

    /// Makes sure descriptors 0, 1 and 2 are open before any file is: a file opened into a closed
    /// standard slot would otherwise receive the reports or the error messages. A closed standard
    /// output is remembered as a failed write.
    static func prepareStandardStreams() {
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where !FileIO.isOpen(descriptor) {
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
            switch descriptor {
            case STDIN_FILENO: inputWasClosed = true
            case STDOUT_FILENO: failure = FileError(reason: "it is closed", code: EBADF)
            default: break
            }
        }
    }

    static func write(_ text: String) {
        wroteOutput = wroteOutput || !text.isEmpty
        buffer.append(contentsOf: (colour.output ? Colour.paint(text) : text).utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(bytes: $0) }
    }

    /// Writes bytes in place (a batch block's reports, without copying them out of their writer).
    static func write(bytes: UnsafeRawBufferPointer) {
        wroteOutput = wroteOutput || !bytes.isEmpty
        // A batch writes megabytes at a time: those go out as they are, not copied twice.
        if bytes.count >= 1 << 16 {
            flush()
            guard failure == nil else { return }
            if case .failure(let error) = FileIO.writeAll(bytes, to: destination) { failure = error }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        send(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func send(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        if case .failure(let error) = FileIO.writeAll(bytes, to: destination) { failure = error }
    }

    /// Writes to standard error at once (after flushing standard output, to keep their order).
    /// `painted: false` keeps a line uncoloured whose words only look like a verdict (a batch
    /// summary's "0 may not proceed").
    static func error(_ text: String, painted: Bool = true) {
        flush()
        _ = FileIO.writeAll(Array((colour.error && painted ? Colour.paint(text) : text).utf8), to: STDERR_FILENO)
    }

    /// Flushes standard output; when any of it could not be written, says so on standard error
    /// and turns `status` into bad input (exit 2).
    static func finish(_ status: ExitCode) -> ExitCode {
        flush()
        guard let failure else { return status }
        error(.outputUnwritable, "cannot write standard output: \(failure.reason); the output is incomplete")
        return .badInput
    }

    /// Writes diagnostics to standard error through the one renderer (`sources` for those in
    /// rule files): the CLI never words an `error[P…]` line itself.
    static func error(_ diagnostics: [Diagnostic], sources: SourceMap = SourceMap()) {
        let renderer = DiagnosticRenderer(sources: sources)
        if ErrorRecord.collecting {
            errorEntries += diagnostics.filter { $0.severity == .error }.map { ErrorRecord.entry($0, renderer) }
        }
        error(renderer.render(diagnostics))
    }

    /// Keeps an error entry for the `probity.error/1` record (a usage error, which is written
    /// to standard error as text with its help page).
    static func collect(_ entry: JSONValue) {
        if ErrorRecord.collecting { errorEntries.append(entry) }
    }

    /// Writes one diagnostic found outside the rules to standard error.
    static func error(_ code: DiagnosticCode, _ message: String, in input: InputPosition? = nil) {
        error([Diagnostic(.error, code, message, in: input)])
    }
}
