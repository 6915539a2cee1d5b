/// A request target's query (`kind=contract-award&on=2024-01-01`), decoded: `+` is a space and
/// `%XX` a byte; a malformed escape is kept as written. Names may repeat.
struct QueryString {
    let pairs: [(name: String, value: String)]

    init(_ query: String) {
        pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let equals = part.firstIndex(of: "=")
            let name = equals.map { part[..<$0] } ?? part[...]
            let value = equals.map { part[part.index(after: $0)...] } ?? ""
            return (Self.decode(name), Self.decode(value))
        }
    }

    func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                      let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
