import Dispatch
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts

/// The scanners that tell whether a register text names a council only through an office
/// ("Councillor in Southwark") are made once per organisation and kept: kept or made afresh,
/// they must give the same answer.
final class ShapedAliasScannersTests: XCTestCase {
    private static let rules = ConflictsFixtures.rules() + """

    organisation southwark "London Borough of Southwark"
      aka "Southwark Council"
    organisation bromley "London Borough of Bromley"
      aka "LBB", "Bromley Council"
    organisation greenwich "Royal Borough of Greenwich"
    aliases "Councillor in {place}", "Cllr, {place}", "{place} Councillor"
      for organisations named "London Borough of {place}", "Royal Borough of {place}"
    """

    /// The answer as the screener worked it out before the scanners were kept: both made
    /// afresh for each text.
    private static func madeAfresh(_ text: String, _ organisation: Organisation) -> String? {
        guard !organisation.shapedAliases.isEmpty else { return nil }
        let plain = ([organisation.name] + organisation.aliases).filter { !organisation.shapedAliases.contains($0) }
        if !KeywordScanner(patterns: plain.map { ($0, 0) }).matches(in: text).isEmpty { return nil }
        let shaped = organisation.shapedAliases.enumerated().map { ($0.element, Int32($0.offset)) }
        let scanner = KeywordScanner(patterns: shaped, placeNames: Set(shaped.indices))
        return scanner.matches(in: text).first.map { organisation.shapedAliases[Int($0)] }
    }

    /// Seeded: random texts built from names, shapes, places and near misses, asked of every
    /// organisation (with and without shaped aliases) from two threads at once.
    func testKeptScannersAnswerAsScannersMadeAfresh() {
        var (_, random) = TestSeed.generator()
        let organisations = ConflictsFixtures.program(Self.rules).organisations
        let pieces = ["Husband is a", "Councillor in", "Councillor for", "Cllr,", "Cllr", "Southwark", "Bromley",
                      "Greenwich", "Southwark-on-Sea", "Southwark Council", "LBB", "London Borough of Bromley",
                      "Royal Borough of Greenwich", "councillor IN southwark", "and works for", "Acme Health Ltd", ";", "-"]
        let texts = (0..<150).map { _ in
            (0..<random.inRange(1...7)).map { _ in pieces[random.below(pieces.count)] }.joined(separator: " ")
        }
        let expected = texts.map { text in organisations.map { Self.madeAfresh(text, $0) } }
        XCTAssertTrue(expected.contains { $0.contains { $0 != nil } }, "some text must name a council through a shape")
        XCTAssertTrue(expected.contains { row in zip(row, organisations).contains { $0 == nil && !$1.shapedAliases.isEmpty } })

        let kept = ShapedAliasScanners()
        var collected = [[[String?]]](repeating: [], count: 2)
        collected.withUnsafeMutableBufferPointer { buffer in
            let shared = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: 2) { thread in
                shared.buffer[thread] = texts.map { text in
                    organisations.indices.map { kept.shapedAlias(in: text, organisation: $0, of: organisations) }
                }
            }
        }
        for thread in 0..<2 {
            for (index, text) in texts.enumerated() {
                XCTAssertEqual(collected[thread][index], expected[index], "thread \(thread): \(text)")
            }
        }
    }

    func testAPlainNameWinsOverAShape() throws {
        let organisations = ConflictsFixtures.program(Self.rules).organisations
        let southwark = try XCTUnwrap(organisations.firstIndex { $0.id == "southwark" })
        let kept = ShapedAliasScanners()
        XCTAssertEqual(kept.shapedAlias(in: "Husband is a Councillor in Southwark", organisation: southwark, of: organisations),
                       "Councillor in Southwark")
        XCTAssertNil(kept.shapedAlias(in: "Councillor in Southwark; works for Southwark Council", organisation: southwark, of: organisations))
        XCTAssertNil(kept.shapedAlias(in: "Councillor in Southwark-on-Sea", organisation: southwark, of: organisations))
    }
}
