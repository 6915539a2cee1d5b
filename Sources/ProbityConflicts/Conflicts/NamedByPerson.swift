/// Per register person, the declared organisations their texts name, with the text (the
/// interest, or ``RegisterLinks/employment``): every person's pairs one after another in one
/// array, found through an array of where each person's begin.
///
/// Screening a meeting reads this for each attendee. As an array of arrays, each person's
/// pairs were a separate allocation, and finding even that a person names nothing read that
/// allocation's header: for attendees picked from a 20,000-person register, a cache miss each,
/// most of `collectHits`' time. Here a person's start and end are side by side in a small
/// array, and only someone who names something leads to a read of the pairs.
struct NamedByPerson: Sendable {
    typealias Named = (organisation: Int32, source: Int32)

    /// `starts[p] ..< starts[p + 1]` are person `p`'s pairs in `named`.
    private let starts: [Int32]
    private let named: [Named]

    init(_ byPerson: [[Named]]) {
        var starts: [Int32] = []
        starts.reserveCapacity(byPerson.count + 1)
        var named: [Named] = []
        named.reserveCapacity(byPerson.reduce(0) { $0 + $1.count })
        for pairs in byPerson {
            starts.append(Int32(named.count))
            named.append(contentsOf: pairs)
        }
        starts.append(Int32(named.count))
        self.starts = starts
        self.named = named
    }

    /// Person `person`'s pairs, in the order their texts were read.
    subscript(person: Int) -> ArraySlice<Named> {
        named[Int(starts[person])..<Int(starts[person + 1])]
    }

    /// Calls `body` with each of person `person`'s pairs, in order, without retaining the
    /// shared array (which every screening thread would otherwise count up and down).
    @inline(__always)
    func forEach(of person: Int, _ body: (Named) -> Void) {
        let start = Int(starts[person]), end = Int(starts[person + 1])
        guard start < end else { return }
        named.withUnsafeBufferPointer { named in
            for index in start..<end { body(named[index]) }
        }
    }
}
