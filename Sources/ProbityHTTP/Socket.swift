import Glibc

/// Thin wrappers over the Glibc socket calls the server uses; every failure comes back as a
/// value carrying `errno`'s text, never a trap.
enum Socket {
    /// Opens a listening TCP socket on `host`:`port` (port 0: any free port) and returns it with
    /// the address it is bound to, as `host:port` (`[::1]:port` for IPv6).
    static func listen(host: String, port: Int, backlog: Int32) -> Result<(fd: Int32, address: String, port: Int), HTTPServerError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(HTTPServerError("cannot resolve `\(host)`: \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errorText(); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, Glibc.listen(fd, backlog) == 0 else {
                lastError = errorText()
                close(fd)
                continue
            }
            guard let bound = localAddress(fd) else {
                lastError = errorText()
                close(fd)
                continue
            }
            return .success((fd, bound.text, bound.port))
        }
        return .failure(HTTPServerError("cannot listen on \(host):\(port): \(lastError)"))
    }

    /// The address a socket is bound to.
    static func localAddress(_ fd: Int32) -> (text: String, port: Int)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return nil }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let port = Int(String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) ?? 0
        return (storage.ss_family == sa_family_t(AF_INET6) ? "[\(hostText)]:\(port)" : "\(hostText):\(port)", port)
    }

    /// Waits until `fd` is readable (or `events`), for at most `milliseconds`. True when ready.
    static func wait(_ fd: Int32, events: Int16 = Int16(POLLIN), milliseconds: Int) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let status = poll(&entry, 1, Int32(clamping: max(milliseconds, 0)))
            if status < 0 && errno == EINTR { continue }
            return status > 0
        }
    }

    /// Sends all of `bytes`, waiting at most `timeout` milliseconds for the client to take
    /// each part. False when the client is gone or too slow.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], timeout: Int) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    guard wait(fd, events: Int16(POLLOUT), milliseconds: timeout) else { return false }
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }

    /// An HTTP `Date` value for now (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}

/// Why the server could not start.
public struct HTTPServerError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
