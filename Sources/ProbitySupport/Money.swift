/// An amount of sterling, held exactly as a whole number of pence.
///
/// Delegation limits are legal thresholds: "up to £250k" must compare
/// exactly against "£250,000.00", so money is never a floating-point
/// number here. All parsing and arithmetic is done on integers.
public struct Money: Hashable, Comparable, Sendable {
    /// The amount in pence. May be negative when it is the result of
    /// arithmetic (a shortfall, say), though `parse` never produces one.
    public var pence: Int64

    /// Creates an amount from a number of pence.
    public init(pence: Int64) {
        self.pence = pence
    }

    /// No money at all.
    public static let zero = Money(pence: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.pence < rhs.pence
    }
}

// MARK: - Parsing

extension Money {
    /// Parses an amount as people write it in schemes of delegation.
    ///
    /// The accepted grammar, in order:
    /// - an optional `£` sign (UTF-8 `C2 A3`);
    /// - one or more digits, optionally grouped in threes by commas
    ///   (`663,540`; a misplaced comma such as `1,00` is rejected);
    /// - an optional decimal point followed by one or more digits;
    /// - an optional scale suffix, case-insensitive: `k` (thousand),
    ///   `m` (million) or `bn` (billion).
    ///
    /// The result must be a whole number of pence (`£0.005` is rejected,
    /// `£1.2345m` is £1,234,500) and must fit in an `Int64`. Signs,
    /// exponents (`1e6`), spaces and any other characters are rejected, so
    /// the raw text of a JSON number either parses exactly or not at all.
    ///
    /// - Returns: the amount, or `nil` if the text is not a valid amount.
    public static func parse<C: Collection>(_ bytes: C) -> Money? where C.Element == UInt8 {
        var index = bytes.startIndex
        let end = bytes.endIndex

        // Optional pound sign, which is two bytes in UTF-8.
        if index != end, bytes[index] == 0xC2 {
            let next = bytes.index(after: index)
            guard next != end, bytes[next] == 0xA3 else { return nil }
            index = bytes.index(after: next)
        }

        // Whole part: digits, with commas allowed only between groups of three.
        var whole: Int64 = 0
        var wholeDigits = 0
        var digitsInGroup = 0
        var sawComma = false
        while index != end {
            let byte = bytes[index]
            if let digit = Money.digitValue(byte) {
                guard let next = Money.appendDigit(digit, to: whole) else { return nil }
                whole = next
                wholeDigits += 1
                digitsInGroup += 1
            } else if byte == UInt8(ascii: ",") {
                // The first group may be 1–3 digits; every later one exactly 3.
                if sawComma {
                    guard digitsInGroup == 3 else { return nil }
                } else {
                    guard (1...3).contains(digitsInGroup) else { return nil }
                }
                sawComma = true
                digitsInGroup = 0
            } else {
                break
            }
            index = bytes.index(after: index)
        }
        guard wholeDigits > 0 else { return nil }
        if sawComma && digitsInGroup != 3 { return nil }

        // Fractional part. Trailing zeros carry no value, so we drop them as
        // we go; this lets `1.500000000000000000000m` parse without overflow.
        var fraction: Int64 = 0
        var fractionDigits = 0
        var pendingZeros = 0
        if index != end, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            var sawDigit = false
            while index != end, let digit = Money.digitValue(bytes[index]) {
                sawDigit = true
                if digit == 0 {
                    pendingZeros += 1
                } else {
                    // More significant fractional digits than the largest
                    // scale allows can never be a whole number of pence.
                    guard fractionDigits + pendingZeros + 1 <= Money.largestScale else { return nil }
                    // Flush the zeros we deferred, then this digit.
                    for _ in 0..<pendingZeros {
                        guard let next = Money.appendDigit(0, to: fraction) else { return nil }
                        fraction = next
                    }
                    guard let next = Money.appendDigit(digit, to: fraction) else { return nil }
                    fraction = next
                    fractionDigits += pendingZeros + 1
                    pendingZeros = 0
                }
                index = bytes.index(after: index)
            }
            guard sawDigit else { return nil }
        }

        // Scale suffix: how many decimal places a pound is shifted by, plus
        // two more to convert pounds to pence.
        var scale = 2
        if index != end {
            switch bytes[index] | 0x20 {  // ASCII lower-case
            case UInt8(ascii: "k"):
                scale = 5
                index = bytes.index(after: index)
            case UInt8(ascii: "m"):
                scale = 8
                index = bytes.index(after: index)
            case UInt8(ascii: "b"):
                index = bytes.index(after: index)
                guard index != end, bytes[index] | 0x20 == UInt8(ascii: "n") else { return nil }
                scale = 11
                index = bytes.index(after: index)
            default:
                return nil
            }
        }
        guard index == end else { return nil }

        // pence = whole × 10^scale + fraction × 10^(scale − fractionDigits)
        guard fractionDigits <= scale else { return nil }
        let wholePence = whole.multipliedReportingOverflow(by: Money.powerOfTen(scale))
        guard !wholePence.overflow else { return nil }
        let fractionPence = fraction.multipliedReportingOverflow(by: Money.powerOfTen(scale - fractionDigits))
        guard !fractionPence.overflow else { return nil }
        let total = wholePence.partialValue.addingReportingOverflow(fractionPence.partialValue)
        guard !total.overflow else { return nil }
        return Money(pence: total.partialValue)
    }

    /// Parses an amount from text; see the byte-collection overload for the grammar.
    public static func parse(_ text: String) -> Money? {
        parse(text.utf8)
    }

    /// Parses an amount straight from bytes (part of a line being read): the generic
    /// ``parse(_:)-(C)``, specialised here, where it is compiled.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Money? {
        parse(bytes)
    }

    /// The most decimal places a suffix can shift by (`bn` plus pence).
    private static let largestScale = 11

    private static func digitValue(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte &- UInt8(ascii: "0")) : nil
    }

    /// `value × 10 + digit`, or `nil` on overflow.
    private static func appendDigit(_ digit: Int64, to value: Int64) -> Int64? {
        let shifted = value.multipliedReportingOverflow(by: 10)
        guard !shifted.overflow else { return nil }
        let sum = shifted.partialValue.addingReportingOverflow(digit)
        guard !sum.overflow else { return nil }
        return sum.partialValue
    }

    private static func powerOfTen(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

// MARK: - Arithmetic

extension Money {
    /// The sum of two amounts, or nil when it does not fit in an `Int64` of pence: sums of
    /// amounts read from input go through here, never through a trapping `+`.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = pence.addingReportingOverflow(other.pence)
        return overflow ? nil : Money(pence: sum)
    }

    /// The difference of two amounts, or nil when it does not fit.
    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = pence.subtractingReportingOverflow(other.pence)
        return overflow ? nil : Money(pence: difference)
    }

    /// The sum of two amounts. Traps on overflow, like `Int64` itself: only for amounts known
    /// to be small; anything read from input uses ``adding(_:)``.
    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(pence: lhs.pence + rhs.pence)
    }

    /// The difference of two amounts; may be negative.
    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(pence: lhs.pence - rhs.pence)
    }

    public static func += (lhs: inout Money, rhs: Money) {
        lhs.pence += rhs.pence
    }

    public static func -= (lhs: inout Money, rhs: Money) {
        lhs.pence -= rhs.pence
    }
}

// MARK: - Rendering

extension Money: CustomStringConvertible {
    /// The amount as a person would write it: `£1,200,000` when it is a
    /// whole number of pounds, `£1,200,000.50` otherwise, and `-£5.25`
    /// when negative.
    public var description: String {
        let (negative, pounds, pence) = parts
        // Written as bytes from the right: walking the digits as Characters cost thousands of
        // instructions per amount, and a report's near misses word several amounts each.
        // At most "-£" (3 bytes), 20 digits, 6 commas and ".99": 32 bytes.
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var end = 32
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            if pence != 0 {
                put(UInt8(ascii: "0") + UInt8(pence % 10))
                put(UInt8(ascii: "0") + UInt8(pence / 10))
                put(UInt8(ascii: "."))
            }
            var rest = pounds, written = 0
            repeat {
                if written > 0 && written % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                written += 1
            } while rest > 0
            put(0xA3)  // "£" in UTF-8: C2 A3
            put(0xC2)
            if negative { put(UInt8(ascii: "-")) }
            let count = 32 - end
            for index in 0..<count { buffer[index] = buffer[end + index] }
            return count
        }
    }

    /// The amount in pounds with exactly two decimal places and no
    /// symbol or grouping, e.g. `1200000.00` or `-5.25`: the form used in
    /// machine-readable output such as JSON and CSV.
    public var plainDecimal: String {
        let (negative, pounds, pence) = parts
        return (negative ? "-" : "") + String(pounds) + "." + Money.twoDigits(pence)
    }

    /// Sign, pounds and pence, using the magnitude so that `Int64.min`
    /// does not overflow when negated.
    private var parts: (negative: Bool, pounds: UInt64, pence: UInt64) {
        let magnitude = pence.magnitude
        return (pence < 0, magnitude / 100, magnitude % 100)
    }

    private static func twoDigits(_ value: UInt64) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
