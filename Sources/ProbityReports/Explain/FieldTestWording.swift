import ProbityEngine
import ProbitySemantics
import ProbitySupport

/// A written test of one field (`value in (£10,000 .. £11,848]`, `kind = k06`,
/// `services includes x`), worded in pieces that depend only on the rules: what goes before the
/// decision's value, and what goes after it when the test holds and when it does not.
///
/// ``ConditionWording`` words every such test through these pieces, so there is one wording;
/// ``ReportBuilder`` makes them once per rule when it is built, so a near miss costs one
/// description of the decision's value and one join, not a dozen interpolated strings. A class,
/// so a near miss reads its pieces through one reference instead of copying five strings.
package final class FieldTestWording: Sendable {
    /// The field tested.
    package let field: Int
    /// The words when the decision does not give the field: "`value` is not given".
    package let notGiven: String
    /// Before the decision's value ("`value` is "), or the whole sentence's start when the value
    /// is not shown (``showsValue`` false).
    package let lead: String
    /// Whether the decision's value goes between ``lead`` and the ending.
    package let showsValue: Bool
    /// After the value when the test holds: ", in (£10,000 .. £11,848]".
    package let whenHolds: String
    /// After the value when it does not hold (or is unknown): ", not in (£10,000 .. £11,848]".
    package let whenFails: String

    /// The test's pieces, or nil for a test these pieces cannot word (one comparing two fields,
    /// presence, a constant, `all`/`any`/`not`): ``ConditionWording`` words those itself.
    /// The program is borrowed: an initialiser's arguments are otherwise passed owned, and the
    /// report builder, making these for every conjunct of every rule, copied it (retaining each
    /// of its tables) for each.
    package init?(_ condition: Condition, program: borrowing Program) {
        let name: String
        switch condition {
        case .compare(let field, let op, let value, _):
            name = program.fields[field].name
            let expected = program.describe(value, as: program.fields[field].type)
            self.field = field
            if op == .equal {
                (whenHolds, whenFails) = ("", ", not \(expected)")
            } else {
                (whenHolds, whenFails) = (", \(op.words) \(expected)", ", not \(op.words) \(expected)")
            }
            (lead, showsValue) = ("`\(name)` is ", true)
        case .oneOf(let field, let members, let negated, _):
            name = program.fields[field].name
            let type = program.fields[field].type
            let listed = members.map { program.describe($0, as: type) }.joined(separator: ", ")
            self.field = field
            (whenHolds, whenFails) = Self.membership(negated: negated, "one of \(listed)")
            (lead, showsValue) = ("`\(name)` is ", true)
        case .interval(let field, let lower, let upper, let negated, _):
            name = program.fields[field].name
            let type = program.fields[field].type
            let interval = (lower.map { ($0.isClosed ? "[" : "(") + program.describe(.integer($0.value), as: type) } ?? "(")
                + " .. " + (upper.map { program.describe(.integer($0.value), as: type) + ($0.isClosed ? "]" : ")") } ?? ")")
            self.field = field
            (whenHolds, whenFails) = Self.membership(negated: negated, "in \(interval)")
            (lead, showsValue) = ("`\(name)` is ", true)
        case .contains(let setField, let value, _):
            name = program.fields[setField].name
            let described = program.describe(value, as: program.fields[setField].type)
            self.field = setField
            (whenHolds, whenFails) = ("`\(name)` includes \(described)", "`\(name)` does not include \(described)")
            (lead, showsValue) = ("", false)
        case .compareFields, .memberOfField, .present, .constant, .all, .any, .not:
            return nil
        }
        notGiven = "`\(name)` is not given"
    }

    private init(copying other: FieldTestWording) {
        field = other.field
        notGiven = other.notGiven.withOwnStorage
        lead = other.lead.withOwnStorage
        showsValue = other.showsValue
        whenHolds = other.whenHolds.withOwnStorage
        whenFails = other.whenFails.withOwnStorage
    }

    /// The same wording, in an object and storage of its own (a report builder's replica): a
    /// near miss's reason retains the wording and its texts, and two threads retaining one
    /// object write the same reference count.
    package var withOwnStorage: FieldTestWording {
        FieldTestWording(copying: self)
    }

    /// ", in I" and ", not in I", swapped for a negated test (`not in`): the words say where the
    /// value is, whichever way the rule asked.
    private static func membership(negated: Bool, _ place: String) -> (holds: String, fails: String) {
        negated ? (", not \(place)", ", \(place)") : (", \(place)", ", not \(place)")
    }

    /// The test in words for a decision, given the truth the evaluator found and the decision's
    /// value as ``ConditionWording/describeField(_:_:)`` writes it (asked for only when shown).
    package func words(_ truth: Truth, isGiven: Bool, value: () -> String) -> String {
        guard isGiven else { return notGiven }
        let ending = truth == .yes ? whenHolds : whenFails
        guard showsValue else { return ending }
        return String.joined(lead, value(), ending)
    }
}
