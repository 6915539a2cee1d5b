/// Numbers the notes of a paper in the order they are first referred to, and gives a note
/// referred to twice the same number.
struct NoteBook {
    private(set) var notes: [MeetingPaper.Note] = []
    private var numbers: [String: Int] = [:]

    /// The number of the note keyed `key`, writing it on first use.
    mutating func number(_ key: String, _ kind: MeetingPaper.Note.Kind, _ text: @autoclosure () -> Sentence) -> Int {
        if let number = numbers[key] { return number }
        let number = notes.count + 1
        numbers[key] = number
        notes.append(MeetingPaper.Note(number: number, kind: kind, text: text()))
        return number
    }
}
