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

    /// The pairs of consecutive runs of people, in order: each run's pairs one after another
    /// and how many each of its people has (the register scan's pieces).
    init(pieces: some Collection<(named: [Named], counts: [Int32])>) {
        var starts: [Int32] = []
        starts.reserveCapacity(pieces.reduce(1) { $0 + $1.counts.count })
        var named: [Named] = []
        named.reserveCapacity(pieces.reduce(0) { $0 + $1.named.count })
        var start: Int32 = 0
        for piece in pieces {
            named.append(contentsOf: piece.named)
            for count in piece.counts {
                starts.append(start)
                start += count
            }
        }
        starts.append(start)
        self.starts = starts
        self.named = named
    }

    /// The number of people.
    var count: Int { starts.count - 1 }

    /// Calls `body` with every person's pairs, person by person, in order.
    func forEachPair(_ body: (_ person: Int, Named) -> Void) {
        named.withUnsafeBufferPointer { named in
            starts.withUnsafeBufferPointer { starts in
                for person in 0..<starts.count - 1 {
                    for index in Int(starts[person])..<Int(starts[person + 1]) { body(person, named[index]) }
                }
            }
        }
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
