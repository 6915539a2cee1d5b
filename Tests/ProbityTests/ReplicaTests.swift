import Foundation
import Probity
import ProbityBenchmark
import ProbityTestSupport
import XCTest

/// ``Engine/replica()``: an engine for another thread answers exactly as the engine it copies,
/// and the texts its reports hold are its own objects, not the original's.
final class ReplicaTests: XCTestCase {
    /// On the generated workload (with and without each line's own committee, suppliers written
    /// otherwise or new), reports and errors are the same, as JSON and as text, strict or not;
    /// a replica of a replica too.
    func testAReplicaAnswersAsItsEngine() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let small = try SmallWorkload(seed: seed)
        let (workload, scheme, register) = (small.workload, small.scheme, small.register)
        for strict in [false, true] {
            let engine = Engine(scheme: scheme, register: register, strict: strict)
            let replicas = [engine.replica(), engine.replica().replica()]
            var compared = 0
            for index in workload.decisions.indices {
                var line = workload.decisionJSON(index, meeting: index % 3 != 0)
                switch random.next() % 4 {
                case 0: line = line.replacingOccurrences(of: "\"value\":", with: "\"valu\":")   // an error
                case 1: line = line.replacingOccurrences(of: "\"supplier\":\"", with: "\"supplier\":\"New \(random.next() % 50) ")
                default: break
                }
                let bytes = Array(line.utf8)
                let expected = engine.check(json: bytes)
                for (which, replica) in replicas.enumerated() {
                    switch (expected, replica.check(json: bytes)) {
                    case (.success(let one), .success(let two)):
                        XCTAssertEqual(JSONWriter.compact(two.json), JSONWriter.compact(one.json), "replica \(which): seed \(seed), strict \(strict), line \(line)")
                        XCTAssertEqual(two.text, one.text, "replica \(which): seed \(seed), strict \(strict), line \(line)")
                        compared += 1
                    case (.failure(let one), .failure(let two)):
                        XCTAssertEqual(two.all, one.all, "replica \(which): seed \(seed), line \(line)")
                    default:
                        XCTFail("replica \(which) disagrees on whether line \(line) can be read (seed \(seed))")
                    }
                }
            }
            XCTAssertGreaterThan(compared, workload.decisions.count / 2, "seed \(seed): too few decisions were read to compare")
        }
    }

    /// The shipped rules (notices, procedures, steps in order, placeholders, bodies that come
    /// and go) on the example decisions, with the example register.
    func testAReplicaAnswersAsItsEngineOnTheShippedRules() throws {
        let scheme = try Scheme.load(at: root.appendingPathComponent("Rules").path, shownAs: "Rules").get()
        let examples = root.appendingPathComponent("Examples/decisions")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty)
        let engine = Engine(scheme: scheme)
        let replica = engine.replica()
        for file in files {
            let bytes = Array(try Data(contentsOf: examples.appendingPathComponent(file)))
            switch (engine.check(json: bytes), replica.check(json: bytes)) {
            case (.success(let one), .success(let two)):
                XCTAssertEqual(JSONWriter.compact(two.json), JSONWriter.compact(one.json), file)
                XCTAssertEqual(two.text, one.text, file)
            case (.failure(let one), .failure(let two)):
                XCTAssertEqual(two.all, one.all, file)
            default:
                XCTFail("the replica disagrees on whether \(file) can be read")
            }
        }
    }

    /// What a report holds by reference (a rule's texts, an approver's and a procedure's names,
    /// the scheme's texts) is the replica's own: two threads with a replica each write no
    /// reference count of the other's.
    func testAReplicasReportsHoldTextsOfItsOwn() throws {
        let engine = try FrontDoorFixtures.engine()
        let replica = engine.replica()
        let decision = try engine.decision(id: "D-1", date: "2025-06-01", [
            "kind": "contract-award", "value": .money(Money(pence: 30_000_000)), "counterparty": "AHL",
        ])
        let one = engine.check(decision), two = replica.check(decision)
        XCTAssertFalse(one.rulesFired.isEmpty)
        XCTAssertFalse(one.approvals.isEmpty)
        for (a, b) in zip(one.rulesFired, two.rulesFired) {
            XCTAssertEqual(a, b)
            XCTAssertFalse(a.texts === b.texts, "rule \(a.id): the replica's report holds the engine's texts")
        }
        for (a, b) in zip(one.approvals, two.approvals) {
            XCTAssertEqual(a.by, b.by)
            XCTAssertFalse(a.approver === b.approver, "approval by \(a.by): the replica's report holds the engine's name")
            XCTAssertFalse(a.rule.texts === b.rule.texts)
        }
        XCTAssertEqual(two.scheme.digest, one.scheme.digest)
        let (texts1, texts2) = (try XCTUnwrap(one.schemeTexts), try XCTUnwrap(two.schemeTexts))
        XCTAssertFalse(texts1 === texts2)
        // The same replica's reports share its texts, as one engine's do.
        XCTAssertTrue(replica.check(decision).rulesFired[0].texts === two.rulesFired[0].texts)
    }

    /// The people a replica's reports quote (recusals' names and declarations, employment not
    /// counted and the rules' reason why) are copies of its own, made once: on a board's register
    /// every line quotes the same few people (docs/performance.md, item 36). The shipped rules
    /// and example register, on the example decisions, everyone on the register screened.
    func testAReplicaQuotesThePeopleOnTheRegisterFromCopiesOfItsOwn() throws {
        let (long, kept) = try compareTextsOfTheExamples { report in
            guard let conflicts = report.conflicts else { return [] }
            return conflicts.recusals.flatMap { [$0.person] + $0.reasons.map(\.declaration) }
                + conflicts.notCounted.flatMap { [$0.person, $0.declaration, $0.reason] }
        }
        // A declaration worked out per line ("works for …") is a string of its own anyway; one
        // quoted as written (a nature with no type) is the register's, or the replica's copy.
        XCTAssertGreaterThan(long, 0)
        XCTAssertGreaterThan(kept, 0, "no long text was quoted as it is on the register")
    }

    /// A line naming a body's meeting: the voters, their organisations and the chair a
    /// replica's report names, from the body's roster, are texts of the replica's own
    /// (docs/performance.md, item 37; the attendees written otherwise than on the register, which
    /// each replica resolves for itself, are `PeopleIndexWrittenOtherwiseTests`'). The example
    /// decisions put to the 23 Nov 2023 LCP Board's attendees.
    func testAReplicaNamesABodysMembersInStorageOfItsOwn() throws {
        let agenda = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Examples/agendas/lcp-board-2023-11-23.json"))) as? [String: Any])
        let meeting: [String: Any] = ["body": try XCTUnwrap(agenda["body"]), "attendees": try XCTUnwrap(agenda["attendees"])]
        let (long, kept) = try compareTextsOfTheExamples(putTo: meeting) { report in
            guard let conflicts = report.conflicts else { return [] }
            var names: [String] = []
            for voter in conflicts.voters ?? [] {
                names.append(voter.person)
                if let organisation = voter.organisation { names.append(organisation) }
            }
            if let chair = conflicts.chair { names.append(chair) }
            return names + conflicts.recusals.map(\.person)
        }
        XCTAssertGreaterThan(long, 0, "no long name of a member or voter was compared")
        XCTAssertEqual(kept, long, "names copied per line")
    }

    /// The package's root, where `Rules/` and `Examples/` are.
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Checks each example decision (put to `meeting` when given) with an engine on the shipped
    /// rules and example register, with its replica, and with the replica again: the reports are
    /// the same, the texts `texts` picks from them are the same, and no long one of the
    /// replica's is the engine's string. Returns how many long texts were compared, and how many
    /// of them the replica's second report held in the same storage as its first.
    private func compareTextsOfTheExamples(putTo meeting: [String: Any]? = nil, texts: (Report) -> [String]) throws -> (long: Int, kept: Int) {
        let scheme = try Scheme.load(at: root.appendingPathComponent("Rules").path, shownAs: "Rules").get()
        let register = try RegisterLoader.load(path: root.appendingPathComponent("Examples/registers/lcp-board-2023-11-23.tsv").path).get()
        let examples = root.appendingPathComponent("Examples/decisions")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".json") }.sorted()
        let engine = Engine(scheme: scheme, register: register)
        let replica = engine.replica()
        var long = 0, kept = 0
        for file in files {
            var bytes = Array(try Data(contentsOf: examples.appendingPathComponent(file)))
            if let meeting {
                var decision = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
                decision["meeting"] = meeting
                bytes = Array(try JSONSerialization.data(withJSONObject: decision))
            }
            guard case .success(let one) = engine.check(json: bytes), case .success(let two) = replica.check(json: bytes),
                  case .success(let again) = replica.check(json: bytes) else { continue }
            XCTAssertEqual(JSONWriter.compact(two.json), JSONWriter.compact(one.json), file)
            XCTAssertEqual(texts(two), texts(one), file)
            for (text, (replicaText, againText)) in zip(texts(one), zip(texts(two), texts(again))) {
                guard let shared = storage(text) else { continue }
                XCTAssertNotEqual(storage(replicaText), shared, "\(file): `\(text)` is the engine's string")
                long += 1
                if storage(againText) == storage(replicaText) { kept += 1 }
            }
        }
        return (long, kept)
    }

    /// Where a string's bytes are stored: a long string's storage is an object that every copy
    /// retains (nil for one short enough to be held inline).
    private func storage(_ text: String) -> UnsafeRawPointer? {
        guard text.utf8.count > 15 else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    /// Screening too: the organisations at stake a replica's reports name (read from a batch
    /// line, as declared names) are in storage of the replica's own, while the same replica's
    /// reports share it (docs/performance.md, item 28).
    func testAReplicasScreeningNamesOrganisationsInStorageOfItsOwn() throws {
        let (seed, _) = TestSeed.generator()
        let small = try SmallWorkload(seed: seed)
        let engine = Engine(scheme: small.scheme, register: small.register)
        let replica = engine.replica()
        var compared = 0
        for index in small.workload.decisions.indices {
            let bytes = Array(small.workload.decisionJSON(index, meeting: true).utf8)
            guard case .success(let one) = engine.check(json: bytes), case .success(let two) = replica.check(json: bytes),
                  case .success(let again) = replica.check(json: bytes),
                  let screened = one.conflicts?.organisationsScreened, let replicaScreened = two.conflicts?.organisationsScreened,
                  let againScreened = again.conflicts?.organisationsScreened else { continue }
            XCTAssertEqual(replicaScreened, screened, "seed \(seed), line \(index)")
            for (name, (replicaName, againName)) in zip(screened, zip(replicaScreened, againScreened)) {
                guard let shared = storage(name) else { continue }
                XCTAssertNotEqual(storage(replicaName), shared, "seed \(seed), line \(index): `\(name)` is the engine's string")
                XCTAssertEqual(storage(againName), storage(replicaName), "seed \(seed), line \(index): `\(name)` copied per line")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 0, "seed \(seed): no long organisation name was screened")
    }
}
