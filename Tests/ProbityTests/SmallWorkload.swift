import Probity
import ProbityBenchmark

/// A generated workload of the shape the engine tests share: 200 decisions of 6 kinds, 150
/// organisations, and a register of 1,000 people (at least `Engine.parallelBuildMinimumPeople`,
/// so an engine built from it may use a second thread), with its rules and register loaded.
struct SmallWorkload {
    let workload: Workload
    let scheme: Scheme
    let register: Register

    init(seed: UInt64) throws {
        var config = WorkloadConfig()
        config.seed = seed
        config.decisions = 200
        config.kinds = 6
        config.organisations = 150
        config.people = 1_000
        config.interests = 1_500
        config.committee = 8
        workload = Workload(config)
        scheme = try Scheme.load(texts: ["rules.probity": workload.rulesText()]).get()
        register = try RegisterLoader.read(Array(workload.registerCSV().utf8), fileName: "register.csv").get()
    }
}
