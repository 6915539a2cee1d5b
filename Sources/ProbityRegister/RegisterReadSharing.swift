import Foundation
import ProbitySupport

/// A register file read by two threads: the one reading it, and one that would otherwise wait
/// for it, which calls ``help()``.
///
/// The reading thread reads a table from its start. Once past the header it offers the rest of
/// the file; a helper that comes while enough is left claims the back half of what is left,
/// from the first line break past its middle, and reads it as a later part
/// (``RegisterTableImport/init(laterPartOf:header:expectedPeople:)``) while the reading thread
/// reads up to that point. The reading thread then takes the later part in
/// (``RegisterTableImport/absorb(_:)``) if its own records end exactly there, on the line the
/// helper counted (the point might lie inside a quoted field, which only reading from the
/// start can tell), and otherwise reads on from that point itself, as if nothing had been
/// offered. Either way the register is the one read whole by one thread would give, byte for
/// byte (RegisterReadSharingTests): what is shared is only where its work is done.
///
/// A JSON array of rows is shared the same way: offered once its `[` is read, split at the `{`
/// that starts a line (after any spaces) following a line that ends in `,`, and taken in
/// (``RegisterJSONImport/absorb(_:)``) when the rows read from the start end there, between two
/// elements of the array (the point might lie inside a row written over several lines, which
/// only reading from the start can tell), and the later part read as rows to the document's
/// end, named no row by its number and began each row on a line of its own
/// (RegisterReadSharingJSONTests).
///
/// No thread is started for it: the helper is a thread already running and idle (a batch's
/// main thread once its rules are ready, while the register is still being read). With no
/// helper, or one that comes too late, the reading thread reads everything, as before.
public final class RegisterReadSharing: @unchecked Sendable {
    /// The least left to read for a helper to take half of: a smaller part is not worth its
    /// merge (docs/performance.md, item 32).
    static let leastLeftToShare = 1 << 19
    /// About how many bytes of a register's table a person takes (the benchmark's register has
    /// 417), for the room its tables are made with.
    static let bytesPerPerson = 400
    /// The same for a JSON array of rows, one a line (the benchmark's register written so has 636).
    static let bytesPerJSONPerson = 600

    /// What the reading thread offers: the file, and how to read its rows.
    struct Offer {
        let bytes: [UInt8]
        let kind: Kind
        let fileName: String

        enum Kind {
            case table(header: RegisterTableImport.Header, separator: UInt8)
            /// An array of rows (its `[` read).
            case json
        }
    }

    /// A later part, read, and the line its first record is on.
    struct LaterPart {
        let part: Part
        let firstLine: Int

        enum Part {
            case table(RegisterTableImport)
            /// Ended (``RegisterJSONImport/endPart()``).
            case json(RegisterJSONImport)
        }
    }

    private enum State {
        /// Nothing to help with yet.
        case notOffered
        /// The rest of the file, from what the reading thread has read to.
        case offered(Offer, readTo: Int)
        /// A helper is reading from `split`.
        case claimed(split: Int)
        /// The part from `split` has been read.
        case read(LaterPart, split: Int)
        /// Nothing more to help with.
        case closed
    }

    /// Guards `state`; wakes the reading thread when the helper's part is read.
    private let condition = NSCondition()
    private var state = State.notOffered
    /// For tests: the split made at once, whatever the timing, on the reading thread.
    private let fixedSplit: Int?
    /// Whether the reading thread took a helper's part in (rather than reading on past it).
    private var partTakenIn = false

    /// Sharing for one read, with whichever thread calls ``help()``.
    public init() {
        fixedSplit = nil
    }

    /// Sharing that splits the file at byte `split`, whichever it is, if the reading thread
    /// has not read past it when it offers, the later part read on the reading thread itself:
    /// what the reading thread then does is the same at every split, whenever a helper came.
    init(splittingAt split: Int) {
        fixedSplit = split
    }

    /// Reads part of the register, if its reading thread has offered one and enough is left;
    /// returns once that part is read, or at once.
    public func help() {
        condition.lock()
        guard case .offered(let offer, let readTo) = state, let split = Self.split(offer, after: readTo) else {
            condition.unlock()
            return
        }
        state = .claimed(split: split)
        condition.unlock()
        let part = Self.read(offer, from: split)
        condition.lock()
        state = .read(part, split: split)
        condition.broadcast()
        condition.unlock()
    }

    /// How many line breaks past the middle a helper looks at for a split before it gives up.
    static let splitCandidates = 256

    /// Where a helper splits `offer`'s bytes when the reading thread has read to `readTo`: at
    /// the first line, from the middle of what is left on, that reads as a row as wide as the
    /// header (a line break inside a quoted field seldom starts one); nowhere when too little
    /// is left or no such line is near. The reading thread checks the split all the same.
    static func split(_ offer: Offer, after readTo: Int) -> Int? {
        let bytes = offer.bytes
        let left = bytes.count - readTo
        guard left >= leastLeftToShare else { return nil }
        guard case .table(let header, let separator) = offer.kind else { return jsonSplit(bytes, from: readTo + left / 2) }
        var lineFeed = readTo + left / 2 - 1
        for _ in 0..<splitCandidates {
            guard let next = bytes[(lineFeed + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let start = next + 1
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var fields: Int?
            var records = CSVRecordStream(separator: separator, continuingAtLine: 1)
            bytes.withUnsafeBufferPointer { whole in
                records.appendFields(UnsafeBufferPointer(rebasing: whole[start...end])) { record in
                    if fields == nil { fields = record.count }
                }
            }
            if fields == header.width { return start }
            lineFeed = next
        }
        return nil
    }

    /// Where a helper splits a JSON array of rows from `middle` on: at the `{` of the first line
    /// that starts (after spaces) with one and follows a line whose last visible byte is `,`, as
    /// an element of an array written one a line, or indented, does; nowhere when no such line
    /// is near. At the `{` itself, not the line's start: the reading thread reads one byte past
    /// the split to see the `,` before it read (``RegisterJSONImport/absorb(_:)``).
    static func jsonSplit(_ bytes: [UInt8], from middle: Int) -> Int? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var lineFeed = middle - 1
        for _ in 0..<splitCandidates {
            guard let next = bytes[(lineFeed + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            lineFeed = next
            var before = next - 1
            while before >= 0 && isSpace(bytes[before]) { before -= 1 }
            guard before >= 0, bytes[before] == UInt8(ascii: ",") else { continue }
            var after = next + 1
            while after < bytes.count && isSpace(bytes[after]) { after += 1 }
            if after < bytes.count && bytes[after] == UInt8(ascii: "{") { return after }
        }
        return nil
    }

    /// Reads `offer`'s bytes from `split` to the end as a later part: its first line is one
    /// past the line breaks before it.
    static func read(_ offer: Offer, from split: Int) -> LaterPart {
        offer.bytes.withUnsafeBufferPointer { bytes in
            let before = UnsafeBufferPointer(rebasing: bytes[..<split])
            guard case .table(let header, let separator) = offer.kind else {
                // JSON counts a line at each LF only (a string holds none unescaped).
                let firstLine = 1 + before.occurrences(of: UInt8(ascii: "\n"))
                var part = RegisterJSONImport(laterPartOf: offer.fileName, line: firstLine,
                                              expectedPeople: (bytes.count - split) / bytesPerJSONPerson)
                // A chunk at a time, stopping as soon as the part cannot be taken in (a row named
                // by its number, two rows on a line, damage): the reading thread, waiting for it,
                // then reads on sooner.
                var from = split
                while from < bytes.count {
                    let end = min(bytes.count, from + jsonPartChunk)
                    let took = part.take(UnsafeBufferPointer(rebasing: bytes[from..<end]))
                    guard took, part.canStillBeTakenIn else {
                        return LaterPart(part: .json(part), firstLine: firstLine)   // not ended: refused
                    }
                    from = end
                }
                _ = part.endPart()
                return LaterPart(part: .json(part), firstLine: firstLine)
            }
            let firstLine = 1 + CSVRecordStream.lineBreaks(in: before)
            var part = RegisterTableImport(laterPartOf: offer.fileName, header: header,
                                           expectedPeople: (bytes.count - split) / bytesPerPerson)
            var records = CSVRecordStream(separator: separator, continuingAtLine: firstLine)
            records.appendFields(UnsafeBufferPointer(rebasing: bytes[split...])) { _ = part.take($0) }
            records.finishFields { _ = part.take($0) }
            return LaterPart(part: .table(part), firstLine: firstLine)
        }
    }

    /// The bytes of a JSON later part read at a time, between looks at whether it can still be
    /// taken in.
    static let jsonPartChunk = 1 << 16

    // MARK: The reading thread's side

    /// The reading thread's part of a file of `count` bytes, read `chunkSize` at a time by
    /// `readOn`, which reads a range of them and says whether to go on. After each chunk, until
    /// it gives one, `makeOffer` is asked for the rest of the file to offer (nil while the rows'
    /// shape is not known yet). Once a helper has claimed the part from a split, the bytes up to
    /// it (and `pastSplit` more, which a reader may need in sight to finish what comes before)
    /// are read, and `takeIn` is given the helper's part: true when it took the part in, which
    /// ends the read (the rows are all read), false to read on from there itself, as if nothing
    /// had been offered. Returns whether a part was taken in.
    func readShared(count: Int, chunkSize: Int, pastSplit: Int = 0, readOn: (Range<Int>) -> Bool,
                    makeOffer: () -> Offer?, takeIn: (LaterPart) -> Bool) -> Bool {
        enum Stage { case notOffered, offered, over }
        var stage = Stage.notOffered
        var position = 0
        var goOn = true
        func read(to end: Int) {
            goOn = readOn(position..<end) && goOn
            position = end
        }
        while position < count && goOn {
            let end = min(count, position + max(1, chunkSize))
            if stage == .offered, let split = claimedSplit(readingTo: end) {
                // A helper is reading from `split`: read to there, then take its part in if the
                // rows read here end there; otherwise read on.
                stage = .over
                read(to: min(count, split + pastSplit))
                if takeIn(laterPart()) {
                    noteTakenIn()
                    return true
                }
                continue
            }
            read(to: end)
            if stage == .notOffered, position < count, let offer = makeOffer() {
                self.offer(offer, readTo: position)
                stage = .offered
            }
        }
        if stage == .offered { close() }
        return false
    }

    /// Offers the file's rows from `readTo` on (the reading thread has read to there).
    private func offer(_ offer: Offer, readTo: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard case .notOffered = state else { return }
        if let fixedSplit {
            state = fixedSplit >= readTo && fixedSplit < offer.bytes.count
                ? .read(Self.read(offer, from: fixedSplit), split: fixedSplit) : .closed
            return
        }
        state = .offered(offer, readTo: readTo)
    }

    /// The point a helper split the file at, if one has; otherwise notes that the reading
    /// thread reads on to `readTo`, so that a helper splits past it.
    private func claimedSplit(readingTo readTo: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case .claimed(let split), .read(_, let split):
            return split
        case .offered(let offer, _):
            state = .offered(offer, readTo: readTo)
            return nil
        case .notOffered, .closed:
            return nil
        }
    }

    /// The part a helper claimed, once it is read; nothing is offered after.
    private func laterPart() -> LaterPart {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if case .read(let part, _) = state {
                state = .closed
                return part
            }
            condition.wait()
        }
    }

    /// Notes that the part from ``laterPart()`` was taken in.
    private func noteTakenIn() {
        condition.lock()
        partTakenIn = true
        condition.unlock()
    }

    /// Whether a helper's part was taken in: the read was shared.
    var wasShared: Bool {
        condition.lock()
        defer { condition.unlock() }
        return partTakenIn
    }

    /// Withdraws the offer: the reading thread has read to the end, and no helper claimed a part.
    private func close() {
        condition.lock()
        defer { condition.unlock() }
        state = .closed
    }
}
