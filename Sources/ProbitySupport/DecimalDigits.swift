extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes the last `width` decimal digits of `value` (not negative) into
    /// `self[start ..< start + width]`, zeros first: for short texts written in place, a byte at
    /// a time, because interpolating and padding the digits cost hundreds of instructions a
    /// number, and dates, codes and weights are written on every line of a batch. Inlinable, so
    /// that each caller in another module writes its digits in place rather than calling out.
    @inlinable @inline(__always) package func writeDigits(of value: Int, from start: Int, width: Int) {
        var rest = value, place = start + width
        while place > start {
            place -= 1
            self[place] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}

extension Int {
    /// How many decimal digits `self` (not negative) has: 1 for 0.
    @inlinable @inline(__always) package var decimalWidth: Int {
        var width = 1, rest = self
        while rest >= 10 {
            rest /= 10
            width += 1
        }
        return width
    }
}
