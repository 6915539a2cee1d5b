import Dispatch
import Foundation
import ProbityRegister
import ProbityReports
import ProbitySemantics
import ProbitySupport

/// The register read once against every organisation the rules declare: which person's which
/// text names which organisation.
///
/// Screening a decision then only looks up the organisations at stake; no register text is read
/// again unless the decision names an organisation no rule file knows (see ``findUndeclared(_:)``).
struct RegisterLinks: Sendable {
    /// Where on a person's entry an organisation was named.
    struct Link: Sendable, Equatable {
        var person: Int32
        /// The interest's index in `RegisterPerson.interests`, or ``employment`` for the employer
        /// and position columns.
        var source: Int32
    }

    /// `source` for "who do you currently work for" and "position": employment, which counts
    /// even when nothing was declared.
    static let employment: Int32 = -1

    /// Per declared organisation: every (person, source) whose text names it, in register order.
    let byOrganisation: [[Link]]
    /// Per person: every (organisation, source) their texts name.
    let byPerson: NamedByPerson
    /// Every folded word of the register's texts → the texts it occurs in, to find the few texts
    /// worth scanning for an undeclared name. Built on first use: only a decision naming an
    /// organisation no rule file declares needs it, and building it costs more than the rest
    /// of the register's pre-scan.
    let wordIndex = WordIndex()
    /// The texts split into words once, for "did you mean" phrases of names of many words; built
    /// on first use.
    let phraseIndex = PhraseIndex()
    /// The register's runs of words indexed for "did you mean" phrases; built on first use.
    let runIndex = RunIndex()
    /// Each undeclared name's links and "did you mean" phrases, worked out once: a supplier new
    /// to the rules is usually named on many lines, and searching the register's texts for it is
    /// the cost of a thousand ordinary lines.
    let undeclaredMemo = Memo<String, [Link]>(capacity: 4_096)
    let nearTextsMemo = Memo<NameSuggestions.Question, [ConflictsReport.Suggestion]>(capacity: 4_096)

    /// Scans `register` for `organisations`, with `scanner` already made from them
    /// (``scanner(for:)``) when given.
    init(register: Register, organisations: [Organisation], scanner prebuilt: KeywordScanner? = nil) {
        let links = Self.scanning(register: register, organisations: organisations, scanner: prebuilt, alongside: { () }).links
        self.byOrganisation = links.byOrganisation
        self.byPerson = links.byPerson
    }

    /// Scans `register` for `organisations` as ``init(register:organisations:scanner:)`` does, and
    /// runs `alongside` as one more piece of the same parallel work, returning its result too.
    ///
    /// The scan is split into pieces of the register, taken by whichever core is free; `alongside`
    /// (the register's people index, which needs nothing from the scan) is the first piece taken,
    /// so on two cores one builds it while the other starts on the scan, and both finish the scan
    /// together. Run one after the other, the index and the scan took 47 M + 2 × 44 M
    /// instructions on the benchmark workload's critical path (docs/performance.md, item 13). Deterministic: each
    /// piece writes only its own slot, and the slots are joined in register order, so the links
    /// are the same however many `pieces` (by default ``scanPieces(people:cores:)``).
    static func scanning<Alongside>(register: Register, organisations: [Organisation], scanner prebuilt: KeywordScanner?,
                                    pieces requested: Int? = nil,
                                    alongside: @Sendable () -> Alongside) -> (links: RegisterLinks, alongside: Alongside) {
        // No texts to scan (a screener with no register, which checks quorum only): building the
        // scanner's patterns would be most of a single `probity check`'s screening set-up.
        guard !register.people.isEmpty else {
            return (RegisterLinks(byOrganisation: Array(repeating: [], count: organisations.count), byPerson: NamedByPerson(pieces: [])), alongside())
        }
        let scanner = prebuilt ?? Self.scanner(for: organisations)

        // Each person's texts are scanned independently, so the register is split among the
        // cores; the results are joined in register order, so nothing depends on the split.
        let people = register.people
        let pieces = max(1, min(requested ?? Self.scanPieces(people: people.count, cores: ProcessInfo.processInfo.activeProcessorCount),
                                people.count))
        var found = [ScannedPiece](repeating: ScannedPiece(), count: pieces)
        var other: Alongside?
        guard pieces > 1 else {
            // One piece (a small register, or one core): on the calling thread, starting none.
            other = alongside()
            found[0] = ScannedPiece(people[...], scanner: scanner)
            return (Self.joined(found, organisations: organisations.count), other!)
        }
        found.withUnsafeMutableBufferPointer { buffer in
            let results = UnsafeSendableBuffer(buffer)
            withUnsafeMutablePointer(to: &other) { otherPointer in
                let otherSlot = UnsafeSendableBuffer(UnsafeMutableBufferPointer(start: otherPointer, count: 1))
                DispatchQueue.concurrentPerform(iterations: pieces + 1) { piece in
                    guard piece > 0 else {
                        otherSlot.buffer[0] = alongside()
                        return
                    }
                    let chunk = piece - 1
                    results.buffer[chunk] = ScannedPiece(people[(people.count * chunk / pieces)..<(people.count * (chunk + 1) / pieces)],
                                                         scanner: scanner)
                }
            }
        }
        guard let other else { preconditionFailure("`concurrentPerform` returned before every piece ran") }
        return (Self.joined(found, organisations: organisations.count), other)
    }

    /// About this many people a piece of the scan (some 1.5 M instructions on the benchmark
    /// workload's register): small enough that the core which also builds the people index
    /// takes fewer pieces and the two cores end within a piece of each other; with five pieces
    /// of a thousand people they ended 15 M instructions apart (docs/performance.md, item 23).
    static let peoplePerPiece = 100

    /// Pieces of the scan for `people` on `cores`: one on one core, or for a register too small
    /// to be worth a thread (under ``Engine``'s thousand); else about ``peoplePerPiece`` people
    /// each, at most 256 pieces.
    static func scanPieces(people: Int, cores: Int) -> Int {
        guard cores > 1, people >= 1_000 else { return 1 }
        return min(256, people / peoplePerPiece)
    }

    /// What one piece of the scan found: each person's (organisation, source) pairs one after
    /// another, and how many pairs each person has. Flat, so that a piece makes a few arrays
    /// rather than one per person, and joining the pieces copies them as they are.
    struct ScannedPiece: Sendable {
        var named: [NamedByPerson.Named] = []
        var counts: [Int32] = []

        init() {}

        /// Scans `people`'s texts in order. A person's employer and position are nearly always
        /// the texts of the person before (on the benchmark workload's register, one employer
        /// and one position for 5,000 people): what the scanner found in them is kept and used
        /// again for an equal text, so each is scanned once a piece.
        init(_ people: ArraySlice<RegisterPerson>, scanner: KeywordScanner) {
            counts.reserveCapacity(people.count)
            var employer = RepeatedText(), position = RepeatedText()
            for person in people {
                let before = named.count
                RegisterLinks.appendOrganisationsNamed(by: person, scanner: scanner, employer: &employer, position: &position, to: &named)
                counts.append(Int32(named.count - before))
            }
        }
    }

    /// The last text of one column and what the scanner found in it.
    struct RepeatedText {
        var text: String?
        var matches: [Int32] = []

        /// What `scanner` finds in `text`, scanning it only when it differs from the last.
        mutating func matches(in text: String, scanner: KeywordScanner) -> [Int32] {
            if text != self.text {
                self.text = text
                matches = scanner.matches(in: text)
            }
            return matches
        }
    }

    /// The links from each piece's findings, person by person, in register order.
    private static func joined(_ pieces: [ScannedPiece], organisations: Int) -> RegisterLinks {
        let byPerson = NamedByPerson(pieces: pieces.map { (named: $0.named, counts: $0.counts) })
        // Each organisation's links counted first, so that each list is made once at its size.
        var linkCounts = [Int](repeating: 0, count: organisations)
        byPerson.forEachPair { _, named in linkCounts[Int(named.organisation)] += 1 }
        var byOrganisation = linkCounts.map { count -> [Link] in
            var links: [Link] = []
            links.reserveCapacity(count)
            return links
        }
        byPerson.forEachPair { person, named in
            byOrganisation[Int(named.organisation)].append(Link(person: Int32(person), source: named.source))
        }
        return RegisterLinks(byOrganisation: byOrganisation, byPerson: byPerson)
    }

    private init(byOrganisation: [[Link]], byPerson: NamedByPerson) {
        self.byOrganisation = byOrganisation
        self.byPerson = byPerson
    }

    /// The scanner for every name and alias of `organisations`, each found as its
    /// organisation's index.
    static func scanner(for organisations: [Organisation]) -> KeywordScanner {
        var patterns: [(text: String, id: Int32)] = []
        var placeNames: Set<Int> = []
        for (index, organisation) in organisations.enumerated() {
            for name in [organisation.name] + organisation.aliases {
                if organisation.shapedAliases.contains(name) { placeNames.insert(patterns.count) }
                patterns.append((name, Int32(index)))
            }
        }
        return KeywordScanner(patterns: patterns, placeNames: placeNames)
    }

    /// Appends the declared organisations a person's texts name to `found`: employer and
    /// position (as ``employment``), and each interest's nature. The employer's and position's
    /// matches are taken from `employer` and `position` when the texts are the ones they last saw.
    static func appendOrganisationsNamed(by person: RegisterPerson, scanner: KeywordScanner,
                                         employer: inout RepeatedText, position: inout RepeatedText,
                                         to found: inout [(organisation: Int32, source: Int32)]) {
        let start = found.count
        // Text by text, in the same order, without first making a list of (text, source) for
        // each of the register's people. A pair is kept once per person.
        func add(_ matches: [Int32], source: Int32) {
            for organisation in matches
            where !found[start...].contains(where: { $0.organisation == organisation && $0.source == source }) {
                found.append((organisation, source))
            }
        }
        if !person.employer.isEmpty { add(employer.matches(in: person.employer, scanner: scanner), source: Self.employment) }
        if !person.position.isEmpty { add(position.matches(in: person.position, scanner: scanner), source: Self.employment) }
        for (interestIndex, interest) in person.interests.enumerated() where !interest.nature.isEmpty {
            add(scanner.matches(in: interest.nature), source: Int32(interestIndex))
        }
    }

    /// The (person, source) pairs whose text names `written`, an organisation no rule file
    /// declares: a bidder new to the system.
    ///
    /// Done on the fly, once per name (a batch usually names a new bidder on many lines), and not
    /// by reading the whole register: only the texts holding the name's rarest word are scanned.
    /// The name is also tried without a trailing legal form ("Riverside Home Care Ltd" is
    /// "Riverside Home Care" in prose).
    func findUndeclared(_ written: String, in register: Register) -> [Link] {
        undeclaredMemo.value(for: written) { searchUndeclared(written, in: register) }
    }

    private func searchUndeclared(_ written: String, in register: Register) -> [Link] {
        let variants = Self.variants(of: written)
        guard let shortest = variants.last else { return [] }
        let words = PersonName.words(shortest)
        let (textsByWord, textOwners) = wordIndex.built(from: register)
        var candidates: [Int32]?
        for word in words {
            let texts = textsByWord[word] ?? []
            if candidates == nil || texts.count < candidates!.count { candidates = texts }
        }
        guard let candidates, !candidates.isEmpty else { return [] }
        let scanner = KeywordScanner(patterns: variants.map { ($0, 0) })
        var links: [Link] = []
        for textID in candidates {
            let owner = textOwners[Int(textID)]
            guard !links.contains(owner) else { continue }
            if !scanner.matches(in: text(of: owner, textID: textID, in: register)).isEmpty { links.append(owner) }
        }
        return links.sorted { ($0.person, $0.source) < ($1.person, $1.source) }
    }

    /// The register's texts in order (employment, then each interest's nature, person by
    /// person), each with its owner.
    static func texts(of register: Register) -> [(owner: Link, text: String)] {
        var texts: [(owner: Link, text: String)] = []
        for (personIndex, person) in register.people.enumerated() {
            let personID = Int32(personIndex)
            for text in [person.employer, person.position] where !text.isEmpty {
                texts.append((Link(person: personID, source: Self.employment), text))
            }
            for (interestIndex, interest) in person.interests.enumerated() where !interest.nature.isEmpty {
                texts.append((Link(person: personID, source: Int32(interestIndex)), interest.nature))
            }
        }
        return texts
    }

    /// The text a text id stands for. Employment has two texts (employer, position); both are
    /// searched together, which is what matters for a link.
    private func text(of owner: Link, textID: Int32, in register: Register) -> String {
        let person = register.people[Int(owner.person)]
        if owner.source == Self.employment { return person.employer + " \u{1F} " + person.position }
        return person.interests[Int(owner.source)].nature
    }

    /// Legal forms that prose often leaves off a company's name.
    private static let legalForms: [[String]] = [
        ["ltd"], ["limited"], ["plc"], ["cic"], ["llp"], ["inc"], ["community", "interest", "company"],
    ]

    /// The name as written, then without a trailing legal form when it has one.
    static func variants(of written: String) -> [String] {
        let trimmed = written.trimmingSpaces
        if let variants = trimmed.utf8.withContiguousStorageIfAvailable({ asciiVariants(of: trimmed, bytes: $0) }), let variants {
            return variants
        }
        var variants = [trimmed]
        let words = trimmed.split(whereSeparator: { $0 == " " })
        let folded = words.map { PersonName.words(String($0)).joined(separator: " ") }
        for form in legalForms where folded.count > form.count && Array(folded.suffix(form.count)) == form {
            variants.append(words.dropLast(form.count).joined(separator: " "))
            break
        }
        return variants
    }

    /// ``variants(of:)`` for a name whose UTF-8 `bytes` are all ASCII (nil otherwise), from its
    /// bytes: split at spaces (in ASCII each byte is a character, so this is the split by
    /// character), and only the last words, as many as the longest legal form has, folded. A
    /// supplier no rule file declares is new on many a batch line, and splitting and folding the
    /// whole name by character was about 28 K instructions a line (docs/performance.md, item 29).
    private static func asciiVariants(of trimmed: String, bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var words: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: " ") {
            if index > start { words.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { words.append(start..<bytes.count) }
        var variants = [trimmed]
        let folded = words.suffix(longestLegalForm).map { PersonName.foldedWords(String(decoding: bytes[$0], as: UTF8.self)) }
        for form in legalFormBytes where words.count > form.count && Array(folded.suffix(form.count)) == form {
            var kept: [UInt8] = []
            for range in words.dropLast(form.count) {
                if !kept.isEmpty { kept.append(UInt8(ascii: " ")) }
                kept.append(contentsOf: bytes[range])
            }
            variants.append(String(decoding: kept, as: UTF8.self))
            break
        }
        return variants
    }

    /// ``legalForms`` as folded bytes, and the most words one has.
    private static let legalFormBytes = legalForms.map { $0.map { Array($0.utf8) } }
    private static let longestLegalForm = legalForms.map(\.count).max() ?? 0
}

extension RegisterLinks {
    /// The word index of the register's texts, made once, on first use, by whichever thread
    /// needs it first; the others wait for it.
    final class WordIndex: Sendable {
        typealias Index = (textsByWord: [String: [Int32]], textOwners: [Link])
        private let index = MadeOnce<Index>()

        func built(from register: Register) -> Index {
            index.value { Self.index(of: register) }
        }

        /// Each register text's folded words (``PersonName/words(_:)``) → the texts holding it,
        /// ascending, each once; and each text's owner. Words are numbered by their bytes as they
        /// are read, and a `String` is made once per distinct word, not per occurrence: folding
        /// each text into `String`s, a set of them and a dictionary entry per word was 300 M
        /// instructions on the benchmark workload's register, paid by the first line naming a
        /// supplier no rule file declares (docs/performance.md, item 29).
        static func index(of register: Register) -> Index {
            var textOwners: [Link] = []
            var words = TextInterner()
            // By the interner's entry: the texts holding that word.
            var textsByEntry: [[Int32]] = []
            // Words the interner does not keep (a bounded table): by their text instead.
            var textsByOverflow: [String: [Int32]] = [:]
            var entriesOfText: [Int] = []
            for (owner, text) in RegisterLinks.texts(of: register) {
                let textID = Int32(textOwners.count)
                textOwners.append(owner)
                entriesOfText.removeAll(keepingCapacity: true)
                let folded = PersonName.foldedWords(text)
                folded.withUnsafeBufferPointer { bytes in
                    var start = 0
                    while start < bytes.count {
                        var end = start
                        while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                        if end > start {
                            let (word, entry) = words.entry(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                            if let entry {
                                entriesOfText.append(entry)
                            } else if textsByOverflow[word]?.last != textID {
                                textsByOverflow[word, default: []].append(textID)
                            }
                        }
                        start = end + 1
                    }
                }
                // A word written twice in one text lists the text once.
                entriesOfText.sort()
                var previous = -1
                for entry in entriesOfText where entry != previous {
                    previous = entry
                    if entry == textsByEntry.count { textsByEntry.append([]) }
                    textsByEntry[entry].append(textID)
                }
            }
            var textsByWord: [String: [Int32]] = [:]
            textsByWord.reserveCapacity(textsByEntry.count + textsByOverflow.count)
            for (entry, texts) in textsByEntry.enumerated() {
                add(texts, for: words.text(ofEntry: entry), to: &textsByWord)
            }
            for (word, texts) in textsByOverflow { add(texts, for: word, to: &textsByWord) }
            return (textsByWord, textOwners)
        }

        /// Lists `texts` under `word`. Two byte sequences can be one `String` (the same letter
        /// composed or decomposed), and a word the interner could not place is numbered again:
        /// their lists are merged, ascending and each text once, as one word's are.
        private static func add(_ texts: [Int32], for word: String, to textsByWord: inout [String: [Int32]]) {
            guard let listed = textsByWord[word] else {
                textsByWord[word] = texts
                return
            }
            var merged = listed + texts
            merged.sort()
            var previous: Int32 = -1
            textsByWord[word] = merged.filter { text in
                defer { previous = text }
                return text != previous
            }
        }
    }
}
