import Foundation
import ProbitySupport

/// The size of a generated workload. The defaults are the workload of issue #6; the scales
/// multiply one dimension at a time to see how each cost grows.
public struct WorkloadConfig: Sendable {
    public var seed: UInt64 = 6
    public var decisions = 100_000
    /// Decision kinds; each has `bandsPerKind` approval rules and one procedure rule.
    public var kinds = 20
    public var bandsPerKind = 10
    public var bodies = 15
    public var organisations = 2_000
    public var people = 5_000
    public var interests = 20_000
    public var committee = 15

    public init() {}

    public var ruleCount: Int { kinds * bandsPerKind + kinds }
}

/// One generated workload, held as plain data. The rule text, the register file and the decision
/// lines are all rendered from these arrays, and ``ReferenceEvaluator`` answers from them
/// directly, so the engine and the reference only share the data, never the code.
public struct Workload: Sendable {
    public struct Band: Sendable {
        /// Exclusive lower and inclusive upper bound, in pence: the band is `(lower, upper]`.
        public var lower: Int64
        public var upper: Int64
        /// Indices into `bodies`.
        public var approvers: [Int]
    }

    public struct ProcedureRule: Sendable {
        public var minimum: Int64
        /// Civil day number (days since 1970-01-01) before which the procedure applies.
        public var cutOff: Int
    }

    public enum InterestKind: Int, Sendable, CaseIterable {
        case financial, indirect, nonFinancialProfessional, nonFinancialPersonal

        public var registerText: String {
            switch self {
            case .financial: "Financial Interest"
            case .indirect: "Indirect Interest"
            case .nonFinancialProfessional: "Non-Financial Professional Interest"
            case .nonFinancialPersonal: "Non-Financial Personal Interest"
            }
        }
    }

    public struct Interest: Sendable {
        public var kind: InterestKind
        /// The organisation the nature names, if any.
        public var organisation: Int?
        public var nature: String
        public var validFrom: Int
        public var validTo: Int?
    }

    public struct Person: Sendable {
        public var name: String
        public var interests: [Interest]
    }

    public struct Decision: Sendable {
        public var id: String
        public var kind: Int
        public var value: Int64
        public var supplier: Int
        public var date: Int
        /// Indices into `people`.
        public var committee: [Int]
    }

    public let config: WorkloadConfig
    public var kinds: [String] = []
    public var bodies: [String] = []
    /// Per kind, its bands in ascending order.
    public var bands: [[Band]] = []
    /// Per kind, its procedure rule.
    public var procedures: [ProcedureRule] = []
    public var organisations: [String] = []
    public var people: [Person] = []
    public var decisions: [Decision] = []
    /// An interest that ended still counts for this many days (`look back 90 days`).
    public static let lookBackDays = 90
    public static let lowestEdge: Int64 = 10_000 * 100
    public static let highestEdge: Int64 = 50_000_000 * 100

    // MARK: - Generation

    public init(_ config: WorkloadConfig) {
        self.config = config
        var random = SplitMix64(seed: config.seed)
        kinds = (0..<config.kinds).map { "k\(Self.pad($0, config.kinds))" }
        bodies = (0..<config.bodies).map { "b\(Self.pad($0, config.bodies))" }
        for _ in 0..<config.kinds {
            bands.append(Self.makeBands(config, &random))
            let minimum = Self.logUniform(Self.lowestEdge, Self.highestEdge / 10, &random) / 100_000 * 100_000
            let cutOff = Self.day(2019, 1, 1) + random.below(Self.day(2026, 12, 31) - Self.day(2019, 1, 1))
            procedures.append(ProcedureRule(minimum: minimum, cutOff: cutOff))
        }
        organisations = Self.organisationNames(config.organisations)
        people = Self.makePeople(config, organisations: organisations, &random)
        decisions.reserveCapacity(config.decisions)
        let first = Self.day(2019, 1, 1), last = Self.day(2025, 12, 31)
        for index in 0..<config.decisions {
            let kind = random.below(config.kinds)
            let value: Int64
            if random.chance(0.05) {
                // Exactly on a band edge (the lowest edge is in no band: bands are `(lower, upper]`).
                let kindBands = bands[kind]
                let edge = random.below(kindBands.count + 1)
                value = edge == 0 ? kindBands[0].lower : kindBands[edge - 1].upper
            } else {
                value = Self.logUniform(Self.lowestEdge / 2, Self.highestEdge + Self.highestEdge / 10, &random)
            }
            var committee: [Int] = []
            while committee.count < min(config.committee, config.people) {
                let person = random.below(config.people)
                if !committee.contains(person) { committee.append(person) }
            }
            decisions.append(Decision(id: "D\(Self.pad(index, max(config.decisions, 100_000)))", kind: kind, value: value,
                                      supplier: random.skewed(config.organisations), date: first + random.below(last - first + 1),
                                      committee: committee))
        }
    }

    private static func makeBands(_ config: WorkloadConfig, _ random: inout SplitMix64) -> [Band] {
        // Edges in whole pounds, log-uniform between the lowest and highest edge, all distinct.
        var edges: Set<Int64> = [lowestEdge, highestEdge]
        while edges.count < config.bandsPerKind + 1 {
            edges.insert(logUniform(lowestEdge, highestEdge, &random) / 100 * 100)
        }
        let sorted = edges.sorted()
        return (0..<config.bandsPerKind).map { band in
            var approvers: [Int] = []
            let count = random.inRange(1...3)
            while approvers.count < count {
                let body = random.below(config.bodies)
                if !approvers.contains(body) { approvers.append(body) }
            }
            return Band(lower: sorted[band], upper: sorted[band + 1], approvers: approvers.sorted())
        }
    }

    private static func logUniform(_ low: Int64, _ high: Int64, _ random: inout SplitMix64) -> Int64 {
        let x = exp(log(Double(low)) + random.unit() * (log(Double(high)) - log(Double(low))))
        return min(high, max(low, Int64(x)))
    }

    static func pad(_ n: Int, _ count: Int) -> String {
        let width = String(max(count - 1, 1)).count
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    // MARK: - Names

    /// Three-word organisation names from three disjoint word lists, so no name can occur inside
    /// another name or inside the words around it in a register text.
    private static let orgFirst = [
        "Alder", "Beacon", "Cedar", "Dunmore", "Elmfield", "Fernhill", "Granville", "Hawthorn", "Ivydale", "Juniper",
        "Kingsway", "Larkspur", "Meadowbank", "Northcote", "Oakridge", "Pinewood", "Queensmead", "Riverside", "Stonebridge", "Thornbury",
        "Upland", "Valemount", "Westbury", "Yewtree", "Ashgrove", "Birchwood", "Copperfield", "Driftwood", "Eastgate", "Foxglove",
        "Glenmore", "Highfield", "Ironbridge", "Kestrel", "Lakeside", "Millbrook", "Newlands", "Orchard", "Parkside", "Redwood",
    ]
    private static let orgSecond = [
        "Health", "Care", "Medical", "Community", "Clinical", "Wellbeing", "Nursing", "Therapy", "Pharmacy", "Support",
    ]
    private static let orgThird = ["Partners", "Services", "Group", "Limited", "Alliance"]

    /// At most 2,000 (a longer name would contain a shorter one).
    static func organisationNames(_ count: Int) -> [String] {
        precondition(count <= orgFirst.count * orgSecond.count * orgThird.count, "at most 2,000 organisations")
        var names: [String] = []
        names.reserveCapacity(count)
        for a in orgFirst { for b in orgSecond { for c in orgThird where names.count < count { names.append("\(a) \(b) \(c)") } } }
        return names
    }

    private static let firstNames = [
        "Alice", "Bernard", "Chloe", "David", "Eleanor", "Farid", "Grace", "Hamza", "Imogen", "James",
        "Kavita", "Liam", "Maya", "Nathan", "Olivia", "Priya", "Quentin", "Rosa", "Samuel", "Tara",
        "Umar", "Violet", "William", "Yasmin", "Zachary", "Amara", "Benedict", "Cerys", "Declan", "Esther",
        "Felix", "Gemma", "Harvey", "Isla", "Jonah", "Keira", "Leon", "Martha", "Niall", "Ophelia",
    ]
    private static let surnameStarts = [
        "Ash", "Black", "Brad", "Carr", "Dal", "Ell", "Fair", "Gold", "Hart", "Kings",
        "Lang", "Mar", "North", "Pen", "Rad", "Sand", "Thorn", "Wal", "Whit", "Wood",
    ]
    private static let surnameEnds = [
        "ford", "well", "ley", "ton", "by", "worth", "wood", "man", "more", "ridge", "shaw", "wick", "field", "hurst", "cott",
    ]

    private static func makePeople(_ config: WorkloadConfig, organisations: [String], _ random: inout SplitMix64) -> [Person] {
        let surnames = surnameStarts.flatMap { start in surnameEnds.map { start + $0 } }
        var used = Set<String>()
        var people: [Person] = []
        people.reserveCapacity(config.people)
        while people.count < config.people {
            let initial = Character(Unicode.Scalar(UInt8(65 + random.below(26))))
            let name = "\(firstNames[random.below(firstNames.count)]) \(initial) \(surnames[random.below(surnames.count)])"
            if used.insert(name).inserted { people.append(Person(name: name, interests: [])) }
        }
        let first = day(2012, 1, 1), last = day(2025, 6, 30)
        for _ in 0..<config.interests {
            let person = random.below(config.people)
            let kind = InterestKind(rawValue: random.below(4))!
            let organisation: Int? = random.chance(0.1) ? nil : random.skewed(organisations.count)
            let from = first + random.below(last - first + 1)
            let to: Int? = random.chance(0.3) ? from + random.below(6 * 365) : nil
            let nature = natureText(kind, organisation.map { organisations[$0] }, &random)
            people[person].interests.append(Interest(kind: kind, organisation: organisation, nature: nature, validFrom: from, validTo: to))
        }
        return people
    }

    /// Free text as people write it on a register. None of its words is in the organisation word
    /// lists, so the only organisation it names is the one put in.
    private static func natureText(_ kind: InterestKind, _ organisation: String?, _ random: inout SplitMix64) -> String {
        guard let organisation else {
            return ["Self-employed consultant", "Governor of a local primary school", "Member of a political party",
                    "Honorary lecturer at a university"][random.below(4)]
        }
        let templates: [String]
        switch kind {
        case .financial: templates = ["Director and shareholder of %@", "Paid adviser to %@", "Holds shares in %@ worth over £5,000"]
        case .indirect: templates = ["Spouse is a director of %@", "Brother employed by %@ as a manager", "Partner holds shares in %@"]
        case .nonFinancialProfessional: templates = ["Unpaid adviser to %@", "Speaker at events run by %@"]
        case .nonFinancialPersonal: templates = ["Trustee of %@", "Volunteer with %@ at weekends"]
        }
        return templates[random.below(templates.count)].replacingOccurrences(of: "%@", with: organisation)
    }

    // MARK: - Days (civil calendar, proleptic Gregorian; days since 1970-01-01)

    /// Howard Hinnant's `days_from_civil`.
    public static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Hinnant's `civil_from_days`.
    public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func iso(_ days: Int) -> String {
        let (y, m, d) = civil(days)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    static func dayMonthYear(_ days: Int) -> String {
        let (y, m, d) = civil(days)
        return "\(d < 10 ? "0" : "")\(d)/\(m < 10 ? "0" : "")\(m)/\(y)"
    }

    static func pounds(_ pence: Int64) -> String {
        let fraction = pence % 100
        return "\(pence / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
