import Synchronization

extension PeopleIndex {
    /// The people whose name has more than one word and ends in `surname` (a folded word), in
    /// register order: the people a surname written alone ("Cllr Smith") could mean.
    ///
    /// Looked up, not found by reading every name: a meeting that named one attendee by surname
    /// alone read all 5,000 people of the generated register for that attendee, and a line with
    /// three such attendees cost as much as ten ordinary lines (stop 23).
    func people(withSurname surname: String) -> [Int] {
        surnames.built(from: keys)[surname] ?? []
    }

    /// Surname → people, made the first time a name of one word is looked up: most batches never
    /// meet one, and making it would lengthen every start-up.
    final class SurnameIndex: Sendable {
        private let index = Mutex<[String: [Int]]?>(nil)

        func built(from keys: [[String]]) -> [String: [Int]] {
            index.withLock { index in
                if let index { return index }
                var bySurname: [String: [Int]] = [:]
                for (person, words) in keys.enumerated() where words.count > 1 {
                    bySurname[words[words.count - 1], default: []].append(person)
                }
                index = bySurname
                return bySurname
            }
        }
    }
}
