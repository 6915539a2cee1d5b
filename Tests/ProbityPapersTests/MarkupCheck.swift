/// A structural check of the XML the papers write (SVG, and HTML written as XML): every element
/// closed in order, one root, attributes quoted and not repeated, only known entities, no
/// scripts, nothing fetched from the network, ids unique and every `#fragment` link resolving.
/// Returns the problems found, each with its byte offset; none means well-formed.
enum MarkupCheck {
    static func problems(_ text: String) -> [String] {
        var checker = Checker(bytes: Array(text.utf8))
        checker.run()
        return checker.problems
    }

    private struct Checker {
        let bytes: [UInt8]
        var index = 0
        var problems: [String] = []
        var stack: [String] = []
        var roots = 0
        var ids: Set<String> = []
        var fragments: [(String, Int)] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func problem(_ message: String, at offset: Int? = nil) {
            problems.append("\(offset ?? index): \(message)")
        }

        func starts(with literal: String) -> Bool {
            let pattern = Array(literal.utf8)
            return index + pattern.count <= bytes.count && Array(bytes[index..<index + pattern.count]) == pattern
        }

        mutating func skip(past literal: String) -> Bool {
            let pattern = Array(literal.utf8)
            while index + pattern.count <= bytes.count {
                if Array(bytes[index..<index + pattern.count]) == pattern {
                    index += pattern.count
                    return true
                }
                index += 1
            }
            index = bytes.count
            return false
        }

        mutating func run() {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") {
                    markup()
                } else if byte == UInt8(ascii: "&") {
                    entity()
                } else {
                    if stack.isEmpty && !isSpace(byte) { problem("text outside the root element") }
                    index += 1
                }
            }
            if !stack.isEmpty { problem("unclosed elements at the end: \(stack.joined(separator: " > "))") }
            if roots != 1 { problem("expected one root element, found \(roots)") }
            for (fragment, offset) in fragments where !ids.contains(fragment) {
                problem("link to `#\(fragment)` has no element with that id", at: offset)
            }
        }

        mutating func markup() {
            let start = index
            if starts(with: "<!--") {
                if !skip(past: "-->") { problem("unclosed comment", at: start) }
                return
            }
            if starts(with: "<?") {
                if !skip(past: "?>") { problem("unclosed processing instruction", at: start) }
                return
            }
            if starts(with: "<!DOCTYPE") {
                if !skip(past: ">") { problem("unclosed doctype", at: start) }
                return
            }
            index += 1
            let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
            if closing { index += 1 }
            let name = readName()
            guard !name.isEmpty else {
                problem("`<` that starts no tag (write `&lt;`)", at: start)
                return
            }
            if closing {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                    problem("malformed closing tag `</\(name)`", at: start)
                    return
                }
                index += 1
                guard let open = stack.popLast() else {
                    problem("closing tag `</\(name)>` with nothing open", at: start)
                    return
                }
                if open != name { problem("`</\(name)>` closes `<\(open)>`", at: start) }
                return
            }
            if name == "script" { problem("a script element: papers must not run code", at: start) }
            var attributes: Set<String> = []
            while true {
                skipSpace()
                guard index < bytes.count else {
                    problem("unclosed tag `<\(name)`", at: start)
                    return
                }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    open(name, at: start)
                    return
                }
                if starts(with: "/>") {
                    index += 2
                    if stack.isEmpty { roots += 1 }
                    return
                }
                let attribute = readName()
                guard !attribute.isEmpty else {
                    problem("unexpected character in tag `<\(name)`")
                    index += 1
                    continue
                }
                if !attributes.insert(attribute).inserted { problem("attribute `\(attribute)` repeated in `<\(name)>`") }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    problem("attribute `\(attribute)` has no value")
                    continue
                }
                index += 1
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                    problem("value of `\(attribute)` is not quoted")
                    continue
                }
                let quote = bytes[index]
                index += 1
                let valueStart = index
                while index < bytes.count && bytes[index] != quote {
                    if bytes[index] == UInt8(ascii: "<") { problem("`<` inside the value of `\(attribute)`") }
                    if bytes[index] == UInt8(ascii: "&") { entity() } else { index += 1 }
                }
                let value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                index += 1
                attributeValue(attribute, value, in: name, at: valueStart)
            }
        }

        mutating func open(_ name: String, at start: Int) {
            if stack.isEmpty { roots += 1 }
            stack.append(name)
        }

        mutating func attributeValue(_ attribute: String, _ value: String, in element: String, at offset: Int) {
            if attribute == "id" && !ids.insert(value).inserted { problem("id `\(value)` used twice", at: offset) }
            if attribute.hasPrefix("on") { problem("event handler `\(attribute)`: papers must not run code", at: offset) }
            if attribute == "href" || attribute == "src" || attribute == "xlink:href" {
                if value.hasPrefix("#") {
                    fragments.append((String(value.dropFirst()), offset))
                } else {
                    problem("`\(attribute)=\"\(value)\"` points outside the document", at: offset)
                }
            }
            if value.contains("url(http") || value.contains("@import") { problem("a style that fetches from the network", at: offset) }
        }

        mutating func entity() {
            let start = index
            guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                problem("`&` that starts no entity (write `&amp;`)", at: start)
                index += 1
                return
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            let known = ["amp", "lt", "gt", "quot", "apos"].contains(name)
            let numeric = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) != nil : name.hasPrefix("#") && UInt32(name.dropFirst()) != nil
            if !known && !numeric { problem("unknown entity `&\(name);`", at: start) }
            index = end + 1
        }

        mutating func readName() -> String {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                let isNameByte = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
                guard isNameByte else { break }
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func skipSpace() {
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
        }

        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
        }
    }
}
