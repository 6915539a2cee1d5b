import Foundation
import ProbitySemantics
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// The shipped rule files, damaged at random (bytes replaced, deleted, duplicated, lines
/// swapped), must never crash the parser or the checker: every run ends with diagnostics.
final class MutationFuzzTests: XCTestCase {
    func testDamagedRuleFilesNeverCrashTheCheckerOrTheLinter() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = RuleLoader.probityFiles(under: root.appendingPathComponent("Rules").path)
        XCTAssertFalse(files.isEmpty)
        var generator = TestSeed.generator().generator
        let alphabet = Array("£()[]{},:=<>-.#\"\n 0123456789abz".utf8) + [0xC2, 0xFF]
        for iteration in 0..<1_000 {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: files[iteration % files.count])))
            guard !bytes.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
                default: bytes.insert(alphabet.randomElement(using: &generator)!, at: at)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            let loaded = RuleLoader.load(text: String(decoding: bytes, as: UTF8.self))
            let (program, diagnostics) = Checker.check(loaded)
            // Either it still checks, or it says why not: never both silent and broken.
            XCTAssertTrue(program != nil || diagnostics.hasErrors)
            if program != nil { _ = Linter.run(loaded) }
        }
    }
}
