import ProbitySupport

extension PeopleIndex {
    /// The people whose name has more than one word and ends in `surname` (a folded word), in
    /// register order: the people a surname written alone ("Cllr Smith") could mean.
    ///
    /// Looked up, not found by reading every name: on the generated register (5,000 people) a
    /// meeting that named three attendees by surname alone cost 4.6× an ordinary line, the
    /// three reads of every name most of it (stop 23). The index is made the first time a name
    /// of one word is looked up: most batches never meet one, and making it would lengthen
    /// every start-up.
    func people(withSurname surname: String) -> [Int] {
        surnames.value {
            var bySurname: [String: [Int]] = [:]
            for (person, key) in keys.enumerated() {
                let words = PeopleIndex.words(ofKey: key)
                if words.count > 1 { bySurname[words[words.count - 1], default: []].append(person) }
            }
            return bySurname
        }[surname] ?? []
    }
}
