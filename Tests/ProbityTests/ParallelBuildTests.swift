import Foundation
import Probity
import ProbityBenchmark
import ProbityTestSupport
import XCTest

/// An engine whose decoder and screener were built on two threads at once answers exactly as
/// one built on a single thread (``Engine/init(scheme:register:strict:inParallel:)``), and so
/// does one whose register was added afterwards on two threads (``Engine/with(register:strict:inParallel:)``,
/// as `check --register FILE` builds it).
final class ParallelBuildTests: XCTestCase {
    func testAnEngineBuiltInParallelAnswersAsOneBuiltSerially() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let small = try SmallWorkload(seed: seed)
        let (workload, scheme, register) = (small.workload, small.scheme, small.register)
        XCTAssertGreaterThanOrEqual(register.people.count, 1_000, "seed \(seed)")

        for strict in [false, true] {
            let serial = Engine(scheme: scheme, register: register, strict: strict, inParallel: false)
            let parallel = Engine(scheme: scheme, register: register, strict: strict, inParallel: true)
            let added = Engine(scheme: scheme).with(register: register, strict: strict, inParallel: true)
            // As `check --register FILE` builds it now: the scan's patterns made with the rules,
            // then the people index as one piece of the scan's parallel work; and on one thread.
            let ahead = [
                Engine.expectingRegister(scheme).with(register: register, strict: strict, inParallel: true),
                Engine.expectingRegister(scheme).with(register: register, strict: strict, inParallel: false),
                Engine.expectingRegister(scheme).with(register: register, strict: strict),
                Engine.expectingRegister(scheme, inParallel: true).with(register: register, strict: strict, inParallel: true),
                Engine.expectingRegister(scheme, inParallel: false).with(register: register, strict: strict, inParallel: false),
                // The people index beside the scan, as with ten times the rules, and beside the rules' tables.
                Engine(scheme: scheme, register: register, strict: strict, inParallel: true, peopleIndexWithScan: true),
                Engine(scheme: scheme, register: register, strict: strict, inParallel: true, peopleIndexWithScan: false),
            ] + Self.enginesFromPreparedRegisters(scheme: scheme, register: register, strict: strict, random: &random)
            var compared = 0
            for index in workload.decisions.indices {
                // The supplier as generated, or written so that only the organisation directory
                // (folded names, "did you mean") or the register's texts can place it.
                let line = Self.varied(workload.decisionJSON(index, meeting: index % 3 != 0), supplier: workload.organisations[workload.decisions[index].supplier],
                                       random: &random)
                let bytes = Array(line.utf8)
                switch (serial.check(json: bytes), parallel.check(json: bytes), added.check(json: bytes)) {
                case (.success(let one), .success(let two), .success(let three)):
                    XCTAssertEqual(Self.json(two), Self.json(one), "seed \(seed), strict \(strict), line \(line)")
                    XCTAssertEqual(two.text, one.text, "seed \(seed), strict \(strict), line \(line)")
                    XCTAssertEqual(Self.json(three), Self.json(one), "register added: seed \(seed), strict \(strict), line \(line)")
                    for (way, engine) in ahead.enumerated() {
                        guard case .success(let report) = engine.check(json: bytes) else {
                            XCTFail("made ahead (\(way)): seed \(seed), line \(line) not read"); continue
                        }
                        XCTAssertEqual(Self.json(report), Self.json(one), "made ahead (\(way)): seed \(seed), strict \(strict), line \(line)")
                        XCTAssertEqual(report.text, one.text, "made ahead (\(way)): seed \(seed), strict \(strict), line \(line)")
                    }
                    compared += 1
                case (.failure(let one), .failure(let two), .failure(let three)):
                    XCTAssertEqual(two.all, one.all, "seed \(seed), line \(line)")
                    XCTAssertEqual(three.all, one.all, "register added: seed \(seed), line \(line)")
                default:
                    XCTFail("the engines disagree on whether line \(line) can be read (seed \(seed))")
                }
            }
            XCTAssertGreaterThan(compared, workload.decisions.count / 2, "seed \(seed): too few decisions were read to compare")
            // Screening with no meeting reaches every person on the register.
            let decision = try serial.decision(id: "all", date: "2025-01-01", ["kind": .text(workload.kinds[0]), "value": "£1m",
                                                                               "supplier": .text(workload.organisations[0])])
            XCTAssertEqual(Self.json(parallel.check(decision)), Self.json(serial.check(decision)), "seed \(seed)")
            XCTAssertEqual(Self.json(added.check(decision)), Self.json(serial.check(decision)), "seed \(seed)")
            for (way, engine) in ahead.enumerated() {
                XCTAssertEqual(Self.json(engine.check(decision)), Self.json(serial.check(decision)), "made ahead (\(way)): seed \(seed)")
            }
        }
    }

    /// Engines given a ``PreparedRegister`` in every state it can be in when an engine takes it:
    /// prepared before, not prepared (the engine makes the index, and a later `prepare()` does
    /// nothing), and being prepared on another thread meanwhile, as `check --register FILE`
    /// does (started a random few microseconds before or after the engine takes it); through
    /// ``Engine/with(prepared:strict:)`` and ``Engine/init(scheme:prepared:strict:)``, on one
    /// thread and on two.
    private static func enginesFromPreparedRegisters(scheme: Scheme, register: Register, strict: Bool,
                                                     random: inout some RandomNumberGenerator) -> [Engine] {
        var engines: [Engine] = []
        for inParallel in [true, false] {
            let preparedBefore = PreparedRegister(register)
            preparedBefore.prepare()
            engines.append(Engine.expectingRegister(scheme).with(prepared: preparedBefore, strict: strict, inParallel: inParallel))
            engines.append(Engine(scheme: scheme, prepared: preparedBefore, strict: strict, inParallel: inParallel))

            let notPrepared = PreparedRegister(register)
            engines.append(Engine.expectingRegister(scheme).with(prepared: notPrepared, strict: strict, inParallel: inParallel))
            notPrepared.prepare()
            engines.append(Engine(scheme: scheme, prepared: PreparedRegister(register), strict: strict, inParallel: inParallel))

            for byEngine in [true, false] {
                let beingPrepared = PreparedRegister(register)
                // The rules' jobs shared with a thread that helps after a random delay (before,
                // during or after the jobs), as the register's thread does.
                let jobs = SharedJobs()
                let helpDelay = UInt32(random.next() % 3_000)
                let helper = Thread {
                    usleep(helpDelay)
                    jobs.help()
                }
                helper.start()
                let rulesOnly = inParallel ? Engine.expectingRegister(scheme, sharing: jobs) : Engine.expectingRegister(scheme)
                let delay = UInt32(random.next() % 2_000)
                let preparing = Thread {
                    usleep(delay)
                    beingPrepared.prepare()
                }
                preparing.start()
                usleep(UInt32(random.next() % 2_000))
                engines.append(byEngine ? rulesOnly.with(prepared: beingPrepared, strict: strict, inParallel: inParallel)
                                        : Engine(scheme: scheme, prepared: beingPrepared, strict: strict, inParallel: inParallel))
            }
        }
        return engines
    }

    func testAPreparedRegisterIsIndexedOnceByWhicheverThreadComesFirst() throws {
        let small = try SmallWorkload(seed: TestSeed.generator().seed)
        let prepared = PreparedRegister(small.register)
        prepared.prepare()
        XCTAssertNotNil(prepared.take(), "prepared before: the engine waits for what was made")
        XCTAssertNotNil(prepared.take(), "still there for a second engine")
        let taken = PreparedRegister(small.register)
        XCTAssertNil(taken.take(), "not prepared: the engine makes the index itself")
        taken.prepare()
        XCTAssertNil(taken.take(), "once taken, prepare() makes nothing and a second engine makes its own")
    }

    func testSmallOrAbsentRegistersAreBuiltOnOneThread() throws {
        XCTAssertFalse(Engine.buildsInParallel(register: nil))
        let small = try RegisterLoader.read(Array(FrontDoorRules.register.utf8), fileName: "register.csv").get()
        XCTAssertFalse(small.people.isEmpty)
        XCTAssertFalse(Engine.buildsInParallel(register: small))
        XCTAssertFalse(Engine.buildsRulesInParallel(try Scheme.load(texts: ["main.probity": FrontDoorRules.schemeHeader + FrontDoorRules.rules]).get().program))
    }

    /// `line` with its supplier kept, lowercased, given a legal form, or replaced by a name no
    /// rule file declares.
    private static func varied(_ line: String, supplier: String, random: inout some RandomNumberGenerator) -> String {
        let written = "\"supplier\":\"\(supplier)\""
        switch random.next() % 4 {
        case 0: return line
        case 1: return line.replacingOccurrences(of: written, with: "\"supplier\":\"\(supplier.lowercased())\"")
        case 2: return line.replacingOccurrences(of: written, with: "\"supplier\":\"\(supplier) Ltd\"")
        default: return line.replacingOccurrences(of: written, with: "\"supplier\":\"Riverside Home Care \(random.next() % 100)\"")
        }
    }

    private static func json(_ report: Report) -> String {
        JSONWriter.compact(report.json)
    }
}
