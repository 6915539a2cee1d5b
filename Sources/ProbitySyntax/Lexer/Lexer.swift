import ProbitySupport

/// Turns a file's UTF-8 bytes into tokens. The lexer never fails: a malformed literal becomes
/// an `invalid` token plus a diagnostic, and lexing goes on.
public struct Lexer {
    private let bytes: [UInt8]
    private let file: FileID
    private var position = 0
    private var atLineStart = true
    public private(set) var diagnostics: [Diagnostic] = []
    /// When set, the byte ranges of `#` comments are recorded in ``comments`` (for `probity fmt`).
    public var keepsComments = false
    /// The `[start, end)` byte ranges of the comments skipped so far, if ``keepsComments``.
    public private(set) var comments: [Range<Int>] = []

    public init(bytes: [UInt8], file: FileID) {
        self.bytes = bytes
        self.file = file
        // A UTF-8 byte-order mark is not part of the text.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Lexes the whole file, ending with one `endOfFile` token.
    public static func tokenize(_ bytes: [UInt8], file: FileID, interner: inout Interner)
        -> (tokens: [Token], diagnostics: [Diagnostic])
    {
        var lexer = Lexer(bytes: bytes, file: file)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        while true {
            let token = lexer.next(interner: &interner)
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        return (tokens, lexer.diagnostics)
    }

    /// Lexes the whole file keeping its comments as trivia: the tokens (as ``tokenize(_:file:interner:)``
    /// gives them) and the byte range of every comment, in order.
    public static func tokenizeKeepingComments(_ bytes: [UInt8], file: FileID, interner: inout Interner)
        -> (tokens: [Token], comments: [Range<Int>], diagnostics: [Diagnostic])
    {
        var lexer = Lexer(bytes: bytes, file: file)
        lexer.keepsComments = true
        var tokens: [Token] = []
        while true {
            let token = lexer.next(interner: &interner)
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        return (tokens, lexer.comments, lexer.diagnostics)
    }

    /// The longest name (field, value, body, rule id…) in bytes: names are keys in every table
    /// and appear in every message, so a megabyte-long one is refused.
    public static let maximumNameLength = 256

    public mutating func next(interner: inout Interner) -> Token {
        skipTrivia()
        let start = position
        let lineStart = atLineStart
        atLineStart = false
        guard position < bytes.count else {
            return Token(kind: .endOfFile, start: Int32(start), end: Int32(start), isAtLineStart: true)
        }
        var token = Token(kind: .invalid, start: Int32(start), end: Int32(start), isAtLineStart: lineStart)
        let byte = bytes[position]
        switch byte {
        case _ where byte.isIdentifierStart:
            lexIdentifier()
            token.kind = .identifier
            if position - start > Lexer.maximumNameLength {
                diagnostics.append(.error(.nameTooLong, "name is \(position - start) bytes long; expected at most \(Lexer.maximumNameLength)", at: range(start)))
            }
            let end = position
            token.integer = Int64(bytes.withUnsafeBufferPointer { interner.intern(UnsafeBufferPointer(rebasing: $0[start..<end])) }.rawValue)
        case _ where byte.isDigit:
            lexNumberOrDate(into: &token)
        case 0xC2 where peek(1) == 0xA3:  // "£"
            lexMoney(into: &token)
        case UInt8(ascii: "\""):
            lexString(into: &token)
        default:
            lexPunctuation(into: &token)
        }
        token.end = Int32(position)
        return token
    }

    // MARK: - Trivia

    private mutating func skipTrivia() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"):
                atLineStart = true
                position += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#"):
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                if keepsComments { comments.append(start..<position) }
            default:
                return
            }
        }
    }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private var range: (Int) -> SourceRange {
        { [file, position] start in SourceRange(file: file, start: start, end: position) }
    }

    // MARK: - Identifiers

    private mutating func lexIdentifier() {
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte.isIdentifierContinue {
                position += 1
            } else if byte == UInt8(ascii: "-"), let after = peek(1), after.isIdentifierContinue {
                // A hyphen joins words (`lcp-board`) but `->` and a trailing `-` are not part of a name.
                position += 1
            } else {
                break
            }
        }
    }

    // MARK: - Numbers, percentages and dates

    private mutating func lexNumberOrDate(into token: inout Token) {
        let start = position
        if isDateAhead() {
            position += 10
            let text = bytes[start..<position]
            if let day = Day.parseISO(text) {
                token.kind = .date
                token.integer = Int64(day.number)
            } else {
                diagnostics.append(.error(.impossibleDate, "invalid date `\(String(decoding: text, as: UTF8.self))`; expected a real calendar date as YYYY-MM-DD", at: range(start)))
            }
            return
        }
        var value: Int64 = 0
        var overflow = false
        while position < bytes.count, bytes[position].isDigit {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(bytes[position] - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = plus
            position += 1
        }
        token.integer = value
        token.kind = .number
        if position < bytes.count, bytes[position] == UInt8(ascii: "%") {
            position += 1
            token.kind = .percent
        }
        if overflow {
            token.kind = .invalid
            diagnostics.append(.error(.unexpectedToken, "number is too large", at: range(start)))
        }
    }

    private func isDateAhead() -> Bool {
        guard position + 10 <= bytes.count else { return false }
        for offset in 0..<10 {
            let byte = bytes[position + offset]
            if offset == 4 || offset == 7 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !byte.isDigit {
                return false
            }
        }
        return !(position + 10 < bytes.count && bytes[position + 10].isIdentifierContinue)
    }

    // MARK: - Money

    private mutating func lexMoney(into token: inout Token) {
        let start = position
        position += 2  // "£"
        while position < bytes.count {
            let byte = bytes[position]
            if byte.isDigit {
                position += 1
            } else if byte == UInt8(ascii: ","), isThousandsGroupAhead() {
                // `£663,540` groups thousands; `value: £663,540, date: …` ends at the second comma.
                position += 1
            } else if byte == UInt8(ascii: "."), peek(1) != UInt8(ascii: "."), peek(1)?.isDigit == true {
                // `£1.5m` has a decimal point; `£1m..£5m` has a range operator.
                position += 1
            } else {
                break
            }
        }
        while position < bytes.count, bytes[position].isLetter { position += 1 }
        let text = bytes[start..<position]
        // The buffer form: `Money.parse` on an `ArraySlice` runs unspecialised across modules.
        let end = position
        if let money = bytes.withUnsafeBufferPointer({ Money.parse(utf8: UnsafeBufferPointer(rebasing: $0[start..<end])) }) {
            token.kind = .money
            token.integer = money.pence
        } else {
            diagnostics.append(.error(.malformedMoney, "invalid amount of money `\(String(decoding: text, as: UTF8.self))`; expected a whole number of pence such as `£250k`, `£1.5m`, `£663,540` or `£0.50`", at: range(start)))
        }
    }

    /// A comma followed by exactly three digits continues a money literal.
    private func isThousandsGroupAhead() -> Bool {
        guard let a = peek(1), let b = peek(2), let c = peek(3), a.isDigit, b.isDigit, c.isDigit else { return false }
        return !(peek(4)?.isDigit ?? false)
    }

    // MARK: - Strings

    private mutating func lexString(into token: inout Token) {
        let start = position
        position += 1
        // Most strings hold no escape: their text is their bytes, taken in one piece.
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let first = position
            token.kind = .string
            token.text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[first..<end]), as: UTF8.self) }
            position = end + 1
            return
        }
        var decoded: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                token.kind = .string
                token.text = String(decoding: decoded, as: UTF8.self)
                return
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\"), let escaped = peek(1) {
                switch escaped {
                case UInt8(ascii: "n"): decoded.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): decoded.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): decoded.append(escaped)
                default:
                    diagnostics.append(.error(.malformedString, "unknown escape `\\\(Unicode.Scalar(escaped))` in string; expected `\\\"`, `\\\\`, `\\n` or `\\t`", at: SourceRange(file: file, start: position, end: position + 2)))
                    decoded.append(escaped)
                }
                position += 2
                continue
            }
            decoded.append(byte)
            position += 1
        }
        // Unterminated: keep what was read so parsing can go on.
        token.kind = .string
        token.text = String(decoding: decoded, as: UTF8.self)
        diagnostics.append(.error(.malformedString, "unterminated string; expected a closing `\"` before the end of the line", at: range(start)))
    }

    // MARK: - Punctuation

    private mutating func lexPunctuation(into token: inout Token) {
        let start = position
        let byte = bytes[position]
        let next = peek(1)
        position += 1
        switch byte {
        case UInt8(ascii: "("): token.kind = .leftParen
        case UInt8(ascii: ")"): token.kind = .rightParen
        case UInt8(ascii: "["): token.kind = .leftBracket
        case UInt8(ascii: "]"): token.kind = .rightBracket
        case UInt8(ascii: "{"): token.kind = .leftBrace
        case UInt8(ascii: "}"): token.kind = .rightBrace
        case UInt8(ascii: ","): token.kind = .comma
        case UInt8(ascii: ":"): token.kind = .colon
        case UInt8(ascii: "?"): token.kind = .question
        case UInt8(ascii: "="):
            token.kind = .equal
            if next == UInt8(ascii: "=") { position += 1 }  // tolerate `==`
        case UInt8(ascii: "!") where next == UInt8(ascii: "="):
            token.kind = .notEqual
            position += 1
        case UInt8(ascii: "<"):
            token.kind = next == UInt8(ascii: "=") ? .lessEqual : .less
            if next == UInt8(ascii: "=") { position += 1 }
        case UInt8(ascii: ">"):
            token.kind = next == UInt8(ascii: "=") ? .greaterEqual : .greater
            if next == UInt8(ascii: "=") { position += 1 }
        case UInt8(ascii: ".") where next == UInt8(ascii: "."):
            token.kind = .dotDot
            position += 1
        case UInt8(ascii: "-") where next == UInt8(ascii: ">"):
            token.kind = .arrow
            position += 1
        default:
            // Consume a whole UTF-8 scalar so the message shows the character, not a byte.
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            diagnostics.append(.error(.unexpectedCharacter, "unexpected character `\(text)`", at: range(start)))
            token.kind = .invalid
        }
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isLetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }
    var isIdentifierStart: Bool { isLetter || self == UInt8(ascii: "_") }
    var isIdentifierContinue: Bool { isLetter || isDigit || self == UInt8(ascii: "_") }
}
