import Glibc

/// Why a file or a stream could not be read or written, in the system's words (lowercase).
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong: `it is a folder`, `no such file or directory`, `no space left on device`…
    public var reason: String
    /// The `errno` behind it, or 0 when the reason is Probity's own (a folder, a size limit).
    public var code: Int32

    public init(reason: String, code: Int32 = 0) {
        self.reason = reason
        self.code = code
    }

    /// The reason for the current `errno`.
    static func system(_ code: Int32 = errno) -> FileError {
        var text = String(cString: strerror(code))
        // `strerror` capitalises its sentences; our messages are lowercase.
        if let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true {
            text = first.lowercased() + text.dropFirst()
        }
        return FileError(reason: text, code: code)
    }

    public var description: String { reason }
}

/// Reading and writing files and standard streams through system calls that report their errors.
///
/// Foundation's `FileHandle` traps on a closed descriptor, a folder or a full disk; Probity reads
/// files that people name and writes into pipes it does not control, so every call here returns
/// what went wrong instead.
public enum FileIO {
    /// The largest file read whole (rule files, decisions, meetings, registers): 1 GiB. Larger
    /// input is refused before it is read; a batch is streamed and has no such limit.
    public static let maximumFileSize = 1 << 30

    /// Opens `path` for reading; a folder is refused, whatever the system would allow.
    public static func openForReading(_ path: String) -> Result<Int32, FileError> {
        let descriptor = retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return .failure(.system()) }
        var status = stat()
        if fstat(descriptor, &status) != 0 {
            let error = FileError.system()
            close(descriptor)
            return .failure(error)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            return .failure(FileError(reason: "it is a folder", code: EISDIR))
        }
        return .success(descriptor)
    }

    /// Reads the whole file at `path`, at most `limit` bytes.
    public static func read(path: String, limit: Int = maximumFileSize) -> Result<[UInt8], FileError> {
        switch openForReading(path) {
        case .failure(let error): return .failure(error)
        case .success(let descriptor):
            defer { close(descriptor) }
            return readAll(descriptor: descriptor, limit: limit)
        }
    }

    /// Reads a descriptor to its end, at most `limit` bytes (a closed standard input is an error,
    /// `bad file descriptor`, not a trap).
    public static func readAll(descriptor: Int32, limit: Int = maximumFileSize) -> Result<[UInt8], FileError> {
        var bytes: [UInt8] = []
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0, status.st_size <= limit {
            // A regular file's size is known: it is read into one array of that size (a byte
            // more, to see its end), not into one grown and filled with zeros as it goes.
            let size = Int(status.st_size)
            var readError: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
                while initialized < buffer.count {
                    let count = retryingInterrupts { Glibc.read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized) }
                    if count < 0 { readError = errno }
                    if count <= 0 { break }
                    initialized += count
                }
            }
            if readError != 0 { return .failure(.system(readError)) }
            if bytes.count <= size { return .success(bytes) }
            // The file grew while it was read: the rest is read as any other descriptor's.
        }
        var chunk = 1 << 16
        while true {
            let before = bytes.count
            // Grow geometrically, so reading is linear in the size of the file.
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBytes { raw in
                retryingInterrupts { Glibc.read(descriptor, raw.baseAddress! + before, chunk) }
            }
            if count < 0 {
                return .failure(.system())
            }
            bytes.removeLast(chunk - count)
            if count == 0 { return .success(bytes) }
            if bytes.count > limit {
                return .failure(FileError(reason: "it is larger than \(describeSize(limit)), the most Probity reads", code: EFBIG))
            }
            if bytes.count >= chunk * 4, chunk < 1 << 24 { chunk *= 2 }
        }
    }

    /// Reads the file at `path` a chunk of at most `chunkSize` bytes at a time, handing each to
    /// `body` (which returns `false` to stop early), at most `limit` bytes in all: a file read
    /// this way is never held whole. The chunk is valid only during the call.
    public static func forEachChunk(path: String, limit: Int = maximumFileSize, chunkSize: Int = 1 << 18,
                                    _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Result<Void, FileError> {
        switch openForReading(path) {
        case .failure(let error): return .failure(error)
        case .success(let descriptor):
            defer { close(descriptor) }
            var scratch = [UInt8](repeating: 0, count: max(1, chunkSize))
            var total = 0
            while true {
                let count: Int
                switch readChunk(descriptor: descriptor, into: &scratch) {
                case .failure(let error): return .failure(error)
                case .success(let read): count = read
                }
                if count == 0 { return .success(()) }
                total += count
                if total > limit {
                    return .failure(FileError(reason: "it is larger than \(describeSize(limit)), the most Probity reads", code: EFBIG))
                }
                let goOn = scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<count])) }
                if !goOn { return .success(()) }
            }
        }
    }

    /// Reads up to `scratch.count` bytes into `scratch` (kept from call to call, so reading
    /// allocates nothing); how many were read, 0 at the end.
    public static func readChunk(descriptor: Int32, into scratch: inout [UInt8]) -> Result<Int, FileError> {
        let read = scratch.withUnsafeMutableBytes { raw in
            retryingInterrupts { Glibc.read(descriptor, raw.baseAddress!, raw.count) }
        }
        return read < 0 ? .failure(.system()) : .success(read)
    }

    /// Writes every byte to `descriptor`, resuming after partial writes and interrupts.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Result<Void, FileError> {
        guard let base = bytes.baseAddress else { return .success(()) }
        var offset = 0
        while offset < bytes.count {
            let written = retryingInterrupts { write(descriptor, base + offset, bytes.count - offset) }
            if written < 0 { return .failure(.system()) }
            if written == 0 { return .failure(FileError(reason: "nothing could be written", code: EIO)) }
            offset += written
        }
        return .success(())
    }

    /// Writes every byte of `bytes` to `descriptor`.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Result<Void, FileError> {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// Replaces the file at `path` with `bytes`: written beside it under a temporary name, flushed
    /// to disk, then renamed over it, so a failed write leaves the old file whole. The file keeps
    /// its permissions.
    public static func replace(path: String, with bytes: [UInt8]) -> Result<Void, FileError> {
        var status = stat()
        let mode: mode_t = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
        var template = Array((path + ".probity-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return .failure(.system()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ error: FileError) -> Result<Void, FileError> {
            close(descriptor)
            unlink(temporary)
            return .failure(error)
        }
        if case .failure(let error) = writeAll(bytes, to: descriptor) { return fail(error) }
        if fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { return fail(.system()) }
        if close(descriptor) != 0 {
            let error = FileError.system()
            unlink(temporary)
            return .failure(error)
        }
        if rename(temporary, path) != 0 {
            let error = FileError.system()
            unlink(temporary)
            return .failure(error)
        }
        return .success(())
    }

    /// Whether `descriptor` is open (a standard stream may have been closed by whoever started us).
    public static func isOpen(_ descriptor: Int32) -> Bool {
        fcntl(descriptor, F_GETFD) != -1 || errno != EBADF
    }

    /// `1 GiB`, `16 MiB`, `512 bytes`: a size limit as people read it.
    public static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    private static func retryingInterrupts<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result < 0, errno == EINTR { continue }
            return result
        }
    }
}
