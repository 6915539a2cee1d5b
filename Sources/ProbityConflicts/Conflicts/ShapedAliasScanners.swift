import ProbityRegister
import ProbitySemantics
import Synchronization

/// For each organisation with shaped aliases ("Councillor in {place}"), the two scanners that
/// tell whether a register text names it only through one of them: one for its plain name and
/// `aka` aliases, one for its shaped aliases.
///
/// Made on first use and kept for the screener's life. Both depend on the organisation alone,
/// yet they were made again for every reason a report showed: with the shipped rules, a line
/// whose counterparty a councillor's spouse names cost 2.6× an ordinary line, most of it making
/// these two scanners (stop 23). Only organisations someone names through a shape are ever
/// made, so a single `probity check` pays for none it does not use.
final class ShapedAliasScanners: Sendable {
    /// The pair for one organisation.
    struct Scanners: Sendable {
        /// Its name and `aka` aliases: a text that names it by one of these names it plainly.
        let plain: KeywordScanner
        /// Its shaped aliases, each found as its index in `Organisation.shapedAliases`.
        let shaped: KeywordScanner

        init(_ organisation: Organisation) {
            let names = ([organisation.name] + organisation.aliases).filter { !organisation.shapedAliases.contains($0) }
            plain = KeywordScanner(patterns: names.map { ($0, 0) })
            let shapes = organisation.shapedAliases.enumerated().map { ($0.element, Int32($0.offset)) }
            shaped = KeywordScanner(patterns: shapes, placeNames: Set(shapes.indices))
        }

        /// The shaped alias by which `text` names `organisation`, or nil when it names it by a
        /// plain name or alias (or through no shape at all).
        func shapedAlias(in text: String, of organisation: Organisation) -> String? {
            if !plain.matches(in: text).isEmpty { return nil }
            return shaped.matches(in: text).first.map { organisation.shapedAliases[Int($0)] }
        }
    }

    /// The pairs made so far, by organisation index. Two batch workers may ask at once.
    private let made = Mutex<[Int: Scanners]>([:])

    /// The pair for `organisations[index]`, made now if no one has asked for it before.
    func scanners(for index: Int, in organisations: [Organisation]) -> Scanners {
        made.withLock { made in
            if let known = made[index] { return known }
            let scanners = Scanners(organisations[index])
            made[index] = scanners
            return scanners
        }
    }

    /// The shaped alias by which `text` names `organisations[index]`: nil when the organisation
    /// has no shaped aliases, or when the text names it by a plain name or alias.
    func shapedAlias(in text: String, organisation index: Int, of organisations: [Organisation]) -> String? {
        let organisation = organisations[index]
        guard !organisation.shapedAliases.isEmpty else { return nil }
        return scanners(for: index, in: organisations).shapedAlias(in: text, of: organisation)
    }
}
