import ProbitySupport

/// Rule files for timing `probity lint`, generated from a seed.
///
/// - ``interacting(rules:seed:)``: a scheme that splits on kind, five more enumerations, value
///   and date at once, the way a real scheme of delegation does. Each kind's decisions are cut by
///   a random decision tree (a random field split at each node: a set of values into two, a value
///   range at a bound, a period at a date) and each leaf is a rule whose condition is its path,
///   so rules test many fields together and only their union covers the kind. About one leaf in
///   a hundred is left out (a planted gap) and about one in a hundred gets a second, wider rule
///   with another approver (a planted overlap).
/// - ``random(rules:seed:approvers:)``: rules written at random over the same fields, with a
///   catch-all per kind (complete, and the rules interact every which way).
/// - ``banded(rules:kinds:)``: each kind cut into value bands, one rule per band: the shape
///   whose cost should grow linearly with the number of rules.
public enum LintWorkload {
    static let kinds = 8
    static let fields = ["budget", "route", "service", "place", "funding"]
    static let valuesPerField = 5
    static let bodies = ["icb-board", "lcp-board", "finance-committee", "place-lead", "cfo", "ceo"]
    /// Day offsets from 2024-01-01 the date splits use, and the last day of the range.
    static let firstDay = Day(year: 2024, month: 1, day: 1)!.number
    static let lastOffset = 3 * 365

    static func prelude(kinds: Int) -> String {
        var text = "scheme \"Generated for lint\" version \"1\" effective from 2024-01-01\nfields\n"
        text += "  required kind: one of \((0..<kinds).map { "k\($0)" }.joined(separator: ", "))\n"
        for field in fields {
            text += "  \(field): one of \((0..<valuesPerField).map { "\(field.prefix(1))\($0)" }.joined(separator: ", "))\n"
        }
        text += "  value: money\n"
        text += "body icb-board \"ICB Board\"\nbody lcp-board \"LCP Board\"\n  committee of icb-board\n"
        text += "body finance-committee \"Finance Committee\"\n  committee of icb-board\n"
        text += "officer place-lead \"Place lead\"\n  reports to lcp-board\nofficer cfo \"Chief Finance Officer\"\n  reports to icb-board\n"
        text += "officer ceo \"Chief Executive\"\n  reports to icb-board\n"
        return text
    }

    /// One leaf of a kind's tree: the values each field may take, a value range and a period.
    struct Region {
        var kind: Int
        var allowed: [[Int]]
        /// Exclusive lower and inclusive upper bound of the value, in £1,000s; nil is open.
        var valueAbove: Int?
        var valueUpTo: Int?
        /// Inclusive day offsets from 2024-01-01; nil is open.
        var from: Int?
        var until: Int?

        func rule(id: Int, approver: String) -> String {
            var text = "rule R\(id) \"generated rule \(id)\"\n"
            let day = { (offset: Int) in Day(number: LintWorkload.firstDay + Int32(offset)).iso }
            switch (from, until) {
            case let (from?, until?): text += "  effective from \(day(from)) until \(day(until))\n"
            case let (from?, nil): text += "  effective from \(day(from))\n"
            case let (nil, until?): text += "  effective until \(day(until))\n"
            case (nil, nil): break
            }
            var conditions = ["kind = k\(kind)"]
            for (f, values) in allowed.enumerated() where values.count < LintWorkload.valuesPerField {
                let name = LintWorkload.fields[f]
                let labels = values.map { "\(name.prefix(1))\($0)" }
                conditions.append(labels.count == 1 ? "\(name) = \(labels[0])" : "\(name) in {\(labels.joined(separator: ", "))}")
            }
            switch (valueAbove, valueUpTo) {
            case let (lo?, hi?): conditions.append("value in (£\(lo)k .. £\(hi)k]")
            case let (lo?, nil): conditions.append("value > £\(lo)k")
            case let (nil, hi?): conditions.append("value <= £\(hi)k")
            case (nil, nil): break
            }
            text += "  when " + conditions.joined(separator: " and ") + "\n"
            text += "  require approval by \(approver)\n"
            return text
        }
    }

    /// About `rules` rules over kind, five enumerations, value and date, from `seed`.
    public static func interacting(rules: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = prelude(kinds: kinds)
        var id = 0
        let perKind = max(1, rules / kinds)
        for kind in 0..<kinds {
            let whole = Region(kind: kind, allowed: fields.map { _ in Array(0..<valuesPerField) })
            for leaf in split(whole, into: perKind, &random) {
                if random.chance(0.01) { continue }
                let approver = bodies[random.below(bodies.count)]
                text += leaf.rule(id: id, approver: approver)
                id += 1
                if random.chance(0.01) {
                    // The same decisions from a value up, approved by someone else as well.
                    var upper = leaf
                    upper.valueAbove = (leaf.valueAbove ?? 0) + 1
                    if let hi = upper.valueUpTo, hi <= upper.valueAbove! { upper.valueUpTo = nil; upper.valueAbove = leaf.valueAbove }
                    text += upper.rule(id: id, approver: bodies[(bodies.firstIndex(of: approver)! + 1) % bodies.count])
                    id += 1
                }
            }
        }
        return text
    }

    /// Cuts `region` into `count` leaves at random fields, bounds and dates.
    static func split(_ region: Region, into count: Int, _ random: inout SplitMix64) -> [Region] {
        guard count > 1 else { return [region] }
        for _ in 0..<20 {
            let choice = random.below(fields.count + 2)
            var left = region, right = region
            if choice < fields.count {
                let values = region.allowed[choice]
                guard values.count >= 2 else { continue }
                let shuffled = values.shuffled(using: &random)
                let cut = 1 + random.below(values.count - 1)
                left.allowed[choice] = shuffled[..<cut].sorted()
                right.allowed[choice] = shuffled[cut...].sorted()
            } else if choice == fields.count {
                // Value bounds on a grid of £1,000s, at least £1,000 apart.
                let lo = region.valueAbove ?? -1, hi = region.valueUpTo ?? 1_000_000
                guard hi - lo >= 2 else { continue }
                let cut = lo + 1 + random.below(hi - lo - 1)
                left.valueUpTo = cut
                right.valueAbove = cut
                if left.valueAbove == -1 { left.valueAbove = nil }
            } else {
                let from = region.from ?? 0, until = region.until ?? lastOffset
                guard until - from >= 2 else { continue }
                let cut = from + 1 + random.below(until - from - 1)
                left.until = cut - 1
                right.from = cut
            }
            let half = count / 2
            return split(left, into: half, &random) + split(right, into: count - half, &random)
        }
        return [region]
    }

    /// `rules` rules written at random, as a scheme grows by amendment rather than by design:
    /// each names a kind, tests each of the five enumerations with probability 1/2 (one to
    /// three values), the value with probability 1/2 (a band between two of twenty bounds) and
    /// has a period with probability 1/5; each kind has a catch-all. With `approvers` bodies
    /// (1: every rule approved by the same body, so no overlaps are reported; more: overlaps).
    public static func random(rules: Int, seed: UInt64, approvers: Int = 1) -> String {
        var random = SplitMix64(seed: seed)
        var text = prelude(kinds: kinds)
        let bounds = (1...20).map { $0 * $0 * 10 }
        for kind in 0..<kinds {
            text += "rule CATCH-ALL-\(kind) \"k\(kind), anything else\"\n  when kind = k\(kind)\n  require approval by \(bodies[0])\n"
        }
        for id in 0..<max(0, rules - kinds) {
            var region = Region(kind: random.below(kinds), allowed: fields.map { _ in Array(0..<valuesPerField) })
            for f in fields.indices where random.chance(0.5) {
                region.allowed[f] = Array(Array(0..<valuesPerField).shuffled(using: &random).prefix(1 + random.below(3))).sorted()
            }
            if random.chance(0.5) {
                let a = random.below(bounds.count), b = random.below(bounds.count)
                region.valueAbove = min(a, b) == 0 ? nil : bounds[min(a, b)]
                region.valueUpTo = max(a, b) == bounds.count - 1 ? nil : bounds[max(a, b)]
            }
            if random.chance(0.2) {
                let from = random.below(lastOffset)
                region.from = from
                region.until = from + random.below(lastOffset - from + 1)
            }
            text += region.rule(id: id, approver: bodies[random.below(min(max(1, approvers), bodies.count))])
        }
        return text
    }

    /// `rules` rules: `kinds` kinds, each cut into value bands of £1,000, one rule per band, the
    /// last band open above.
    public static func banded(rules: Int, kinds: Int = 8) -> String {
        var text = prelude(kinds: kinds)
        let bands = max(1, rules / kinds)
        var id = 0
        for kind in 0..<kinds {
            for band in 0..<bands {
                let range = band == 0 ? "value <= £1k" : band == bands - 1 ? "value > £\(band)k" : "value in (£\(band)k .. £\(band + 1)k]"
                text += "rule R\(id) \"band \(band) of k\(kind)\"\n  when kind = k\(kind) and \(range)\n  require approval by \(bodies[(kind + band) % bodies.count])\n"
                id += 1
            }
        }
        return text
    }
}

extension Array {
    /// A seeded shuffle (Fisher–Yates), so that workloads are the same on every machine.
    func shuffled(using random: inout SplitMix64) -> [Element] {
        var out = self
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, random.below(i + 1))
        }
        return out
    }
}
