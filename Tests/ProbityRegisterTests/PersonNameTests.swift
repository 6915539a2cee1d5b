import XCTest
@testable import ProbityRegister
import ProbityTestSupport

final class PersonNameTests: XCTestCase {
    /// An ASCII name is folded from its bytes in one pass (``PersonName/foldedWords(_:)``): the
    /// same words as lowercasing its letters and digits and breaking at everything else, with
    /// single spaces between words; a name with any other byte takes the general road, which
    /// gives the same words for its ASCII part.
    func testASCIINamesFoldAsLettersAndDigitsBetweenBreaks() {
        var (seed, random) = TestSeed.generator()
        let alphabet = Array("aZ09 .-'&/(),Mq\t\n_~")
        for round in 0..<2_000 {
            let name = String((0..<random.below(40)).map { _ in alphabet[random.below(alphabet.count)] })
            let expected = name.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).joined(separator: " ")
            XCTAssertEqual(String(decoding: PersonName.foldedWords(name), as: UTF8.self), expected, "seed \(seed), round \(round): `\(name)`")
            // One accented letter sends the name the general way; the rest folds alike.
            let accented = name + " é"
            XCTAssertEqual(String(decoding: PersonName.foldedWords(accented), as: UTF8.self), expected.isEmpty ? "e" : expected + " e",
                           "seed \(seed), round \(round): `\(accented)`")
        }
        XCTAssertEqual(PersonName.foldedWords(""), [])
    }

    func testSpellingsInTheSeedPapersAgree() {
        XCTAssertEqual(PersonName.normalise("Dr Hasib Ur-Rub"), "hasib ur rub")
        XCTAssertEqual(PersonName.normalise("Dr Hasib Ur Rub"), "hasib ur rub")
        XCTAssertEqual(PersonName.normalise("hasib ur rub"), "hasib ur rub")
        XCTAssertEqual(PersonName.normalise("Councillor Colin Smith"), PersonName.normalise("Cllr Colin Smith"))
        XCTAssertEqual(PersonName.normalise("Cllr. Colin  Smith"), "colin smith")
    }

    func testAccentsAndApostrophes() {
        XCTAssertEqual(PersonName.normalise("Tomás Ó Briain"), "tomas o briain")
        XCTAssertEqual(PersonName.normalise("TOMÁS Ó BRIAIN"), "tomas o briain")
        XCTAssertEqual(PersonName.normalise("Tomas\u{0301} O\u{0301} Briain"), "tomas o briain")   // combining accents
        XCTAssertEqual(PersonName.normalise("Siobhán O’Neill"), "siobhan o neill")
        XCTAssertEqual(PersonName.normalise("Siobhan O'Neill"), "siobhan o neill")
        XCTAssertEqual(PersonName.normalise("Łukasz Wiśniewski"), "lukasz wisniewski")
        XCTAssertEqual(PersonName.normalise("Jürgen Straße"), "jurgen strasse")
    }

    func testHonorificsAndPostNominals() {
        for name in ["Mr John Smith", "Mrs John Smith", "Ms John Smith", "Miss John Smith", "Prof John Smith",
                     "Professor John Smith", "Sir John Smith", "Dame John Smith", "Rev John Smith",
                     "Revd John Smith", "Prof. Dr. John Smith", "John Smith OBE", "Dr John Smith MBE FRCGP"] {
            XCTAssertEqual(PersonName.normalise(name), "john smith", name)
        }
        // Only at the front; and a name is never emptied.
        XCTAssertEqual(PersonName.normalise("John Sir"), "john sir")
        XCTAssertEqual(PersonName.normalise("Dr"), "dr")
        // "KC" is a surname as often as a post-nominal, so it stays.
        XCTAssertEqual(PersonName.normalise("Ram KC"), "ram kc")
        XCTAssertEqual(PersonName.normalise("Smith OBE"), "smith obe")
    }

    func testSpacesAndPunctuation() {
        XCTAssertEqual(PersonName.normalise("  Angela\u{00A0}Helleur\t"), "angela helleur")
        XCTAssertEqual(PersonName.normalise("Smith, Colin"), "smith colin")
        XCTAssertEqual(PersonName.normalise(""), "")
    }

    /// Seeded: names made of words, titles, post-nominals, punctuation, spaces and letters
    /// outside ASCII are normalised the same by the ASCII shortcut (folded on the stack) as by
    /// the folded words every name once went through.
    func testTheASCIIShortcutNormalisesAsTheFoldedWords() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let pieces = ["Dr", "dr.", "Cllr", "Miss", "Ur-Rub", "O'Neil", "Smith", "OBE", "PhD", "KC", "A", "x9", "Tomás", "Ó",
                      " ", "  ", "\t", "-", ".", ",", "'", "", "Colin", "MBE", "Sir", "ß", "\u{301}"]
        for round in 0..<20_000 {
            let name = (0..<random.below(7)).map { _ in pieces[random.below(pieces.count)] }
                .joined(separator: random.chance(0.7) ? " " : "")
            let expected = PersonName.normaliseByWords(name)
            XCTAssertEqual(PersonName.normalise(name), expected, "seed \(seed), round \(round): `\(name)`")
            if PersonName.normalise(name) != expected { return }
        }
    }
}
