extension String {
    /// `first + second + third` made in one allocation: their UTF-8 copied straight into a string
    /// of the right size. Each `+=` on a `String` checks both sides' storage and may grow it, a
    /// few hundred instructions a piece; a `no-authority` report words three near misses this
    /// way on every line (`FieldTestWording`), and issue #17 holds that line's cost.
    public static func joined(_ first: String, _ second: String, _ third: String) -> String {
        var (first, second, third) = (first, second, third)
        return first.withUTF8 { a in
            second.withUTF8 { b in
                third.withUTF8 { c in
                    String(unsafeUninitializedCapacity: a.count + b.count + c.count) { text in
                        var end = 0
                        func copy(_ piece: UnsafeBufferPointer<UInt8>) {
                            guard let base = piece.baseAddress, piece.count > 0 else { return }
                            (text.baseAddress! + end).update(from: base, count: piece.count)
                            end += piece.count
                        }
                        copy(a)
                        copy(b)
                        copy(c)
                        return end
                    }
                }
            }
        }
    }
}
